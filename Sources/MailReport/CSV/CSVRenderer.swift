import MailForensics

/// Renders one sweep row per message as CSV (RFC 4180: comma-separated, CRLF line ends, quoted cells), safe to
/// open in a spreadsheet: a cell that would start a formula gets a leading `'`, control characters are escaped.
public enum CSVRenderer {
    /// The column names, in order.
    public static let columns = [
        "source", "index", "offset", "date", "from", "return_path", "subject",
        "dkim", "dkim_domains", "arc", "spf", "dmarc", "verdict", "score", "findings", "error",
    ]

    /// How many finding ids the `findings` column lists (most severe first).
    public static let findingLimit = 5

    /// The header row, with its CRLF.
    public static var headerLine: String { columns.joined(separator: ",") + "\r\n" }

    /// One row for `report`, with its CRLF; `error` is why the message could not be read or analyzed.
    public static func row(_ report: Report, error: String? = nil) -> String {
        let auth = report.authentication
        let analyzed = error == nil
        let findings = report.findings.enumerated()
            .sorted { ($0.element.severity, $1.offset) > ($1.element.severity, $0.offset) }
            .prefix(findingLimit).map(\.element.id)
        var domains: [String] = []
        for signature in auth.dkim where !domains.contains(signature.domain) { domains.append(signature.domain) }
        let cells: [String] = [
            cell(report.source.path),
            String(report.source.index),
            String(report.source.byteOffset),
            cell(report.message.date ?? report.message.dateRaw ?? ""),
            cell(report.message.from ?? ""),
            cell(report.message.returnPath ?? ""),
            cell(report.message.subject ?? ""),
            analyzed ? SweepSummary.messageOutcome(auth.dkim.map(\.result)).rawValue : "",
            cell(domains.joined(separator: " ")),
            analyzed ? (auth.arc?.result ?? .none).rawValue : "",
            analyzed ? (auth.spf?.result ?? .none).rawValue : "",
            analyzed ? (auth.dmarc?.result ?? .none).rawValue : "",
            analyzed ? report.verdict.level.rawValue : "error",
            analyzed ? String(report.verdict.score) : "",
            cell(findings.joined(separator: " ")),
            cell(error ?? ""),
        ]
        return cells.joined(separator: ",") + "\r\n"
    }

    /// One cell: formula-neutralized, control characters escaped, quoted when it holds a comma, quote or space edge.
    public static func cell(_ raw: String) -> String {
        var text = raw
        if let first = text.unicodeScalars.first, formulaStarts.contains(first) { text = "'" + text }
        text = Sanitizer.terminal(text)
        let needsQuotes = text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    /// First characters that make spreadsheets read a cell as a formula (OWASP CSV injection), full-width forms too.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]
}
