import MailForensics

/// Renders a report as a Markdown incident note ready to paste into a ticket: summary and verdict, why it would be
/// flagged, hop table, authentication, identities, findings with evidence, defanged indicators, input SHA-256,
/// tool version, evaluation time and DNS data used. Everything quoted from the message is escaped
/// (`MarkdownText.escape`), so a hostile header cannot inject links, HTML or table cells.
public enum MarkdownRenderer {
    public static func render(_ report: Report) -> String {
        var out: [String] = []
        let e = MarkdownText.escape
        out.append("# Incident note: \(e(report.message.subject ?? "(no subject)"))")
        out.append("")
        out.append("| Item | Value |")
        out.append("|---|---|")
        func row(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out.append("| \(label) | \(e(value)) |")
        }
        out.append("| Verdict | **\(report.verdict.level.rawValue.uppercased())** (score \(report.verdict.score)/100) |")
        row("From", report.message.from)
        row("To", report.message.to)
        row("Subject", report.message.subject)
        row("Date", report.message.date ?? report.message.dateRaw)
        row("Message-ID", report.message.messageId)
        row("Return-Path", report.message.returnPath)
        row("Input", report.source.path + (report.source.kind == .mbox ? " #\(report.source.index + 1)" : ""))
        row("Input SHA-256", report.source.sha256)
        row("Tool", "\(report.tool.name) \(report.tool.version)")
        if let at = report.evaluationTime { row("Evaluated at", "\(at.time) (\(at.basis))") }

        out.append("")
        out.append("## Why this would be flagged")
        out.append("")
        out.append(e(report.verdict.summary))

        if let path = report.path, !path.hops.isEmpty {
            out.append("")
            out.append("## Received path (oldest first)")
            out.append("")
            out += table(ReportTables.hops(path))
            out.append("")
            for legend in ReportTables.hopLegend(path) { out.append("- \(e(legend))") }
        }

        out.append("")
        out.append("## Authentication")
        out.append("")
        out.append("Our re-verification:")
        out.append("")
        out.append("```")
        out.append("Authentication-Results: " + MarkdownText.fenced(report.authentication.authenticationResults ?? "mailsleuth; none"))
        out.append("```")
        let auth = ReportTables.authentication(report.authentication)
        if !auth.rows.isEmpty {
            out.append("")
            out += table(auth)
        }

        if let identities = report.identities {
            let t = ReportTables.identities(identities)
            if !t.rows.isEmpty {
                out.append("")
                out.append("## Identities")
                out.append("")
                out += table(t)
            }
        }

        if !report.vendorVerdicts.isEmpty {
            out.append("")
            out.append("## Spam-filter verdicts recorded in the message")
            out.append("")
            for v in report.vendorVerdicts {
                out.append("- \(e(v.vendor)), \(e(v.field)) (line \(v.headerLine))\(v.trusted ? "" : " *(not written by the receiving side)*"): \(e(v.summary))")
            }
        }

        out.append("")
        out.append("## Findings")
        out.append("")
        if report.findings.isEmpty { out.append("None.") }
        for finding in ReportTables.sortedFindings(report.findings) {
            out.append("### [\(finding.severity.rawValue.uppercased())] \(e(finding.title))")
            out.append("")
            out.append("\(e(finding.explanation)) (`\(MarkdownText.fenced(finding.id))`, \(finding.strength.rawValue) evidence)")
            if !finding.evidence.isEmpty {
                out.append("")
                for ev in finding.evidence {
                    let at = ReportTables.lines(ev)
                    let origin = ev.origin.map { " (DNS: \(e($0)))" } ?? ""
                    out.append("- \(e(ev.label))\(at.isEmpty ? "" : " (\(at))"): \(e(MarkdownText.defangSchemes(ev.value)))\(origin)")
                }
            }
            out.append("")
        }

        let indicators = Indicators.collect(report)
        out.append("## Indicators (defanged)")
        out.append("")
        if indicators.isEmpty { out.append("None.") }
        for (kind, values) in indicators { out.append("- \(kind): " + values.map { "`\(MarkdownText.fenced($0))`" }.joined(separator: ", ")) }

        out.append("")
        out.append("## DNS data used")
        out.append("")
        if report.dnsUsed.isEmpty { out.append("None: nothing was looked up.") }
        for use in report.dnsUsed {
            out.append("- \(e(use.question)): \(e(use.outcome))" + (use.origin.map { " (\(e($0)))" } ?? ""))
        }
        out.append("")
        return out.joined(separator: "\n")
    }

