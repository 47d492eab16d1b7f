import Foundation
import MailAuth
import MailDNS
import MailParsing
import MailTestSupport
import Testing

/// mailsleuth against dkimpy on messages signed and tampered here (Tests/Fixtures/dkim/differential.json,
/// written by dkimpy_differential.py with TEST-ONLY keys).
@Suite struct DKIMDifferentialTests {
    struct Fixture: Decodable {
        var evaluatedAt: Int
        var cases: [Case]
    }

    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        var name: String
        var note: String
        var message: String
        var dns: [String: String?]
        var expectedReasons: [String]
        var dkimpy: [Verdict]
        var disagreement: String?
        var testDescription: String { name }
    }

    struct Verdict: Decodable, Sendable {
        var valid: Bool
        var error: String?
    }

    static let fixture: Fixture? = {
        guard let data = try? Data(contentsOf: Corpus.fixture("dkim/differential.json")) else { return nil }
        return try? JSONDecoder().decode(Fixture.self, from: data)
    }()

    @Test func fixtureIsThere() throws {
        let fixture = try #require(Self.fixture)
        #expect(fixture.cases.count >= 60)
    }

    @Test(arguments: fixture?.cases ?? [])
    func agreesWithDKIMPy(_ entry: Case) async throws {
        var answers: [DNSQuestion: DNSOutcome] = [:]
        for (name, value) in entry.dns {
            let question = DNSQuestion(name: name, type: .txt)
            answers[question] = value.map { .records([DNSRecord(name: name, data: .txt([$0]), origin: .supplied("differential.json"))]) } ?? .nxdomain
        }
        let verifier = DKIMVerifier(resolver: StaticResolver(answers: answers, complete: true), keyCache: DKIMKeyCache())
        let at = Date(timeIntervalSince1970: TimeInterval(Self.fixture?.evaluatedAt ?? 0))
        let results = await verifier.verify(MessageParser.parse(Array(entry.message.utf8)), at: at).results
        #expect(results.count == entry.dkimpy.count)
        for (index, (ours, theirs)) in zip(results, entry.dkimpy).enumerated() {
            let reason = ours.result == .pass ? "pass" : ours.reason
            #expect(reason == entry.expectedReasons[index], "signature \(index): \(ours.diagnosis)")
            // dkimpy accepts SHA-1: RFC 8301's policy result with a valid signature is the same verdict.
            let oursValid = ours.result == .pass || (ours.result == .policy && ours.reason == "sha1" && ours.cryptographicallyValid == true)
            if entry.disagreement == nil {
                #expect(oursValid == theirs.valid, "signature \(index): dkimpy \(theirs.valid) \(theirs.error ?? ""), ours \(ours.result) \(ours.reason)")
            } else {
                #expect(theirs.valid && !oursValid, "a documented disagreement must stay one: \(entry.disagreement ?? "")")
            }
        }
    }
}
