import Foundation
@testable import MailForensics
import MailAuth
import MailDNS
import MailParsing
import MailTestSupport
import Testing

/// Attachments, links and indicators over messages built here (Tests/Fixtures/content, see make-fixtures.py).
@Suite struct ContentTests {
    /// sha256sum of Tests/Fixtures/content/fake-pe.bin, report.docm and locked.zip (budget.xls below).
    static let fakePESHA256 = "bb8e330258b41529295c93c0c739e9be5ed18177cb6b6d534ad6d0c2cda765f1"
    static let docmSHA256 = "8b39a468a0ae4239d42a0bc8c6d6ee4cd3c470d12e746a37a999303c94815a1f"
    static let zipSHA256 = "c10df9fc89bc729dfda1e0085640ba06d412bf3df04655d44d488bb2f94d451f"

    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var filename: String?
        var sha256: String?
        var realType: String?
        var findings: [String]
        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(fixture: "exe-named-pdf", filename: "invoice.pdf", sha256: fakePESHA256, realType: "application/vnd.microsoft.portable-executable",
             findings: ["attachment.type-mismatch", "attachment.executable"]),
        Case(fixture: "double-extension", filename: "invoice.pdf.exe", sha256: fakePESHA256, realType: nil,
             findings: ["attachment.double-extension", "attachment.executable"]),
        Case(fixture: "rlo-name", filename: "invoice\u{202E}fdp.exe", sha256: fakePESHA256, realType: nil,
             findings: ["attachment.bidi-name", "attachment.executable"]),
        Case(fixture: "macro-document", filename: "report.docm", sha256: docmSHA256, realType: nil,
             findings: ["attachment.macro-document"]),
        Case(fixture: "ole-macro", filename: "budget.xls", sha256: "8a801e65b399fe5d73e56aa2e5367d28dec735d50ccbc19b46b60283393fe148",
             realType: "application/x-ole-storage", findings: ["attachment.macro-document"]),
        Case(fixture: "encrypted-zip", filename: "scan.zip", sha256: zipSHA256, realType: "application/zip",
             findings: ["attachment.encrypted-archive", "attachment.archive-risky-member"]),
        Case(fixture: "html-attachment", filename: "secure-message.html", sha256: nil, realType: "text/html",
             findings: ["attachment.html", "link.html-form", "link.ip-host"]),
        Case(fixture: "link-mismatch", filename: nil, sha256: nil, realType: nil,
             findings: ["link.text-mismatch", "link.shortener", "link.lookalike-host", "link.script-or-data", "link.tracking-pixel"]),
    ]

    static func analyze(_ fixture: String, options: AnalyzerOptions = AnalyzerOptions()) async throws -> Report {
        let url = Corpus.fixture("content/\(fixture).eml")
        let bytes = [UInt8](try Data(contentsOf: url))
        let analyzer = Analyzer(resolver: StaticResolver(answers: [:]), options: options)
        return await analyzer.analyze(InputItem(location: MessageLocation(path: url.path, kind: .eml), bytes: bytes))
    }

    @Test(arguments: cases)
    func eachTrickGivesItsFinding(_ c: Case) async throws {
        let report = try await Self.analyze(c.fixture)
        let ids = Set(report.findings.map(\.id))
        for id in c.findings {
            #expect(ids.contains(id), "\(c.fixture) should give \(id); got \(ids.sorted())")
        }
        if let filename = c.filename {
            let attachment = report.content?.attachments.first { $0.filename == filename }
            #expect(attachment != nil, "\(c.fixture): attachment \(filename) listed")
            if let sha256 = c.sha256 { #expect(attachment?.sha256 == sha256) }
            if let realType = c.realType { #expect(attachment?.realType.mimeType == realType) }
            if let sha256 = attachment?.sha256 { #expect(report.iocs?.values(.sha256).contains(sha256) == true) }
        }
    }

    /// Regression: `filename="invoice.pdf"; filename="invoice.exe"` was read as `invoice.pdfinvoice.exe`. The first
    /// name counts (as MimeKit and most clients take it), the repetition is a defect, the real type still shows.
    @Test func repeatedFilenameIsReportedAndTheFirstCounts() async throws {
        let report = try await Self.analyze("duplicate-filename")
        #expect(report.content?.attachments.map(\.filename) == ["invoice.pdf"])
        #expect(report.defects.contains { $0.id == "mime.bad-content-disposition" })
        #expect(report.findings.contains { $0.id == "attachment.type-mismatch" || $0.id == "attachment.executable" })
    }

    @Test func linkShowsOneDomainAndGoesToAnother() async throws {
        let report = try await Self.analyze("link-mismatch")
        let links = report.content?.links ?? []
        let mismatch = links.first { $0.concerns.contains("text-mismatch") && $0.host == "login.evil-payments.example" }
        #expect(mismatch?.text == "https://www.paypal.com/signin")
        #expect(links.contains { $0.source == "text" && $0.url == "https://www.paypal.com/signin" && $0.concerns.isEmpty })
        #expect(!links.contains { $0.host == "bit.ly" && $0.concerns.contains("text-mismatch") })
        let iocs = report.iocs ?? IOCList()
        #expect(iocs.values(.url).contains("https://login.evil-payments.example/signin?id=1"))
        #expect(iocs.values(.domain).contains("login.evil-payments.example"))
        #expect(iocs.values(.email).contains("support@evil-payments.example"))
        #expect(iocs.values(.email).contains("billing@supplier.example"))
        #expect(iocs.values(.ip) == ["203.0.113.25"])
    }

    @Test func cleanMessageHasNoContentFindings() async throws {
        let analyzer = Analyzer(resolver: StaticResolver(answers: [:]))
        let bytes = Array("From: a@example.com\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nSee https://example.com/docs.\r\n".utf8)
        let report = await analyzer.analyze(InputItem(location: MessageLocation(path: "t.eml", kind: .eml), bytes: bytes))
        #expect(report.content?.attachments.isEmpty == true)
        #expect(report.content?.links.map(\.url) == ["https://example.com/docs"])
        #expect(!report.findings.contains { $0.id.hasPrefix("attachment.") || $0.id.hasPrefix("link.") })
    }

    @Test func extractWritesSanitizedNamesInsideTheDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailsleuth-extract-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = AnalyzerOptions()
        options.extractDirectory = directory.path
        let report = try await Self.analyze("rlo-name", options: options)
        let path = try #require(report.content?.attachments.first?.extractedPath)
        #expect(path.hasPrefix(directory.path + "/"))
        #expect(!path.unicodeScalars.contains { $0.value == 0x202E })
        let written = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Digest.hex(Digest.hash(.sha256, written)) == Self.fakePESHA256)
    }

    @Test(arguments: ["../../etc/passwd", "/etc/passwd", "a\u{0}b\nc", "..", "", "\u{202E}exe.pdf", String(repeating: "x", count: 500)])
    func safeNamesNeverEscape(_ name: String) {
        let safe = AttachmentExtractor.safeName(name, prefix: "m-1")
        #expect(!safe.contains("/") && !safe.contains("..") && safe.hasPrefix("m-1-"))
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
        #expect(safe.utf8.count <= 120)
    }

    @Test func defangsIndicators() {
        #expect(Defang.url("https://evil.example/a.b?c=d") == "hxxps[://]evil[.]example/a.b?c=d")
        #expect(Defang.ip("203.0.113.5") == "203[.]0[.]113[.]5")
        #expect(Defang.email("a.b@evil.example") == "a[.]b[@]evil[.]example")
        #expect(Defang.domain("evil.example") == "evil[.]example")
    }

    @Test func zipDirectoryIsBoundedOnGarbage() {
        var bytes: [UInt8] = Array("PK\u{3}\u{4}".utf8) + [UInt8](repeating: 0x41, count: 100)
        bytes += [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0xFF, count: 18)
        #expect(ZIPDirectory.members(bytes)?.isEmpty == true)
    }

    @Test(arguments: [("http://192.168.0.1/", true), ("http://3232235521/", true), ("http://0x7f.1/", true), ("http://[::1]/", true),
                      ("https://example.com/", false), ("https://1password.com/", false)])
    func ipLiteralHosts(_ url: String, _ expected: Bool) {
        #expect(LinkExtractor.host(of: url).map(LinkExtractor.isIPLiteral) == expected)
    }
}