    static func table(_ t: ReportTables.Table) -> [String] {
        var lines = ["| " + t.columns.map(MarkdownText.escape).joined(separator: " | ") + " |",
                     "|" + String(repeating: "---|", count: t.columns.count)]
        for row in t.rows { lines.append("| " + row.map { MarkdownText.escape($0) }.joined(separator: " | ") + " |") }
        return lines
    }
}

/// Escaping for Markdown (CommonMark) and the HTML it may carry.
public enum MarkdownText {
    /// Control characters shown as escapes, newlines as spaces, and every character with a Markdown or HTML meaning
    /// backslash-escaped or entity-encoded, so the text renders literally (also inside table cells).
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in Sanitizer.terminal(text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")) {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        return out
    }

    /// Free text with URL schemes broken (`hxxp://`) so an excerpt is never a live link.
    public static func defangSchemes(_ s: String) -> String {
        s.replacingOccurrences(of: "http://", with: "hxxp://", options: .caseInsensitive)
            .replacingOccurrences(of: "https://", with: "hxxps://", options: .caseInsensitive)
    }

    /// Text safe inside a code span or fenced block: controls escaped, backticks replaced.
    public static func fenced(_ text: String) -> String {
        Sanitizer.terminal(text.replacingOccurrences(of: "\t", with: "    "), allowNewlines: true).replacingOccurrences(of: "`", with: "'")
    }
}

/// The indicators a note lists: those the content work collected (URLs, addresses, domains, IPs, hashes) plus
/// the addresses, domains and IPs of the path and the identities, each defanged, deduplicated.
enum Indicators {
    static func collect(_ report: Report) -> [(String, [String])] {
        var items: [IOC] = report.iocs?.items ?? []
        func add(_ type: IOC.Kind, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            items.append(IOC(type: type, value: value, context: "header"))
        }
        if let path = report.path {
            add(.ip, path.originatingIP)
            add(.ip, path.claimedOriginIP)
            let entry = path.trustBoundary?.entryHop ?? path.hops.count
            for hop in path.hops where hop.ipScope == .global && hop.number <= entry { add(.ip, hop.ip) }
            for hint in path.originHints where hint.ipScope == .global { add(.ip, hint.ip) }
            if let helo = path.helo, IPAddress(helo) == nil, helo.contains(".") { add(.domain, helo) }
        }
        if let ids = report.identities {
            for identity in ids.from + ids.replyTo + [ids.sender, ids.envelopeFrom].compactMap({ $0 }) {
                add(.email, identity.address)
                add(.domain, identity.domain)
            }
            for d in ids.dkimDomains { add(.domain, d) }
        }
        let labels: [(IOC.Kind, String)] = [(.url, "URLs"), (.domain, "Domains"), (.ip, "IP addresses"), (.email, "E-mail addresses"),
                                            (.sha256, "SHA-256"), (.sha1, "SHA-1"), (.md5, "MD5")]
        var out: [(String, [String])] = []
        for (kind, label) in labels {
            var seen: Set<String> = []
            let values = items.filter { $0.type == kind && seen.insert($0.value.lowercased()).inserted }.prefix(100).map(Defang.ioc)
            if !values.isEmpty { out.append((label, Array(values))) }
        }
        return out
    }
}
