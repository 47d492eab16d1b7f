import Foundation
import MailAuth
import MailDNS
import MailParsing
import Testing
@testable import MailForensics

/// The byte-level content code (plain-text URL scan, one-pass hashes, indicator de-duplication) gives the
/// same answers as the straightforward code it replaced, kept here as the reference.
@Suite struct ContentFastPathTests {
    /// The plain-text URL scan before it jumped from anchor to anchor: every byte tried as a start.
    static func referencePlainURLs(_ text: [UInt8]) -> [String] {
        var out: [String] = []
        let n = text.count
        var i = 0
        let prefixes: [[UInt8]] = [Array("http://".utf8), Array("https://".utf8), Array("ftp://".utf8), Array("www.".utf8)]
        while i < n {
            let b = text[i] | 0x20
            guard b == 0x68 || b == 0x66 || b == 0x77 else { i += 1; continue }
            if i > 0, HTMLScanner.isASCIILetter(text[i - 1]) || text[i - 1] == 0x2E || text[i - 1] == 0x2F { i += 1; continue }
            var matched: [UInt8]?
            for p in prefixes where i + p.count <= n {
                var k = 0
                while k < p.count, (HTMLScanner.isASCIILetter(text[i + k]) ? text[i + k] | 0x20 : text[i + k]) == p[k] { k += 1 }
                if k == p.count { matched = p; break }
            }
            guard let p = matched else { i += 1; continue }
            var j = i + p.count
            while j < n, j - i < 4096, text[j] > 0x20, text[j] != 0x3C, text[j] != 0x3E, text[j] != 0x22, text[j] != 0x27, text[j] != 0x7F {
                j += 1
            }
            var end = j
            while end > i + p.count, [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x7D, 0x2A].contains(text[end - 1]) { end -= 1 }
            if end > i + p.count + 1 {
                var url = String(decoding: text[i..<end], as: UTF8.self)
                if p.first == 0x77 { url = "http://" + url }
                out.append(url)
            }
            i = max(j, i + 1)
        }
        return out
    }

    static let texts = [
        "", "w", "www", "www.", "www.a", "http://", "http://x", "see http://a.example/x.", "HTTPS://Bank.Example/Login?x=1).",
        "ftp://files.example/a,b;", "visit www.example.com, or WWW.EXAMPLE.ORG!", "xhttp://no.example and /www.no.example .www.no",
        "http://a.example/http://b.example www.c.example", "https:/broken http:/ www.. www.x", "ahttps://x.example https://y.example",
        "hhttp://x.example", "wwww.x.example", "http://www.x.example", "a:b.c:d.e www", "<http://x.example>\"https://y.example\"",
        "http://x.example/\u{7F}tail", "mail me: a@b.example. https://café.example/ü", "www.x.example" + String(repeating: "a", count: 5000),
        "...:::...www.w.ww.www.wwww.", "http://x.example:8080/path:more.", "Ftp://X.example www.Y.example hTtP://z.example",
    ]

    @Test(arguments: texts)
    func plainURLsMatchTheByteByByteScan(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(LinkExtractor.plainURLs(bytes) == Self.referencePlainURLs(bytes))
    }

    /// Random texts over the bytes the scan cares about, so that starts, anchors and stops collide often.
    @Test(arguments: 0..<8)
    func plainURLsMatchTheByteByByteScanOnRandomText(seed: Int) {
        var generator = XorShift(seed: UInt64(seed))
        let alphabet = Array("hHtTpPsSfFwW:/. .,)x-\n<\"".utf8) + [0x7F, 0xC3, 0xA9]
        for _ in 0..<500 {
            let count = Int(generator.next() % 400)
            let bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            #expect(LinkExtractor.plainURLs(bytes) == Self.referencePlainURLs(bytes))
        }
    }

    @Test(arguments: [0, 1, 55, ContentScanner.hashChunk - 1, ContentScanner.hashChunk, ContentScanner.hashChunk + 1, 3 * ContentScanner.hashChunk + 7])
    func onePassHashesMatchSeparateDigests(count: Int) {
        var generator = XorShift(seed: UInt64(count))
        let data = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let hashes = ContentScanner.hashes(data)
        #expect(hashes.sha256 == Digest.hex(Digest.hash(.sha256, data)))
        #expect(hashes.sha1 == Digest.hex(Digest.hash(.sha1, data)))
        #expect(hashes.md5 == Digest.hex(Digest.hash(.md5, data)))
    }

    @Test(arguments: ["a.example", " a.example ", "\ta\t", "A.Example", "USER@EXAMPLE.COM", "x\u{00A0}", "\u{3000}y\u{3000}", "Straße.example",
                      "İstanbul.example", "ÉCOLE.fr", "\u{2003}", " ", "", "K\u{212A}.example", "a b", "e\u{301}", " \t a.pdf \t", "  ", "\t", " x", "x "])
    func indicatorNormalizationMatchesFoundation(_ value: String) {
        #expect(ASCIIText.trimmingWhitespaces(value) == value.trimmingCharacters(in: .whitespaces))
        #expect(ASCIIText.trimmingWhitespaces(value[...]) == value.trimmingCharacters(in: .whitespaces))
        #expect(ASCIIText.lowercased(value) == value.lowercased())
        #expect(ASCIIText.isPrintable(value) == value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
    }

