/// The DNS record types the analyzer asks for.
public enum DNSRecordType: String, Sendable, Hashable, Codable, CaseIterable {
    case txt = "TXT", a = "A", aaaa = "AAAA", mx = "MX", ptr = "PTR", cname = "CNAME", ns = "NS"
}

/// One DNS question: a name (lower case, no trailing dot) and a type.
public struct DNSQuestion: Sendable, Hashable, Codable, CustomStringConvertible {
    public let name: String
    public let type: DNSRecordType

    public init(name: String, type: DNSRecordType) {
        self.name = DNSQuestion.normalize(name)
        self.type = type
    }

    /// Lower-cases the name and drops one trailing dot.
    public static func normalize(_ name: String) -> String {
        var n = name.lowercased()
        if n.hasSuffix("."), n.count > 1 { n.removeLast() }
        return n
    }

    public var description: String { "\(name) \(type.rawValue)" }
}
