/// The From domain's published posture: BIMI, MTA-STS, TLS-RPT. Placeholder shape: the posture work fills it.
public struct PostureReport: Sendable, Hashable, Codable {
    public init() {}
}
