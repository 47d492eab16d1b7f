/// One `method=result` statement of an Authentication-Results field with its reason, properties and comments
/// (RFC 8601 §2.2 "resinfo").
public struct AuthMethodResult: Sendable, Hashable, Codable {
    /// The method in lower case: `spf`, `dkim`, `dmarc`, `arc`, `iprev`, `auth`, `compauth`, ...
    public var method: String
    /// `dkim/1` gives 1.
    public var methodVersion: Int?
    /// The result word in lower case as written (`pass`, `bestguesspass`, `hardfail`).
    public var result: String
    /// The result in RFC 8601 §2.7 terms when the word maps to one (`hardfail` is `fail`); nil otherwise.
    public var code: AuthResultCode?
    /// `reason=` text.
    public var reason: String?
    /// `ptype.property=value` pairs, and bare extensions such as `action=none` (empty `ptype`).
    public var properties: [AuthProperty]
    /// Comments in this statement that do not belong to a property, such as `(message not signed)`.
    public var comments: [String]

    public init(method: String, methodVersion: Int? = nil, result: String, reason: String? = nil,
                properties: [AuthProperty] = [], comments: [String] = []) {
        self.method = method
        self.methodVersion = methodVersion
        self.result = result
        self.code = AuthMethodResult.code(for: result)
        self.reason = reason
        self.properties = properties
        self.comments = comments
    }

    /// The first value of `ptype.property` (case-insensitive), for example `property("header", "d")`.
    public func property(_ ptype: String, _ property: String) -> String? {
        let p = ptype.lowercased(), q = property.lowercased()
        return properties.first { $0.ptype == p && $0.property == q }?.value
    }

    /// Result words real servers write, mapped onto RFC 8601 §2.7 codes.
    static func code(for word: String) -> AuthResultCode? {
        if let code = AuthResultCode(rawValue: word) { return code }
        switch word {
        case "hardfail": return .fail            // RFC 5451 SPF form
        case "temperr", "error": return .temperror
        case "permerr": return .permerror
        default: return nil
        }
    }

    /// Method names registered with IANA (RFC 8601 §6.3 and later) plus common vendor ones.
    static let knownMethods: Set<String> = [
        "auth", "dkim", "dkim-adsp", "dkim-atps", "dmarc", "domainkeys", "iprev", "rrvs", "sender-id", "smime",
        "spf", "vbr", "arc", "bimi", "compauth", "dnswl", "x-dkim", "x-spf", "x-arc", "dkim2",
    ]
}
