/// The identities a message claims and how they relate. Placeholder shape: the forensic report work fills it.
public struct IdentityReport: Sendable, Hashable, Codable {
    public init() {}
}
