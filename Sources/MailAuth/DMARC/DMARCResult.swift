/// The outcome of DMARC evaluation for the From domain (RFC 7489 §6.6). Placeholder shape: the DMARC work fills it.
public struct DMARCResult: Sendable, Hashable, Codable {
    public var result: AuthResultCode
    public var domain: String
    public var explanation: String

    public init(result: AuthResultCode, domain: String, explanation: String) {
        self.result = result
        self.domain = domain
        self.explanation = explanation
    }
}
