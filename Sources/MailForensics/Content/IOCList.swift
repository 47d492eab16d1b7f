import Foundation

/// Indicators of compromise from the header, the path and the content, deduplicated, in the order found.
public struct IOCList: Sendable, Hashable, Codable {
    public var items: [IOC] = []
    /// Keys already listed (type and normalized value), for constant-time deduplication.
    private var seen = Set<Key>(minimumCapacity: 16)  // a message lists about ten; no regrowth for those

    private struct Key: Hashable, Sendable {
        var type: IOC.Kind
        var value: String
    }

    private enum CodingKeys: String, CodingKey { case items }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decode([IOC].self, forKey: .items)
        seen = Set(items.map { Key(type: $0.type, value: $0.value) })
    }

    /// Adds an indicator unless the same type and value is already listed (values compared case-insensitively
    /// for hosts and addresses, as written for URLs); true when it was added.
    @discardableResult
    public mutating func add(_ type: IOC.Kind, _ value: String, context: String) -> Bool {
        let value = ASCIIText.trimmingWhitespaces(value)
        // At most as many characters as UTF-8 bytes: count characters only for a long value.
        guard !value.isEmpty, value.utf8.count <= 2048 || value.count <= 2048 else { return false }
        let normalized = type.caseInsensitive ? ASCIIText.lowercased(value) : value
        guard seen.insert(Key(type: type, value: normalized)).inserted else { return false }
        items.append(IOC(type: type, value: normalized, context: context))
        return true
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
