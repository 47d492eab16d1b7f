import Foundation
import MailDNS
@testable import MailDNSLive
import Testing

/// Live lookups against servers the tests start on loopback; nothing else is contacted.
@Suite(.serialized, .enabled(if: LoopbackDNSServer.isAvailable, Comment(rawValue: LoopbackDNSServer.absenceNote)))
struct LiveResolverTests {
    static let long = [String(repeating: "A", count: 250), String(repeating: "B", count: 250), String(repeating: "C", count: 250)]

    static let serverArguments: [String] = [
        "--local=/example.com/",
        "--edns-packet-max=512",
        // Without a shell between, dnsmasq takes each comma-separated part as one character-string, quotes included.
        "--txt-record=one.example.com,v=spf1 -all",
        "--txt-record=two.example.com,v=DKIM1; k=rsa; ,p=MIGfMA0",
        "--txt-record=three.example.com,a,b c,say \"hi\"",
        "--txt-record=big.example.com," + long.joined(separator: ","),
        "--host-record=host.example.com,192.0.2.7,2001:db8::7",
        "--mx-host=example.com,mail.example.com,10",
    ]

    func resolver(_ server: String, timeout: Double = 3) throws -> LiveResolver {
        try LiveResolver(configuration: .init(server: server, timeout: timeout, trustAnchorFile: nil))
    }

    @Test func answersFromALoopbackServer() async throws {
        let server = try LoopbackDNSServer(arguments: Self.serverArguments)
        defer { server.stop() }
        let live = try resolver(server.address)

        let cases: [(DNSQuestion, DNSOutcome)] = [
            (.init(name: "one.example.com", type: .txt), .records([])),
            (.init(name: "nothing-here.example.com", type: .txt), .nxdomain),
            (.init(name: "host.example.com", type: .txt), .nodata),
        ]
        for (question, expected) in cases {
            let answer = await live.resolve(question)
            switch expected {
            case .records: #expect(!answer.records.isEmpty, "\(question)")
            default: #expect(answer.outcome == expected, "\(question)")
            }
            guard case let .live(name, _, _, dnssec)? = answer.origin else {
                Issue.record("no live origin for \(question)")
                continue
            }
            #expect(name == server.address)
            #expect(dnssec == .unknown)
        }

        let strings: [(String, [String])] = [
            ("one.example.com", ["v=spf1 -all"]),
            ("two.example.com", ["v=DKIM1; k=rsa; ", "p=MIGfMA0"]),
            ("three.example.com", ["a", "b c", "say \"hi\""]),
            ("big.example.com", Self.long),
        ]
        for (name, expected) in strings {
            let answer = await live.resolve(DNSQuestion(name: name, type: .txt))
            #expect(answer.records.map(\.data) == [.txt(expected)], "\(name)")
        }

        let address = await live.resolve(DNSQuestion(name: "host.example.com", type: .a))
        #expect(address.records.map(\.data) == [.a("192.0.2.7")])
        let address6 = await live.resolve(DNSQuestion(name: "host.example.com", type: .aaaa))
        #expect(address6.records.map(\.data) == [.aaaa("2001:db8::7")])
        let mx = await live.resolve(DNSQuestion(name: "example.com", type: .mx))
        #expect(mx.records.map(\.data) == [.mx(preference: 10, exchange: "mail.example.com")])
    }

    @Test func withTheRootTrustAnchorAnUnsignedAnswerIsMarkedBogus() async throws {
        let anchor = "/usr/share/dns/root.key"
        guard FileManager.default.isReadableFile(atPath: anchor) else { return }
        let server = try LoopbackDNSServer(arguments: Self.serverArguments)
        defer { server.stop() }
        // dnsmasq serves example.com unsigned and refuses DS queries, so the chain from the root cannot be proven.
        let live = try LiveResolver(configuration: .init(server: server.address, timeout: 3, trustAnchorFile: anchor))
        let answer = await live.resolve(DNSQuestion(name: "one.example.com", type: .txt))
        #expect(answer.records.map(\.data) == [.txt(["v=spf1 -all"])])
        guard case let .live(_, _, _, dnssec)? = answer.origin else { Issue.record("no live origin"); return }
        #expect(dnssec == .bogus)
    }

    @Test func badServerAddressesAreRefusedUpFront() {
        for bad in ["dns.example.com", "127.0.0.1@0", "127.0.0.1@99999", "", "1.2.3"] {
            #expect(throws: LiveResolver.ConfigurationError.self, "\(bad)") { try LiveResolver(configuration: .init(server: bad)) }
        }
        let good: [(String, String)] = [("127.0.0.1", "127.0.0.1"), ("127.0.0.1@5353", "127.0.0.1@5353"), ("127.0.0.1:53", "127.0.0.1@53"),
                                        ("::1", "::1"), ("[::1]:5353", "::1@5353"), ("::1@5353", "::1@5353")]
        for (text, forwarder) in good {
            #expect((try? LiveResolver(configuration: .init(server: text)))?.forwarder == forwarder, "\(text)")
        }
    }

    @Test func aSilentServerTimesOutWithinTheDeadline() async throws {
        let silent = try SilentDNSServer()
        defer { silent.stop() }
        let live = try resolver(silent.address, timeout: 1)
        let started = Date()
        let answer = await live.resolve(DNSQuestion(name: "sel._domainkey.example.com", type: .txt))
        let elapsed = Date().timeIntervalSince(started)
        #expect(answer.outcome == .timeout)
        #expect(elapsed >= 0.9)
        #expect(elapsed < 1.5, "took \(elapsed) s for a 1 s deadline")
    }

    @Test func recordingThenReplayingGivesTheSameAnswers() async throws {
        let server = try LoopbackDNSServer(arguments: Self.serverArguments)
        defer { server.stop() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mailsleuth-record-\(UUID().uuidString).zone").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = try RecordingResolver(wrapping: try resolver(server.address), path: path, source: "test", time: Date())
        let questions: [DNSQuestion] = [
            .init(name: "big.example.com", type: .txt), .init(name: "three.example.com", type: .txt),
            .init(name: "gone.example.com", type: .txt), .init(name: "host.example.com", type: .txt),
            .init(name: "host.example.com", type: .aaaa), .init(name: "example.com", type: .mx),
        ]
        var live: [DNSOutcome] = []
        for question in questions { live.append(await recorder.resolve(question).outcome) }
        let offline = try OfflineResolver(paths: [path])
        for (question, outcome) in zip(questions, live) {
            let replayed = offline.answer(question)
            #expect(replayed.outcome.withoutOrigins == outcome.withoutOrigins, "\(question)")
            if case let .cache(file, _)? = replayed.origin { #expect(file == path) } else { Issue.record("no cache origin for \(question)") }
        }
    }
}

extension DNSOutcome {
    /// The outcome with record origins and TTLs cleared, to compare a live answer with its replay.
    var withoutOrigins: DNSOutcome {
        guard case let .records(records) = self else { return self }
        return .records(records.map { DNSRecord(name: $0.name, data: $0.data, origin: .supplied("")) })
    }
}
