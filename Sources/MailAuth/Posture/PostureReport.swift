/// The From domain's published posture, as facts for the incident note: BIMI (draft-brand-indicators-for-message-identification),
/// MTA-STS (RFC 8461 §3.1) and TLS-RPT (RFC 8460 §3). Only with DNS data available; offline misses are "not checked".
public struct PostureReport: Sendable, Hashable, Codable {
    /// The domain whose posture was looked up (the From domain).
    public var domain: String?
    public var bimi: BIMIPosture?
    public var mtaSts: PostureRecord?
    public var tlsRpt: PostureRecord?

    public init() {}
}

/// Whether a posture record was found.
public enum PostureStatus: String, Sendable, Hashable, Codable {
    case found, absent, malformed
    /// The DNS answer is not in the offline data: nothing can be said.
    case notChecked = "not-checked"
    /// The DNS lookup failed (SERVFAIL, timeout).
    case error
}

/// A TXT policy record looked up for the posture (MTA-STS `_mta-sts`, TLS-RPT `_smtp._tls`).
public struct PostureRecord: Sendable, Hashable, Codable {
    public var status: PostureStatus
    /// The name queried.
    public var name: String
    public var record: String?
    /// MTA-STS `id=`: the policy version (RFC 8461 §3.1).
    public var id: String?
    /// TLS-RPT `rua=`: where TLS reports go (RFC 8460 §3).
    public var reportURIs: [String]
    /// Where the answer came from.
    public var origin: String?
    /// Plain words for the analyst.
    public var note: String

    public init(status: PostureStatus, name: String, record: String? = nil, id: String? = nil, reportURIs: [String] = [],
                origin: String? = nil, note: String) {
        self.status = status
        self.name = name
        self.record = record
        self.id = id
        self.reportURIs = reportURIs
        self.origin = origin
        self.note = note
    }
}

/// The BIMI record of the From domain and the message's BIMI headers.
public struct BIMIPosture: Sendable, Hashable, Codable {
    public var status: PostureStatus
    /// The selector used: from BIMI-Selector `s=`, else `default`.
    public var selector: String
    /// The name queried (`<selector>._bimi.<domain>`, then the organizational domain's).
    public var name: String
    public var record: String?
    /// `l=`: the logo (SVG) URL; empty when the domain declines to publish one.
    public var logoURL: String?
    /// `a=`: the authority evidence (VMC) URL.
    public var authorityURL: String?
    public var origin: String?
    /// True when DMARC passed under a quarantine or reject policy at pct=100, as BIMI requires; nil when unknown.
    public var eligible: Bool?
    public var eligibility: String
    /// The BIMI-Selector header as sent (a sender may choose the selector).
    public var selectorHeader: String?
    /// BIMI-Location and BIMI-Indicator are added by receivers; a message arriving with them is suspicious.
    public var locationHeader: String?
    public var indicatorHeaderBytes: Int?
    public var note: String

    public init(status: PostureStatus, selector: String, name: String, eligibility: String, note: String) {
        self.status = status
        self.selector = selector
        self.name = name
        self.eligibility = eligibility
        self.note = note
    }
}
