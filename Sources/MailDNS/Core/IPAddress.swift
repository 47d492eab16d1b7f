import Foundation

/// An IPv4 or IPv6 address (RFC 791, RFC 4291 §2.2): parsed from text, canonical RFC 5952 text, bytes, CIDR
/// matching (RFC 4632), special-purpose class (RFC 6890, RFC 5737, RFC 4193); encodes as its canonical text.
public struct IPAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Family: String, Sendable, Hashable, Codable { case ipv4, ipv6 }

    /// What kind of address this is; anything but `global` cannot be a real hop on the public Internet.
    public enum Scope: String, Sendable, Hashable, Codable {
        case global, privateUse = "private", loopback, linkLocal = "link-local", sharedCGN = "shared-cgn"
        case documentation, unspecified, multicast, reserved, uniqueLocal = "unique-local"
    }

    /// Which written forms besides the bare address text are accepted.
    public struct TextForms: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Address literals: `[1.2.3.4]`, `[IPv6:2001:db8::1]`, `IPv6:2001:db8::1` (RFC 5321 §4.1.3).
        public static let literal = TextForms(rawValue: 1)
        /// What mail software writes in headers: leading zeros in IPv4 octets, a `%zone` suffix on IPv6.
        public static let lenient = TextForms(rawValue: 2)
        /// Everything a Received header may hold.
        public static let header: TextForms = [.literal, .lenient]
    }

    /// 4 bytes for IPv4, 16 for IPv6, network order.
    public let bytes: [UInt8]

    public var family: Family { bytes.count == 4 ? .ipv4 : .ipv6 }
    public var isIPv4: Bool { bytes.count == 4 }

    /// Builds an address from 4 or 16 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (with an embedded IPv4 tail), plus the extra `forms`.
    /// Without `.lenient`, rejects leading zeros in IPv4 octets, zone ids and stray characters.
    public init?(_ text: some StringProtocol, accepting forms: TextForms = .literal) {
        var body = Substring(text)
        if forms.contains(.literal) {
            if body.hasPrefix("["), body.hasSuffix("]") { body = body.dropFirst().dropLast() }
            if body.lowercased().hasPrefix("ipv6:") { body = body.dropFirst(5) }
        }
        let lenient = forms.contains(.lenient)
        guard !body.isEmpty, body.count <= 45 else { return nil }
        if body.contains(":") {
            if lenient, let percent = body.firstIndex(of: "%") { body = body[..<percent] }
            guard let parsed = IPAddress.parseIPv6(body, lenient: lenient) else { return nil }
            self.bytes = parsed
        } else {
            guard let parsed = IPAddress.parseIPv4(body, lenient: lenient) else { return nil }
            self.bytes = parsed
        }
    }

    /// Parses bare text of one family only (a zone file's A or AAAA data, an SPF `ip4:`/`ip6:` network).
    public init?(_ text: some StringProtocol, family: Family) {
        let body = Substring(text)
        guard !body.isEmpty, body.count <= 45 else { return nil }
        switch family {
        case .ipv4:
            guard let parsed = IPAddress.parseIPv4(body, lenient: false) else { return nil }
            self.bytes = parsed
        case .ipv6:
            guard body.contains(":"), let parsed = IPAddress.parseIPv6(body, lenient: false) else { return nil }
            self.bytes = parsed
        }
    }

    /// The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), else self.
    public var unmapped: IPAddress {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF,
              let v4 = IPAddress(bytes: Array(bytes[12...])) else { return self }
        return v4
    }

    /// True when the first `prefixLength` bits equal those of `network` (same family only).
    public func isWithin(_ network: IPAddress, prefixLength: Int) -> Bool {
        guard bytes.count == network.bytes.count else { return false }
        let bits = Swift.max(0, Swift.min(prefixLength, bytes.count * 8))
        let whole = bits / 8
        for index in 0..<whole where bytes[index] != network.bytes[index] { return false }
        let rest = bits % 8
        guard rest > 0 else { return true }
        let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - rest))
        return bytes[whole] & mask == network.bytes[whole] & mask
    }

    /// The name to ask for PTR records: `4.3.2.1.in-addr.arpa` or the nibble form under `ip6.arpa`.
    public var reverseName: String {
        isIPv4 ? bytes.reversed().map(String.init).joined(separator: ".") + ".in-addr.arpa"
               : nibbles.reversed().joined(separator: ".") + ".ip6.arpa"
    }

    /// Dotted quad, or dot-separated nibbles for IPv6 (the SPF `%{i}` macro form, RFC 7208 §7.3).
    public var macroForm: String {
        isIPv4 ? description : nibbles.joined(separator: ".")
    }

    private var nibbles: [String] {
        let digits = Array("0123456789abcdef")
        return bytes.flatMap { [String(digits[Int($0 >> 4)]), String(digits[Int($0 & 0x0F)])] }
    }

    /// Dotted quad, or the RFC 5952 canonical IPv6 text (lower case, first longest zero run of 2+ compressed).
    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        var groups = [Int]()
        for index in stride(from: 0, to: 16, by: 2) { groups.append(Int(bytes[index]) << 8 | Int(bytes[index + 1])) }
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8, groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength, index - runStart >= 2 { bestStart = runStart; bestLength = index - runStart }
                runStart = -1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        let head = hex[0..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }

    /// The special-purpose class of the address (RFC 6890 registries, abridged).
    public var scope: Scope {
        let b = bytes
        if b.count == 4 {
            switch b[0] {
            case 0: return .unspecified
            case 10: return .privateUse
            case 127: return .loopback
            case 100 where (64...127).contains(b[1]): return .sharedCGN
            case 169 where b[1] == 254: return .linkLocal
            case 172 where (16...31).contains(b[1]): return .privateUse
            case 192 where b[1] == 168: return .privateUse
            case 192 where b[1] == 0 && b[2] == 2, 198 where b[1] == 51 && b[2] == 100, 203 where b[1] == 0 && b[2] == 113:
                return .documentation
            case 192 where b[1] == 0 && b[2] == 0, 198 where b[1] == 18 || b[1] == 19: return .reserved
            case 224...239: return .multicast
            case 240...255: return .reserved
            default: return .global
            }
        }
        if b.allSatisfy({ $0 == 0 }) { return .unspecified }
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return .loopback }
        let v4 = unmapped
        if v4.isIPv4 { return v4.scope }
        if b[0] == 0xFE && (b[1] & 0xC0) == 0x80 { return .linkLocal }
        if (b[0] & 0xFE) == 0xFC { return .uniqueLocal }
        if b[0] == 0xFF { return .multicast }
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return .documentation }
        if (b[0] & 0xE0) != 0x20 { return .reserved }
        return .global
    }

    /// True when the address is routable on the public Internet.
    public var isGlobal: Bool { scope == .global }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = IPAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an IP address"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func parseIPv4(_ text: Substring, lenient: Bool) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out = [UInt8]()
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  lenient || !(part.count > 1 && part.first == "0"), let value = Int(part), value <= 255 else { return nil }
            out.append(UInt8(value))
        }
        return out
    }

    static func parseIPv6(_ text: Substring, lenient: Bool) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowV4: Bool) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var out = [UInt8]()
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if piece.contains(".") {
                    guard allowV4, index == pieces.count - 1, let v4 = parseIPv4(piece, lenient: lenient) else { return nil }
                    out += v4
                    continue
                }
                guard (1...4).contains(piece.count), piece.allSatisfy({ $0.isHexDigit && $0.isASCII }),
                      let value = UInt16(piece, radix: 16) else { return nil }
                out += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return out
        }
        if halves.count == 1 {
            guard let all = groups(halves[0], allowV4: true), all.count == 16 else { return nil }
            return all
        }
        guard let head = groups(halves[0], allowV4: false), let tail = groups(halves[1], allowV4: true),
              head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
