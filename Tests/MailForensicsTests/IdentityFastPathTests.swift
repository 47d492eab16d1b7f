import Foundation
import MailDNS
import MailParsing
import Testing
@testable import MailForensics

/// The byte-level paths of the identity, message, vendor and verdict checks give the same answers as the
/// Character-level and Foundation code they stand in for, on ASCII text and on the text that falls back to it.
@Suite struct IdentityFastPathTests {
    /// Texts with the traps of Character-level code: CR LF (one Character), lone CR and LF, tabs, upper case,
    /// accents precomposed and combining, invisible characters, brackets and empty text.
    static let texts: [String] = [
        "", " ", "\t", "a", "Example.COM", "<Example.com.>", "[192.0.2.1]", " <a@b.example> ", "  x@y.example  trailing",
        "Name <user@Example.org>", "<unclosed@example.org", "\t<\t a@b \t>\t", "a\r\nb", "\r\n<a@b>\r\n", "\rx\n", "x\r",
        "<>", "<", ">", "..", "mail.Example.co.uk.", "xn--pypal-4ve.com", "XN--PYPAL-4VE.COM", "sub.xn--80ak6aa92e.com", "xn-",
        "ex xn--a", "pаypal.com", "itaú", "itau\u{301}", "e\u{301}xample.com", "Pay\u{200B}Pal", "ÉCOLE.fr", "Straße.de",
        "Microsoft Office 365 Team", "PAYPAL-secure", "at&t billing", "bank  of america", "bank of america", "AMEX.",
        "Your account is suspended", "ACC0UNT VERIFY", "We C.a.l.l.e.d you", "faIIida", "Iast notice", "verify your\r\naccount",
        "a.b.c", "x.y.z.w", "U.R.G.E.N.T", "a@b.c.d", "refund\u{FFFD}", "dkim.offline", "spf.temperror", "input.truncated",
        "arc.none", "x.unchecked-thing", "Authentication-Results", "AUTHENTICATION-RESULTS", "ARC-Authentication-Results",
        "authentication-result", "compauth=fail reason=001", "spf=pass; CompAuth=pass reason=100", "spf=pass",
        "Google and Microsoft", "outlook / microsoft 365", "prime video amazon, DHL", "Itaú Unibanco", "wells  fargo", "ups urgent invoice",
    ]

    @Test(arguments: texts) func simpleMeansOneBytePerCharacter(_ text: String) {
        #expect(ASCIIText.isSimple(text) == (text.utf8.count == text.count && text.utf8.allSatisfy { $0 < 0x80 }))
    }

