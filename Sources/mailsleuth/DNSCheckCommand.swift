import ArgumentParser
import MailDNS

/// `mailsleuth dns check FILE...`: validates zone files; every problem as `file:line: message`.
struct DNSCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check zone files for mistakes; every problem is printed as FILE:LINE: message.",
        discussion: """
        Exit status: 0 every file reads cleanly (warnings, such as skipped RRSIG
        or SOA lines, are allowed); 1 otherwise.

        Examples:
          mailsleuth dns check case-42.zone
          mailsleuth dns check ~/.cache/mailsleuth/cache.zone other.zone
        """
    )

    @Argument(help: ArgumentHelp("The zone files to check.", valueName: "FILE"))
    var files: [String]

    mutating func run() async throws {
        var failed = false
        for path in files {
            do {
                let zone = try ZoneFile(contentsOf: path)
                DNSOptionsGroup.report(zone.warnings)
                Console.output("\(Console.safe(path)): OK, \(zone.records.count) records, \(zone.entries.count - zone.records.count) directives")
            } catch {
                failed = true
                DNSOptionsGroup.report(error.issues)
                Console.output("\(Console.safe(path)): \(error.issues.count) error\(error.issues.count == 1 ? "" : "s")")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
