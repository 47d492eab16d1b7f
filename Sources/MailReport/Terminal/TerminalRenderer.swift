import MailForensics

/// Renders a report for a terminal; every string from the message is sanitized.
public struct TerminalRenderer: Sendable {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func render(_ report: Report) -> String {
        var lines: [String] = []
        func field(_ label: String, _ value: String?) {
            guard let value else { return }
            lines.append("\(label.padding(toLength: 12, withPad: " ", startingAt: 0)) \(Sanitizer.terminal(value))")
        }
        lines.append("== \(Sanitizer.terminal(report.source.path))" + (report.source.kind == .mbox ? " #\(report.source.index + 1)" : ""))
        field("From:", report.message.from)
        field("To:", report.message.to)
        field("Subject:", report.message.subject)
        field("Date:", report.message.date ?? report.message.dateRaw)
        field("Message-ID:", report.message.messageId)
        field("Return-Path:", report.message.returnPath)
        lines.append("Verdict:     \(report.verdict.level.rawValue) (score \(report.verdict.score))")
        if !report.verdict.summary.isEmpty { lines.append("  \(Sanitizer.terminal(report.verdict.summary))") }
        if !report.findings.isEmpty {
            lines.append("Findings:")
            for finding in report.findings.sorted(by: { $0.severity > $1.severity }) {
                lines.append("  [\(finding.severity.rawValue)] \(Sanitizer.terminal(finding.title))")
            }
        }
        if !report.defects.isEmpty {
            lines.append("Parse defects:")
            for defect in report.defects {
                let at = defect.span.map { " (line \($0.firstLine))" } ?? ""
                lines.append("  \(defect.id)\(at): \(Sanitizer.terminal(defect.detail))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
