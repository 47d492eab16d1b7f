import MailDNS
import MailForensics
import MailParsing
import Testing

@Suite struct AnalyzerTests {
    @Test func analyzesAMinimalMessage() async {
        let analyzer = Analyzer(resolver: StaticResolver(answers: [:]))
        let item = InputItem(location: MessageLocation(path: "t.eml", kind: .eml), bytes: Array("From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n".utf8))
        let report = await analyzer.analyze(item)
        #expect(report.message.subject == "hi")
        #expect(report.source.bytes == 42)
    }
}
