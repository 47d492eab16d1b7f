import Foundation
@testable import MailForensics
import MailDNS
import MailParsing
import MailTestSupport
import Testing

/// Microsoft Message Header Analyzer's Received test vectors (extracted literals, read in place).
enum MHAVectors {
    static var json: [String: Any] {
        guard let data = try? Data(contentsOf: Corpus.url("mha/mha-test-vectors.json")),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    static func list(_ key: String) -> [[String: Any]] { json[key] as? [[String: Any]] ?? [] }

    /// The field value after "Received:".
    static func value(_ header: String) -> String {
        guard let colon = header.firstIndex(of: ":") else { return header }
        return String(header[header.index(after: colon)...])
    }

    static func expectHop(_ hop: ReceivedHop, _ expected: [String: Any], _ name: String) {
        #expect(hop.from == expected["from"] as? String, "\(name) from")
        #expect(hop.by == expected["by"] as? String, "\(name) by")
        #expect(hop.with == expected["with"] as? String, "\(name) with")
        #expect(hop.id == expected["id"] as? String, "\(name) id")
        #expect(hop.for == expected["for"] as? String, "\(name) for")
        #expect(hop.via == expected["via"] as? String, "\(name) via")
        #expect(hop.epochMillis == (expected["dateNum"] as? NSNumber)?.int64Value, "\(name) date")
    }
}

@Suite struct ReceivedPathTests {
    @Test(.enabled(if: Corpus.isAvailable)) func mhaSingleHeaders() {
        let cases = MHAVectors.list("parseHeader")
        #expect(cases.count == 13)
        for c in cases {
            let header = c["header"] as? String ?? ""
            let hop = ReceivedParser.parse(MHAVectors.value(header))
            MHAVectors.expectHop(hop, c["expected"] as? [String: Any] ?? [:], c["test"] as? String ?? "?")
        }
    }

    @Test(.enabled(if: Corpus.isAvailable)) func mhaChains() {
        let chains = MHAVectors.list("chains")
        #expect(chains.count == 2)
        for chain in chains {
            let headers = chain["headers_top_to_bottom"] as? [String] ?? []
            let text = headers.map { $0.replacingOccurrences(of: "\n", with: "\r\n") }.joined(separator: "\r\n") + "\r\n\r\nbody\r\n"
            let path = ReceivedPathBuilder(internalHosts: []).build(MessageParser.parse(Array(text.utf8)))
            let rows = chain["rows_oldest_first"] as? [[String: Any]] ?? []
            #expect(path.hops.count == rows.count)
            for (hop, row) in zip(path.hops, rows) {
                let expected = row["expected"] as? [String: Any] ?? [:]
                MHAVectors.expectHop(hop, expected, "hop \(hop.number)")
                #expect(hop.number == expected["hop"] as? Int)
                #expect(hop.delay == expected["delay"] as? String, "hop \(hop.number) delay")
                let share = (expected["percent"] as? NSNumber)?.doubleValue ?? 0
                #expect(abs((hop.transitShare ?? 0) - share) < 0.0001, "hop \(hop.number) share")
            }
            #expect(path.transit == chain["expected_computeDeltas"] as? String)
        }
    }

    @Test(.enabled(if: Corpus.isAvailable)) func mhaDates() {
        for c in MHAVectors.list("dates") {
            let hop = ReceivedParser.parse(MHAVectors.value(c["header"] as? String ?? ""))
            #expect(hop.epochMillis == (c["expected_dateNum_ms"] as? NSNumber)?.int64Value, "\(c["test"] ?? "")")
        }
    }

    @Test(.enabled(if: Corpus.isAvailable)) func mhaDelayText() {
        for c in MHAVectors.list("computeTime") {
            let end = (c["end_ms"] as? NSNumber)?.int64Value ?? 0, start = (c["start_ms"] as? NSNumber)?.int64Value ?? 0
            #expect(ISOTime.delayText(millis: end - start) == c["expected"] as? String)
        }
    }

    struct ClientCase: Sendable, CustomTestStringConvertible {
        var value: String
        var helo: String?
        var rdns: String?
        var ip: String?
        var proto: String?
        var tls: Bool?
        var envelopeFrom: String? = nil
        var testDescription: String { String(value.prefix(40)) }
    }

