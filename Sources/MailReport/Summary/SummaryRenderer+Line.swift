import MailForensics

/// One readable line per message for `sweep --format text`; everything from the message is sanitized.
extension SummaryRenderer {
    public static func line(_ report: Report, error: String? = nil) -> String {
        let safe = { (text: String) in Sanitizer.terminal(text) }
        let place = "\(safe(report.source.path))#\(report.source.index + 1)"
        guard error == nil else {
            return "ERROR       \(place)  \(safe(error ?? ""))\n"
        }
        let auth = report.authentication
        let dkim = SweepSummary.messageOutcome(auth.dkim.map(\.result)).rawValue
        let level = report.verdict.level.rawValue.uppercased()
        var line = level.padding(toLength: 10, withPad: " ", startingAt: 0) + " " + pad(String(report.verdict.score), 3)
        line += "  \(place)"
        line += "  \(safe(report.message.date ?? report.message.dateRaw ?? "-"))"
        line += "  \(safe(clip(report.message.from ?? "-", 60)))"
        line += "  \"\(safe(clip(report.message.subject ?? "", 80)))\""
        line += "  dkim=\(dkim) arc=\((auth.arc?.result ?? .none).rawValue) spf=\((auth.spf?.result ?? .none).rawValue)"
        line += " dmarc=\((auth.dmarc?.result ?? .none).rawValue)"
        if let top = report.findings.max(by: { $0.severity < $1.severity }) { line += "  \(safe(top.id))" }
        return line + "\n"
    }

    /// At most `limit` characters, with an ellipsis when cut.
    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
