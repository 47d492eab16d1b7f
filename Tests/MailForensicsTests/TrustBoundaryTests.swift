import Foundation
@testable import MailForensics
import MailDNS
import MailParsing
import Testing

/// The trust boundary and originating IP over typical receiving setups (RFC 5321 §4.4 trace fields).
@Suite struct TrustBoundaryTests {
    static func path(_ received: [String], internalHosts: [String] = []) -> ReceivedPath {
        let text = received.map { "Received: " + $0 + "\r\n" }.joined() + "From: a@example.org\r\n\r\nx\r\n"
        return ReceivedPathBuilder(internalHosts: internalHosts).build(MessageParser.parse(Array(text.utf8)))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var received: [String]
        var internalHosts: [String] = []
        var entryHop: Int
        var connectingIP: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "Postfix with amavis on localhost", received: [
            "from localhost (localhost.localdomain [127.0.0.1]) by menubar.gnome.org (Postfix) with ESMTP id 8CF; Mon, 17 Mar 2008 09:35:25 +0000",
            "from menubar.gnome.org ([127.0.0.1]) by localhost (menubar.gnome.org [127.0.0.1]) (amavisd-new, port 10024) with ESMTP id uL; Mon, 17 Mar 2008 09:35:22 +0000",
            "from adsl-236-193.eunet.yu (adsl-236-193.eunet.yu [213.198.236.193]) by menubar.gnome.org (Postfix) with ESMTP id 370; Mon, 17 Mar 2008 09:35:21 +0000",
            "by adsl-236-193.eunet.yu (Postfix, from userid 1000) id 417; Mon, 17 Mar 2008 10:35:04 +0100",
        ], entryHop: 2, connectingIP: "213.198.236.193"),
        Case(name: "Gmail", received: [
            "by 2002:a05:612c:711:b0:381:73ac:3a65 with SMTP id ft17csp1633300vqb; Mon, 16 Jan 2023 09:02:40 -0800 (PST)",
            "from NAM11-DM6-obe.outbound.protection.outlook.com (mail-dm6nam11olkn2068.outbound.protection.outlook.com. [40.92.19.68]) by mx.google.com with ESMTPS id hg4 for <x@gmail.com> (version=TLS1_2 cipher=ECDHE-ECDSA-AES128-GCM-SHA256 bits=128/128); Mon, 16 Jan 2023 09:02:40 -0800 (PST)",
            "from SA0PR04MB7370.namprd04.prod.outlook.com (2603:10b6:806:e5::23) by MWHPR04MB0398.namprd04.prod.outlook.com (2603:10b6:300:72::13) with Microsoft SMTP Server id 15.20.5986.23; Mon, 16 Jan 2023 17:02:38 +0000",
        ], entryHop: 2, connectingIP: "40.92.19.68"),
        Case(name: "Analyst-named relay", received: [
            "from relay.corp.example (relay.corp.example [198.51.100.9]) by mbx.corp-mail.example with ESMTPS id 1; Mon, 1 Jan 2024 00:00:02 +0000",
            "from sender.example.net (sender.example.net [203.0.113.5]) by relay.corp.example with ESMTP id 2; Mon, 1 Jan 2024 00:00:01 +0000",
        ], internalHosts: ["corp.example"], entryHop: 1, connectingIP: "203.0.113.5"),
        Case(name: "Without the analyst's help the relay is outside", received: [
            "from relay.corp.example (relay.corp.example [198.51.100.9]) by mbx.corp-mail.example with ESMTPS id 1; Mon, 1 Jan 2024 00:00:02 +0000",
            "from sender.example.net (sender.example.net [203.0.113.5]) by relay.corp.example with ESMTP id 2; Mon, 1 Jan 2024 00:00:01 +0000",
        ], entryHop: 2, connectingIP: "198.51.100.9"),
        Case(name: "Mimecast in front of Microsoft 365", received: [
            "from AM6PR02MB1234.eurprd02.prod.outlook.com (::1) by AM6PR02MB5678.eurprd02.prod.outlook.com with HTTPS; Mon, 1 Jan 2024 00:00:03 +0000",
            "from eu-smtp-delivery-1.mimecast.com (146.101.78.1) by AM5EUR02FT001.mail.protection.outlook.com (10.152.8.1) with Microsoft SMTP Server id 15.20.1; Mon, 1 Jan 2024 00:00:02 +0000",
            "from mail.sender.example (mail.sender.example [203.0.113.77]) by relay.mimecast.com with ESMTP id 3; Mon, 01 Jan 2024 00:00:01 +0000",
        ], entryHop: 1, connectingIP: "203.0.113.77"),
    ]

    @Test(arguments: cases) func boundary(_ c: Case) {
        let p = Self.path(c.received, internalHosts: c.internalHosts)
        #expect(p.trustBoundary?.entryHop == c.entryHop)
        #expect(p.connectingIP == c.connectingIP)
        #expect(p.originatingIP == c.connectingIP)
    }

    @Test func evaluationTimeComesFromDelivery() async {
        let text = "Received: from a.example (a.example [203.0.113.5]) by mx.example.org with ESMTP id 1; Tue, 14 May 2024 09:12:04 +0000\r\nFrom: a@example.org\r\nDate: Mon, 13 May 2024 09:00:00 +0000\r\n\r\nx\r\n"
        let report = await Analyzer(resolver: StaticResolver(answers: [:])).analyze(InputItem(location: MessageLocation(path: "t.eml", kind: .eml), bytes: Array(text.utf8)))
        #expect(report.evaluationTime?.basis == "delivery")
        #expect(report.evaluationTime?.time == "2024-05-14T09:12:04Z")
        #expect(report.findings.contains { $0.id == "identity.date-far-from-delivery" })
        #expect(report.authentication.authenticationResults?.hasPrefix("mailsleuth;") == true)
    }
}

/// Hostile messages: huge or repeated fields finish quickly and bounded.
@Suite struct HostileMessageTests {
    @Test func manyFieldsAndLongValues() async {
        var text = ""
        for i in 0..<2000 { text += "Received: from h\(i).example ([203.0.113.\(i % 250)]) by mx.example.org; Tue, 14 May 2024 09:12:04 +0000\r\n" }
        for _ in 0..<500 { text += "From: \"" + String(repeating: "a,", count: 200) + "\" <x@example.org>, <y@example.net>\r\n" }
        text += "Subject: " + String(repeating: "I\u{200B}.", count: 50_000) + "\r\n\r\nbody\r\n"
        let report = await Analyzer(resolver: StaticResolver(answers: [:])).analyze(InputItem(location: MessageLocation(path: "h.eml", kind: .eml), bytes: Array(text.utf8)))
        #expect((report.path?.hops.count ?? 0) <= 500)
        #expect((report.identities?.from.count ?? 0) <= 1000)
        #expect(report.findings.contains { $0.id == "identity.multiple-from" })
    }
}
