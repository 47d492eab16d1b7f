/// The outcome of verifying one DKIM-Signature field (RFC 6376 §6.1), in header order.
/// Placeholder shape: the DKIM work fills it (see issue "DKIM re-verification").
public struct DKIMResult: Sendable, Hashable, Codable {
    public var domain: String
    public var selector: String
    public var result: AuthResultCode
    public var reason: String
    /// 1-based line of the DKIM-Signature field.
    public var headerLine: Int

    public init(domain: String, selector: String, result: AuthResultCode, reason: String, headerLine: Int) {
        self.domain = domain
        self.selector = selector
        self.result = result
        self.reason = reason
        self.headerLine = headerLine
    }
}
