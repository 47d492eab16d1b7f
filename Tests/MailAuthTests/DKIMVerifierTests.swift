import Foundation
import MailAuth
import MailDNS
import MailParsing
import MailTestSupport
import Testing

/// Behaviours of the verifier beyond the corpora, over messages from the differential fixture.
@Suite struct DKIMVerifierTests {
    static func fixtureCase(_ name: String) throws -> DKIMDifferentialTests.Case {
        let fixture = try #require(DKIMDifferentialTests.fixture)
        return try #require(fixture.cases.first { $0.name == name })
    }

    static func txt(_ name: String, _ values: [(String, DNSOrigin)]) -> [DNSQuestion: DNSOutcome] {
        [DNSQuestion(name: name, type: .txt): .records(values.map { DNSRecord(name: name, data: .txt([$0.0]), origin: $0.1) })]
    }

    static func verify(_ message: String, _ dns: [DNSQuestion: DNSOutcome], at seconds: TimeInterval = 1_700_000_060) async -> [DKIMResult] {
        let verifier = DKIMVerifier(resolver: StaticResolver(answers: dns, complete: true), keyCache: DKIMKeyCache())
        return await verifier.verify(MessageParser.parse(Array(message.utf8)), at: Date(timeIntervalSince1970: seconds)).results
    }

    @Test func severalKeysAtOneSelectorSayWhichVerified() async throws {
        let entry = try Self.fixtureCase("rsa-2048")
        let good = try #require(entry.dns["big._domainkey.example.com"] ?? nil)
        let other = try #require(try Self.fixtureCase("untouched relaxed/simple").dns["s1._domainkey.example.com"] ?? nil)
        let dns = Self.txt("big._domainkey.example.com", [(other, .cache(file: "old.zone", line: 3)), (good, .cache(file: "keys.zone", line: 9))])
        let result = try #require(await Self.verify(entry.message, dns).first)
        #expect(result.result == .pass)
        #expect(result.keyCandidates == 2 && result.keyUsed == 2)
        #expect(result.keyOrigin == "cache keys.zone:9")
        #expect(result.diagnosis.contains("Key 2 of the 2"))
    }

    @Test func bodyLengthLeavesAppendedBytesUnsigned() async throws {
        let entry = try Self.fixtureCase("l= content appended")
        let key = try #require(entry.dns["s1._domainkey.example.com"] ?? nil)
        let result = try #require(await Self.verify(entry.message, Self.txt("s1._domainkey.example.com", [(key, .supplied("t"))])).first)
        #expect(result.result == .pass)
        // The two empty lines that ended the signed body now stand before the added line, so they count too.
        #expect(result.unsignedBodyBytes == "\r\n\r\nClick https://evil.example.net/ now\r\n".utf8.count)
        #expect(result.diagnosis.contains("not covered"))
    }

    @Test func duplicateFromNamesTheSignedAndTheDisplayedLine() async throws {
        let entry = try Self.fixtureCase("duplicate from unsigned on top")
        let key = try #require(entry.dns["big._domainkey.example.com"] ?? nil)
        let result = try #require(await Self.verify(entry.message, Self.txt("big._domainkey.example.com", [(key, .supplied("t"))])).first)
        #expect(result.result == .policy && result.reason == "duplicate-from")
        #expect(result.cryptographicallyValid == true)
        let fromLine = try #require(result.signedHeaders.first { $0.name == "from" }?.line)
        #expect(result.diagnosis.contains("line \(fromLine)"))
        #expect(result.diagnosis.contains("first one"))
    }

    @Test func expiryIsJudgedAtTheEvaluationTimeWithTheSkew() async throws {
        // rfc6376.signed.no_t.msg style: x= far away is fine; here an x= one day after t= is checked a week later.
        let entry = try Self.fixtureCase("untouched relaxed/simple")
        let key = try #require(entry.dns["s1._domainkey.example.com"] ?? nil)
        let dns = Self.txt("s1._domainkey.example.com", [(key, .supplied("t"))])
        let early = try #require(await Self.verify(entry.message, dns, at: 1_700_000_000 - 100_000).first)
        #expect(early.result == .permerror && early.reason == "timestamp-in-future")
        #expect(early.timeSkewSeconds == 100_000)
        let onTime = try #require(await Self.verify(entry.message, dns, at: 1_700_000_000 + 30).first)
        #expect(onTime.result == .pass && onTime.timeSkewSeconds == nil)
        #expect(onTime.signedAt == "2023-11-14T22:13:20Z")
    }

    @Test func revokedAndMissingKeysAreDistinctFromOffline() async throws {
        let entry = try Self.fixtureCase("untouched relaxed/simple")
        let offline = DKIMVerifier(resolver: StaticResolver(answers: [:], complete: false), keyCache: DKIMKeyCache())
        let unchecked = await offline.verify(MessageParser.parse(Array(entry.message.utf8)), at: nil).results
        #expect(unchecked.map(\.reason) == ["key-unavailable-offline"])
        #expect(unchecked.first?.result == .temperror)
        let missing = await Self.verify(entry.message, [:])
        #expect(missing.map(\.reason) == ["no-key"])
        let failing = [DNSQuestion(name: "s1._domainkey.example.com", type: .txt): DNSOutcome.servfail]
        #expect(await Self.verify(entry.message, failing).map(\.result) == [.temperror])
    }

    @Test func acceptSHA1MakesPolicyPass() async throws {
        let entry = try Self.fixtureCase("rsa-sha1")
        let key = try #require(entry.dns["s1._domainkey.example.com"] ?? nil)
        let dns = Self.txt("s1._domainkey.example.com", [(key, .supplied("t"))])
        let verifier = DKIMVerifier(resolver: StaticResolver(answers: dns, complete: true), keyCache: DKIMKeyCache(), acceptSHA1: true)
        let results = await verifier.verify(MessageParser.parse(Array(entry.message.utf8)), at: nil).results
        #expect(results.map(\.result) == [.pass])
        #expect(results.first?.reason == "sha1")
    }
}
