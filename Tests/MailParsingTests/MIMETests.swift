import Foundation
import MailParsing
import Testing

@Suite struct MIMETests {
    static func message(_ text: String) -> Message {
        MessageParser.parse(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    static let alternative = """
    From: Alice <alice@example.com>
    Subject: test
    MIME-Version: 1.0
    Content-Type: multipart/mixed; boundary="outer"

    preamble
    --outer
    Content-Type: multipart/alternative; boundary=inner

    --inner
    Content-Type: text/plain; charset=iso-8859-1
    Content-Transfer-Encoding: quoted-printable

    caf=E9 =
    soft
    --inner
    Content-Type: text/html; charset=utf-8
    Content-Transfer-Encoding: base64

    PGI+aMOpPC9iPg==
    --inner--
    --outer
    Content-Type: application/pdf; name="=?utf-8?q?r=C3=A9sum=C3=A9.pdf?="
    Content-Disposition: attachment;
     filename*0*=utf-8''%E2%82%AC%20;
     filename*1="invoice.pdf"
    Content-Transfer-Encoding: base64

    JVBERi0=
    --outer--
    epilogue
    """

    @Test func buildsTreeAndDecodes() throws {
        let message = Self.message(Self.alternative)
        let root = message.mimeTree()
        #expect(root.contentType.mimeType == "multipart/mixed")
        #expect(root.children.count == 2)
        let alternative = root.children[0]
        #expect(alternative.contentType.mimeType == "multipart/alternative")
        #expect(alternative.children.map(\.contentType.mimeType) == ["text/plain", "text/html"])
        #expect(alternative.children[0].text()?.text == "café soft")
        #expect(alternative.children[1].text()?.text == "<b>hé</b>")
        let pdf = root.children[1]
        #expect(pdf.filename == "€ invoice.pdf")
        #expect(pdf.contentType.parameters["name"] == "résumé.pdf")
        #expect(pdf.isAttachment)
        #expect(pdf.decodedBody().bytes == Array("%PDF-".utf8))
        #expect(root.allDefects.isEmpty)
        #expect(message.mimeParts.count == 5)
        // Spans point at lines of the message.
        let html = alternative.children[1]
        #expect(String(decoding: html.body, as: UTF8.self) == "PGI+aMOpPC9iPg==")
        #expect(html.bodySpan.firstLine == 20)
    }

    @Test func nestedMessageIsAMessage() throws {
        let text = """
        From: colleague@example.com
        Subject: Fwd: suspicious
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain

        See attached.
        --b
        Content-Type: message/rfc822

        From: "PayPal" <service@paypa1.example>
        Subject: =?utf-8?q?Your_account_is_locked?=
        Content-Type: text/plain

        Click here.
        --b--
        """
        let message = Self.message(text)
        let inner = try #require(message.attachedMessages.first)
        #expect(inner.firstField(named: "From")?.unfoldedValue == "\"PayPal\" <service@paypa1.example>")
        #expect(inner.nestingDepth == 2)
        #expect(String(decoding: inner.body, as: UTF8.self) == "Click here.")
        #expect(inner.mimeTree().contentType.mimeType == "text/plain")
        let rfc822 = message.mimeTree().children[1]
        #expect(rfc822.children.first?.firstField(named: "Subject") != nil)
        // The in-place child has spans into the outer message.
        #expect(rfc822.children.first?.header.first?.span.firstLine == 12)
    }

    @Test func base64EncodedMessageIsDecoded() throws {
        let inner = Data("From: x@example.com\r\nSubject: inner\r\n\r\nhello\r\n".utf8).base64EncodedString()
        let text = "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n\(inner)\n"
        let message = Self.message(text)
        let root = message.mimeTree()
        #expect(root.message?.firstField(named: "Subject")?.unfoldedValue == "inner")
        #expect(root.defects.map(\.id).contains("mime.encoded-message"))
    }

    @Test(arguments: [
        ("Content-Type: multipart/mixed\n\n--x\n\nbody\n--x--\n", "mime.missing-boundary"),
        ("Content-Type: multipart/mixed; boundary=zz\n\n--x\n\nbody\n--x--\n", "mime.boundary-not-found"),
        ("Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\ntruncated", "mime.missing-close-boundary"),
        ("Content-Type: text/plain\nContent-Transfer-Encoding: uuencode\n\nbody", "mime.unknown-transfer-encoding"),
        ("Content-Type: text\n\nbody", "mime.bad-content-type"),
        ("Content-Type: text/plain; charset=utf-8; charset=koi8-r\n\nbody", "mime.bad-content-type"),
        ("Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"invoice.pdf\"; filename=\"invoice.exe\"\n\nbody",
         "mime.bad-content-disposition"),
    ])
    func defects(_ text: String, _ id: String) {
        let tree = Self.message(text).mimeTree()
        #expect(tree.allDefects.map(\.id).contains(id))
    }

    /// Regression: a repeated parameter was run together (`a.pdf` + `a.exe` gave `a.pdfa.exe`); the first counts.
    @Test func repeatedFilenameTakesTheFirstAndIsReported() {
        let tree = Self.message("Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"invoice.pdf\"; filename=\"invoice.exe\"\n\nbody").mimeTree()
        #expect(tree.disposition?.filename == "invoice.pdf")
        #expect(tree.defects.contains { $0.id == "mime.bad-content-disposition" && $0.detail.contains("filename") })
    }

    @Test func tenThousandNestedMultipartsStopAtTheDepthLimit() {
        var text = "Content-Type: multipart/mixed; boundary=b0\n\n"
        for level in 1..<10_000 {
            text += "--b\(level - 1)\nContent-Type: multipart/mixed; boundary=b\(level)\n\n"
        }
        text += "--b9999\n\nleaf\n"
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let tree = Self.message(text).mimeTree()
            #expect(tree.allDefects.contains { $0.id == "mime.too-deep" })
            #expect(tree.allParts().count <= ParseLimits.maxMIMEDepth + 2)
        }
        #expect(elapsed < .seconds(10))
    }

    @Test func tooManyParts() {
        var text = "Content-Type: multipart/mixed; boundary=b\n\n"
        text += String(repeating: "--b\n\nx\n", count: ParseLimits.maxMIMEParts + 50)
        text += "--b--\n"
        let tree = Self.message(text).mimeTree()
        #expect(tree.allDefects.contains { $0.id == "mime.too-many-parts" })
        #expect(tree.allParts().count <= ParseLimits.maxMIMEParts)
    }

    @Test func nestedRFC822DepthIsBoundedAcrossMessages() {
        var text = "Subject: 0\n"
        for level in 1..<500 {
            text += "Content-Type: message/rfc822\n\nSubject: \(level)\n"
        }
        text += "\nbody\n"
        let message = Self.message(text)
        var depth = 0
        var current: Message? = message
        while let next = current?.mimeTree().message { current = next; depth += 1 }
        #expect(depth <= ParseLimits.maxMIMEDepth)
    }

    @Test func decodedSizeLimit() {
        let text = "Content-Transfer-Encoding: base64\n\n" + String(repeating: "QUFB", count: 1000) + "\n"
        let result = Self.message(text).mimeTree().decodedBody(limit: 100)
        #expect(result.truncated)
        #expect(result.bytes.count == 100)
    }
}
