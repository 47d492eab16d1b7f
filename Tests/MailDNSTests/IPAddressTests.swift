import Foundation
import MailDNS
import Testing

/// The byte-level address reader against a table of written forms, and against the earlier String/Foundation
/// reader (kept below as the reference) on generated text, so the two can never disagree.
@Suite struct IPAddressTests {
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var forms: IPAddress.TextForms
        var expected: String?
        var description: String { "\(text.debugDescription) \(forms.rawValue) -> \(expected ?? "nil")" }
    }

    static let cases: [Case] = [
        Case(text: "192.0.2.1", forms: [], expected: "192.0.2.1"),
        Case(text: "0.0.0.0", forms: [], expected: "0.0.0.0"),
        Case(text: "255.255.255.255", forms: [], expected: "255.255.255.255"),
        Case(text: "256.1.1.1", forms: .header, expected: nil),
        Case(text: "1.2.3", forms: .header, expected: nil),
        Case(text: "1.2.3.4.5", forms: .header, expected: nil),
        Case(text: "1..3.4", forms: .header, expected: nil),
        Case(text: "1.2.3.4.", forms: .header, expected: nil),
        Case(text: "01.2.3.4", forms: [], expected: nil),
        Case(text: "01.2.3.4", forms: .header, expected: "1.2.3.4"),
        Case(text: "0001.2.3.4", forms: .header, expected: nil),
        Case(text: "[192.0.2.1]", forms: .literal, expected: "192.0.2.1"),
        Case(text: "[192.0.2.1]", forms: [], expected: nil),
        Case(text: "[192.0.2.1", forms: .header, expected: nil),
        Case(text: "[]", forms: .header, expected: nil),
        Case(text: "2001:db8::1", forms: [], expected: "2001:db8::1"),
        Case(text: "2001:DB8:0:0:0:0:0:1", forms: [], expected: "2001:db8::1"),
        Case(text: "[IPv6:2001:db8::1]", forms: .literal, expected: "2001:db8::1"),
        Case(text: "ipv6:2001:db8::1", forms: .literal, expected: "2001:db8::1"),
        Case(text: "::", forms: [], expected: "::"),
        Case(text: "::1", forms: [], expected: "::1"),
        Case(text: "1::", forms: [], expected: "1::"),
        Case(text: ":::", forms: [], expected: nil),
        Case(text: "1::2::3", forms: [], expected: nil),
        Case(text: "1:2:3:4:5:6:7:8", forms: [], expected: "1:2:3:4:5:6:7:8"),
        Case(text: "1:2:3:4:5:6:7:8:9", forms: [], expected: nil),
        Case(text: "1:2:3:4:5:6:7::8", forms: [], expected: nil),
        Case(text: "1:0:0:2:0:0:0:3", forms: [], expected: "1:0:0:2::3"),
        Case(text: "1:0:2:0:3:0:4:0", forms: [], expected: "1:0:2:0:3:0:4:0"),
        Case(text: "::ffff:192.0.2.1", forms: [], expected: "::ffff:c000:201"),
        Case(text: "::192.0.2.1:1", forms: [], expected: nil),
        Case(text: "12345::1", forms: [], expected: nil),
        Case(text: "fe80::1%eth0", forms: .header, expected: "fe80::1"),
        Case(text: "fe80::1%eth0", forms: [], expected: nil),
        Case(text: "fe80::1%ä", forms: .header, expected: "fe80::1"),
        Case(text: "fe80::1%\r\n", forms: .header, expected: "fe80::1"),
        Case(text: "fé80::1", forms: .header, expected: nil),
        Case(text: "192.0.2.1\r\n", forms: .header, expected: nil),
        Case(text: "", forms: .header, expected: nil),
        Case(text: "localhost", forms: .header, expected: nil),
        Case(text: "mail.example.com", forms: .header, expected: nil),
    ]

    @Test(arguments: cases) func writtenForms(_ c: Case) {
        #expect(IPAddress(c.text, accepting: c.forms)?.description == c.expected)
        #expect(ReferenceIPText.parse(c.text, forms: c.forms).map { IPAddress(bytes: $0)!.description } == c.expected)
    }

    @Test func families() {
        #expect(IPAddress("192.0.2.1", family: .ipv4)?.description == "192.0.2.1")
        #expect(IPAddress("192.0.2.1", family: .ipv6) == nil)
        #expect(IPAddress("2001:db8::1", family: .ipv6)?.description == "2001:db8::1")
        #expect(IPAddress("2001:db8::1", family: .ipv4) == nil)
        #expect(IPAddress("01.2.3.4", family: .ipv4) == nil)
        #expect(IPAddress("[192.0.2.1]", family: .ipv4) == nil)
    }

    /// Deterministic text made of the pieces addresses and their look-alikes are made of.
    static func generated(count: Int) -> [String] {
        let pieces = ["0", "1", "00", "01", "9", "10", "99", "255", "256", "1000", "a", "F", "ffff", "12345", "g", ".", ":", "::", ":::",
                      "%", "%eth0", "[", "]", "IPv6:", "ipv6:", "IPV6", " ", "\r", "\n", "\r\n", "é", "\u{301}", "İ", "\u{212A}", "\u{FFFD}",
                      "192.0.2.1", "2001:db8", "::ffff:"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in (0..<(1 + next() % 12)).map { _ in pieces[next() % pieces.count] }.joined() }
    }

    @Test func agreesWithReferenceOnGeneratedText() {
        for text in Self.generated(count: 30_000) {
            for forms in [IPAddress.TextForms(), .literal, .lenient, .header] {
                let expected = ReferenceIPText.parse(text, forms: forms)
                #expect(IPAddress(text, accepting: forms)?.bytes == expected, "\(text.debugDescription) \(forms.rawValue)")
                #expect(IPAddress(Substring(text), accepting: forms)?.bytes == expected, "\(text.debugDescription) \(forms.rawValue)")
            }
            #expect(IPAddress(text, family: .ipv4)?.bytes == ReferenceIPText.parse(text, family: .ipv4), "\(text.debugDescription)")
            #expect(IPAddress(text, family: .ipv6)?.bytes == ReferenceIPText.parse(text, family: .ipv6), "\(text.debugDescription)")
        }
    }

    @Test func canonicalTextAgreesWithReferenceForEveryZeroPattern() {
        // Every pattern of zero and non-zero groups (256), with one-, two-, three- and four-digit groups.
        for mask in 0..<256 {
            var bytes = [UInt8](repeating: 0, count: 16)
            for group in 0..<8 where mask & (1 << group) != 0 {
                let value = [0x1, 0x2b, 0x3cd, 0xef01][group % 4]
                bytes[2 * group] = UInt8(value >> 8)
                bytes[2 * group + 1] = UInt8(value & 0xFF)
            }
            let address = IPAddress(bytes: bytes)!
            #expect(address.description == ReferenceIPText.description(bytes))
            #expect(IPAddress(address.description)?.bytes == bytes)
        }
        for bytes in [[0, 0, 0, 0], [9, 10, 99, 100], [192, 0, 2, 255]] as [[UInt8]] {
            #expect(IPAddress(bytes: bytes)!.description == ReferenceIPText.description(bytes))
        }
    }
}

