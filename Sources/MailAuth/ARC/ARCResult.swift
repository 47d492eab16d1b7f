/// The outcome of validating the ARC chain (RFC 8617 §5.2): the chain result with its reason, the instance
/// that broke it, the oldest instance whose AMS still verifies, and what each hop sealed and recorded.
public struct ARCResult: Sendable, Hashable, Codable {
    /// `pass`, `fail` or `none` (no ARC sets); `temperror`/`permerror`-like situations are `fail` with a reason
    /// except when a key could not be fetched offline, which is `temperror`.
    public var result: AuthResultCode
    /// Why, in plain words.
    public var reason: String
    /// The instance whose check failed first, when the chain fails at a known instance.
    public var failedInstance: Int?
    /// The oldest instance whose AMS still verifies (RFC 8617 §5.2, "oldest-pass"); nil when none does.
    public var oldestPass: Int?
    /// Each hop, oldest (i=1) first.
    public var instances: [ARCInstanceResult]
    /// The structure problems found (missing or duplicate instances, gaps, wrong cv=), in plain words.
    public var structureProblems: [String]

    public init(result: AuthResultCode, reason: String, failedInstance: Int? = nil, oldestPass: Int? = nil,
                instances: [ARCInstanceResult] = [], structureProblems: [String] = []) {
        self.result = result
        self.reason = reason
        self.failedInstance = failedInstance
        self.oldestPass = oldestPass
        self.instances = instances
        self.structureProblems = structureProblems
    }

    /// The value for an Authentication-Results `arc=` or an ARC-Seal `cv=` (RFC 8617 §4.1.3): pass, fail, none.
    public var chainValidation: String {
        switch result {
        case .pass: return "pass"
        case .none: return "none"
        default: return "fail"
        }
    }
}
