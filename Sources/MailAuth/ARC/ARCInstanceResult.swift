/// One ARC set (RFC 8617 §4.1): who sealed it, what its signatures gave, and what that hop recorded.
public struct ARCInstanceResult: Sendable, Hashable, Codable {
    public var instance: Int
    /// The sealer's domain (ARC-Seal `d=`).
    public var sealer: String?
    /// ARC-Seal `s=` and `a=`.
    public var selector: String?
    public var algorithm: String?
    /// Where the seal's key came from (cache file and line, or live lookup).
    public var keyOrigin: String?
    /// ARC-Message-Signature `d=` and `s=` (normally the sealer's too).
    public var amsDomain: String?
    public var amsSelector: String?
    public var amsKeyOrigin: String?
    /// The AMS verification result and why.
    public var amsResult: AuthResultCode
    public var amsReason: String
    /// The ARC-Seal verification result and why.
    public var sealResult: AuthResultCode
    public var sealReason: String
    /// The chain status this hop claimed (`cv=`).
    public var cv: String?
    /// When the seal was made (`t=`, seconds since 1970).
    public var sealedAt: Int?
    /// What this hop said it saw (the parsed ARC-Authentication-Results).
    public var recorded: AuthenticationResults?
    /// Header lines of the three fields (first line of each).
    public var aarLine: Int?
    public var amsLine: Int?
    public var sealLine: Int?
    /// Whether the sealer is on the analyst's trusted-sealer list; set by the analyzer.
    public var trustedSealer: Bool

    public init(instance: Int, sealer: String? = nil, selector: String? = nil, algorithm: String? = nil, keyOrigin: String? = nil,
                amsDomain: String? = nil, amsSelector: String? = nil, amsKeyOrigin: String? = nil,
                amsResult: AuthResultCode = .none, amsReason: String = "", sealResult: AuthResultCode = .none, sealReason: String = "",
                cv: String? = nil, sealedAt: Int? = nil, recorded: AuthenticationResults? = nil,
                aarLine: Int? = nil, amsLine: Int? = nil, sealLine: Int? = nil, trustedSealer: Bool = false) {
        self.instance = instance
        self.sealer = sealer
        self.selector = selector
        self.algorithm = algorithm
        self.keyOrigin = keyOrigin
        self.amsDomain = amsDomain
        self.amsSelector = amsSelector
        self.amsKeyOrigin = amsKeyOrigin
        self.amsResult = amsResult
        self.amsReason = amsReason
        self.sealResult = sealResult
        self.sealReason = sealReason
        self.cv = cv
        self.sealedAt = sealedAt
        self.recorded = recorded
        self.aarLine = aarLine
        self.amsLine = amsLine
        self.sealLine = sealLine
        self.trustedSealer = trustedSealer
    }
}
