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

@Suite struct MboxFromLineTests {
    @Test func obsoleteSpaceBeforeColonIsAField() {
        let message = MessageParser.parse(Array("From  : John Doe <jdoe@example.com>\r\nTo    : mary@example.net\r\n\r\nHi\r\n".utf8))
        #expect(message.header.map(\.name) == ["From", "To"])
        #expect(message.defects.isEmpty)
    }

    @Test func envelopeLineIsSkipped() {
        let message = MessageParser.parse(Array("From jdoe@example.com Mon Jan  1 00:00:00 2024\nFrom: jdoe@example.com\n\nHi\n".utf8))
        #expect(message.header.map(\.name) == ["From"])
        #expect(message.defects.map(\.id) == ["header.mbox-from-line"])
    }

    @Test func forwardedMessageWithEnvelopeLineKeepsItsHeader() {
        let text = "Content-Type: message/rfc822\n\nFrom x@example.com Tue May 10 11:28:07 2005\nReturn-Path: <x@example.com>\nSubject: inner\n\nbody\n"
        let tree = MessageParser.parse(Array(text.utf8)).mimeTree()
        #expect(tree.children.first?.firstField(named: "Subject") != nil)
        #expect(tree.children.first?.allDefects.isEmpty == true)
    }
}
