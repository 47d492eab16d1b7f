import ArgumentParser

/// `mailsleuth dns`: look up, import, list and check cached DNS data. Placeholder until the DNS work lands.
struct DNSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dns",
        abstract: "Look up, import, list and check the DNS answers used for verification (offline cache by default)."
    )

    mutating func run() async throws {
        throw ValidationError("dns is not available yet")
    }
}
