import Foundation
import MailDNS
import Testing

/// What the writer writes, the reader reads back identically (RFC 1035 §5.1 presentation format).
@Suite struct ZoneRoundTripTests {
    static let kinds: [ZoneEntry.Kind] = [
        .record(name: "sel._domainkey.example.com", ttl: 300, data: .txt(["v=DKIM1; k=rsa; ", "p=" + String(repeating: "Q", count: 250)])),
        .record(name: "example.com", ttl: nil, data: .txt(["quote \" backslash \\ semicolon ; paren ( ) tab \t newline \n", "", "é ☃"])),
        .record(name: "example.com", ttl: 0, data: .a("192.0.2.1")),
        .record(name: "example.com", ttl: UInt32.max, data: .aaaa("2001:db8::1")),
        .record(name: "example.com", ttl: 60, data: .mx(preference: 65535, exchange: "mx.example.com")),
        .record(name: "1.2.0.192.in-addr.arpa", ttl: 60, data: .ptr("host.example.com")),
        .record(name: "www.example.com", ttl: 60, data: .cname("example.com")),
        .record(name: "example.com", ttl: 60, data: .ns("ns1.example.com")),
        .record(name: "a\\.b.example.com", ttl: 1, data: .txt(["dot in a label"])),
        .record(name: "odd name;with\"quote (and) spaces.example", ttl: 1, data: .txt(["x"])),
        .record(name: "$dollar.example", ttl: 1, data: .txt(["x"])),
        .record(name: "@", ttl: 1, data: .txt(["at"])),
        .record(name: "back\\\\slash.example", ttl: 1, data: .txt(["x"])),
        .record(name: "ünïcode.example", ttl: 1, data: .txt(["x"])),
        .nxdomain(name: "gone._domainkey.example.com"),
        .nodata(name: "example.com", type: .mx),
        .servfail(name: "broken.example", type: .txt),
        .timeout(name: "slow.example", type: .aaaa),
        .complete(scope: "example.com"),
        .complete(scope: "."),
    ]

    @Test func writerOutputReadsBackIdentically() throws {
        let text = ZoneFileWriter.fileHeader(source: "test", time: Date(timeIntervalSince1970: 0)) + ZoneFileWriter.text(Self.kinds)
        let zone = try ZoneFile(text: text, file: "rt.zone")
        #expect(zone.entries.map(\.kind) == Self.kinds)
        #expect(zone.warnings.isEmpty)
        // And a second pass writes the very same text.
        #expect(ZoneFileWriter.text(zone.entries.map(\.kind)) == ZoneFileWriter.text(Self.kinds))
    }

    @Test func readThenWriteThenReadKeepsHandWrittenFiles() throws {
        let handWritten = """
        $ORIGIN example.com.
        $TTL 1h
        @ IN TXT ( "v=spf1 " ; split
                   "include:_spf.example.net -all" )
        sel._domainkey 300 TXT "v=DKIM1; p=\\065BC"
        $NXDOMAIN old._domainkey
        $COMPLETE
        """
        let first = try ZoneFile(text: handWritten, file: "h.zone")
        let second = try ZoneFile(text: ZoneFileWriter.text(first.entries.map(\.kind)), file: "h2.zone")
        #expect(second.entries.map(\.kind) == first.entries.map(\.kind))
    }

    @Test func recordedAnswersReadBack() throws {
        let question = DNSQuestion(name: "sel._domainkey.example.com", type: .txt)
        let live = DNSOrigin.live(server: "192.0.2.53", time: Date(timeIntervalSince1970: 0), ttl: 300, dnssec: .secure)
        let answers: [DNSAnswer] = [
            DNSAnswer(question: question, outcome: .records([DNSRecord(name: question.name, ttl: 300, data: .txt(["v=DKIM1; p=AB"]), origin: live)]), origin: live),
            DNSAnswer(question: DNSQuestion(name: "gone.example.com", type: .txt), outcome: .nxdomain, origin: live),
            DNSAnswer(question: DNSQuestion(name: "example.com", type: .mx), outcome: .nodata, origin: live),
            DNSAnswer(question: DNSQuestion(name: "broken.example.com", type: .txt), outcome: .servfail, origin: live),
            DNSAnswer(question: DNSQuestion(name: "slow.example.com", type: .a), outcome: .timeout, origin: live),
        ]
        let text = answers.compactMap(RecordingResolver.text(for:)).joined()
        let zone = try ZoneFile(text: text, file: "rec.zone")
        let offline = OfflineResolver(files: [zone])
        for answer in answers {
            #expect(offline.answer(answer.question).outcome.withoutOrigins == answer.outcome.withoutOrigins, "\(answer.question)")
        }
        // Names that cannot exist in the DNS (from hostile messages) and offline misses are not written.
        #expect(RecordingResolver.text(for: DNSAnswer(question: DNSQuestion(name: "a..b", type: .txt), outcome: .nxdomain)) == nil)
        #expect(RecordingResolver.text(for: DNSAnswer(question: DNSQuestion(name: "lone\\backslash.example", type: .txt), outcome: .nxdomain)) == nil)
        #expect(RecordingResolver.text(for: DNSAnswer(question: question, outcome: .unavailableOffline)) == nil)
    }
}
