extension SPFEvaluator {
    /// The plain-language account of a result, for an analyst who is not a mail expert (RFC 7208 §2.6).
    static func describe(_ result: SPFResult, matchedTerm: String?) -> String {
        let ip = result.ip ?? "the connecting server"
        let domain = result.domain
        let term = matchedTerm.map { " (the record's term '\($0)' matched)" } ?? ""
        switch result.result {
        case .pass:
            return "SPF passed for \(domain): \(ip) is allowed to send mail for \(domain)\(term)."
        case .fail:
            var text = "SPF failed for \(domain): \(domain)'s SPF record says \(ip) is not allowed to send its mail\(term)."
            if let own = result.authorityExplanation { text += " The domain's own explanation: \"\(own)\"." }
            return text
        case .softfail:
            return "SPF soft-failed for \(domain): \(ip) is probably not allowed to send mail for \(domain), "
                + "but the domain asks receivers not to reject outright\(term)."
        case .neutral:
            return "SPF is neutral for \(domain): the domain makes no statement about whether \(ip) may send its mail (\(result.reason))."
        case .none:
            return "SPF says nothing about \(domain): \(result.reason)."
        case .temperror:
            if result.incompleteOffline {
                return "SPF for \(domain) could not be checked offline (\(result.reason)). "
                    + "Add the domain's DNS data with --dns-zone or allow live lookups with --live."
            }
            return "SPF for \(domain) could not be checked because of a temporary DNS error: \(result.reason)."
        case .permerror, .policy:
            return "SPF for \(domain) is broken (permanent error): \(result.reason). Receivers treat this like a failed check or ignore SPF."
        }
    }
}
