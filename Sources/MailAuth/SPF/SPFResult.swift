/// The outcome of an SPF check_host() evaluation (RFC 7208 §2.6), with the trace of every term tried.
public struct SPFResult: Sendable, Hashable, Codable {
    public var result: AuthResultCode
    /// The domain whose policy was evaluated (the MAIL FROM domain, or the HELO name for a null sender).
    public var domain: String
    /// Plain-language account of the result, for an analyst.
    public var explanation: String
    /// The connecting IP address that was checked.
    public var ip: String?
    /// The HELO/EHLO name given by the client.
    public var helo: String?
    /// The envelope sender as given (empty for the null sender `<>`).
    public var mailFrom: String?
    /// `mailfrom` or `helo`: which identity the result is for (RFC 7208 §2.3, §2.4).
    public var identity: String
    /// Short technical reason (for Authentication-Results comments and the evidence).
    public var reason: String
    /// The domain's own explanation (from `exp=`, macro-expanded), on a fail.
    public var authorityExplanation: String?
    /// The top-level record as published, when one was found.
    public var record: String?
    /// Where that record came from (cache file and line, live lookup).
    public var recordOrigin: String?
    /// DNS-querying terms evaluated (the limit is 10).
    public var lookups: Int
    /// DNS queries that found nothing (the limit is 2).
    public var voidLookups: Int
    /// The separate check of the HELO identity, when the HELO name is a domain name (RFC 7208 §2.3).
    public var heloResult: AuthResultCode?
    /// True when a DNS answer was missing because we are offline (then the result is temperror, not none).
    public var incompleteOffline: Bool
    /// Each term tried, in order, with its DNS answers.
    public var trace: [SPFTraceStep]

    public init(result: AuthResultCode, domain: String, explanation: String) {
        self.result = result
        self.domain = domain
        self.explanation = explanation
        self.identity = "mailfrom"
        self.reason = ""
        self.lookups = 0
        self.voidLookups = 0
        self.incompleteOffline = false
        self.trace = []
    }
}

/// One term tried during evaluation (RFC 7208 §4.6.2), with the DNS answers it needed.
public struct SPFTraceStep: Sendable, Hashable, Codable {
    /// The domain whose record holds the term.
    public var domain: String
    /// Nesting level: 0 for the top record, 1 inside the first include or redirect, and so on.
    public var depth: Int
    /// The term as written (`include:_spf.example.com`, `redirect=...`), or `record` for the record lookup.
    public var term: String
    /// The name after macro expansion, when the term names one.
    public var target: String?
    public var dns: [AuthDNSLookup]
    /// `match`, `no match`, or what went wrong.
    public var outcome: String
    public var matched: Bool

    public init(domain: String, depth: Int, term: String, target: String? = nil, dns: [AuthDNSLookup] = [], outcome: String, matched: Bool) {
        self.domain = domain
        self.depth = depth
        self.term = term
        self.target = target
        self.dns = dns
        self.outcome = outcome
        self.matched = matched
    }
}
