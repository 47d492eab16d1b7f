import MailDNS
@testable import MailDNSLive
import Testing

/// Wire-format rdata as libunbound returns it (RFC 1035 §3.3), including hostile bytes.
@Suite struct RDataParserTests {
    static let name: [UInt8] = [4] + Array("mail".utf8) + [7] + Array("example".utf8) + [3] + Array("com".utf8) + [0]

    static let valid: [([UInt8], DNSRecordType, DNSRecordData)] = [
        ([3] + Array("abc".utf8), .txt, .txt(["abc"])),
        ([2] + Array("ab".utf8) + [0] + [1] + Array("c".utf8), .txt, .txt(["ab", "", "c"])),
        ([192, 0, 2, 1], .a, .a("192.0.2.1")),
        ([0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [1], .aaaa, .aaaa("2001:db8::1")),
        ([0, 10] + name, .mx, .mx(preference: 10, exchange: "mail.example.com")),
        (name, .ptr, .ptr("mail.example.com")),
        (name, .cname, .cname("mail.example.com")),
        ([0], .ns, .ns(".")),
        ([3] + Array("a.b".utf8) + [2] + Array("EX".utf8) + [0], .cname, .cname("a\\.b.ex")),
    ]

    @Test(arguments: valid.indices)
    func parses(_ index: Int) {
        let (bytes, type, expected) = Self.valid[index]
        #expect(RDataParser.parse(bytes, type: type) == expected)
    }

    static let malformed: [([UInt8], DNSRecordType)] = [
        ([], .txt), ([5, 65], .txt), ([192, 0, 2], .a), ([1, 2, 3, 4, 5], .a), (Array(repeating: 0, count: 15), .aaaa),
        ([0, 10], .mx), ([0xC0, 0x0C], .cname), ([3, 65, 65], .ptr), (name + [0], .ns), ([64] + Array(repeating: 65, count: 64) + [0], .ns),
    ]

    @Test(arguments: malformed.indices)
    func refusesMalformed(_ index: Int) {
        let (bytes, type) = Self.malformed[index]
        #expect(RDataParser.parse(bytes, type: type) == nil)
    }

    @Test func randomBytesNeverCrash() {
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...40)).map { _ in UInt8.random(in: 0...255) }
            for type in DNSRecordType.allCases { _ = RDataParser.parse(bytes, type: type) }
        }
    }
}
