/// The outcome of an SPF check_host() evaluation (RFC 7208 §2.6). Placeholder shape: the SPF work fills it.
public struct SPFResult: Sendable, Hashable, Codable {
    public var result: AuthResultCode
    public var domain: String
    public var explanation: String

    public init(result: AuthResultCode, domain: String, explanation: String) {
        self.result = result
        self.domain = domain
        self.explanation = explanation
    }
}
