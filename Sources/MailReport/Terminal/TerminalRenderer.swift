import MailForensics

/// Renders a report for a terminal: headline facts, verdict and why, hop table, authentication, identities,
/// vendor verdicts, findings by severity with evidence. Every string from the message goes through
/// `Sanitizer.terminal`; colour only when asked (the CLI asks when stdout is a terminal and NO_COLOR is unset).
public struct TerminalRenderer: Sendable {
    public var color: Bool
    /// Maximum line width for wrapped prose.
    public var width: Int

    public init(color: Bool, width: Int = 100) {
        self.color = color
        self.width = width
    }

    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    func severityCode(_ s: Severity) -> String {
        switch s {
        case .critical: return "1;31"
        case .warning: return "33"
        case .notice: return "36"
        case .info: return "2"
        }
    }

    func levelCode(_ l: Verdict.Level) -> String {
        switch l {
        case .highRisk: return "1;31"
        case .suspicious: return "1;33"
        case .notice: return "36"
        case .clean: return "32"
        }
    }

    static func safe(_ text: String) -> String { Sanitizer.terminal(text) }

    /// Word-wraps sanitized text with an indent.
    func wrap(_ text: String, indent: String) -> [String] {
        var lines: [String] = []
        var current = indent
        for word in Self.safe(text).split(separator: " ") {
            if current.count + word.count + 1 > width, current.count > indent.count {
                lines.append(current)
                current = indent
            }
            current += (current.count > indent.count ? " " : "") + word
        }
        if current.count > indent.count { lines.append(current) }
        return lines
    }

    /// A table with columns sized to content (capped), every cell sanitized and cut to fit.
    func table(_ t: ReportTables.Table, indent: String = "  ", cap: Int = 32) -> [String] {
        let cells = t.rows.map { $0.map { Self.safe($0) } }
        var widths = t.columns.map(\.count)
        for row in cells { for (i, c) in row.enumerated() where i < widths.count { widths[i] = min(cap, max(widths[i], c.count)) } }
        func line(_ row: [String]) -> String {
            let padded = row.enumerated().map { i, c -> String in
                let w = i < widths.count ? widths[i] : c.count
                let cut = c.count > w ? String(c.prefix(max(1, w - 1))) + "…" : c
                return cut.padding(toLength: w, withPad: " ", startingAt: 0)
            }
            var s = indent + padded.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
        return [paint(line(t.columns), "1")] + cells.map(line)
    }

    public func render(_ report: Report) -> String {
        var lines: [String] = []
        func section(_ title: String) { lines.append(""); lines.append(paint(title, "1;4")) }
        func field(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("\(label.padding(toLength: 13, withPad: " ", startingAt: 0))\(Self.safe(value))")
        }
        lines.append(paint("== \(Self.safe(report.source.path))" + (report.source.kind == .mbox ? " #\(report.source.index + 1)" : ""), "1"))
        field("From:", report.message.from)
        field("To:", report.message.to)
        field("Subject:", report.message.subject)
        field("Date:", report.message.date ?? report.message.dateRaw)
        field("Message-ID:", report.message.messageId)
        field("Return-Path:", report.message.returnPath)
        field("SHA-256:", report.source.sha256)

        lines.append("")
        let level = report.verdict.level.rawValue.uppercased()
        lines.append("Verdict:     " + paint("\(level)", levelCode(report.verdict.level)) + " (score \(report.verdict.score)/100)")
        lines += wrap(report.verdict.summary, indent: "  ")

        if let path = report.path, !path.hops.isEmpty {
            section("Received path (oldest first)")
            lines += table(ReportTables.hops(path))
            for legend in ReportTables.hopLegend(path) { lines += wrap(legend, indent: "  ") }
        }

        section("Authentication")
        if let ar = report.authentication.authenticationResults {
            lines.append("  Our re-verification, as a receiving server would record it:")
            let parts = ar.components(separatedBy: "\n\t")
            for (n, part) in parts.enumerated() {
                lines.append((n == 0 ? "    Authentication-Results: " : "        ") + Self.safe(part))
            }
        }
        let auth = ReportTables.authentication(report.authentication)
        if auth.rows.isEmpty {
            lines.append("  No authentication results.")
        } else {
            // Method, result and details as a table; the reason wrapped in full under each row.
            let short = ReportTables.Table(columns: Array(auth.columns.prefix(3)), rows: auth.rows.map { Array($0.prefix(3)) })
            let rendered = table(short, cap: 60)
            lines.append(rendered[0])
            for (row, line) in zip(auth.rows, rendered.dropFirst()) {
                lines.append(line)
                if row.count > 3, !row[3].isEmpty { lines += wrap(row[3], indent: "      ") }
            }
        }

        if let identities = report.identities {
            let t = ReportTables.identities(identities)
            if !t.rows.isEmpty {
                section("Identities")
                lines += table(t, cap: 50)
            }
        }

        if !report.vendorVerdicts.isEmpty {
            section("Spam-filter verdicts recorded in the message")
            for v in report.vendorVerdicts {
                let trust = v.trusted ? "" : " [not written by the receiving side]"
                lines += wrap("\(v.vendor), \(v.field) (line \(v.headerLine)): \(v.summary)\(trust)", indent: "  ")
                for code in v.codes where code.signal != nil || code.meaning != nil {
                    guard let meaning = code.meaning, code.signal != nil || ["SCL", "BCL", "CAT", "SFV", "compauth", "reason", "CTRY", "CIP"].contains(code.key) else { continue }
                    lines += wrap("\(code.key)=\(code.value): \(meaning) (\(code.source?.rawValue ?? "unknown source"))", indent: "      ")
                }
            }
        }

        section("Findings")
        if report.findings.isEmpty { lines.append("  None.") }
        for finding in ReportTables.sortedFindings(report.findings) {
            let tag = paint("[\(finding.severity.rawValue.uppercased())]", severityCode(finding.severity))
            lines.append("  \(tag) \(Self.safe(finding.title))  " + paint("(\(finding.id))", "2"))
            lines += wrap(finding.explanation, indent: "      ")
            for e in finding.evidence {
                let at = ReportTables.lines(e)
                let origin = e.origin.map { " [\($0)]" } ?? ""
                lines += wrap("- \(e.label)\(at.isEmpty ? "" : " (\(at))"): \(e.value)\(origin)", indent: "      ")
            }
        }

        if !report.defects.isEmpty {
            section("Parse defects")
            for defect in report.defects {
                let at = defect.span.map { " (line \($0.firstLine))" } ?? ""
                lines.append("  \(defect.id)\(at): \(Self.safe(defect.detail))")
            }
        }
        if let at = report.evaluationTime {
            lines.append("")
            lines.append(paint("Evaluated at \(at.time) (\(at.basis)) by \(report.tool.name) \(report.tool.version).", "2"))
        }
        return lines.joined(separator: "\n")
    }
}
