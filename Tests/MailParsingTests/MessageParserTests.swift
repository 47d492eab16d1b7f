import MailParsing
import MailTestSupport
import Testing

@Suite struct MessageParserTests {
    @Test func splitsHeaderAndBodyKeepingBytes() {
        let text = "From: a@example.com\r\nSubject: hello\r\n  world\r\n\r\nBody line\r\n"
        let message = MessageParser.parse(Array(text.utf8))
        #expect(message.header.count == 2)
        #expect(message.header[1].unfoldedValue == "hello  world")
        #expect(message.header[1].span.firstLine == 2)
        #expect(message.header[1].span.lastLine == 3)
        #expect(String(decoding: message.header[1].raw, as: UTF8.self) == "Subject: hello\r\n  world\r\n")
        #expect(String(decoding: message.body, as: UTF8.self) == "Body line\r\n")
        #expect(message.bodyFirstLine == 5)
    }

    @Test func acceptsLFAndHeadersOnly() {
        let message = MessageParser.parse(Array("From: a@example.com\nTo: b@example.com\n".utf8))
        #expect(message.header.count == 2)
        #expect(!message.hasBody)
        #expect(message.body.isEmpty)
    }

    @Test func corpusNote() {
        if !Corpus.isAvailable { print(Corpus.absenceNote) }
    }
}