    static let names = ["invoice.pdf", "a.PDF \t", "x", ".bashrc", "a.b.c", "invoice.pdf      .exe", "invoice.pdf    .exe", "tab\t.exe",
                        "résumé.DOCX", "invoice\u{202E}fdp.exe", "a\u{0}b.txt", "zero\u{200B}width.js", "bom\u{FEFF}.txt", "del\u{7F}.bat",
                        "", "...", "a.  .b", "ÉTÉ.PDF.EXE", "x.\u{3000}EXE\u{3000}", "name." + String(repeating: "e", count: 21)]

    /// The attachment-name checks with their ASCII shortcuts answer as the Foundation code they replaced.
    @Test(arguments: names)
    func attachmentNameChecksMatchFoundation(_ name: String) {
        #expect(AttachmentInspector.hasRunOfFiveSpaces(name) == name.contains("     "))
        var lastExtension: String?
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let ext = name[name.index(after: dot)...].trimmingCharacters(in: .whitespaces).lowercased()
            lastExtension = ext.isEmpty || ext.count > 20 ? nil : ext
        }
        #expect(AttachmentInspector.lastExtension(name) == lastExtension)
        let bidi = Array(name.unicodeScalars).filter { [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C].contains($0.value) }
        #expect(AttachmentInspector.bidiCharacters(in: name) == bidi)
        var visible = ""
        for s in name.unicodeScalars {
            let hidden = s.value < 0x20 || s.value == 0x7F || bidi.contains(s) || (0x200B...0x200D).contains(s.value) || s.value == 0xFEFF
            visible += hidden ? String(format: "<U+%04X>", s.value) : String(s)
        }
        #expect(AttachmentInspector.visible(name) == visible)
    }

    @Test(arguments: ["mail.example.com", "192.0.2.1", "192.0.2.1.", "[192.0.2.1]", "2001:db8::1", "[IPv6:2001:db8::1]", "ipv6:2001:db8::1",
                      "1.2.3", "01.2.3.4", "1.2.3.4a", "a", "", "::", "١.٢.٣.٤", "fe80::1%eth0", "192.0.2.1]"])
    func ipAddressShortcutMatchesTheParser(_ name: String) {
        #expect(IOCCollector.isIPAddress(name) == (IPAddress(name) != nil))
    }

    @Test(arguments: ["192.0.2.1", "10.0.0.1", "0.0.0.0", "255.255.255.255", "1.2.3", "1.2.3.4.5", "1..2.3.4", ".1.2.3.4", "1.2.3.4.",
                      "0001.2.3.4", "+1.2.3.4", "-1.2.3.4", "1.2.3.x", "", "999.1.1.1", "172.16.0.1", "100.64.1.1", "١.٢.٣.٤"])
    func dottedQuadReadsWhatSplittingReads(_ ip: String) {
        if let octets = IOCCollector.dottedQuad(ip) {
            #expect(octets == ip.split(separator: ".").compactMap { Int($0) })
        }
        #expect((IOCCollector.dottedQuad(ip) != nil) == (ip.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }
            && ip.split(separator: ".", omittingEmptySubsequences: false).map(\.count).allSatisfy { (1...3).contains($0) }
            && ip.split(separator: ".", omittingEmptySubsequences: false).count == 4))
    }

    @Test func asciiWhitespaceIsWhatFoundationTrims() {
        for b in UInt8(0)..<0x80 {
            let text = String(UnicodeScalar(b)) + "x" + String(UnicodeScalar(b))
            #expect(ASCIIText.trimmingWhitespaces(text) == text.trimmingCharacters(in: .whitespaces), "byte \(b)")
        }
    }

    @Test func indicatorsAreListedOncePerKindAndValue() {
        var list = IOCList()
        let added = [
            list.add(.domain, "Example.COM", context: "first"),
            list.add(.domain, " example.com ", context: "second"),
            list.add(.url, "http://Example.com/", context: "url"),
            list.add(.url, "http://Example.com/", context: "url again"),
            list.add(.url, "http://example.com/", context: "url, other case"),
            list.add(.email, "example.com", context: "another kind, same text"),
            list.add(.md5, String(repeating: "a", count: 2049), context: "too long"),
            list.add(.md5, String(repeating: "é", count: 2048), context: "long in bytes, not in characters"),
        ]
        #expect(added == [true, false, true, false, true, true, false, true])
        #expect(list.items.map(\.context) == ["first", "url", "url, other case", "another kind, same text", "long in bytes, not in characters"])
        let decoded = try? JSONDecoder().decode(IOCList.self, from: JSONEncoder().encode(list))
        #expect(decoded == list)
    }
}

/// A small deterministic generator for test data (xorshift64).
struct XorShift: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}

/// `ASCIIText.includes` answers as Foundation's `contains` does.
@Suite struct ASCIIContainsTests {
    @Test(arguments: [("PE32 executable (GUI)", "executable"), ("ascii text", "text"), ("zip archive data", "encrypted"),
                      ("", "x"), ("abc", ""), ("mail.example.com", "."), ("localhost", "."), ("::1", ":"), ("192.0.2.1", ":"),
                      ("e\u{301}.x", "."), ("caf\u{E9}", "e"), ("a.\u{301}b", "."), ("aaab", "aab"), ("ab", "abc"),
                      ("UDF filesystem", "udf filesystem"), ("udf filesystem data", "udf filesystem")])
    func agreesWithFoundation(text: String, word: String) {
        #expect(ASCIIText.includes(text, word) == text.contains(word))
    }
}
