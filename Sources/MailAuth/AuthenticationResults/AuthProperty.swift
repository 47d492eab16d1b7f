/// One `ptype.property=value` of a result (RFC 8601 §2.3), such as `header.d=example.com`.
public struct AuthProperty: Sendable, Hashable, Codable {
    /// The property type in lower case: `smtp`, `header`, `body`, `policy`; empty for a bare `key=value`
    /// extension some servers write (Microsoft's `action=none`), which RFC 8601 does not allow.
    public var ptype: String
    /// The property in lower case: `mailfrom`, `d`, `i`, `from`, `b`.
    public var property: String
    /// The value as written (quotes removed).
    public var value: String
    /// A comment written right after the value, if any.
    public var comment: String?

    public init(ptype: String, property: String, value: String, comment: String? = nil) {
        self.ptype = ptype
        self.property = property
        self.value = value
        self.comment = comment
    }

    /// `ptype.property`, or just the key for an extension.
    public var key: String { ptype.isEmpty ? property : "\(ptype).\(property)" }
}
