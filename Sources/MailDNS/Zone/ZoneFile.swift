import Foundation

/// A parsed zone file: DNS master-file records (RFC 1035 §5) and mailsleuth's directives, in file order.
public struct ZoneFile: Sendable, Hashable {
    /// The name used in origins and messages (the path as given).
    public var file: String
    public var entries: [ZoneEntry]
    /// Lines that were read but skipped (record types mailsleuth does not use, such as RRSIG or SOA).
    public var warnings: [ZoneFileIssue]

    public init(file: String, entries: [ZoneEntry], warnings: [ZoneFileIssue] = []) {
        self.file = file
        self.entries = entries
        self.warnings = warnings
    }

    /// Parses zone text; throws every error found, each with file and line.
    public init(text: String, file: String) throws(ZoneFileError) {
        let result = ZoneFileParser.parse(Array(text.utf8), file: file)
        let errors = result.issues.filter { $0.severity == .error }
        guard errors.isEmpty else { throw ZoneFileError(issues: errors) }
        self.init(file: file, entries: result.entries, warnings: result.issues.filter { $0.severity == .warning })
    }

    /// Reads and parses a zone file from disk.
    public init(contentsOf path: String) throws(ZoneFileError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ZoneFileError(issues: [ZoneFileIssue(file: path, line: 0, message: "cannot read the file (missing or not readable)")])
        }
        let result = ZoneFileParser.parse([UInt8](data), file: path)
        let errors = result.issues.filter { $0.severity == .error }
        guard errors.isEmpty else { throw ZoneFileError(issues: errors) }
        self.init(file: path, entries: result.entries, warnings: result.issues.filter { $0.severity == .warning })
    }

    /// The records, each with its origin (`file:line`).
    public var records: [DNSRecord] {
        entries.compactMap { $0.record(file: file) }
    }
}
