import MailForensics

/// Renders a report as a Markdown incident note for a ticket. Placeholder: the forensic report work fills it.
public enum MarkdownRenderer {
    public static func render(_ report: Report) -> String {
        "# Incident note\n\nVerdict: **\(report.verdict.level.rawValue)** (score \(report.verdict.score))\n"
    }
}
