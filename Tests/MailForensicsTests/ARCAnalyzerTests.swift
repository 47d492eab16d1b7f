import Foundation
import MailAuth
import MailDNS
@testable import MailForensics
import MailParsing
import MailTestSupport
import Testing

/// The ARC stage of the analyzer: trusted sealers, findings, and where a change sits, over corpus chains.
@Suite struct ARCAnalyzerTests {
    /// Google's ARC key as stalwart caches it, plus the other keys in that file.
    static func zone(_ path: String = "stalwart-mail-auth/resources/arc/001.txt") throws -> [String: String] {
        var records: [String: String] = [:]
        let text = String(decoding: try Corpus.bytes(path), as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            if let space = line.firstIndex(of: " ") { records[String(line[..<space])] = String(line[line.index(after: space)...]) }
        }
        return records
    }

    static func analyze(_ bytes: [UInt8], sealers: [String] = [], zone: [String: String]) async -> Report {
        var options = AnalyzerOptions()
        options.trustedSealers = sealers
        let analyzer = Analyzer(resolver: StaticResolver(txt: zone), options: options)
        return await analyzer.analyze(InputItem(location: MessageLocation(path: "t.eml", kind: .eml), bytes: bytes))
    }

    @Test(.enabled(if: Corpus.isAvailable)) func gmailChainIsTrustedByDefault() async throws {
        let report = await Self.analyze(try Corpus.bytes("mailauth/test/fixtures/arc-pass.eml"), zone: try Self.zone())
        let arc = try #require(report.authentication.arc)
        #expect(arc.result == .pass)
        #expect(arc.instances.allSatisfy { $0.sealer == "google.com" && $0.trustedSealer })
        #expect(report.findings.contains { $0.id == "arc.chain-pass-trusted" })
        // What the trusted hop recorded is believed.
        let aars = report.authentication.recorded.filter { $0.instance != nil }
        #expect(!aars.isEmpty && aars.allSatisfy(\.trusted))
        #expect(report.dnsUsed.contains { $0.question == "arc-20160816._domainkey.google.com TXT" })
    }

    @Test(.enabled(if: Corpus.isAvailable)) func namedSealersReplaceTheDefaults() async throws {
        let report = await Self.analyze(try Corpus.bytes("mailauth/test/fixtures/arc-pass.eml"), sealers: ["lists.example.org"], zone: try Self.zone())
        #expect(report.authentication.arc?.instances.allSatisfy { !$0.trustedSealer } == true)
        #expect(report.findings.contains { $0.id == "arc.chain-pass-untrusted" })
        #expect(report.authentication.recorded.filter { $0.instance != nil }.allSatisfy { !$0.trusted })
    }

    @Test(.enabled(if: Corpus.isAvailable)) func brokenSealIsAWarning() async throws {
        let report = await Self.analyze(try Corpus.bytes("mailauth/test/fixtures/arc-fail2.eml"), zone: try Self.zone())
        let finding = try #require(report.findings.first { $0.id == "arc.chain-fail" })
        #expect(finding.severity == .warning)
        #expect(finding.evidence.contains { $0.label == "ARC-Seal i=1" })
        #expect(report.authentication.recorded.filter { $0.instance != nil }.allSatisfy { !$0.trusted })
    }

    /// stalwart's ietf.org chain: the ARC chain passes while a DKIM signature fails on its body hash.
    @Test(.enabled(if: Corpus.isAvailable)) func locatesTheChangeAgainstDKIM() async throws {
        let path = "stalwart-mail-auth/resources/arc/001.txt"
        let text = try Corpus.bytes(path)
        let start = (0..<(text.count - 1)).first { text[$0] == 0x0A && text[$0 + 1] == 0x0A }.map { $0 + 2 } ?? 0
        let message = MessageParser.parse(Array(text[start...]))
        let resolver = StaticResolver(txt: try Self.zone(path))
        let dkim = await DKIMVerifier(resolver: resolver).verify(message, at: nil).results
        let arc = await ARCVerifier(resolver: resolver).verify(message, at: nil).result
        #expect(arc.result == .pass)
        let analyzer = Analyzer(resolver: resolver)
        let located = analyzer.changeLocation(arc, dkim: dkim)
        // stalw.art's signature broke before Gmail sealed it; ietf.org (the list) re-signed it and still verifies.
        #expect(dkim.map(\.result) == [.pass, .pass, .fail])
        let explanation = try #require(located)
        #expect(explanation.contains("before google.com sealed it"))
        #expect(explanation.contains("dkim=neutral for stalw.art"))
        #expect(explanation.contains("so ietf.org"))
    }

    @Test func unsignedMessageHasNoARCFinding() async {
        let report = await Self.analyze(Array("From: a@example.com\r\nSubject: x\r\n\r\nbody\r\n".utf8), zone: [:])
        #expect(report.authentication.arc?.result == AuthResultCode.none)
        #expect(!report.findings.contains { $0.id.hasPrefix("arc.") })
    }
}
