@testable import MailAuth
import MailDNS
import Testing

/// The macro expansion examples of RFC 7208 §7.4.
@Suite struct SPFMacroTests {
    static let examples: [(String, String)] = [
        ("%{s}", "strong-bad@email.example.com"),
        ("%{o}", "email.example.com"),
        ("%{d}", "email.example.com"),
        ("%{d4}", "email.example.com"),
        ("%{d3}", "email.example.com"),
        ("%{d2}", "example.com"),
        ("%{d1}", "com"),
        ("%{dr}", "com.example.email"),
        ("%{d2r}", "example.email"),
        ("%{l}", "strong-bad"),
        ("%{l-}", "strong.bad"),
        ("%{lr}", "strong-bad"),
        ("%{lr-}", "bad.strong"),
        ("%{l1r-}", "strong"),
        ("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"),
        ("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"),
        ("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"),
        ("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"),
        ("%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"),
        ("%%%_%-", "% %20"),
        ("%{S}", "strong-bad%40email.example.com"),
    ]

    static func context(_ ip: String) -> SPFMacroContext {
        SPFMacroContext(sender: "strong-bad@email.example.com", localPart: "strong-bad", senderDomain: "email.example.com",
                        domain: "email.example.com", ip: IPAddress(ip) ?? IPAddress("0.0.0.0")!, helo: "mx.example.org",
                        receiver: "receiver.example", timestamp: 1_700_000_000)
    }

    @Test(arguments: examples)
    func rfcExample(_ example: (String, String)) throws {
        let macro = try #require(SPFMacroString(example.0))
        #expect(macro.expand(Self.context("192.0.2.3")) == example.1)
    }

    @Test func ipv6Nibbles() throws {
        let macro = try #require(SPFMacroString("%{ir}.%{v}._spf.%{d2}"))
        #expect(macro.expand(Self.context("2001:db8::cb01"))
            == "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com")
    }

    @Test func explanationOnlyLetters() {
        #expect(SPFMacroString("%{c}") == nil)
        #expect(SPFMacroString("%{c} %{r} %{t}", explanation: true)?.expand(Self.context("192.0.2.3")) == "192.0.2.3 receiver.example 1700000000")
        #expect(SPFMacroString("%{d0}") == nil)
        #expect(SPFMacroString("%{x}") == nil)
        #expect(SPFMacroString("50%") == nil)
        #expect(SPFMacroString("a b") == nil)
    }
}

/// The byte-level reading of ASCII names in `SPFEvaluator.isValidDomain` and the padding of `Base64.encode`.
@Suite struct SPFDomainAndBase64Tests {
    @Test(arguments: [
        ("example.com", true), ("example.com.", true), ("a.b", true), ("com", false), ("com.", false), ("", false),
        (".", false), ("a..b", false), (".a.b", false), ("a.b..", false), ("[192.0.2.1]", false),
        (String(repeating: "a", count: 63) + ".com", true), (String(repeating: "a", count: 64) + ".com", false),
        (String(repeating: "a.", count: 126) + "a", true), (String(repeating: "a.", count: 127) + "a", false),
        ("bücher.de", true), ("b\u{301}.de", true), ("a.\u{301}b", false),
    ])
    func validDomains(name: String, valid: Bool) {
        #expect(SPFEvaluator.isValidDomain(name) == valid)
    }

    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
                      ("foobar", "Zm9vYmFy")])
    func base64OfRFC4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(Array(encoded.utf8)) == Array(plain.utf8))
    }
}
