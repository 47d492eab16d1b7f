import Foundation
@testable import MailForensics
import MailDNS
import MailParsing
import MailTestSupport
import Testing

/// Every message of the third-party mail-parser and phishing_pot samples: attachments listed with real
/// types and hashes, links found, nothing crashes.
@Suite struct ContentCorpusTests {
    static func files(_ directory: String) -> [String] {
        guard Corpus.isAvailable else { return [] }
        let root = Corpus.url(directory)
        let names = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String]) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.contains("LICENSE") && !$0.hasSuffix(".msg") }
            .map { directory + "/" + $0 }
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: Corpus.url(path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
            .sorted()
    }

    @Test(.enabled(if: Corpus.isAvailable), arguments: ["mail-parser", "phishing_pot"])
    func listsEveryAttachmentWithItsRealType(_ directory: String) async throws {
        let analyzer = Analyzer(resolver: StaticResolver(answers: [:]))
        var messages = 0
        var attachments = 0
        var links = 0
        var types: [String: Int] = [:]
        for path in Self.files(directory) {
            let bytes = try Corpus.bytes(path)
            let message = MessageParser.parse(bytes)
            var report = Report(tool: ToolInfo(version: "test"), source: SourceInfo(path: path, index: 0, byteOffset: 0, kind: .eml, sha256: "", bytes: bytes.count),
                                message: MessageSummary())
            analyzer.analyzeContent(message, into: &report)
            let content = try #require(report.content)
            messages += 1
            attachments += content.attachments.count
            links += content.links.count
            for a in content.attachments {
                #expect(!a.realType.mimeType.isEmpty && a.realType.mimeType.contains("/"), "\(path) part \(a.part)")
                #expect(a.sha256.count == 64 && a.sha1.count == 40 && a.md5.count == 32)
                types[a.realType.mimeType, default: 0] += 1
            }
            // Every leaf the MIME tree calls an attachment is listed.
            let declared = message.mimeParts.filter { $0.isAttachment && $0.children.isEmpty && !$0.contentType.isEncapsulatedMessage }.count
            #expect(content.attachments.count >= declared, "\(path): \(content.attachments.count) listed, \(declared) in the tree")
        }
        #expect(messages > 0)
        print("\(directory): \(messages) messages, \(attachments) attachments, \(links) links; real types: \(types.sorted { $0.value > $1.value }.prefix(12).map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
    }
}
