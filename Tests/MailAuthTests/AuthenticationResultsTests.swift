import MailAuth
import MailParsing
import MailTestSupport
import Testing

/// Authentication-Results (RFC 8601), ARC-Authentication-Results (RFC 8617 §4.1.1) and Received-SPF
/// (RFC 7208 §9.1) as real servers write them. Excerpts are short field values seen in the corpus
/// (phishing_pot: Exchange Online; sisimai and mailauth: Gmail, Fastmail, Yahoo, mail.ru, Proton, amavisd).
@Suite struct AuthenticationResultsTests {
    /// One expected statement: method, result, optional reason, and the properties that must be there.
    struct R: Sendable, CustomStringConvertible {
        var method: String
        var result: String
        var reason: String? = nil
        var props: [String: String] = [:]
        var description: String { "\(method)=\(result)" }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var value: String
        var arc = false
        var authserv: String?
        var version: Int? = nil
        var instance: Int? = nil
        var none = false
        var results: [R]
        var defects: Set<String> = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "RFC 8601 minimal none", value: "example.org 1; none", authserv: "example.org", version: 1, none: true, results: []),
        Case(name: "RFC 7001 none without semicolon", value: "example.com none", authserv: "example.com", none: true, results: []),
        Case(name: "RFC 8601 appendix B.3 spf pass", value: "example.com;\r\n spf=pass smtp.mailfrom=example.net",
             authserv: "example.com", results: [R(method: "spf", result: "pass", props: ["smtp.mailfrom": "example.net"])]),
        Case(name: "RFC 8601 appendix B.4 two results", value: "example.com; auth=pass (cram-md5) smtp.auth=sender@example.net; spf=pass smtp.mailfrom=example.net",
             authserv: "example.com", results: [
                R(method: "auth", result: "pass", props: ["smtp.auth": "sender@example.net"]),
                R(method: "spf", result: "pass", props: ["smtp.mailfrom": "example.net"]),
             ]),
        Case(name: "RFC 8601 quoted authserv-id, method version, reason",
             value: "\"mail.example.com\" 1; dkim/1=fail reason=\"bad signature\" header.i=@example.org",
             authserv: "mail.example.com", version: 1,
             results: [R(method: "dkim", result: "fail", reason: "bad signature", props: ["header.i": "@example.org"])]),
        // Exchange Online (phishing_pot): no authserv-id, `action=` and `compauth=` with `reason=`, no space after ';'.
        Case(name: "Microsoft softfail quarantine",
             value: "spf=softfail (sender IP is 159.27.24.86)\r\n smtp.mailfrom=cyber.net.pk; dkim=none (message not signed)\r\n header.d=none;dmarc=fail action=quarantine\r\n header.from=cyber.net.pk;compauth=fail reason=000",
             authserv: nil, results: [
                R(method: "spf", result: "softfail", props: ["smtp.mailfrom": "cyber.net.pk"]),
                R(method: "dkim", result: "none", props: ["header.d": "none"]),
                R(method: "dmarc", result: "fail", props: ["action": "quarantine", "header.from": "cyber.net.pk"]),
                R(method: "compauth", result: "fail", reason: "000"),
             ], defects: ["authres.no-authserv-id", "authres.extension"]),
        Case(name: "Microsoft temperror, trailing semicolon",
             value: "spf=none (sender IP is 89.144.44.2)\r\n smtp.mailfrom=thcultarfdes.co.uk; dkim=none (message not signed)\r\n header.d=none;dmarc=permerror action=none header.from=access-accsecurity.com;",
             authserv: nil, results: [
                R(method: "spf", result: "none", props: ["smtp.mailfrom": "thcultarfdes.co.uk"]),
                R(method: "dkim", result: "none"),
                R(method: "dmarc", result: "permerror", props: ["action": "none", "header.from": "access-accsecurity.com"]),
             ], defects: ["authres.no-authserv-id", "authres.extension"]),
        Case(name: "Microsoft bestguesspass and empty sender IP",
             value: "spf=none (sender IP is ) smtp.mailfrom=<>; dkim=none (message not signed) header.d=none;dmarc=bestguesspass action=none header.from=example.com;compauth=pass reason=109",
             authserv: nil, results: [
                R(method: "spf", result: "none", props: ["smtp.mailfrom": "<>"]),
                R(method: "dkim", result: "none"),
                R(method: "dmarc", result: "bestguesspass", props: ["header.from": "example.com"]),
                R(method: "compauth", result: "pass", reason: "109"),
             ], defects: ["authres.no-authserv-id", "authres.extension"]),
        // Exchange Online wrote the whole value as encoded words (phishing_pot, non-ASCII From domain).
        Case(name: "Microsoft encoded words",
             value: "=?utf-8?B?c3BmPXBhc3MgKHNlbmRlciBJUCBpcyA1LjEzNS40Mi40MSkgc210cC5tYWls?=\r\n =?utf-8?B?ZnJvbT1oaWZpY2x1Yi5pbmZvOyBka2ltPWZhaWwgKG5vIGtleSBmb3Igc2ln?=\r\n =?utf-8?B?bmF0dXJlKSBoZWFkZXIuZD1hZGFjLWdlcm1hbnkuZGU7ZG1hcmM9bm9uZSBh?=",
             authserv: nil, results: [
                R(method: "spf", result: "pass", props: ["smtp.mailfrom": "hificlub.info"]),
                R(method: "dkim", result: "fail", props: ["header.d": "adac-germany.de"]),
                R(method: "dmarc", result: "none"),
             ], defects: ["authres.no-authserv-id", "authres.encoded-word", "authres.stray-word"]),
        Case(name: "Microsoft ARC-Authentication-Results with nested comment",
             value: "i=3; mx.microsoft.com 1; spf=pass (sender ip is\r\n 209.85.221.178) smtp.rcpttodomain=hotmail.com smtp.mailfrom=gmail.com;\r\n dmarc=pass (p=none sp=none pct=100) action=none header.from=hotmail.com;\r\n dkim=pass (signature was verified) header.d=hotmail.com; arc=pass (0 oda=1\r\n ltdi=1 spf=[1,2,smtp.mailfrom=x@example.com]\r\n dkim=[1,2,header.i=@hotmail.com] dmarc=[1,2,header.from=hotmail.com])",
             arc: true, authserv: "mx.microsoft.com", version: 1, instance: 3, results: [
                R(method: "spf", result: "pass", props: ["smtp.rcpttodomain": "hotmail.com", "smtp.mailfrom": "gmail.com"]),
                R(method: "dmarc", result: "pass", props: ["action": "none", "header.from": "hotmail.com"]),
                R(method: "dkim", result: "pass", props: ["header.d": "hotmail.com"]),
                R(method: "arc", result: "pass"),
             ], defects: ["authres.extension"]),
        Case(name: "Microsoft AAR instance 1", value: "i=1; mx.microsoft.com 1; spf=none; dmarc=none;\r\n dkim=none; arc=none",
             arc: true, authserv: "mx.microsoft.com", version: 1, instance: 1, results: [
                R(method: "spf", result: "none"), R(method: "dmarc", result: "none"),
                R(method: "dkim", result: "none"), R(method: "arc", result: "none"),
             ]),
        // Proofpoint (pphosted.com). The corpus holds Proofpoint Received fields but no Proofpoint
        // Authentication-Results, so this form is written here after Proofpoint's published layout
        // (authserv-id of the pphosted host, then spf/dkim/dmarc with their properties).
        Case(name: "Proofpoint pphosted (written here, not from the corpus)",
             value: "mx0b-001b2d01.pphosted.com;\r\n spf=pass smtp.mailfrom=bounce@example.com smtp.helo=mail.example.com;\r\n dkim=pass header.d=example.com header.s=s1; dmarc=pass header.from=example.com",
             authserv: "mx0b-001b2d01.pphosted.com", results: [
                R(method: "spf", result: "pass", props: ["smtp.mailfrom": "bounce@example.com", "smtp.helo": "mail.example.com"]),
                R(method: "dkim", result: "pass", props: ["header.d": "example.com", "header.s": "s1"]),
                R(method: "dmarc", result: "pass", props: ["header.from": "example.com"]),
             ]),
        // Gmail (phishing_pot, mailauth, sisimai).
        Case(name: "Google AAR i=2",
             value: "i=2; mx.google.com;\r\n       dkim=pass header.i=@hotmail.com header.s=selector1 header.b=TecS+RVs;\r\n       arc=pass (i=1);\r\n       spf=pass (google.com: domain of x@example.com designates 2a01:111:f400:7e8a::81f as permitted sender) smtp.mailfrom=m@hotmail.com;\r\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=hotmail.com",
             arc: true, authserv: "mx.google.com", instance: 2, results: [
                R(method: "dkim", result: "pass", props: ["header.i": "@hotmail.com", "header.s": "selector1", "header.b": "TecS+RVs"]),
                R(method: "arc", result: "pass"),
                R(method: "spf", result: "pass", props: ["smtp.mailfrom": "m@hotmail.com"]),
                R(method: "dmarc", result: "pass", props: ["header.from": "hotmail.com"]),
             ]),
        Case(name: "Google helo and base64 with slash and padding",
             value: "mx.google.com; dkim=pass header.i=@googlemail.com header.s=20161025 header.b=Mf/BfL+Z=;\r\n spf=pass (google.com: best guess record for domain of\r\n postmaster@mail-qk0-x246.google.com designates 2607:f8b0:400d:c09::246 as\r\n permitted sender) smtp.helo=mail-qk0-x246.google.com; dmarc=pass\r\n (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=googlemail.com",
             authserv: "mx.google.com", results: [
                R(method: "dkim", result: "pass", props: ["header.b": "Mf/BfL+Z="]),
                R(method: "spf", result: "pass", props: ["smtp.helo": "mail-qk0-x246.google.com"]),
                R(method: "dmarc", result: "pass", props: ["header.from": "googlemail.com"]),
             ]),
        // Fastmail, amavisd, Proton, mail.ru, Yahoo (mail-parser, sisimai, phishing_pot).
        Case(name: "Fastmail x- methods and policy ptype",
             value: "mx6.messagingengine.com;\r\n    x-csa=none;\r\n    x-me-sender=fail;\r\n    x-ptr=pass smtp.helo=mail.ietf.org policy.ptr=mail.ietf.org",
             authserv: "mx6.messagingengine.com", results: [
                R(method: "x-csa", result: "none"), R(method: "x-me-sender", result: "fail"),
                R(method: "x-ptr", result: "pass", props: ["smtp.helo": "mail.ietf.org", "policy.ptr": "mail.ietf.org"]),
             ]),
        Case(name: "Fastmail bimi skipped", value: "mx6.messagingengine.com;\r\n    bimi=skipped (DMARC Policy is not at enforcement)",
             authserv: "mx6.messagingengine.com", results: [R(method: "bimi", result: "skipped")]),
        Case(name: "amavisd comment after authserv-id and quoted values",
             value: "ietfa.amsl.com (amavisd-new); dkim=pass (2048-bit key)\r\n header.d=fastmailteam.com header.b=\"BegZuiNO\";\r\n dkim=pass (2048-bit key) header.d=messagingengine.com\r\n header.b=\"gwSrTmAD\"",
             authserv: "ietfa.amsl.com", results: [
                R(method: "dkim", result: "pass", props: ["header.d": "fastmailteam.com", "header.b": "BegZuiNO"]),
                R(method: "dkim", result: "pass", props: ["header.d": "messagingengine.com", "header.b": "gwSrTmAD"]),
             ]),
        Case(name: "Proton arc none with remote-ip", value: "mail.protonmail.ch; arc=none smtp.remote-ip=217.194.148.50",
             authserv: "mail.protonmail.ch", results: [R(method: "arc", result: "none", props: ["smtp.remote-ip": "217.194.148.50"])]),
        Case(name: "mail.ru auth", value: "f374.i.mail.ru; auth=pass smtp.auth=kijitora@mail.example.ru smtp.mailfrom=kijitora@mail.example.ru",
             authserv: "f374.i.mail.ru", results: [R(method: "auth", result: "pass", props: ["smtp.auth": "kijitora@mail.example.ru"])]),
        Case(name: "sender-id and old smtp.mfrom",
             value: "aneyakoji.example.jp; sender-id=none header.from=no-reply@sns.amazonaws.com; spf=pass smtp.mfrom=bounce@us-west-2.amazonses.com",
             authserv: "aneyakoji.example.jp", results: [
                R(method: "sender-id", result: "none", props: ["header.from": "no-reply@sns.amazonaws.com"]),
                R(method: "spf", result: "pass", props: ["smtp.mfrom": "bounce@us-west-2.amazonses.com"]),
             ]),
        Case(name: "Yahoo legacy: from= without semicolon and an orphan property",
             value: "mta514.mail.kks.y.example.co.jp  from=y.example.co.jp; domainkeys=pass (ok); dkim=pass (ok); header.i=@y.example.co.jp",
             authserv: "mta514.mail.kks.y.example.co.jp", results: [
                R(method: "from", result: "y.example.co.jp"), R(method: "domainkeys", result: "pass"),
                R(method: "dkim", result: "pass", props: ["header.i": "@y.example.co.jp"]),
             ], defects: ["authres.missing-semicolon", "authres.unknown-result", "authres.unknown-method", "authres.orphan-property"]),
        Case(name: "messagelabs comment glued to property",
             value: "r2.messagelabs.com; spf=pass \r\n  (server-0.tower-0.messagelabs.com: domain of example.net designates \r\n  192.0.2.225 as permitted sender)smtp.mailfrom=example.net",
             authserv: "r2.messagelabs.com", results: [R(method: "spf", result: "pass", props: ["smtp.mailfrom": "example.net"])]),
        Case(name: "extra semicolons and a missing one between results",
             value: "mx.example.net;; spf=pass smtp.mailfrom=a.example dkim=fail header.d=b.example;",
             authserv: "mx.example.net", results: [
                R(method: "spf", result: "pass", props: ["smtp.mailfrom": "a.example"]),
                R(method: "dkim", result: "fail", props: ["header.d": "b.example"]),
             ], defects: ["authres.empty-statement", "authres.missing-semicolon"]),
        Case(name: "unknown method and unknown result kept", value: "mx.example.net; frobnicate=wibble header.x=1",
             authserv: "mx.example.net", results: [R(method: "frobnicate", result: "wibble", props: ["header.x": "1"])],
             defects: ["authres.unknown-method", "authres.unknown-result"]),
        Case(name: "AAR without space after colon", value: "i=1; mx4.example.jp; dmarc=none (p=none dis=none) header.from=mail1.example.org; spf=none smtp.helo=mail1.example.org; arc=none smtp.client-ip=192.0.2.202",
             arc: true, authserv: "mx4.example.jp", instance: 1, results: [
                R(method: "dmarc", result: "none"), R(method: "spf", result: "none"), R(method: "arc", result: "none"),
             ]),
        Case(name: "AAR missing i=", value: "mx.example.net; spf=pass", arc: true, authserv: "mx.example.net",
             results: [R(method: "spf", result: "pass")], defects: ["authres.arc-instance"]),
        Case(name: "empty value", value: "   ", authserv: nil, results: [], defects: ["authres.no-authserv-id"]),
        Case(name: "unbalanced comment and quote", value: "mx.example.net; spf=pass (never closed smtp.mailfrom=\"x",
             authserv: "mx.example.net", results: [R(method: "spf", result: "pass")]),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case) {
        let parsed = c.arc ? AuthenticationResults.parseARC(c.value) : AuthenticationResults.parse(c.value)
        #expect(parsed.authservID == c.authserv)
        #expect(parsed.version == c.version)
        #expect(parsed.instance == c.instance)
        #expect(parsed.noResult == c.none)
        #expect(parsed.results.map(\.method) == c.results.map(\.method))
        #expect(parsed.results.map(\.result) == c.results.map(\.result))
        for (got, want) in zip(parsed.results, c.results) {
            if let reason = want.reason { #expect(got.reason == reason) }
            for (key, value) in want.props {
                #expect(got.properties.first { $0.key == key }?.value == value, "\(want) \(key)")
            }
        }
        #expect(Set(parsed.defects.map(\.id)) == c.defects)
    }

    @Test func resultCodes() {
        let parsed = AuthenticationResults.parse("mx.example.net; spf=hardfail; dkim=bestguesspass; dmarc=TempError")
        #expect(parsed.results.map(\.code) == [.fail, nil, .temperror])
    }

    @Test func commentsAreKept() {
        let parsed = AuthenticationResults.parse("mx.example.net (a (nested) comment); dkim=none (message not signed) header.d=none")
        #expect(parsed.comments == ["a (nested) comment"])
        #expect(parsed.results.first?.comments == ["message not signed"])
    }

    struct SPFCase: Sendable, CustomTestStringConvertible {
        var name: String
        var value: String
        var result: String
        var code: AuthResultCode?
        var pairs: [String: String]
        var receiver: String?
        var testDescription: String { name }
    }

    static let spfCases: [SPFCase] = [
        SPFCase(name: "Google", value: "pass (google.com: domain of a@example.net designates 198.51.100.225 as permitted sender) client-ip=198.51.100.225;",
                result: "pass", code: .pass, pairs: ["client-ip": "198.51.100.225"], receiver: "google.com"),
        SPFCase(name: "Microsoft with pr=", value: "Pass (protection.outlook.com: domain of gmail.com designates\r\n 209.85.160.45 as permitted sender) receiver=protection.outlook.com;\r\n client-ip=209.85.160.45; helo=mail-oa1-f45.google.com; pr=C",
                result: "pass", code: .pass, pairs: ["receiver": "protection.outlook.com", "helo": "mail-oa1-f45.google.com", "pr": "C"], receiver: "protection.outlook.com"),
        SPFCase(name: "Microsoft TempError, comment only", value: "TempError (protection.outlook.com: error in processing during\r\n lookup of host: DNS Timeout)",
                result: "temperror", code: .temperror, pairs: [:], receiver: "protection.outlook.com"),
        SPFCase(name: "pyspf quoted envelope-from, no final semicolon",
                value: "fail (dostech.ca: 69.61.78.188 is authorized to use 'spamassassin@dostech.ca' in 'mfrom' identity (mechanism 'mx' matched)) receiver=FC5-VPC; identity=mfrom; envelope-from=\"spamassassin@dostech.ca\"; helo=smtp.dostech.net; client-ip=69.61.78.188",
                result: "fail", code: .fail, pairs: ["identity": "mfrom", "envelope-from": "spamassassin@dostech.ca", "client-ip": "69.61.78.188"], receiver: "FC5-VPC"),
        SPFCase(name: "garbage", value: "(nothing)", result: "", code: nil, pairs: [:], receiver: nil),
    ]

    @Test(arguments: spfCases)
    func receivedSPF(_ c: SPFCase) {
        let spf = ReceivedSPF.parse(c.value)
        #expect(spf.result == c.result)
        #expect(spf.code == c.code)
        for (key, value) in c.pairs { #expect(spf.value(key) == value, "\(key)") }
    }

    /// Every Authentication-Results, ARC-Authentication-Results and Received-SPF field of the real-world
    /// corpus parses without losing a statement: every result has a method and a result word.
    @Test(.enabled(if: Corpus.isAvailable))
    func corpusFieldsParse() throws {
        var fields = 0
        var withResults = 0
        for folder in ["phishing_pot/email", "mailauth/test/fixtures", "sisimai/maildir/bsd"] {
            for file in try Self.files(in: folder) {
                let message = MessageParser.parse(try Corpus.bytes("\(folder)/\(file)"))
                for header in message.header {
                    guard let recorded = RecordedAuthentication.parse(header) else { continue }
                    fields += 1
                    if !recorded.results.isEmpty || recorded.noResult { withResults += 1 }
                    for result in recorded.results {
                        #expect(!result.method.isEmpty, "\(file) line \(header.span.firstLine)")
                    }
                }
            }
        }
        #expect(fields > 900)
        #expect(Double(withResults) / Double(fields) > 0.97)
    }

    static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Corpus.url(folder).path).filter { $0.hasSuffix(".eml") }.sorted()
    }
}

import Foundation
