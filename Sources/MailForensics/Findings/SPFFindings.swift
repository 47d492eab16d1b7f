import MailAuth

/// Findings about the SPF re-evaluation (RFC 7208 §2.6 results, in plain words).
enum SPFFindings {
    static let pass = FindingSpec(
        id: "spf.pass", severity: .info, title: "The sending server is allowed to send for the envelope sender's domain (SPF pass).",
        trigger: "SPF, re-evaluated for the connecting IP and the MAIL FROM domain, gave pass.",
        meaning: "The server that handed the message to your side is listed by the envelope sender's domain. This says nothing about the From: address the reader sees; DMARC connects the two.",
        action: "Nothing by itself. Check the DMARC finding to see whether this domain matches the visible From: domain.",
        references: ["RFC 7208 §2.6.3"])
    static let fail = FindingSpec(
        id: "spf.fail", severity: .warning, title: "The sending server is not allowed to send for the envelope sender's domain (SPF fail).",
        trigger: "SPF gave fail: the domain's record ends in -all (or a - term matched) for this IP.",
        meaning: "The domain in the envelope sender (Return-Path) explicitly says this server may not send its mail. Forged senders and misconfigured forwarding both cause this.",
        action: "Treat the envelope sender as unverified. If the message claims to come from a partner, ask them whether this server is theirs.",
        references: ["RFC 7208 §2.6.4"])
    static let softfail = FindingSpec(
        id: "spf.softfail", severity: .notice, title: "The sending server is probably not allowed to send for the envelope sender's domain (SPF softfail).",
        trigger: "SPF gave softfail (a ~ term such as ~all matched).",
        meaning: "The domain says this server is probably not one of its senders but asks receivers not to reject outright.",
        action: "Weigh together with DMARC and the Received path.",
        references: ["RFC 7208 §2.6.5"])
    static let neutral = FindingSpec(
        id: "spf.neutral", severity: .info, title: "The envelope sender's domain makes no statement about this server (SPF neutral).",
        trigger: "SPF gave neutral (?all matched, or nothing matched and there is no default).",
        meaning: "SPF gives no evidence either way.",
        action: "Rely on DKIM and DMARC instead.",
        references: ["RFC 7208 §2.6.2"])
    static let none = FindingSpec(
        id: "spf.none", severity: .notice, title: "The envelope sender's domain publishes no SPF record.",
        trigger: "SPF gave none: no SPF record, no such domain, or the sender is not a valid domain name.",
        meaning: "Anyone can use this domain in the envelope sender without SPF noticing. Legitimate organizations usually publish SPF.",
        action: "Be more careful with the message; check whether the domain really exists and belongs to who the message claims.",
        references: ["RFC 7208 §2.6.1"])
    static let temperror = FindingSpec(
        id: "spf.temperror", severity: .notice, title: "SPF could not be checked because of a DNS error.",
        trigger: "A DNS lookup needed by SPF failed (server failure or timeout).",
        meaning: "The result is unknown; it is not evidence for or against the sender.",
        action: "Try again later with live DNS (--live).",
        references: ["RFC 7208 §2.6.6"])
    static let notCheckedOffline = FindingSpec(
        id: "spf.not-checked-offline", severity: .info, title: "SPF could not be checked offline.",
        trigger: "A DNS answer SPF needs is not in the offline DNS data.",
        meaning: "Nothing can be said about SPF from the data at hand. This is not a failure of the sender.",
        action: "Add the domain's DNS data with --dns-zone, or allow live lookups with --live.",
        references: ["RFC 7208 §2.6.6"])
    static let permerror = FindingSpec(
        id: "spf.permerror", severity: .notice, title: "The envelope sender's SPF record is broken (SPF permerror).",
        trigger: "The SPF record has a syntax error, several records exist, or it needs more than 10 DNS lookups (or more than 2 that find nothing).",
        meaning: "Receivers cannot use this domain's SPF; many treat the message as if SPF failed. Often a sign of a neglected domain, sometimes of a deliberately broken record.",
        action: "Look at the trace for the term that broke it; tell the domain owner if the message is legitimate.",
        references: ["RFC 7208 §2.6.7", "RFC 7208 §4.6.4"])
    static let heloFail = FindingSpec(
        id: "spf.helo-fail", severity: .notice, title: "The name the sending server gave itself (HELO) is not allowed to send from this IP.",
        trigger: "The separate SPF check of the HELO identity gave fail.",
        meaning: "The server introduced itself with a name whose owner says it does not use this IP: a forged or careless server name.",
        action: "Compare the HELO name with the server's real name in the Received path.",
        references: ["RFC 7208 §2.3"])
    static let noConnectingIP = FindingSpec(
        id: "spf.no-connecting-ip", severity: .info, title: "No connecting IP address was found, so SPF was not re-checked.",
        trigger: "No Received field carries an IP address and none was given with --ip.",
        meaning: "SPF needs the IP of the server that delivered the message; pasted headers often lack the Received lines.",
        action: "Paste the full header with its Received lines, or give the IP with --ip.",
        references: ["RFC 7208 §2.1"])

    static let specs = [pass, fail, softfail, neutral, none, temperror, notCheckedOffline, permerror, heloFail, noConnectingIP]

    /// The findings for one SPF result.
    static func findings(for result: SPFResult, evidence: [Evidence]) -> [Finding] {
        var proof = evidence
        proof.append(Evidence(kind: .computed, label: "SPF result", value: "\(result.result.rawValue): \(result.reason)"))
        if let record = result.record {
            proof.append(Evidence(kind: .dns, label: "SPF record of \(result.domain)", value: record, origin: result.recordOrigin))
        }
        if let own = result.authorityExplanation {
            proof.append(Evidence(kind: .dns, label: "the domain's own explanation (exp=)", value: own))
        }
        let spec: FindingSpec
        switch result.result {
        case .pass: spec = pass
        case .fail: spec = fail
        case .softfail: spec = softfail
        case .neutral, .policy: spec = neutral
        case .none: spec = none
        case .temperror: spec = result.incompleteOffline ? notCheckedOffline : temperror
        case .permerror: spec = permerror
        }
        var out = [spec.finding(explanation: result.explanation + " " + spec.meaning, evidence: proof)]
        if result.heloResult == .fail, let helo = result.helo {
            out.append(heloFail.finding(explanation: "The server called itself \(helo), but \(helo)'s SPF record does not list \(result.ip ?? "its IP"). " + heloFail.meaning,
                                        evidence: evidence))
        }
        return out
    }
}
