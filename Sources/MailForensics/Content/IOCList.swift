import Foundation

/// Indicators of compromise from the header, the path and the content, deduplicated, in the order found.
public struct IOCList: Sendable, Hashable, Codable {
    public var items: [IOC] = []
    /// Keys already listed (type and normalized value), for constant-time deduplication.
    private var seen: Set<String> = []

    private enum CodingKeys: String, CodingKey { case items }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decode([IOC].self, forKey: .items)
        seen = Set(items.map { $0.type.rawValue + " " + $0.value })
    }

    /// Adds an indicator unless the same type and value is already listed (values compared case-insensitively
    /// for hosts and addresses, as written for URLs).
    public mutating func add(_ type: IOC.Kind, _ value: String, context: String) {
        let value = value.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty, value.count <= 2048 else { return }
        let normalized = type.caseInsensitive ? value.lowercased() : value
        guard seen.insert(type.rawValue + " " + normalized).inserted else { return }
        items.append(IOC(type: type, value: normalized, context: context))
    }

    /// The indicators of one kind.
    public func values(_ type: IOC.Kind) -> [String] {
        items.filter { $0.type == type }.map(\.value)
    }
}

/// One indicator: its kind, its value (not defanged; see `Defang` for notes), and where it was seen.
public struct IOC: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case ip, domain, url, email, sha256, sha1, md5

        var caseInsensitive: Bool { self != .url }
    }

    public var type: Kind
    public var value: String
    /// Where it was seen, in a few words ("Received line 4", "link in part 1.2", "attachment invoice.pdf").
    public var context: String

    public init(type: Kind, value: String, context: String) {
        self.type = type
        self.value = value
        self.context = context
    }
}
