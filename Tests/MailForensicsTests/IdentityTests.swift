@testable import MailForensics
import MailParsing
import Testing

/// Identity checks (RFC 5322 §3.6, RFC 7489 §3.1) over small hand-written headers.
@Suite struct IdentityTests {
    static func findings(_ header: String) -> [String] {
        let text = header.replacingOccurrences(of: "\n", with: "\r\n") + "\r\nDate: Tue, 14 May 2024 09:11:58 +0000\r\nMessage-ID: <a@b.example>\r\n\r\nbody\r\n"
        let message = MessageParser.parse(Array(text.utf8))
        let (_, found) = IdentityChecker(message: message, path: nil, recorded: ReceiverAuthentication([])).check()
        return found.map(\.id) + MessageFindings.check(message, identities: IdentityChecker(message: message, path: nil, recorded: ReceiverAuthentication([])).check().0).map(\.id)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var header: String
        var expected: String?
        var absent: String? = nil
        var testDescription: String { expected ?? absent ?? "?" }
    }

    static let cases: [Case] = [
        Case(header: "From: Boss <boss@corp.example>\nReply-To: boss.private@gmail.com", expected: "identity.reply-to-diverts"),
        Case(header: "From: \"ceo@bank.example\" <x@evil.example>", expected: "identity.display-name-address"),
        Case(header: "From: PayPal Support <help@random-shop.example>", expected: "identity.display-name-brand"),
        Case(header: "From: PayPal <service@paypal.com>", expected: nil, absent: "identity.display-name-brand"),
        Case(header: "From: Service <help@paypa1.com>", expected: "identity.lookalike-domain"),
        Case(header: "From: Service <help@xn--pypal-4ve.com>", expected: "identity.lookalike-domain"),
        Case(header: "From: Service <help@xn--pypal-4ve.com>", expected: "identity.idn-domain"),
        Case(header: "From: Service <help@rnicrosoft.com>", expected: "identity.lookalike-domain"),
        Case(header: "From: a@one.example\nFrom: b@two.example", expected: "identity.multiple-from"),
        Case(header: "To: x@y.example", expected: "identity.missing-from"),
        Case(header: "From: Alice <alice@example.org>\nReturn-Path: <bounce@mailer.example.net>", expected: "identity.unaligned-sender"),
        Case(header: "From: Alice <alice@example.org>\nReturn-Path: <bounce@lists.example.org>", expected: nil, absent: "identity.unaligned-sender"),
        Case(header: "From: jgb at example.com (Jesus)", expected: nil, absent: "identity.missing-from"),
        Case(header: "From: Alice <alice@example.org>\nSubject: Your account is suspended", expected: "message.lure-subject"),
        Case(header: "From: Alice <alice@example.org>\nSubject: We C.a.l.l.e.d you", expected: "message.obfuscated-words"),
        Case(header: "From: Alice <alice@example.org>\nSubject: Pay\u{200B}Pal notice", expected: "message.hidden-characters"),
        Case(header: "From: Alice <alice@example.org>\nSubject: Minutes of the meeting", expected: nil, absent: "message.lure-subject"),
    ]

    @Test(arguments: cases) func identityChecks(_ c: Case) {
        let ids = Self.findings(c.header)
        if let expected = c.expected { #expect(ids.contains(expected), "\(ids)") }
        if let absent = c.absent { #expect(!ids.contains(absent), "\(ids)") }
    }

    @Test func listReplyToIsNotDiversion() {
        let ids = Self.findings("From: Bob <bob@gmail.com>\nReply-To: dev@lists.example.org\nList-Id: <dev.lists.example.org>\nList-Post: <mailto:dev@lists.example.org>")
        #expect(!ids.contains("identity.reply-to-diverts"))
    }

    @Test func lookalikeHelpers() {
        #expect(Lookalike.distance("paypal", "paypa1") == 1)
        #expect(Lookalike.skeleton("pаypal.com") == "paypal.com")
        #expect(Lookalike.imitatedTarget("mail.paypal.com", targets: ["paypal.com"]) == nil)
        #expect(Lookalike.imitatedTarget("micros0ft-login.net", targets: ["microsoft.com"]) != nil)
        #expect(Lookalike.scripts("pаypal") == ["Latin", "Cyrillic"])
        #expect(DomainName.organizational("a.b.example.co.uk") == "example.co.uk")
    }
}
