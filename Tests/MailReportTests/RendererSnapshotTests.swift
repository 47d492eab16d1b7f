import Foundation
import MailForensics
import MailReport
import MailTestSupport
import Testing

/// Text snapshots of the three renderers over the samples and the forensics fixtures.
/// Regenerate after an intended change: `MAILSLEUTH_UPDATE_SNAPSHOTS=1 swift test --filter RendererSnapshotTests`,
/// then review the diff of Tests/Fixtures/forensics/snapshots.
@Suite struct RendererSnapshotTests {
    static let inputs = SnapshotSupport.inputs().map(\.name)

    @Test(arguments: inputs) func snapshots(_ name: String) async throws {
        let url = try #require(SnapshotSupport.inputs().first { $0.name == name }?.url)
        let report = await SnapshotSupport.report(for: [UInt8](try Data(contentsOf: url)), name: name)
        let base = name.replacingOccurrences(of: "/", with: "_")
        let outputs = [
            ("\(base).terminal.txt", TerminalRenderer(color: false).render(report)),
            ("\(base).md", MarkdownRenderer.render(report)),
            ("\(base).json", JSONRenderer.render([report])),
        ]
        for (file, text) in outputs {
            let problem = SnapshotSupport.compare(text, snapshot: file)
            #expect(problem == nil, "\(problem ?? "")")
        }
    }

    @Test func snapshotsExistForEverySample() {
        #expect(Self.inputs.contains("samples/newsletter.eml"))
        #expect(Self.inputs.contains("fixtures/rich.eml"))
    }

    /// No escape sequence or control character from a hostile Subject (or display name) reaches the terminal raw,
    /// with or without colour; the only ESC bytes are our own colour codes.
    @Test func hostileSubjectNeverReachesTerminalRaw() async throws {
        let bytes = [UInt8](try Data(contentsOf: Corpus.fixture("forensics/hostile-subject.eml")))
        let report = await SnapshotSupport.report(for: bytes, name: "hostile.eml")
        #expect(report.message.subject?.contains("\u{1B}") == true)
        for color in [false, true] {
            let out = TerminalRenderer(color: color).render(report)
            let stripped = out.replacingOccurrences(of: #"\u{1B}\[[0-9;]*m"#, with: "", options: .regularExpression)
            #expect(!stripped.unicodeScalars.contains { Sanitizer.isUnsafe($0) && $0 != "\n" })
            #expect(!out.contains("\u{1B}]"))
            #expect(!out.contains("\u{1B}[2J"))
            #expect(out.contains("\\u{1B}"))
        }
        let note = MarkdownRenderer.render(report)
        #expect(!note.unicodeScalars.contains { Sanitizer.isUnsafe($0) && $0 != "\n" })
    }

    @Test func markdownEscapesAndDefangs() async {
        let report = await SnapshotSupport.report(for: SnapshotSupport.richMessage, name: "rich.eml")
        let note = MarkdownRenderer.render(report)
        #expect(note.contains("\\| action required \\`now\\` &lt;b&gt;"))
        #expect(note.contains("paypa1-secure[.]com"))
        #expect(note.contains("resolution[.]desk[@]gmail[.]com"))
        #expect(note.split(separator: "\n").first { $0.hasPrefix("- IP addresses:") }?.contains("2603") == false)
        #expect(note.contains("159[.]27[.]24[.]86"))
        #expect(note.contains("Authentication-Results: mailsleuth;"))
        #expect(report.verdict.level == .highRisk)
    }
}
