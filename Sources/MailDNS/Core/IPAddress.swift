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
    public init?(_ text: String, accepting forms: TextForms = .literal) {
        guard let bytes = IPAddress.parse(text[...], forms: forms) else { return nil }
        self.bytes = bytes
    }

    /// The same for a substring (a word of a Received field), read in place.
    public init?(_ text: Substring, accepting forms: TextForms = .literal) {
        guard let bytes = IPAddress.parse(text, forms: forms) else { return nil }
        self.bytes = bytes
    }

    /// The same for any other string type.
    public init?(_ text: some StringProtocol, accepting forms: TextForms = .literal) {
        self.init(String(text), accepting: forms)
    }

    /// Addresses are read byte by byte (this runs for every Received hop and every host name tested for being an
    /// address), in the string's own storage. Text that is not plain ASCII, or holds a CR (where "\r\n" is one
    /// Character), goes through `parseUnicodeText`, which frames it by Characters as the written forms are defined.
    static func parse(_ text: Substring, forms: TextForms) -> [UInt8]? {
        let base = text.base.utf8
        let start = base.distance(from: base.startIndex, to: text.startIndex)
        let end = base.distance(from: base.startIndex, to: text.endIndex)
        let parsed = base.withContiguousStorageIfAvailable { parseText(UnsafeBufferPointer(rebasing: $0[start..<end]), forms: forms) }
            ?? Array(text.utf8).withUnsafeBufferPointer { parseText($0, forms: forms) }
        switch parsed {
        case .address(let bytes): return bytes
        case .invalid: return nil
        case .unicode: return parseUnicodeText(text, forms: forms)
        }
    }

    /// Parses bare text of one family only (a zone file's A or AAAA data, an SPF `ip4:`/`ip6:` network).
    public init?(_ text: some StringProtocol, family: Family) {
        // Any byte that is not ASCII, or a CR, fails both parsers, so counting bytes instead of Characters is exact.
        let parse = { (body: UnsafeBufferPointer<UInt8>) -> [UInt8]? in
            guard !body.isEmpty, body.count <= 45 else { return nil }
            switch family {
            case .ipv4: return IPAddress.parseIPv4(body[...], lenient: false)
            case .ipv6: return body.contains(0x3A) ? IPAddress.parseIPv6(body[...], lenient: false) : nil
            }
        }
        guard let parsed = text.utf8.withContiguousStorageIfAvailable(parse) ?? Array(text.utf8).withUnsafeBufferPointer(parse)
        else { return nil }
        self.bytes = parsed
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
        // Written into a byte buffer: the path, SPF and the report ask for this text for every hop.
        var out = [UInt8]()
        out.reserveCapacity(41)
        if isIPv4 {
            for (index, byte) in bytes.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ".")) }
                if byte >= 100 { out.append(0x30 + byte / 100) }
                if byte >= 10 { out.append(0x30 + byte / 10 % 10) }
                out.append(0x30 + byte % 10)
            }
            return String(decoding: out, as: UTF8.self)
        }
        var groups = [Int](repeating: 0, count: 8)
        for index in 0..<8 { groups[index] = Int(bytes[2 * index]) << 8 | Int(bytes[2 * index + 1]) }
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...8 {
            if index < 8, groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength, index - runStart >= 2 { bestStart = runStart; bestLength = index - runStart }
                runStart = -1
            }
        }
        let hexDigits = Array("0123456789abcdef".utf8)
        func appendGroup(_ value: Int) {
            var shift = 12
            while shift > 0, value >> shift == 0 { shift -= 4 }
            while shift >= 0 { out.append(hexDigits[value >> shift & 0xF]); shift -= 4 }
        }
        var index = 0
        while index < 8 {
            if index == bestStart {
                out.append(UInt8(ascii: ":")); out.append(UInt8(ascii: ":"))
                index += bestLength
                continue
            }
            if index > 0, index != bestStart + bestLength { out.append(UInt8(ascii: ":")) }
            appendGroup(groups[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
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

    /// What `parseText` made of a text: an address, certainly no address, or text to be framed by Characters.
    enum TextParse {
        case address([UInt8])
        case invalid
        case unicode
    }

    /// Reads ASCII text (no CR) with the written `forms`: `[...]`, `IPv6:`, a `%zone`; the same steps as
    /// `parseUnicodeText`, on bytes.
    static func parseText(_ text: UnsafeBufferPointer<UInt8>, forms: TextForms) -> TextParse {
        for byte in text where byte >= 0x80 || byte == 0x0D { return .unicode }
        var body = text[...]
        if forms.contains(.literal) {
            if body.first == UInt8(ascii: "["), body.last == UInt8(ascii: "]") { body = body.dropFirst().dropLast() }
            if hasIPv6Prefix(body) { body = body.dropFirst(5) }
        }
        guard !body.isEmpty, body.count <= 45 else { return .invalid }
        let parsed: [UInt8]?
        if body.contains(0x3A) {
            if forms.contains(.lenient), let percent = body.firstIndex(of: UInt8(ascii: "%")) { body = body[..<percent] }
            parsed = parseIPv6(body, lenient: forms.contains(.lenient))
        } else {
            parsed = parseIPv4(body, lenient: forms.contains(.lenient))
        }
        return parsed.map(TextParse.address) ?? .invalid
    }

    /// `IPv6:` in any case (RFC 5321 §4.1.3).
    static func hasIPv6Prefix(_ body: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard body.count >= 5 else { return false }
        let s = body.startIndex
        return body[s] | 0x20 == UInt8(ascii: "i") && body[s + 1] | 0x20 == UInt8(ascii: "p") && body[s + 2] | 0x20 == UInt8(ascii: "v")
            && body[s + 3] == UInt8(ascii: "6") && body[s + 4] == UInt8(ascii: ":")
    }

    /// The Character-level framing for text with non-ASCII characters or CRs. Such a character can only survive in a
    /// `%zone` (every other part must be hex digits, digits, dots and colons), so the address before the zone is
    /// then read as bytes.
    static func parseUnicodeText(_ text: Substring, forms: TextForms) -> [UInt8]? {
        var body = text
        if forms.contains(.literal) {
            if body.hasPrefix("["), body.hasSuffix("]") { body = body.dropFirst().dropLast() }
            if body.lowercased().hasPrefix("ipv6:") { body = body.dropFirst(5) }
        }
        guard !body.isEmpty, body.count <= 45, body.utf8.contains(0x3A), forms.contains(.lenient),
              let percent = body.firstIndex(of: "%") else { return nil }
        let address = Array(body[..<percent].utf8)
        guard address.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
        return address.withUnsafeBufferPointer { parseIPv6($0[...], lenient: true) }
    }

    /// Dotted quad: four decimal octets of one to three digits; a leading zero only when `lenient`.
    static func parseIPv4(_ text: Slice<UnsafeBufferPointer<UInt8>>, lenient: Bool) -> [UInt8]? {
        // The octets are gathered in a UInt32 and the array made only for an address: most text tried here (host
        // names) is not one.
        var octets: UInt32 = 0
        var count = 0, value = 0, digits = 0, first: UInt8 = 0
        func closeOctet() -> Bool {
            guard digits > 0, digits <= 3, lenient || !(digits > 1 && first == UInt8(ascii: "0")), value <= 255 else { return false }
            octets = octets << 8 | UInt32(value)
            count += 1
            value = 0; digits = 0
            return true
        }
        for byte in text {
            if byte == UInt8(ascii: ".") {
                guard count < 3, closeOctet() else { return nil }
                continue
            }
            guard byte >= 0x30, byte <= 0x39, digits < 3 else { return nil }
            if digits == 0 { first = byte }
            value = value * 10 + Int(byte - 0x30)
            digits += 1
        }
        guard count == 3, closeOctet() else { return nil }
        return [UInt8(truncatingIfNeeded: octets >> 24), UInt8(truncatingIfNeeded: octets >> 16),
                UInt8(truncatingIfNeeded: octets >> 8), UInt8(truncatingIfNeeded: octets)]
    }

    /// RFC 4291 §2.2 text: up to eight hex groups, one `::` for a run of zero groups, an IPv4 tail.
    static func parseIPv6(_ text: Slice<UnsafeBufferPointer<UInt8>>, lenient: Bool) -> [UInt8]? {
        // The halves around the first "::"; a second "::" after it is invalid.
        var doubleColon: Int?
        var i = text.startIndex
        while i + 1 < text.endIndex {
            if text[i] == 0x3A, text[i + 1] == 0x3A {
                guard doubleColon == nil else { return nil }
                doubleColon = i
                i += 2
                continue
            }
            i += 1
        }
        var out = [UInt8]()
        out.reserveCapacity(16)
        /// Appends the groups of one half (colon-separated, empty groups invalid); false when malformed.
        func groups(_ part: Slice<UnsafeBufferPointer<UInt8>>, allowV4: Bool) -> Bool {
            guard !part.isEmpty else { return true }
            var start = part.startIndex
            while true {
                let end = part[start...].firstIndex(of: 0x3A) ?? part.endIndex
                let piece = part[start..<end]
                if piece.contains(UInt8(ascii: ".")) {
                    guard allowV4, end == part.endIndex, let v4 = parseIPv4(piece, lenient: lenient) else { return false }
                    out += v4
                } else {
                    guard (1...4).contains(piece.count) else { return false }
                    var value = 0
                    for byte in piece {
                        guard let nibble = hexValue(byte) else { return false }
                        value = value << 4 | nibble
                    }
                    out.append(UInt8(value >> 8))
                    out.append(UInt8(value & 0xFF))
                }
                if end == part.endIndex { return true }
                start = end + 1
            }
        }
        guard let split = doubleColon else {
            guard groups(text, allowV4: true), out.count == 16 else { return nil }
            return out
        }
        guard groups(text[..<split], allowV4: false) else { return nil }
        let headCount = out.count
        guard groups(text[(split + 2)...], allowV4: true), out.count <= 14 else { return nil }
        out.insert(contentsOf: repeatElement(0, count: 16 - out.count), at: headCount)
        return out
    }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x41...0x46: return Int(byte - 0x41 + 10)
        case 0x61...0x66: return Int(byte - 0x61 + 10)
        default: return nil
        }
    }
}
