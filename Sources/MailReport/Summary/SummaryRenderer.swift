import Foundation
import MailForensics

/// Renders a sweep summary for the analyst: plain text for the terminal, JSON, or Markdown for a ticket.
/// Every string that came from a message is sanitized (terminal) or escaped and defanged (Markdown).
public enum SummaryRenderer {
    /// The verdict levels, most serious first.
    static let levels = Verdict.Level.allCases.sorted(by: >).map(\.rawValue)
    static let mechanisms = ["dkim", "arc", "spf", "dmarc"]

    /// The summary as stable JSON (sorted keys).
    public static func json(_ summary: SweepSummary) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(summary) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The summary as a few readable lines for the terminal (standard error).
    public static func text(_ summary: SweepSummary) -> String {
        let safe = { (text: String) in Sanitizer.terminal(text) }
        var lines: [String] = []
        lines.append("Sweep summary: \(summary.total) message\(summary.total == 1 ? "" : "s") (\(summary.analyzed) analyzed, "
            + "\(summary.unreadable) could not be read or analyzed), \(formatBytes(summary.bytes)); \(summary.written) row\(summary.written == 1 ? "" : "s") written.")
        if summary.interrupted { lines.append("  INTERRUPTED: the sweep was stopped before the end; the counts cover the messages read so far.") }
        lines.append("  Verdicts:  " + levels.map { "\($0) \(summary.verdicts[$0] ?? 0)" }.joined(separator: ", "))
        for mechanism in mechanisms {
            let counts = summary.authentication[mechanism] ?? [:]
            let parts = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }
            lines.append("  \(mechanism.uppercased().padding(toLength: 6, withPad: " ", startingAt: 0))     " + (parts.isEmpty ? "-" : parts.joined(separator: ", ")))
        }
        if !summary.topFindings.isEmpty {
            lines.append("  Most frequent findings:")
            for finding in summary.topFindings.prefix(10) {
                lines.append("    \(pad(String(finding.messages), 7)) [\(finding.severity.rawValue)] \(safe(finding.id)): \(safe(finding.title))")
            }
        }
        let failing = summary.dmarcDomains.filter { $0.fail > 0 }
        if !failing.isEmpty {
            lines.append("  From domains failing DMARC most:")
            for tally in failing.prefix(10) { lines.append("    \(pad(String(tally.fail), 7)) of \(tally.total)  \(safe(tally.domain))") }
        }
        if !summary.signingDomains.isEmpty {
            lines.append("  Signing domains (DKIM d=), signatures pass/fail/other:")
            for tally in summary.signingDomains.prefix(10) {
                lines.append("    \(pad(String(tally.total), 7))  \(tally.pass)/\(tally.fail)/\(tally.other)  \(safe(tally.domain))")
            }
        }
        let risky = summary.sendingIPs.filter { $0.highRisk + $0.suspicious > 0 }
        if !risky.isEmpty {
            lines.append("  Sending IPs of high-risk and suspicious messages:")
            for tally in risky.prefix(10) {
                lines.append("    \(pad(String(tally.highRisk), 7)) high-risk, \(tally.suspicious) suspicious, \(tally.messages) in all  \(safe(tally.ip))")
            }
        }
        if !summary.failures.isEmpty {
            lines.append("  Could not be read or analyzed:")
            for failure in summary.failures.prefix(20) {
                lines.append("    \(safe(failure.path)) #\(failure.index + 1) (byte \(failure.byteOffset)): \(safe(failure.reason))")
            }
            let more = summary.failures.count - min(summary.failures.count, 20) + summary.failuresNotListed
            if more > 0 { lines.append("    ... and \(more) more (every one has its row in the output)") }
        }
        for note in summary.notes { lines.append("  Note: \(safe(note))") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Bytes as B, kB, MB or GB (decimal units).
    public static func formatBytes(_ bytes: Int) -> String {
        let value = Double(bytes)
        if value < 1_000 { return "\(bytes) B" }
        if value < 1_000_000 { return String(format: "%.1f kB", value / 1_000) }
        if value < 1_000_000_000 { return String(format: "%.1f MB", value / 1_000_000) }
        return String(format: "%.2f GB", value / 1_000_000_000)
    }
}