    /// The shapes real servers write (RFC 5321 §4.4 plus vendor forms).
    static let clientCases: [ClientCase] = [
        ClientCase(value: "from mail.example.com (mail.example.com [192.0.2.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by mx.example.org (Postfix) with ESMTPS id 4ABC for <a@example.org>; Tue, 14 May 2024 09:12:04 +0000",
                   helo: "mail.example.com", rdns: "mail.example.com", ip: "192.0.2.1", proto: "ESMTPS", tls: true),
        ClientCase(value: "from [198.51.100.7] (helo=laptop) by mx.example.org with esmtpsa (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <bob@example.net>) id 1abc-0001; Tue, 14 May 2024 09:12:04 +0000",
                   helo: "laptop", rdns: nil, ip: "198.51.100.7", proto: "esmtpsa", tls: true, envelopeFrom: "bob@example.net"),
        ClientCase(value: "from host.example.net ([203.0.113.9] helo=bogus.example) by mx.example.org with esmtp (Exim 4.96) id 1abc; Tue, 14 May 2024 09:12:04 +0000",
                   helo: "bogus.example", rdns: "host.example.net", ip: "203.0.113.9", proto: "esmtp", tls: false),
        ClientCase(value: "from mail-sor-f41.google.com (mail-sor-f41.google.com. [2607:f8b0:4864:20::b2c]) by mx.google.com with SMTPS id x1sor; Mon, 1 Jan 2024 00:00:00 -0800 (PST)",
                   helo: "mail-sor-f41.google.com", rdns: "mail-sor-f41.google.com", ip: "2607:f8b0:4864:20::b2c", proto: "SMTPS", tls: true),
        ClientCase(value: "from client.example ([IPv6:2001:db8::25]) by mx.example.org (Postfix) with ESMTP id 1; Mon, 1 Jan 2024 00:00:00 +0000",
                   helo: "client.example", rdns: nil, ip: "2001:db8::25", proto: "ESMTP", tls: false),
        ClientCase(value: "from unknown (HELO mail.example.com) (192.0.2.44) by mx.example.org with SMTP; 1 Jan 2024 00:00:00 -0000",
                   helo: "mail.example.com", rdns: nil, ip: "192.0.2.44", proto: "SMTP", tls: false),
        ClientCase(value: "from areta.edu (89.144.11.72) by DB8EUR05FT040.mail.protection.outlook.com (10.233.238.220) with Microsoft SMTP Server id 15.20.5791.20 via Frontend Transport; Thu, 3 Nov 2022 16:41:51 +0000",
                   helo: "areta.edu", rdns: nil, ip: "89.144.11.72", proto: "Microsoft SMTP Server", tls: false),
        ClientCase(value: "from helo.example (rdns.example [192.0.2.8] (may be forged)) by mx.example.org (8.15.2/8.15.2) with ESMTP id x; Mon, 1 Jan 2024 00:00:00 +0000",
                   helo: "helo.example", rdns: "rdns.example", ip: "192.0.2.8", proto: "ESMTP", tls: false),
    ]

    @Test(arguments: clientCases) func clientForms(_ c: ClientCase) {
        let hop = ReceivedParser.parse(c.value)
        #expect(hop.helo == c.helo)
        #expect(hop.reverseDNS == c.rdns)
        #expect(hop.ip == c.ip)
        #expect(hop.protocolName == c.proto)
        #expect(hop.tls == c.tls)
        #expect(hop.envelopeFrom == c.envelopeFrom)
        #expect(hop.epochMillis != nil)
    }

    @Test func ipClasses() {
        #expect(IPAddress("10.1.2.3")?.scope == .privateUse)
        #expect(IPAddress("[IPv6:::1]")?.scope == .loopback)
        #expect(IPAddress("2a01:111:e400:c418::34")?.scope == .global)
        #expect(IPAddress("::ffff:192.168.1.1")?.scope == .privateUse)
        #expect(IPAddress("fd00::1")?.scope == .uniqueLocal)
        #expect(IPAddress("999.1.1.1") == nil)
        #expect(IPAddress("2001:db8::1:0:0:1")?.description == "2001:db8::1:0:0:1")
    }

    @Test func hostileInputNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("from by with id for via ([]);:<>\\\t\r\n 0123456789.abc-IPv6:".utf8)
        for _ in 0..<300 {
            let n = Int.random(in: 0..<400, using: &generator)
            let bytes = (0..<n).map { _ in alphabet.randomElement(using: &generator) ?? 32 }
            _ = ReceivedParser.parse(String(decoding: bytes, as: UTF8.self))
        }
        _ = ReceivedParser.parse(String(repeating: "(", count: 50_000))
    }

    /// Exchange Online: the boundary is the hop from outside into protection.outlook.com.
    @Test func trustBoundaryMicrosoft() {
        let text = """
        Received: from CH2PR19MB3797.namprd19.prod.outlook.com (::1) by MN0PR19MB6312.namprd19.prod.outlook.com with HTTPS; Thu, 3 Nov 2022 16:41:54 +0000\r
        Received: from DB6PR1001CA0042.EURPRD10.PROD.OUTLOOK.COM (2603:10a6:4:55::28) by CH2PR19MB3797.namprd19.prod.outlook.com (2603:10b6:610:92::17) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.5791.20; Thu, 3 Nov 2022 16:41:53 +0000\r
        Received: from areta.edu (89.144.11.72) by DB8EUR05FT040.mail.protection.outlook.com (10.233.238.220) with Microsoft SMTP Server id 15.20.5791.20 via Frontend Transport; Thu, 3 Nov 2022 16:41:51 +0000\r
        Received: from localhost (127.0.0.1) by areta.edu with SMTP; Thu, 3 Nov 2023 16:41:51 +0000\r
        From: a@example.com\r
        \r
        x\r
        """
        let path = ReceivedPathBuilder(internalHosts: []).build(MessageParser.parse(Array(text.utf8)))
        #expect(path.trustBoundary?.entryHop == 2)
        #expect(path.connectingIP == "89.144.11.72")
        #expect(path.helo == "areta.edu")
        #expect(path.trustBoundary?.receivingOrganization == "Microsoft 365")
        #expect(path.hops.map(\.trusted) == [false, true, true, true])
        let ids = PathFindings.check(path).map(\.id)
        #expect(ids.contains("path.forged-hop"))
        #expect(ids.contains("path.clock-skew"))
    }
}
