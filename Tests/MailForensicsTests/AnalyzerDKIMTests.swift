import Foundation
import MailAuth
import MailDNS
import MailForensics
import MailParsing
import MailTestSupport
import Testing

@Suite struct AnalyzerDKIMTests {
    /// The TXT value of one name in samples/samples.zone (single-string records only).
    static func sampleTXT(_ name: String) throws -> String {
        let zone = try String(contentsOf: Corpus.sample("samples.zone"), encoding: .utf8)
        let line = zone.split(separator: "\n").first { $0.hasPrefix(name + ". ") } ?? ""
        return line.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map(\.element).joined()
    }

    static func analyze(_ sample: String, txt: [String: String], acceptSHA1: Bool = false) async throws -> Report {
        var options = AnalyzerOptions()
        options.evaluationTime = Date(timeIntervalSince1970: 1_719_000_000)
        options.acceptSHA1 = acceptSHA1
        let analyzer = Analyzer(resolver: StaticResolver(txt: txt, complete: false), options: options)
        let bytes = [UInt8](try Data(contentsOf: Corpus.sample(sample)))
        return await analyzer.analyze(InputItem(location: MessageLocation(path: sample, kind: .eml), bytes: bytes))
    }

    @Test func spoofedInvoiceIsSignedByAThirdParty() async throws {
        let name = "mk1._domainkey.mailer.example.net"
        let report = try await Self.analyze("spoofed-invoice.eml", txt: [name: try Self.sampleTXT(name)])
        #expect(report.authentication.dkim.map(\.result) == [.pass])
        #expect(report.findings.map(\.id).contains("dkim.valid"))
        #expect(report.findings.map(\.id).contains("dkim.third-party-signature"))
        #expect(report.dnsUsed.map(\.question).contains("\(name) TXT"))
    }

    @Test func missingKeyOfflineIsNotAFailure() async throws {
        let report = try await Self.analyze("mailing-list.eml", txt: [:])
        #expect(report.authentication.dkim.map(\.result) == [.temperror, .temperror])
        #expect(report.findings.filter { $0.id.hasPrefix("dkim.") }.map(\.id) == ["dkim.unchecked-offline", "dkim.unchecked-offline"])
    }

    @Test func mailingListFooterIsExplained() async throws {
        let keys = ["list2024._domainkey.lists.example.org", "mail._domainkey.example.net"]
        var txt: [String: String] = [:]
        for key in keys { txt[key] = try Self.sampleTXT(key) }
        let report = try await Self.analyze("mailing-list.eml", txt: txt)
        #expect(report.authentication.dkim.map(\.result) == [.pass, .fail])
        let finding = try #require(report.findings.first { $0.id == "dkim.body-hash-mismatch" })
        #expect(finding.explanation.contains("footer"))
        #expect(finding.evidence.contains { $0.kind == .computed })
    }

    @Test func catalogueListsTheDKIMFindings() {
        let ids = Set(FindingCatalogue.all.map(\.id))
        #expect(ids.isSuperset(of: ["dkim.valid", "dkim.body-hash-mismatch", "dkim.duplicate-from", "dkim.weak-crypto"]))
    }
}
