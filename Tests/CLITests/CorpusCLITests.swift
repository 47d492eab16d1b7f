import Foundation
import MailTestSupport
import Testing

/// `mailsleuth analyze --format json` over the corpus directories: exit 0, one report per message.
@Suite struct CorpusCLITests {
    static let directories = ["phishing_pot", "sisimai", "spamassassin", "mikel-mail", "mail-parser", "perceval-mbox",
                              "stalwart-mail-auth", "mail-dkim-perl", "dkimpy", "rfc-vectors", "mailauth", "authheaders"]

    @Test(.enabled(if: Corpus.isAvailable), arguments: directories)
    func analyzesCorpusDirectory(_ name: String) throws {
        let result = try CLI.run(["analyze", "--format", "json", Corpus.url(name).path])
        #expect(result.status == 0, "\(name): \(result.stderr.prefix(500))")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let reports = (json as? [Any]) ?? [json]
        #expect(!reports.isEmpty)
    }

    @Test(.enabled(if: Corpus.isAvailable)) func mboxReportsCarryIndexAndOffset() throws {
        let result = try CLI.run(["analyze", "--format", "json", Corpus.url("sisimai/mailbox/mbox-0").path])
        #expect(result.status == 0)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 37)
        let sources = reports.compactMap { $0["source"] as? [String: Any] }
        #expect(sources.compactMap { $0["index"] as? Int } == Array(0..<37))
        #expect(sources.allSatisfy { ($0["kind"] as? String) == "mbox" })
    }

    @Test func pastedHeadersFromStandardInput() throws {
        let paste = "   Received: from a.example.com\n   by b.example.net; Mon, 1 Jan 2024 00:00:00 +0000\n   From: =?utf-8?q?J=C3=B6rg?= <j@example.com>\n   Subject: =?utf-8?B?4pq9?=\n"
        let result = try CLI.run(["analyze", "--format", "json"], stdin: Data(paste.utf8))
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let message = try #require(report["message"] as? [String: Any])
        #expect(message["from"] as? String == "Jörg <j@example.com>")
        #expect(message["subject"] as? String == "⚽")
        let source = try #require(report["source"] as? [String: Any])
        #expect(source["kind"] as? String == "pastedHeaders")
    }
}
