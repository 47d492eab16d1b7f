import MailReport
import Testing

@Suite struct SanitizerTests {
    @Test func escapeSequencesNeverPassRaw() {
        let hostile = "Invoice \u{1B}]0;owned\u{07}\u{1B}[2J \u{202E}fdp.exe"
        let safe = Sanitizer.terminal(hostile)
        #expect(!safe.unicodeScalars.contains { Sanitizer.isUnsafe($0) })
        #expect(safe.contains("\\u{1B}"))
    }
}
