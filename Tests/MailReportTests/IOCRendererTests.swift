import MailForensics
import MailReport
import Testing

/// `--format iocs`: one indicator per line, type and value separated by a tab, deduplicated across reports.
@Suite struct IOCRendererTests {
    static func report(_ items: [(IOC.Kind, String)]) -> Report {
        var report = Report(tool: ToolInfo(version: "test"), source: SourceInfo(path: "m.eml", index: 0, byteOffset: 0, kind: .eml, sha256: "", bytes: 0),
                            message: MessageSummary())
        var list = IOCList()
        for (kind, value) in items { list.add(kind, value, context: "test") }
        report.iocs = list
        return report
    }

    @Test func rendersOnePerLineDeduplicatedAndNotDefanged() {
        let a = Self.report([(.ip, "203.0.113.5"), (.url, "https://evil.example/x"), (.domain, "Evil.Example")])
        let b = Self.report([(.domain, "evil.example"), (.email, "a@evil.example")])
        #expect(IOCRenderer.render([a, b]) == "ip\t203.0.113.5\nurl\thttps://evil.example/x\ndomain\tevil.example\nemail\ta@evil.example")
    }

    @Test func escapesControlCharacters() {
        let r = Self.report([(.url, "https://evil.example/\u{1B}[31m")])
        #expect(!IOCRenderer.render([r]).contains("\u{1B}"))
    }
}
