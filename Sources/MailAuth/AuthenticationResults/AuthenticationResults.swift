import MailParsing

/// A parsed Authentication-Results or ARC-Authentication-Results field value (RFC 8601 §2.2, RFC 8617 §4.1.1).
/// Parsing never fails: whatever does not follow the grammar is kept where possible and listed in `defects`.
public struct AuthenticationResults: Sendable, Hashable, Codable {
    /// The `i=` instance of an ARC-Authentication-Results field; nil for Authentication-Results.
    public var instance: Int?
    /// Who wrote the results (`mx.google.com`); nil when absent (Microsoft 365 writes none).
    public var authservID: String?
    /// The optional version after the authserv-id (`mx.microsoft.com 1`).
    public var version: Int?
    /// True for the RFC 8601 `; none` form: the server checked nothing.
    public var noResult: Bool
    /// The statements in order.
    public var results: [AuthMethodResult]
    /// Comments not attached to any result (for example after the authserv-id).
    public var comments: [String]
    /// Departures from RFC 8601, tolerated. Ids start with `authres.`.
    public var defects: [ParseDefect]

    public init(instance: Int? = nil, authservID: String? = nil, version: Int? = nil, noResult: Bool = false,
                results: [AuthMethodResult] = [], comments: [String] = [], defects: [ParseDefect] = []) {
        self.instance = instance
        self.authservID = authservID
        self.version = version
        self.noResult = noResult
        self.results = results
        self.comments = comments
        self.defects = defects
    }

    /// All statements for one method (lower case), in order.
    public func results(for method: String) -> [AuthMethodResult] {
        let m = method.lowercased()
        return results.filter { $0.method == m }
    }

    /// Parses an Authentication-Results field value (the text after the colon, unfolded or not).
    public static func parse(_ value: String) -> AuthenticationResults {
        var parser = AuthenticationResultsParser(value, expectInstance: false)
        return parser.parse()
    }

    /// Parses an ARC-Authentication-Results field value: `i=N;` then an Authentication-Results payload.
    public static func parseARC(_ value: String) -> AuthenticationResults {
        var parser = AuthenticationResultsParser(value, expectInstance: true)
        return parser.parse()
    }
}