extension ContentTests {
    /// A user reports a phish by attaching the Outlook item: its parts, links and sender become part of the analysis.
    @Test(.enabled(if: Corpus.isAvailable))
    func readsAnAttachedOutlookItem() async throws {
        let msg = try Corpus.bytes("outlook-msg/poi/bug66335.msg")
        var eml = "From: user@corp.example\r\nTo: soc@corp.example\r\nSubject: FW: suspicious\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nPlease check.\r\n"
            + "--b\r\nContent-Type: application/vnd.ms-outlook; name=\"phish.msg\"\r\nContent-Disposition: attachment; filename=\"phish.msg\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
        eml += Data(msg).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        eml += "\r\n--b--\r\n"
        let analyzer = Analyzer(resolver: StaticResolver(answers: [:]))
        let report = await analyzer.analyze(InputItem(location: MessageLocation(path: "fw.eml", kind: .eml), bytes: Array(eml.utf8)))
        let content = try #require(report.content)
        #expect(content.attachments.first?.filename == "phish.msg")
        #expect(content.attachments.first?.sha256 == Digest.hex(Digest.hash(.sha256, msg)))
        #expect(content.links.contains { $0.part.hasPrefix("2/") })
        let iocs = report.iocs ?? IOCList()
        #expect(iocs.values(.email).contains("udemy@email.udemy.com"))
        #expect(iocs.items.contains { $0.value == "udemy@email.udemy.com" && $0.context.contains("attached as part 2") })
    }

    /// libmagic handles are per thread: identifying from many tasks at once must neither crash nor mix results.
    @Test func detectsTypesFromManyThreadsAtOnce() async throws {
        let pe = [UInt8](try Data(contentsOf: Corpus.fixture("content/fake-pe.bin")))
        let text = Array("hello, plain text\n".utf8)
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<200 {
                group.addTask {
                    i % 2 == 0 ? FileTypeDetector.detect(pe).mimeType.contains("executable") : FileTypeDetector.detect(text).mimeType == "text/plain"
                }
            }
            var all: [Bool] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 200 && results.allSatisfy { $0 })
    }
}

extension ContentTests {
    @Test(arguments: [("paypal.com.account-check.example", "account-check.example", true), ("paypa1.com", "paypa1.com", true),
                      ("paypal-secure.example", "paypal-secure.example", true), ("rnicrosoft.com", "rnicrosoft.com", true),
                      ("www.paypal.com", "paypal.com", false), ("login.microsoftonline.com", "microsoftonline.com", false),
                      ("example.com", "example.com", false), ("apples.example", "apples.example", false)])
    func brandLookalikes(_ host: String, _ site: String, _ expected: Bool) {
        #expect((BrandNames.impersonation(host: host, site: site) != nil) == expected, "\(host)")
    }
}
