/// The outcome of DMARC evaluation for the From domain (RFC 7489 §6.6), composed from the DKIM and SPF results.
public struct DMARCResult: Sendable, Hashable, Codable {
    public var result: AuthResultCode
    /// The From domain (RFC5322.From) the result is for.
    public var domain: String
    /// Plain-language account: which identifier aligned, or why none did, and what the policy asks.
    public var explanation: String
    /// Short technical reason (for Authentication-Results comments and the evidence).
    public var reason: String
    /// Every address of the From field(s).
    public var fromAddresses: [String]
    /// The organizational domain of the From domain, by `organizationalDomainMethod`.
    public var organizationalDomain: String?
    /// `psl` (RFC 7489 §3.2, Public Suffix List) or `tree-walk` (DMARCbis DNS tree walk).
    public var organizationalDomainMethod: String
    /// Set when the other method finds a different organizational domain, saying so in plain words.
    public var organizationalDomainNote: String?
    /// The policy that applies to this From domain (`p`, or `sp`/`np` for subdomains); nil without a usable record.
    public var policy: DMARCRecord.Policy?
    /// Which tag it came from: `p`, `sp` or `np`.
    public var policyTag: String?
    /// The record's `p` and `sp` as published.
    public var domainPolicy: DMARCRecord.Policy?
    public var subdomainPolicy: DMARCRecord.Policy?
    /// What the policy asks a receiver to do with this message: `none` (deliver), `quarantine` or `reject`.
    public var disposition: DMARCRecord.Policy
    /// Why the disposition differs from the policy (pct below 100, t=y testing), when it does.
    public var dispositionNote: String?
    public var alignment: DMARCAlignment
    /// The record used, where it was found and where it came from.
    public var record: DMARCRecordSource?
    /// True when a DNS answer was missing because we are offline.
    public var incompleteOffline: Bool
    /// The DNS questions asked, with answers and origins.
    public var dns: [AuthDNSLookup]

    public init(result: AuthResultCode, domain: String, explanation: String) {
        self.result = result
        self.domain = domain
        self.explanation = explanation
        self.reason = ""
        self.fromAddresses = []
        self.organizationalDomainMethod = "psl"
        self.disposition = .none
        self.alignment = DMARCAlignment()
        self.incompleteOffline = false
        self.dns = []
    }
}

/// How each authenticated identifier compared with the From domain (RFC 7489 §3.1).
public struct DMARCAlignment: Sendable, Hashable, Codable {
    /// The SPF-authenticated MAIL FROM (or HELO) domain; nil when SPF was not evaluated.
    public var spf: DMARCIdentifierAlignment?
    /// One entry per DKIM signature, in header order.
    public var dkim: [DMARCIdentifierAlignment] = []

    public init(spf: DMARCIdentifierAlignment? = nil, dkim: [DMARCIdentifierAlignment] = []) {
        self.spf = spf
        self.dkim = dkim
    }
}

/// One identifier compared with the From domain.
public struct DMARCIdentifierAlignment: Sendable, Hashable, Codable {
    /// The domain compared (SPF: MAIL FROM domain; DKIM: the signature's d=).
    public var identifier: String
    /// The result of the underlying check (only `pass` can align).
    public var authResult: AuthResultCode
    public var mode: DMARCRecord.AlignmentMode
    public var aligned: Bool
    /// Why it aligned or not, in plain words.
    public var why: String

    public init(identifier: String, authResult: AuthResultCode, mode: DMARCRecord.AlignmentMode, aligned: Bool, why: String) {
        self.identifier = identifier
        self.authResult = authResult
        self.mode = mode
        self.aligned = aligned
        self.why = why
    }
}

/// The DMARC record used and where it was found.
public struct DMARCRecordSource: Sendable, Hashable, Codable {
    /// The name queried: `_dmarc.<domain>`.
    public var name: String
    public var text: String
    /// `from-domain`, `organizational-domain` or `tree-walk`.
    public var foundAt: String
    /// Where the answer came from (cache file and line, live lookup).
    public var origin: String?
    public var parsed: DMARCRecord?

    public init(name: String, text: String, foundAt: String, origin: String?, parsed: DMARCRecord?) {
        self.name = name
        self.text = text
        self.foundAt = foundAt
        self.origin = origin
        self.parsed = parsed
    }
}
