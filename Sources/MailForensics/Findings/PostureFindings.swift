import MailAuth
import MailParsing

/// Findings about the From domain's published posture and the message's BIMI headers (BIMI draft, RFC 8461, RFC 8460).
enum PostureFindings {
    static let facts = FindingSpec(
        id: "posture.records", severity: .info, title: "What the From: domain publishes about logos and secure delivery.",
        trigger: "At least one of BIMI, MTA-STS or TLS-RPT could be looked up for the From: domain.",
        meaning: "Facts for the incident note: a brand logo record (BIMI), a policy for encrypted delivery (MTA-STS) and where TLS reports go (TLS-RPT). Established organizations often publish them; throw-away domains rarely do.",
        action: "Nothing by itself; useful context when judging whether the domain is a real, maintained one.",
        strength: .inference, references: ["RFC 8461 §3.1", "RFC 8460 §3"])
    static let bimiHeadersFromSender = FindingSpec(
        id: "posture.bimi-headers-from-sender", severity: .warning, title: "The message arrived carrying BIMI logo headers that only a receiver should add.",
        trigger: "BIMI-Location or BIMI-Indicator is present in the message.",
        meaning: "Receivers add these headers after checking a brand's logo; a sender who includes them may be trying to make a mail program show a trusted brand's logo.",
        action: "Do not trust any logo shown for this message; check DMARC for the From: domain.",
        references: ["draft-brand-indicators-for-message-identification §7"])
    static let bimiNotEligible = FindingSpec(
        id: "posture.bimi-not-eligible", severity: .notice, title: "The brand publishes a logo, but this message does not qualify to show it.",
        trigger: "A BIMI record with a logo exists for the From: domain but DMARC did not pass under an enforcing policy.",
        meaning: "Genuine mail from this brand would normally show its logo; if this message shows none, or shows one anyway, something is off.",
        action: "Compare with a known genuine message from the same sender.",
        strength: .inference, references: ["draft-brand-indicators-for-message-identification §4"])

    static let specs = [facts, bimiHeadersFromSender, bimiNotEligible]

    static func headerFindings(_ message: Message) -> [Finding] {
        let fields = message.fields(named: "BIMI-Location") + message.fields(named: "BIMI-Indicator")
        guard !fields.isEmpty else { return [] }
        let evidence = fields.map {
            Evidence(kind: .header, label: $0.name, value: String($0.unfoldedValue.prefix(200)), firstLine: $0.span.firstLine, lastLine: $0.span.lastLine)
        }
        return [bimiHeadersFromSender.finding(evidence: evidence)]
    }

    static func findings(for posture: PostureReport) -> [Finding] {
        var out = [Finding]()
        var evidence = [Evidence]()
        var sentences = [String]()
        if let bimi = posture.bimi {
            if bimi.status == .found, let record = bimi.record {
                evidence.append(Evidence(kind: .dns, label: "BIMI record at \(bimi.name)", value: record, origin: bimi.origin))
            }
            if bimi.status != .notChecked { sentences.append(bimi.note) }
        }
        for record in [posture.mtaSts, posture.tlsRpt].compactMap({ $0 }) {
            if let text = record.record { evidence.append(Evidence(kind: .dns, label: record.name, value: text, origin: record.origin)) }
            if record.status != .notChecked { sentences.append(record.note) }
        }
        if !sentences.isEmpty {
            out.append(facts.finding(explanation: sentences.joined(separator: " "), evidence: evidence))
        }
        if let bimi = posture.bimi, bimi.status == .found, let logo = bimi.logoURL, !logo.isEmpty, bimi.eligible == false {
            out.append(bimiNotEligible.finding(explanation: bimi.eligibility + " " + bimiNotEligible.meaning, evidence: evidence))
        }
        return out
    }
}
