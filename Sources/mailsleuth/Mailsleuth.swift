import ArgumentParser

/// The root command: `analyze` is the default subcommand.
struct Mailsleuth: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "mailsleuth",
        abstract: "Offline forensic analysis of suspicious e-mail: where it came from, whether it is authentic, why it would be flagged.",
        discussion: """
        Give it a message file (.eml), an mbox, a Maildir, a folder, or paste a message on standard input.
        Nothing is looked up on the network unless you pass --live.

        Examples:
          mailsleuth suspicious.eml                     analyze one message (terminal report)
          mailsleuth --format markdown msg.eml          an incident note for a ticket
          mailsleuth --format json msg.eml              the full report as JSON
          pbpaste | mailsleuth                          analyze pasted headers
          mailsleuth sweep ~/export.mbox --format csv   one row per message, summary on stderr
          mailsleuth dns lookup sel._domainkey.example.com TXT

        Exit status: 0 every input analyzed; 2 an input could not be read (named on stderr); 64 usage error.
        """,
        version: version,
        subcommands: [Analyze.self, Sweep.self, DNSCommand.self, SPFCommand.self],
        defaultSubcommand: Analyze.self
    )
}
