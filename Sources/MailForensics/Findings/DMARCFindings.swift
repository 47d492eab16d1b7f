import MailAuth

/// Findings about DMARC: whether anything authenticated matches the visible From: domain (RFC 7489 §3.1, §6.6).
enum DMARCFindings {
    static let pass = FindingSpec(
        id: "dmarc.pass", severity: .info, title: "The visible From: domain is authenticated (DMARC pass).",
        trigger: "SPF or a DKIM signature passed for a domain that aligns with the From: domain.",
        meaning: "The From: domain the reader sees is backed by SPF or DKIM. The domain may still be a look-alike of a real brand.",
        action: "Check that the From: domain is the organization it claims to be (spelling, look-alike characters).",
        references: ["RFC 7489 §6.6.2"])
    static let fail = FindingSpec(
        id: "dmarc.fail", severity: .warning, title: "Nothing authenticates the visible From: domain (DMARC fail).",
        trigger: "Neither SPF nor any DKIM signature passed for a domain aligned with the From: domain, and the domain publishes DMARC.",
        meaning: "The From: address the reader sees is not backed by any check. This is the usual shape of a spoofed sender; mailing lists and forwarding can also cause it.",
        action: "Treat the sender as unverified. If the domain asks for reject or quarantine, a receiver following DMARC would not have delivered it normally.",
        references: ["RFC 7489 §6.6.2", "RFC 7489 §6.7"])
    static let none = FindingSpec(
        id: "dmarc.none", severity: .notice, title: "The From: domain publishes no usable DMARC policy.",
        trigger: "No DMARC record at the From: domain or its organizational domain, or one without a valid policy.",
        meaning: "The domain's owner gives receivers no instruction about mail that fails authentication; spoofing it is easier.",
        action: "Rely on the SPF and DKIM findings and the Received path.",
        references: ["RFC 7489 §6.6.3"])
    static let permerror = FindingSpec(
        id: "dmarc.permerror", severity: .notice, title: "DMARC could not be evaluated (permanent error).",
        trigger: "The DMARC record is malformed, or the From: field has no usable domain.",
        meaning: "No DMARC verdict can be given; a missing or unreadable From: domain is itself unusual.",
        action: "Look at the From: field and the record quoted in the evidence.",
        references: ["RFC 7489 §6.6.1", "RFC 7489 §6.3"])
    static let temperror = FindingSpec(
        id: "dmarc.temperror", severity: .notice, title: "DMARC could not be checked because of a DNS error.",
        trigger: "The DMARC record lookup failed (server failure or timeout).",
        meaning: "The result is unknown.", action: "Try again with live DNS (--live).",
        references: ["RFC 7489 §6.6.3"])
    static let notCheckedOffline = FindingSpec(
        id: "dmarc.not-checked-offline", severity: .info, title: "DMARC could not be checked offline.",
        trigger: "The DMARC record is not in the offline DNS data.",
        meaning: "Nothing can be said about DMARC from the data at hand.",
        action: "Add the domain's DNS data with --dns-zone, or allow live lookups with --live.",
        references: ["RFC 7489 §6.6.3"])
    static let multipleFrom = FindingSpec(
        id: "dmarc.multiple-from", severity: .warning, title: "The From: field names more than one sender.",
        trigger: "The From: field(s) hold several addresses in different domains.",
        meaning: "Mail programs usually show only one of them; attackers use this to show a trusted name while authenticating another.",
        action: "Look at every address in the evidence; many receivers reject such messages.",
        references: ["RFC 7489 §6.6.1"])
    static let organizationalDomainDisagreement = FindingSpec(
        id: "dmarc.org-domain-methods-differ", severity: .info,
        title: "Receivers may disagree about which organization the From: domain belongs to.",
        trigger: "The Public Suffix List and the DMARCbis DNS tree walk give different organizational domains.",
        meaning: "Relaxed alignment and the policy that applies can differ between receivers using the two methods.",
        action: "Keep in mind when comparing with the receivers' own recorded results.",
        strength: .inference, references: ["RFC 7489 §3.2", "DMARCbis §4.10"])

    static let specs = [pass, fail, none, permerror, temperror, notCheckedOffline, multipleFrom, organizationalDomainDisagreement]

    /// The findings for one DMARC result.
    static func findings(for result: DMARCResult, fromEvidence: [Evidence], fromFieldCount: Int) -> [Finding] {
        var proof = fromEvidence
        if let record = result.record {
            proof.append(Evidence(kind: .dns, label: "DMARC record at \(record.name)", value: record.text, origin: record.origin))
        }
        if let spf = result.alignment.spf {
            proof.append(Evidence(kind: .computed, label: "SPF alignment (\(spf.mode == .strict ? "strict" : "relaxed"))", value: spf.why))
        }
        for dkim in result.alignment.dkim {
            proof.append(Evidence(kind: .computed, label: "DKIM alignment (\(dkim.mode == .strict ? "strict" : "relaxed"))", value: dkim.why))
        }
        var out = [Finding]()
        switch result.result {
        case .pass:
            out.append(pass.finding(explanation: result.explanation, evidence: proof))
        case .fail:
            let severity: Severity = result.disposition == .reject ? .critical : (result.disposition == .quarantine ? .warning : .notice)
            let title = result.disposition == .none ? fail.title
                : "Nothing authenticates the visible From: domain, whose owner asks receivers to \(result.disposition.rawValue) such mail (DMARC fail)."
            out.append(fail.finding(explanation: result.explanation, evidence: proof, severity: severity, title: title))
        case .none, .neutral, .softfail, .policy:
            out.append(none.finding(explanation: result.explanation, evidence: proof))
        case .temperror:
            out.append((result.incompleteOffline ? notCheckedOffline : temperror).finding(explanation: result.explanation, evidence: proof))
        case .permerror:
            out.append(permerror.finding(explanation: result.explanation, evidence: proof))
        }
        let domains = Set(result.fromAddresses.compactMap(AuthorAddresses.domain(of:)))
        if domains.count > 1 || fromFieldCount > 1 {
            out.append(multipleFrom.finding(
                explanation: "The From: field\(fromFieldCount > 1 ? "s" : "") list \(result.fromAddresses.joined(separator: ", ")). " + multipleFrom.meaning,
                evidence: fromEvidence))
        }
        if let note = result.organizationalDomainNote {
            out.append(organizationalDomainDisagreement.finding(explanation: note, evidence: proof))
        }
        return out
    }
}
