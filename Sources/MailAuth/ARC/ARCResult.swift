/// The outcome of validating the ARC chain (RFC 8617 §5.2). Placeholder shape: the ARC work fills it.
public struct ARCResult: Sendable, Hashable, Codable {
    public var result: AuthResultCode
    public var reason: String

    public init(result: AuthResultCode, reason: String) {
        self.result = result
        self.reason = reason
    }
}
