import MailAuth
import MailDNS
import Testing

/// Parsers and the evaluator survive arbitrary bytes and hostile records (bounded time, no crash).
@Suite struct SPFHostileInputTests {
    /// A deterministic generator, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func string(_ alphabet: [Character], length: Int) -> String {
            String((0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
        }
    }

    static let alphabet: [Character] = Array("v=spf1 :/%{}.-+~?!aAmMxXiIpP0123456789lLrRdDsShH_,;<>@\"()\\\t\u{0}é1.2.3.4::ffDMARC1")

    @Test func randomTextNeverCrashesTheParsers() async {
        var generator = Generator(state: 7208)
        for round in 0..<3000 {
            let text = (round % 3 == 0 ? "v=spf1 " : round % 3 == 1 ? "v=DMARC1; " : "") + generator.string(Self.alphabet, length: Int(generator.next() % 120))
            _ = SPFAddress(text)
            _ = AuthorAddresses.parse(text)
            _ = DMARCRecord.parse(text)
            let resolver = StaticResolver(txt: ["example.com": text], complete: true)
            let result = await SPFEvaluator(resolver: resolver).evaluate(ip: SPFAddress("192.0.2.1") ?? SPFAddress("::1")!, mailFrom: "a@example.com", helo: "example.com")
            #expect(result.lookups <= 11)
        }
    }

    /// A record that includes itself stops at the lookup limit.
    @Test func selfIncludeStopsAtTheLimit() async throws {
        let resolver = StaticResolver(txt: ["loop.example": "v=spf1 include:loop.example include:%{d} -all"], complete: true)
        let result = await SPFEvaluator(resolver: resolver).evaluate(ip: try #require(SPFAddress("192.0.2.1")), mailFrom: "a@loop.example", helo: "x.example")
        #expect(result.result == .permerror)
        #expect(result.lookups == 11)
    }

    @Test func addressesParseAndPrintCanonically() {
        #expect(SPFAddress("2001:DB8:0:0:0:0:0:1")?.description == "2001:db8::1")
        #expect(SPFAddress("::ffff:192.0.2.1")?.unmapped.description == "192.0.2.1")
        #expect(SPFAddress("[IPv6:2001:db8::25]")?.description == "2001:db8::25")
        #expect(SPFAddress("192.0.2.1")?.reverseName == "1.2.0.192.in-addr.arpa")
        #expect(SPFAddress("01.2.3.4") == nil)
        #expect(SPFAddress("1:2:3:4:5:6:7:8:9") == nil)
        let network = SPFAddress("192.0.2.128")!
        #expect(SPFAddress("192.0.2.200")!.isWithin(network, prefixLength: 25))
        #expect(!SPFAddress("192.0.2.100")!.isWithin(network, prefixLength: 25))
    }
}

@Suite struct SPFLongEnvelopeTests {
    @Test func longSenderIsBoundedAndNone() async throws {
        let sender = "x@" + String(repeating: "a.", count: 50_000) + "example"
        let result = await SPFEvaluator(resolver: StaticResolver(answers: [:], complete: true))
            .evaluate(ip: try #require(SPFAddress("192.0.2.1")), mailFrom: sender, helo: String(repeating: "h", count: 10_000))
        #expect(result.result == .none)
        #expect(result.explanation.count < 2000)
        #expect((result.mailFrom?.count ?? 0) <= 1000)
    }
}
