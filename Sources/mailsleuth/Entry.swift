import ArgumentParser

@main
struct Entry {
    static func main() async {
        await Mailsleuth.main()
    }
}
