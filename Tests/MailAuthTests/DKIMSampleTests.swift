import Foundation
import MailAuth
import MailDNS
import MailParsing
import MailTestSupport
import Testing

/// The shipped samples verify as their stories say, against samples/samples.zone.
@Suite struct DKIMSampleTests {
    static func verify(_ name: String) async throws -> [DKIMResult] {
        let zone = try String(contentsOf: Corpus.sample("samples.zone"), encoding: .utf8)
        let resolver = StaticResolver(answers: DKIMTestDNS.zoneTXT(zone, origin: "samples.zone"), complete: true)
        let message = MessageParser.parse([UInt8](try Data(contentsOf: Corpus.sample(name))))
        return await DKIMVerifier(resolver: resolver).verify(message, at: Date(timeIntervalSince1970: 1_719_000_000)).results
    }

    @Test func newsletterIsSignedByItsOwnDomain() async throws {
        let results = try await Self.verify("newsletter.eml")
        #expect(results.map(\.result) == [.pass])
        #expect(results.first?.fromAlignment == "exact")
        #expect(results.first?.fromOversigned == true)
        #expect(results.first?.keyBits == 2048)
        #expect(results.first?.keyOrigin?.contains("samples.zone") == true)
    }

    @Test func spoofIsSignedByAnUnrelatedService() async throws {
        let results = try await Self.verify("spoofed-invoice.eml")
        #expect(results.map(\.result) == [.pass])
        #expect(results.first?.domain == "mailer.example.net")
        #expect(results.first?.fromAlignment == "unrelated")
    }

    @Test func forwardedOuterMessageVerifies() async throws {
        let results = try await Self.verify("forwarded.eml")
        #expect(results.map(\.result) == [.pass], "\(results.map(\.diagnosis))")
    }

    @Test func mailingListFooterBreaksTheAuthorButNotTheList() async throws {
        let results = try await Self.verify("mailing-list.eml")
        #expect(results.map(\.result) == [.pass, .fail])
        #expect(results.map(\.algorithm) == ["ed25519-sha256", "rsa-sha256"])
        let author = try #require(results.last)
        #expect(author.reason == "body-hash-mismatch")
        #expect(author.diagnosis.contains("added bytes at the end"))
        #expect(author.diagnosis.contains("header fields are intact"))
    }
}
