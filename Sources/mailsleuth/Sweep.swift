import ArgumentParser

/// `mailsleuth sweep`: one row per message over whole mailboxes, with a summary. Placeholder until the sweep work lands.
struct Sweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sweep mboxes, Maildirs and folders: one row per message, then a summary."
    )

    @Argument(help: ArgumentHelp("mbox files, Maildirs, directories or message files.", valueName: "PATH"))
    var paths: [String]

    mutating func run() async throws {
        throw ValidationError("sweep is not available yet")
    }
}
