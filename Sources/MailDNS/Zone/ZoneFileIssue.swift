/// A problem found while reading a zone file, with file and line (RFC 1035 §5 syntax).
public struct ZoneFileIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var file: String
    public var line: Int
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.severity = severity
        self.message = message
    }

    public var description: String {
        "\(file):\(line): \(severity == .warning ? "warning: " : "")\(message)"
    }
}

/// A zone file that could not be read: every error found, each with file and line.
public struct ZoneFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var issues: [ZoneFileIssue]

    public init(issues: [ZoneFileIssue]) {
        self.issues = issues
    }

    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