    @Test(arguments: texts) func containsAgreesWithFoundation(_ text: String) {
        for needle in [".", "@", ">", "xn--", "suspended", "a", ""] {
            if let fast = ASCIIText.contains(text, needle) { #expect(fast == text.contains(needle), "\(needle)") }
        }
        for byte in [UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: ">")] {
            if let fast = ASCIIText.contains(text, byte: byte) { #expect(fast == text.contains(String(UnicodeScalar(byte)))) }
        }
    }

    @Test(arguments: texts) func normalizeAgrees(_ text: String) {
        #expect(DomainName.normalize(text) == DomainName.normalizeCharacters(text))
    }

    @Test(arguments: texts) func angleAddressAgrees(_ text: String) {
        #expect(AddressExtractor.angleAddress(text) == AddressExtractor.angleAddressCharacters(text))
    }

    @Test(arguments: texts) func brandAgrees(_ text: String) {
        let lowered = text.lowercased()
        let fast = WellKnownDomains.brand(namedIn: lowered), general = WellKnownDomains.brandByCharacters(namedIn: lowered)
        #expect(fast?.name == general?.name)
        #expect(fast?.brand.domains == general?.brand.domains)
    }

    @Test func brandsAreFound() {
        #expect(WellKnownDomains.brand(namedIn: "microsoft office 365 team")?.name == "microsoft")
        #expect(WellKnownDomains.brand(namedIn: "your at&t bill")?.name == "at&t")
        #expect(WellKnownDomains.brand(namedIn: "bank of america alerts")?.name == "bank of america")
        #expect(WellKnownDomains.brand(namedIn: "paypal-secure")?.name == "paypal")
        #expect(WellKnownDomains.brand(namedIn: "paypals") == nil)
        #expect(WellKnownDomains.brand(namedIn: "sender 2") == nil)
    }

    @Test(arguments: texts) func lureAndFoldAgree(_ text: String) {
        if ASCIIText.isSimple(text) {
            #expect(String(decoding: MessageFindings.foldASCII(Array(text.utf8)), as: UTF8.self) == MessageFindings.fold(text))
        }
        let folded = MessageFindings.fold(text)
        #expect(MessageFindings.lurePhrase(in: text) == MessageFindings.lurePhrases.first { folded.contains($0) })
    }

    @Test(arguments: texts) func obfuscationAgrees(_ text: String) {
        #expect(MessageFindings.isObfuscated(text) == MessageFindings.isObfuscatedCharacters(text))
    }

    @Test(arguments: texts) func unicodeDomainAgrees(_ text: String) {
        #expect(Lookalike.unicode(text) == Punycode.unicodeDomain(text))
    }

    @Test(arguments: texts) func unverifiableAgrees(_ text: String) {
        let finding = Finding(id: text, severity: .notice, title: "t", explanation: "e")
        #expect(VerdictWeights.isUnverifiable(finding) == VerdictWeights.isUnverifiableByFoundation(text))
    }

    @Test(arguments: texts) func fieldNamesAgree(_ text: String) {
        #expect(ReceiverAuthentication.isAuthenticationResults(text) == (text.lowercased() == "authentication-results"))
    }

    @Test(arguments: texts) func compositeAuthenticationOnlyWithCompauth(_ text: String) {
        let found = VendorDecoder.compositeAuthentication(text)
        #expect((found != nil) == text.lowercased().contains("compauth="))
    }

    @Test func everyDecodedFieldNameIsDecoded() {
        // Authentication-Results and X-Spam-Report decode only with content of their own (compauth, rule lines).
        #expect(VendorDecoder.decodedFieldNames.allSatisfy { $0.hasPrefix("x-") || $0.hasPrefix("authentication-") })
        for name in VendorDecoder.decodedFieldNames.subtracting(["authentication-results", "x-spam-report"]) {
            let message = MessageParser.parse(Array("\(name): 1\r\n\r\nx\r\n".utf8))
            #expect(message.header.first.flatMap(VendorDecoder.decode) != nil, "\(name)")
        }
    }

    @Test(arguments: texts + ["a@b@c", "a@", "@b@@", "@@", "@", "list@lists.example.org", "é@x.example"])
    func lastPartAgrees(_ text: String) {
        #expect(AddressExtractor.lastPart(text) == text.split(separator: "@").last.map(String.init))
    }

    @Test(arguments: texts) func domainPartAgrees(_ text: String) {
        #expect(MailIdentity.domainPart(text) == text.lastIndex(of: "@").map { String(text[text.index(after: $0)...]) })
    }

    @Test func comparisonsAgreeWithDomainName() {
        let header = "From: Alice <alice@Mail.Example.CO.UK>\r\nSender: s@other.example\r\nReply-To: r@example.co.uk, x@gmail.com\r\n"
            + "Return-Path: <bounce@lists.example.co.uk>\r\nMessage-ID: <id@mta.example.net>\r\nTo: bob@example.org\r\n"
            + "Date: Tue, 14 May 2024 09:11:58 +0000\r\n\r\nbody\r\n"
        let message = MessageParser.parse(Array(header.utf8))
        let checker = IdentityChecker(message: message, path: nil, recorded: ReceiverAuthentication([]), signingDomains: ["example.co.uk", "esp.example"])
        let comparisons = checker.check().0.comparisons
        #expect(comparisons.count == 7) // envelope, Sender, two Reply-To, two DKIM d=, Message-ID
        for c in comparisons {
            #expect(c == IdentityComparison(identity: c.identity, domain: c.domain, fromDomain: c.fromDomain), "\(c.identity)")
        }
    }

    @Test(arguments: ["authentication-results", "arc-authentication-results", "received-spf", "received", "arc-seal", "from", ""])
    func recordedFieldsAreRecognised(_ name: String) {
        #expect(Analyzer.isRecordedField(name) == Analyzer.recordedFieldNames.contains(name))
    }

    @Test(arguments: ["mail.example.com", "192.0.2.1", "[192.0.2.1]", "[IPv6:2001:db8::1]", "2001:db8::1", "fe80::1%eth0",
                      "001.002.003.004", "1.2.3", "[1.2.3.4", "localhost", "１.２.３.４", "", "[]", "1.2.3.4.", "a:b"])
    func heloAddressShortcutAgrees(_ helo: String) {
        #expect(IdentityChecker.isAddressLiteral(helo) == (IPAddress(helo, accepting: .header) != nil))
    }

    @Test func detailTakesTheFirstSentence() {
        let finding = Finding(id: "identity.lookalike-domain", severity: .warning, title: "t",
                              explanation: "From domain paypa1.com imitates paypal.com. Lookalike domains are registered to fool.")
        #expect(Verdict.detail(of: finding) == "From domain paypa1.com imitates paypal.com")
        let accented = Finding(id: "x.y", severity: .warning, title: "t", explanation: "Le nom « Pаypal » trompe. Suite")
        #expect(Verdict.detail(of: accented) == "Le nom « Pаypal » trompe")
    }

    @Test func lookalikeWithExtraTargetsIsRemembered() {
        for _ in 0..<2 {
            #expect(Lookalike.imitatedTarget("examp1e.org", extraTargets: ["example.org"]) == "example.org")
            #expect(Lookalike.imitatedTarget("examp1e.org", extraTargets: ["other.example"]) == nil)
            #expect(Lookalike.imitatedTarget("paypa1.com", extraTargets: ["example.org"]) == "paypal.com")
            #expect(Lookalike.imitatedTarget("examp1e.org", extraTargets: []) == nil)
        }
    }
}
