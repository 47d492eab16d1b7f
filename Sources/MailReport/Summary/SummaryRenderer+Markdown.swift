import MailForensics

/// The sweep summary as a Markdown note for a ticket: tables, text escaped, domains and IPs defanged.
extension SummaryRenderer {
    public static func markdown(_ summary: SweepSummary) -> String {
        var out = "# Mailbox sweep summary\n\n"
        out += "- Messages given: **\(summary.total)** (\(summary.analyzed) analyzed, \(summary.unreadable) could not be read or analyzed)\n"
        out += "- Size: \(formatBytes(summary.bytes)); rows written: \(summary.written)\n"
        if summary.interrupted { out += "- **Interrupted**: the counts cover the messages read before the sweep was stopped.\n" }
        out += "\n## Verdicts\n\n| Level | Messages |\n|---|---:|\n"
        for level in levels { out += "| \(level) | \(summary.verdicts[level] ?? 0) |\n" }
        out += "\n## Authentication (re-verified)\n\n| Check | Outcomes |\n|---|---|\n"
        for mechanism in mechanisms {
            let counts = (summary.authentication[mechanism] ?? [:]).sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            out += "| \(mechanism.uppercased()) | \(counts.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) |\n"
        }
        if !summary.topFindings.isEmpty {
            out += "\n## Most frequent findings\n\n| Messages | Severity | Finding |\n|---:|---|---|\n"
            for finding in summary.topFindings {
                out += "| \(finding.messages) | \(finding.severity.rawValue) | `\(code(finding.id))` \(escape(finding.title)) |\n"
            }
        }
        if !summary.dmarcDomains.isEmpty {
            out += "\n## From domains by DMARC failures\n\n| Domain | Fail | Pass | Other |\n|---|---:|---:|---:|\n"
            for tally in summary.dmarcDomains { out += "| \(defang(escape(tally.domain))) | \(tally.fail) | \(tally.pass) | \(tally.other) |\n" }
        }
        if !summary.signingDomains.isEmpty {
            out += "\n## Signing domains (DKIM d=)\n\n| Domain | Signatures | Pass | Fail | Other |\n|---|---:|---:|---:|---:|\n"
            for tally in summary.signingDomains {
                out += "| \(defang(escape(tally.domain))) | \(tally.total) | \(tally.pass) | \(tally.fail) | \(tally.other) |\n"
            }
        }
        if !summary.sendingIPs.isEmpty {
            out += "\n## Sending IPs\n\n| IP | High-risk | Suspicious | Messages |\n|---|---:|---:|---:|\n"
            for tally in summary.sendingIPs { out += "| \(defang(escape(tally.ip))) | \(tally.highRisk) | \(tally.suspicious) | \(tally.messages) |\n" }
        }
        if !summary.failures.isEmpty {
            out += "\n## Could not be read or analyzed\n\n| File | Message | Byte offset | Why |\n|---|---:|---:|---|\n"
            for failure in summary.failures {
                out += "| \(escape(failure.path)) | \(failure.index + 1) | \(failure.byteOffset) | \(escape(failure.reason)) |\n"
            }
            if summary.failuresNotListed > 0 { out += "\n\(summary.failuresNotListed) more are not listed here; every one has its row in the sweep output.\n" }
        }
        if !summary.notes.isEmpty {
            out += "\n## Notes\n\n"
            for note in summary.notes { out += "- \(escape(note))\n" }
        }
        return out
    }

    /// Markdown-safe text: control characters escaped, Markdown and HTML punctuation backslash-escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in Sanitizer.terminal(text) {
            if "\\`*_[]()<>#+-!|~".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Text for inside a code span: no backticks, no control characters.
    static func code(_ text: String) -> String {
        Sanitizer.terminal(text).replacing("`", with: "'")
    }

    /// A domain or IP made unclickable: every dot becomes `[.]`, IPv6 colons become `[:]`.
    static func defang(_ text: String) -> String {
        text.replacing(".", with: "[.]").replacing(":", with: "[:]")
    }
}
