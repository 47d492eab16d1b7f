import ArgumentParser
import Foundation
import MailDNS

/// `mailsleuth dns list`: what the cache (or the given zone files) holds, entry by entry with line numbers.
struct DNSListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show what the DNS cache (or the given zone files) holds, with line numbers.",
        discussion: """
        With no FILE, lists the default cache ($XDG_CACHE_HOME/mailsleuth/
        cache.zone, else ~/.cache/mailsleuth/cache.zone).

        Examples:
          mailsleuth dns list
          mailsleuth dns list case-42.zone
        """
    )

    @Argument(help: ArgumentHelp("Zone files to list (default: the cache).", valueName: "FILE"))
    var files: [String] = []

    mutating func run() async throws {
        var paths = files
        if paths.isEmpty {
            guard let cache = DNSOptionsGroup.defaultCachePath, FileManager.default.fileExists(atPath: cache) else {
                Console.output("The cache is empty (\(Console.safe(DNSOptionsGroup.defaultCachePath ?? "no cache directory")) does not exist yet).\n"
                               + "Fill it with 'mailsleuth dns import' or 'mailsleuth analyze --live --record @cache'.")
                return
            }
            paths = [cache]
        }
        var failed = false
        for path in paths {
            do {
                let zone = try ZoneFile(contentsOf: path)
                let records = zone.entries.filter { if case .record = $0.kind { return true } else { return false } }.count
                Console.output("\(Console.safe(path)): \(records) record\(records == 1 ? "" : "s"), \(zone.entries.count - records) directive\(zone.entries.count - records == 1 ? "" : "s")")
                let lines = zone.entries.map { String(format: "%6d  ", $0.line) + ZoneFileWriter.line($0.kind) }
                if !lines.isEmpty { Console.output(lines.map(Console.safe).joined(separator: "\n")) }
            } catch {
                failed = true
                DNSOptionsGroup.report(error.issues)
            }
        }
        if failed { throw ExitCode(1) }
    }
}
