/// An IPv4 or IPv6 address read from a header, with its special-purpose class (RFC 6890, RFC 5737, RFC 4193).
public struct IPAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Family: String, Sendable, Hashable, Codable { case ipv4, ipv6 }

    /// What kind of address this is; anything but `global` cannot be a real hop on the public Internet.
    public enum Scope: String, Sendable, Hashable, Codable {
        case global, privateUse = "private", loopback, linkLocal = "link-local", sharedCGN = "shared-cgn"
        case documentation, unspecified, multicast, reserved, uniqueLocal = "unique-local"
    }

    public let family: Family
    /// 4 or 16 bytes, network order.
    public let bytes: [UInt8]

    /// Reads a dotted quad, an IPv6 address (with optional `IPv6:` prefix, RFC 5321 §4.1.3) or an IPv4-mapped IPv6 form.
    public init?(_ text: some StringProtocol) {
        var s = Substring(text)
        if s.hasPrefix("["), s.hasSuffix("]") { s = s.dropFirst().dropLast() }
        if s.lowercased().hasPrefix("ipv6:") { s = s.dropFirst(5) }
        if let v4 = IPAddress.parseV4(s) {
            family = .ipv4
            bytes = v4
        } else if let v6 = IPAddress.parseV6(s) {
            family = .ipv6
            bytes = v6
        } else {
            return nil
        }
    }

    static func parseV4(_ s: Substring) -> [UInt8]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(part), v <= 255 else { return nil }
            out.append(UInt8(v))
        }
        return out
    }

    static func parseV6(_ s: Substring) -> [UInt8]? {
        guard s.count >= 2, s.count <= 45, s.contains(":") else { return nil }
        var text = s
        if let pct = text.firstIndex(of: "%") { text = text[..<pct] }
        var tail: [UInt8] = []
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = parseV4(text[text.index(after: lastColon)...]) else { return nil }
            tail = v4
            text = text[...lastColon]
            if text.hasSuffix(":"), !text.hasSuffix("::") { text = text.dropLast() }
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for g in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        let rest = halves.count == 2 ? groups(halves[1]) : []
        guard let rest else { return nil }
        let wanted = 8 - tail.count / 2
        var all: [UInt16]
        if halves.count == 2 {
            guard head.count + rest.count < wanted else { return nil }
            all = head + Array(repeating: 0, count: wanted - head.count - rest.count) + rest
        } else {
            guard head.count == wanted else { return nil }
            all = head
        }
        var out: [UInt8] = []
        for g in all { out.append(UInt8(g >> 8)); out.append(UInt8(g & 0xFF)) }
        return out + tail
    }

    public var description: String {
        switch family {
        case .ipv4:
            return bytes.map(String.init).joined(separator: ".")
        case .ipv6:
            var groups: [UInt16] = []
            for i in stride(from: 0, to: 16, by: 2) { groups.append(UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])) }
            // Longest run of zero groups (length >= 2) becomes "::" (RFC 5952 §4.2).
            var bestStart = -1, bestLength = 0, i = 0
            while i < 8 {
                guard groups[i] == 0 else { i += 1; continue }
                var j = i
                while j < 8, groups[j] == 0 { j += 1 }
                if j - i > bestLength, j - i >= 2 { bestStart = i; bestLength = j - i }
                i = j
            }
            func hex(_ range: ArraySlice<UInt16>) -> String { range.map { String($0, radix: 16) }.joined(separator: ":") }
            guard bestStart >= 0 else { return hex(groups[...]) }
            return hex(groups[..<bestStart]) + "::" + hex(groups[(bestStart + bestLength)...])
        }
    }

    /// The special-purpose class of the address (RFC 6890 registries, abridged).
    public var scope: Scope {
        let b = bytes
        switch family {
        case .ipv4:
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
        case .ipv6:
            if b.allSatisfy({ $0 == 0 }) { return .unspecified }
            if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return .loopback }
            if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF,
               let v4 = IPAddress("\(b[12]).\(b[13]).\(b[14]).\(b[15])") { return v4.scope }
            if b[0] == 0xFE && (b[1] & 0xC0) == 0x80 { return .linkLocal }
            if (b[0] & 0xFE) == 0xFC { return .uniqueLocal }
            if b[0] == 0xFF { return .multicast }
            if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return .documentation }
            if (b[0] & 0xE0) != 0x20 { return .reserved }
            return .global
        }
    }

    /// True when the address is routable on the public Internet.
    public var isGlobal: Bool { scope == .global }
}
