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

/// The decoded summary and MIME structure of the project's own forwarded-message fixture.
@Suite struct SummaryCLITests {
    @Test func forwardedMessageSummaryAndStructure() throws {
        let result = try CLI.run(["analyze", "--format", "json", Corpus.fixture("parsing/forwarded-phish.eml").path])
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let message = try #require(report["message"] as? [String: Any])
        #expect(message["from"] as? String == "André Helpdesk <andre@example.org>")
        #expect(message["to"] as? String == "Security, Team <security@example.org>, soc@example.org")
        #expect(message["subject"] as? String == "Fwd: ⚠ Your account is locked")
        #expect(message["date"] as? String == "2024-03-05T08:15:00Z")
        #expect(message["dateRaw"] as? String == "Tue, 5 Mar 24 09:15 +0100")
        let structure = try #require(report["structure"] as? [String: Any])
        #expect(structure["contentType"] as? String == "multipart/mixed")
        let children = try #require(structure["children"] as? [[String: Any]])
        #expect(children.map { $0["contentType"] as? String } == ["text/plain", "message/rfc822"])
        #expect(children[1]["filename"] as? String == "Your account ⚠.eml")
        #expect(children[1]["disposition"] as? String == "attachment")
        let inner = try #require((children[1]["children"] as? [[String: Any]])?.first)
        #expect(inner["contentType"] as? String == "text/html")
        #expect(inner["charset"] as? String == "windows-1252")
        #expect(inner["firstLine"] as? Int == 18)
    }
}
