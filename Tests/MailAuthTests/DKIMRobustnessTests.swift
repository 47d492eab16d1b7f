import Foundation
import MailAuth
import MailDNS
import MailParsing
import MailTestSupport
import Testing

/// Hostile input: the DKIM parsers and the verifier survive arbitrary bytes, without crashing or hanging.
@Suite struct DKIMRobustnessTests {
    /// A small deterministic generator (xorshift64*), so failures can be replayed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func bytes(_ count: Int, from alphabet: [UInt8]) -> [UInt8] { (0..<count).map { _ in alphabet[below(alphabet.count)] } }
    }

    static let tagAlphabet = Array("abhilqstvxzdcpk=;:/ \t\r\n@.-_0123456789+=AZ|\"\u{7f}".utf8) + [0x00, 0xFF, 0xC3]

    @Test func randomTagListsNeverCrash() {
        var random = Random(state: 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<3000 {
            let bytes = random.bytes(random.below(200), from: Self.tagAlphabet)
            _ = try? TagList(parsing: bytes)
            _ = try? DKIMKeyRecord(String(decoding: bytes, as: UTF8.self))
            _ = Base64.decode(bytes)
            _ = DKIMCanonicalization.relaxed.canonicalBody(bytes)
            _ = DKIMCanonicalization.simple.canonicalBody(bytes)
            _ = DKIMCanonicalization.relaxed.header(bytes)
        }
    }

    @Test func randomSignatureFieldsNeverCrash() async {
        var random = Random(state: 42)
        let verifier = DKIMVerifier(resolver: StaticResolver(txt: ["s._domainkey.example.com": "v=DKIM1; p="]), keyCache: DKIMKeyCache())
        for _ in 0..<500 {
            var field = Array("DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=AAAA; ".utf8)
            field += random.bytes(random.below(120), from: Self.tagAlphabet)
            let message = MessageParser.parse(field + Array("\r\nFrom: a@example.com\r\n\r\nbody\r\n".utf8))
            let results = await verifier.verify(message, at: Date(timeIntervalSince1970: 1_700_000_000)).results
            #expect(results.allSatisfy { $0.result != .pass })
        }
    }

    /// Byte flips in a signed sample never crash the verifier and never leave a pass on changed signed bytes.
    @Test func mutatedSampleNeverCrashes() async throws {
        let name = "mailing-list.eml"
        let original = [UInt8](try Data(contentsOf: Corpus.sample(name)))
        let zone = try String(contentsOf: Corpus.sample("samples.zone"), encoding: .utf8)
        let resolver = StaticResolver(answers: DKIMTestDNS.zoneTXT(zone, origin: "samples.zone"), complete: true)
        let verifier = DKIMVerifier(resolver: resolver, keyCache: DKIMKeyCache())
        var random = Random(state: 7)
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + random.below(3)) { bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next()) }
            _ = await verifier.verify(MessageParser.parse(bytes), at: Date(timeIntervalSince1970: 1_719_000_000))
        }
    }

    @Test(arguments: [
        "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=AAAA; l=99999999999999999999999999999; x=99999999999999999999999999; t=1",
        "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s; bh=AAAA; b=AAAA; h=" + Array(repeating: "from", count: 5000).joined(separator: ":"),
        "DKIM-Signature: v=1; a=rsa-sha256; d=" + String(repeating: "a.", count: 400) + "com; s=s; h=from; bh=AAAA; b=AAAA",
        "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=" + String(repeating: "QUFB", count: 20000),
        "DKIM-Signature: " + String(repeating: ";", count: 10000),
        "DKIM-Signature: v=1; i==FF=FF=; d=example.com; s=s; h=from; bh=AAAA; b=AAAA",
    ])
    func pathologicalSignaturesAreBounded(_ text: String) async {
        let verifier = DKIMVerifier(resolver: StaticResolver(answers: [:]), keyCache: DKIMKeyCache())
        let message = MessageParser.parse(Array((text + "\r\nFrom: a@example.com\r\n\r\nbody\r\n").utf8))
        let results = await verifier.verify(message, at: Date(timeIntervalSince1970: 1_700_000_000)).results
        #expect(results.count == 1)
        #expect(results.first?.result != .pass)
    }
}
