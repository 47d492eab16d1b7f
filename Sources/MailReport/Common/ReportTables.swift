import MailForensics

/// The tables every human-readable format shows (hops, authentication, identities), as rows of plain text.
/// Values come from the message and are NOT yet made safe: each renderer escapes them for its medium.
public enum ReportTables {
    public struct Table: Sendable {
        public var columns: [String]
        public var rows: [[String]]
    }

    /// The hop table, oldest first.
    public static func hops(_ path: ReceivedPath) -> Table {
        let boundary = path.trustBoundary?.entryHop
        let rows = path.hops.map { hop -> [String] in
            var client = hop.helo ?? "-"
            if let rdns = hop.reverseDNS, rdns.lowercased() != hop.helo?.lowercased() { client += " (rDNS \(rdns))" }
            if hop.from == nil { client = "-" }
            var number = "\(hop.number)"
            if hop.number == boundary { number += " >" } else if hop.trusted { number += " *" }
            let share = hop.transitShare.map { $0 >= 0.05 ? "\(Int(($0).rounded()))%" : "0%" } ?? ""
            let version = hop.tlsDetail?.split(separator: " ").first.map { " \($0)" } ?? ""
            let tls = hop.tls.map { $0 ? "yes" + (version.contains("TLS") ? version : "") : "no" } ?? "?"
            return [number, client, hop.ip ?? "-", hop.byHost ?? hop.by ?? "-", hop.protocolName ?? "-", tls,
                    hop.timestamp ?? "-", hop.delay ?? "", share]
        }
        return Table(columns: ["Hop", "From (HELO)", "IP", "By", "With", "TLS", "Time (UTC)", "Delay", "Share"], rows: rows)
    }

    /// One line that explains the hop markers and the boundary.
    public static func hopLegend(_ path: ReceivedPath) -> [String] {
        var lines: [String] = []
        if let b = path.trustBoundary {
            let below = b.entryHop > 1 ? " Hops below \(b.entryHop) were written before the receiving side saw the message and are only claims." : ""
            lines.append("> marks hop \(b.entryHop), where the message entered \(b.receivingOrganization ?? b.receivingHost ?? "the receiving organization"); * marks the receiving side's own hops.\(below) \(b.reason)")
        }
        if let ip = path.originatingIP { lines.append("Originating IP (as the receiving side saw it): \(ip)" + (path.helo.map { ", HELO \($0)" } ?? "")) }
        if let claimed = path.claimedOriginIP, claimed != path.originatingIP { lines.append("Oldest address the path claims (unverified): \(claimed)") }
        if let transit = path.transit { lines.append("Total transit time: \(transit)") }
        for hint in path.originHints { lines.append("\(hint.field) (line \(hint.headerLine)): \(hint.value)") }
        return lines
    }

    /// Our re-verification, one row per method.
    public static func authentication(_ auth: AuthenticationReport) -> Table {
        var rows: [[String]] = []
        for d in auth.dkim {
            rows.append(["DKIM", d.result.rawValue, "d=\(d.domain) s=\(d.selector) (line \(d.headerLine))", d.diagnosis.isEmpty ? d.reason : d.diagnosis])
        }
        if let arc = auth.arc { rows.append(["ARC", arc.result.rawValue, "", arc.reason]) }
        if let spf = auth.spf {
            let ip = spf.ip.map { "ip=\($0) " } ?? ""
            rows.append(["SPF", spf.result.rawValue, "\(ip)domain=\(spf.domain)", spf.explanation])
        }
        if let dmarc = auth.dmarc { rows.append(["DMARC", dmarc.result.rawValue, "header.from=\(dmarc.domain)", dmarc.explanation]) }
        for r in auth.recorded {
            rows.append(["Recorded", r.trusted ? "trusted" : "not trusted", "\(r.field) (line \(r.headerLine))", r.why])
        }
        return Table(columns: ["Method", "Result", "Details", "Why"], rows: rows)
    }

    /// The identities and how each compares with the From domain.
    public static func identities(_ identities: IdentityReport) -> Table {
        var rows: [[String]] = []
        func shown(_ i: MailIdentity) -> String {
            let address = i.address ?? "-"
            guard let name = i.displayName, !name.isEmpty else { return address }
            return "\"\(name)\" <\(address)>"
        }
        let comparisons = Dictionary(identities.comparisons.map { ("\($0.identity)|\($0.domain)", $0) }, uniquingKeysWith: { a, _ in a })
        func relation(_ source: String, _ domain: String?) -> String {
            guard let domain, let c = comparisons["\(source)|\(domain)"] else { return "" }
            return c.exact ? "same domain" : c.sameOrganization ? "same organization" : "different organization"
        }
        for f in identities.from { rows.append(["From", shown(f), f.domain ?? "-", ""]) }
        if let s = identities.sender { rows.append(["Sender", shown(s), s.domain ?? "-", relation("Sender", s.domain)]) }
        for r in identities.replyTo { rows.append(["Reply-To", shown(r), r.domain ?? "-", relation("Reply-To", r.domain)]) }
        if let e = identities.envelopeFrom { rows.append(["Envelope (\(e.source))", e.address ?? "-", e.domain ?? "-", relation(e.source, e.domain)]) }
        for d in identities.dkimDomains { rows.append(["DKIM d=", d, d, relation("DKIM d=", d)]) }
        if let h = identities.heloDomain { rows.append(["HELO", h, h, relation("HELO", h)]) }
        if let m = identities.messageIdDomain { rows.append(["Message-ID", m, m, relation("Message-ID", m)]) }
        return Table(columns: ["Identity", "Value", "Domain", "Compared with From"], rows: rows)
    }

    /// Findings, most serious first, stable within a severity.
    public static func sortedFindings(_ findings: [Finding]) -> [Finding] {
        findings.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }

    /// "line 12" or "lines 12-14" for evidence.
    public static func lines(_ e: Evidence) -> String {
        guard let first = e.firstLine else { return "" }
        guard let last = e.lastLine, last != first else { return "line \(first)" }
        return "lines \(first)-\(last)"
    }
}
