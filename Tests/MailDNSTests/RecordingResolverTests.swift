import Foundation
import MailDNS
import Testing

/// Recording appends every answer under a capture header, safely from concurrent lookups; the file replays.
@Suite struct RecordingResolverTests {
    @Test func concurrentLookupsAreAllRecordedAndReplay() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mailsleuth-rec-\(UUID().uuidString)/sub/case.zone").path
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent().path) }
        var txt: [String: String] = [:]
        for index in 0..<40 { txt["k\(index)._domainkey.example.com"] = "v=DKIM1; p=KEY\(index)" }
        let source = StaticResolver(txt: txt, complete: true)
        let recorder = try RecordingResolver(wrapping: source, path: path, source: "test", time: Date(timeIntervalSince1970: 0))
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask { _ = await recorder.resolve(DNSQuestion(name: "k\(index)._domainkey.example.com", type: .txt)) }
                group.addTask { _ = await recorder.resolve(DNSQuestion(name: "k\(index)._domainkey.example.com", type: .txt)) }
            }
        }
        let zone = try ZoneFile(contentsOf: path)
        #expect(zone.records.count == 40)
        #expect(zone.entries.count == 50)  // 40 keys and 10 NXDOMAIN, each once
        let offline = OfflineResolver(files: [zone])
        #expect(offline.answer(DNSQuestion(name: "k7._domainkey.example.com", type: .txt)).records.first?.txtJoined == "v=DKIM1; p=KEY7")
        #expect(offline.answer(DNSQuestion(name: "k45._domainkey.example.com", type: .txt)).outcome == .nxdomain)

        // A second session appends under its own capture header, and the file still reads.
        let again = try RecordingResolver(wrapping: source, path: path, source: "second", time: Date(timeIntervalSince1970: 60))
        _ = await again.resolve(DNSQuestion(name: "k1._domainkey.example.com", type: .txt))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.components(separatedBy: "; captured ").count == 3)
        #expect(try ZoneFile(contentsOf: path).records.count == 41)
        #expect(OfflineResolver(files: [try ZoneFile(contentsOf: path)]).answer(DNSQuestion(name: "k1._domainkey.example.com", type: .txt)).records.count == 1)
    }

    @Test func digTranscriptsGiveNegativeAnswers() throws {
        let text = """
        ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 1
        ;; QUESTION SECTION:
        ;gone.example.com.\tIN\tTXT
        ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 2
        ;; QUESTION SECTION:
        ;example.com.\t\tIN\tMX
        ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 3
        ;; QUESTION SECTION:
        ;www.example.com.\tIN\tTXT
        ;; ANSWER SECTION:
        www.example.com. 60 IN CNAME example.com.
        ;; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 4
        ;; QUESTION SECTION:
        ;broken.example.com.\tIN\tA
        """
        let records = try ZoneFile(text: text, file: "dig").entries.map(\.kind)
        #expect(DigTranscript.negativeEntries(in: text, records: records) == [
            .nxdomain(name: "gone.example.com"), .nodata(name: "example.com", type: .mx), .servfail(name: "broken.example.com", type: .a),
        ])
    }
}
