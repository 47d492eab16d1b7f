import ArgumentParser
import Foundation
import MailDNS

/// `mailsleuth dns import`: append pasted `dig` output, zone lines, or a bare key with --name, to the cache.
struct DNSImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add DNS records to the cache: pasted dig output, zone-file lines, or a bare record value with --name.",
        discussion: """
        Reads FILE, or standard input when FILE is - or absent (paste, then
        Ctrl-D). Accepted:
          - dig output, comment lines and all. An NXDOMAIN, SERVFAIL or empty
            NOERROR answer in it is kept too ($NXDOMAIN, $SERVFAIL, $NODATA).
          - zone-file lines, e.g.
            sel._domainkey.example.com. 300 IN TXT "v=DKIM1; k=rsa; p=MIIB..."
          - with --name NAME, just the TXT value, quoted ("v=DKIM1; " "p=...")
            or not (v=DKIM1; k=rsa; p=MIIB...). A value broken over several
            lines is joined, then cut into strings of at most 255 bytes.
        The entries are checked, then appended to the default cache (or --to
        FILE) under a dated comment.

        Examples:
          dig TXT sel._domainkey.example.com | mailsleuth dns import
          mailsleuth dns import --name sel._domainkey.example.com key.txt
          mailsleuth dns import --to case-42.zone records.txt
        """
    )

    @Argument(help: ArgumentHelp("The file to read; - or nothing for standard input.", valueName: "FILE"))
    var file: String = "-"

    @Option(help: ArgumentHelp("Treat the input as the TXT value of this name (a key copied from a web page or a ticket).", valueName: "NAME"))
    var name: String?

    @Option(help: ArgumentHelp("With --name: the TTL to write (optional; mailsleuth does not expire cached answers).", valueName: "SECONDS"))
    var ttl: UInt32?

    @Option(help: ArgumentHelp("Append to this zone file instead of the default cache.", valueName: "FILE"))
    var to: String?

    mutating func run() async throws {
        let text = try readInput()
        let kinds = try entries(from: text)
        guard !kinds.isEmpty else {
            throw ValidationError("nothing to import: the input holds no record. To import a bare value, give its name with --name NAME.")
        }
        guard let target = try to.map(DNSOptionsGroup.path) ?? DNSOptionsGroup.defaultCachePath else {
            throw ValidationError("there is no default cache (neither XDG_CACHE_HOME nor HOME is set): give --to FILE.")
        }
        let appender = ZoneFileAppender(path: target)
        do {
            try appender.begin(source: "import of \(file == "-" ? "standard input" : file)", time: Date())
            try appender.append(ZoneFileWriter.text(kinds))
        } catch {
            Console.error("mailsleuth: cannot write \(Console.safe(target)): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        Console.error("Added \(kinds.count) entr\(kinds.count == 1 ? "y" : "ies") to \(Console.safe(target)):")
        Console.output(kinds.map { Console.safe(ZoneFileWriter.line($0)) }.joined(separator: "\n"))
    }

    private func readInput() throws -> String {
        if file == "-" {
            if isatty(STDIN_FILENO) == 1 { Console.error("Paste the records (or dig output), then press Ctrl-D on a new line.") }
            return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            Console.error("mailsleuth: \(Console.safe(file)): cannot read the file")
            throw ExitCode(2)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The entries the input stands for, checked; errors name the line.
    func entries(from text: String) throws -> [ZoneEntry.Kind] {
        let source = file == "-" ? "standard input" : file
        if let name {
            let owner = DNSQuestion.normalize(name)
            guard DNSName.isValid(owner) else { throw ValidationError("--name: '\(name)' is not a valid domain name.") }
            return [.record(name: owner, ttl: ttl, data: .txt(try Self.characterStrings(text, source: source)))]
        }
        do {
            let zone = try ZoneFile(text: text, file: source)
            DNSOptionsGroup.report(zone.warnings)
            let kinds = zone.entries.map(\.kind)
            return kinds + DigTranscript.negativeEntries(in: text, records: kinds).filter { !kinds.contains($0) }
        } catch {
            DNSOptionsGroup.report(error.issues)
            throw ValidationError("the input is not zone-file lines or dig output. To import a bare TXT value, add --name NAME.")
        }
    }

    /// A pasted TXT value: quoted character-strings as written, or bare text joined and cut into 255-byte strings.
    static func characterStrings(_ text: String, source: String) throws -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("\"") {
            do {
                let zone = try ZoneFile(text: "value.invalid. TXT (\n\(trimmed)\n)\n", file: source)
                if case let .record(_, _, .txt(strings))? = zone.entries.first?.kind { return strings }
            } catch {
                throw ValidationError("the quoted value could not be read: \(error.issues.first?.message ?? "syntax error")")
            }
        }
        let joined = trimmed.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        guard !joined.isEmpty else { throw ValidationError("the value is empty.") }
        var strings: [String] = []
        var current: [UInt8] = []
        for byte in joined.utf8 {
            if current.count == 255 { strings.append(String(decoding: current, as: UTF8.self)); current.removeAll() }
            current.append(byte)
        }
        strings.append(String(decoding: current, as: UTF8.self))
        return strings
    }
}