/// The address reader as it was written first, over String and Foundation: the reference for the byte-level one.
enum ReferenceIPText {
    static func parse(_ text: String, forms: IPAddress.TextForms) -> [UInt8]? {
        var body = Substring(text)
        if forms.contains(.literal) {
            if body.hasPrefix("["), body.hasSuffix("]") { body = body.dropFirst().dropLast() }
            if body.lowercased().hasPrefix("ipv6:") { body = body.dropFirst(5) }
        }
        let lenient = forms.contains(.lenient)
        guard !body.isEmpty, body.count <= 45 else { return nil }
        if body.contains(":") {
            if lenient, let percent = body.firstIndex(of: "%") { body = body[..<percent] }
            return parseIPv6(body, lenient: lenient)
        }
        return parseIPv4(body, lenient: lenient)
    }

    static func parse(_ text: String, family: IPAddress.Family) -> [UInt8]? {
        let body = Substring(text)
        guard !body.isEmpty, body.count <= 45 else { return nil }
        switch family {
        case .ipv4: return parseIPv4(body, lenient: false)
        case .ipv6: return body.contains(":") ? parseIPv6(body, lenient: false) : nil
        }
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

    static func description(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
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
        return hex[0..<bestStart].joined(separator: ":") + "::" + hex[(bestStart + bestLength)...].joined(separator: ":")
    }
}
