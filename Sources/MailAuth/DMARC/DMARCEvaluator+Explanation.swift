extension DMARCEvaluator {
    /// The plain-language account: the identifiers, which aligned or why none did, and what the policy asks
    /// (RFC 7489 §3.1, §6.6). Example: "MAIL FROM is mailer@service.example, From: is noreply@bank.example; SPF passed
    /// for service.example, which does not align with bank.example; the only DKIM signature is by service.example;
    /// so DMARC fails and bank.example's policy says reject."
    static func describe(_ result: DMARCResult, spf: SPFResult?, dkim: [DKIMResult]) -> String {
        let domain = result.domain
        var facts = [String]()
        let from = result.fromAddresses.first { AuthorAddresses.domain(of: $0) == domain } ?? "someone@\(domain)"
        if let mailFrom = spf?.mailFrom, !mailFrom.isEmpty {
            facts.append("MAIL FROM is \(mailFrom), From: is \(from)")
        } else if spf != nil {
            facts.append("MAIL FROM is empty (a bounce), From: is \(from)")
        } else {
            facts.append("From: is \(from)")
        }
        if let spfAlignment = result.alignment.spf {
            facts.append(spfAlignment.why)
        } else {
            facts.append("SPF was not evaluated")
        }
        switch result.alignment.dkim.count {
        case 0:
            facts.append("there is no DKIM signature")
        case 1:
            let only = result.alignment.dkim[0]
            let status = only.authResult == .pass ? (only.aligned ? "it verified and aligns" : "it verified but does not align")
                                                  : "it did not verify (\(only.authResult.rawValue))"
            facts.append("the only DKIM signature is by \(only.identifier) (\(status))")
        default:
            let listed = result.alignment.dkim.map { entry in
                "\(entry.identifier) (\(entry.authResult == .pass ? "verified" : entry.authResult.rawValue)\(entry.aligned ? ", aligned" : ""))"
            }
            facts.append("the DKIM signatures are by \(listed.joined(separator: ", "))")
        }
        var text = facts.joined(separator: "; ")
        let owner = result.record.map { String($0.name.dropFirst("_dmarc.".count)) } ?? domain
        let policyWords: String = {
            guard let policy = result.policy else { return "" }
            let whose = owner == domain ? "\(domain)'s policy" : "the policy of \(owner) (\(result.policyTag ?? "p")=, which covers \(domain))"
            switch policy {
            case .none: return "\(whose) is none (monitoring only: receivers are asked to deliver as usual)"
            case .quarantine: return "\(whose) says quarantine (treat as suspicious, e.g. the spam folder)"
            case .reject: return "\(whose) says reject"
            }
        }()
        switch result.result {
        case .pass:
            let which = result.alignment.spf?.aligned == true ? "SPF" : "DKIM"
            text += "; so DMARC passes (through \(which))"
        case .fail:
            text += "; so DMARC fails and " + policyWords
        case .none:
            text += "; DMARC does not apply: \(result.reason)"
        case .temperror:
            text += result.incompleteOffline ? "; DMARC could not be checked offline: \(result.reason)"
                                             : "; DMARC could not be checked because of a DNS error: \(result.reason)"
        case .permerror, .neutral, .softfail, .policy:
            text += "; DMARC is in permanent error: \(result.reason)"
        }
        text += "."
        if let note = result.dispositionNote { text += " " + note }
        if let note = result.organizationalDomainNote { text += " " + note }
        return text
    }
}
