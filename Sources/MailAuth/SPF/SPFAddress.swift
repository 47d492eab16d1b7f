/// An IPv4 or IPv6 address as SPF compares it: bytes, CIDR matching, reverse and macro names (RFC 7208 §5.6, §7.3).
public struct SPFAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    public var isIPv4: Bool { bytes.count == 4 }

    /// Builds an address from 4 or 16 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text. Accepts the literal forms `[1.2.3.4]` and `[IPv6:...]`.
    /// Rejects anything else (leading zeros in IPv4 octets, zone ids, stray characters).
    public init?(_ text: String) {
        var body = Substring(text)
        if body.hasPrefix("["), body.hasSuffix("]") { body = body.dropFirst().dropLast() }
        if body.lowercased().hasPrefix("ipv6:") { body = body.dropFirst(5) }
        guard !body.isEmpty, body.count <= 45 else { return nil }
        if body.contains(":") {
            guard let parsed = SPFAddress.parseIPv6(body) else { return nil }
            self.bytes = parsed
        } else {
            guard let parsed = SPFAddress.parseIPv4(body) else { return nil }
            self.bytes = parsed
        }
    }

    /// The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), else self.
    public var unmapped: SPFAddress {
        guard bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF,
              let v4 = SPFAddress(bytes: Array(bytes[12...])) else { return self }
        return v4
    }

    /// True when the first `prefixLength` bits equal those of `network` (same family only).
    public func isWithin(_ network: SPFAddress, prefixLength: Int) -> Bool {
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

    /// The `%{i}` macro form: dotted quad, or dot-separated nibbles for IPv6 (RFC 7208 §7.3).
    public var macroForm: String {
        isIPv4 ? description : nibbles.joined(separator: ".")
    }

    private var nibbles: [String] {
        let digits = Array("0123456789abcdef")
        return bytes.flatMap { [String(digits[Int($0 >> 4)]), String(digits[Int($0 & 0x0F)])] }
    }

    /// Dotted quad, or the RFC 5952 canonical IPv6 text (lower case, longest zero run compressed).
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

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = SPFAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an IP address"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out = [UInt8]()
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  !(part.count > 1 && part.first == "0"), let value = Int(part), value <= 255 else { return nil }
            out.append(UInt8(value))
        }
        return out
    }

    static func parseIPv6(_ text: Substring) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowV4: Bool) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var out = [UInt8]()
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if piece.contains(".") {
                    guard allowV4, index == pieces.count - 1, let v4 = parseIPv4(piece) else { return nil }
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
