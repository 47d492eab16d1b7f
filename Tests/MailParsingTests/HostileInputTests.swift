import Foundation
import MailParsing
import MailTestSupport
import Testing

/// Hostile input ends with a result (defects, notes) in bounded time and memory: never a crash or a hang.
@Suite struct HostileInputTests {
    /// Everything a report needs from a message, exercised once.
    @discardableResult
    static func exercise(_ bytes: [UInt8]) -> Message {
        let items = MessageInput.items(from: bytes)
        var last = MessageParser.parse(bytes)
        for item in items {
            let message = MessageParser.parse(item)
            for part in message.mimeParts { _ = part.text(limit: 1 << 20); _ = part.filename }
            for field in message.header.prefix(200) {
                _ = EncodedWords.decode(bytes: field.rawValue)
                _ = AddressParser.parseList(field)
                _ = DateParser.parse(field.unfoldedValue)
            }
            last = message
        }
        return last
    }

    static func timed(_ limit: Duration = .seconds(20), _ body: () -> Void) {
        let elapsed = ContinuousClock().measure(body)
        #expect(elapsed < limit)
    }

    @Test func randomBytes() {
        var generator = SystemRandomNumberGenerator()
        Self.timed {
            for size in [1, 2, 7, 100, 4096, 100_000] {
                let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
                Self.exercise(bytes)
            }
        }
    }

    @Test func randomHeaderishBytes() {
        // Bytes drawn from the characters that matter to the parsers.
        let alphabet = Array("From: =?utf-8?B?Q?=\"<>@,;:()[]\\\r\n \t--boundary\r\nContent-Type: multipart/mixed; boundary=b\r\n".utf8)
        var generator = SystemRandomNumberGenerator()
        Self.timed {
            for _ in 0..<200 {
                let bytes = (0..<2000).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
                Self.exercise(bytes)
            }
        }
    }

    @Test(.enabled(if: Corpus.isAvailable)) func truncatedFiles() throws {
        let samples = ["sisimai/mailbox/mbox-0", "mail-parser/mail_test_1", "mikel-mail/fixtures/emails/mime_emails/raw_email7.eml"]
        Self.timed {
            for sample in samples {
                guard let bytes = try? Corpus.bytes(sample) else { continue }
                for fraction in [0.1, 0.33, 0.5, 0.77, 0.99] {
                    Self.exercise(Array(bytes.prefix(Int(Double(bytes.count) * fraction))))
                }
            }
        }
    }

    @Test func fiftyMegabyteHeader() {
        var bytes = Array("Subject: ".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "A"), count: 50 * 1024 * 1024)
        bytes += Array("\r\nFrom: a@example.com\r\n\r\nbody\r\n".utf8)
        Self.timed {
            let message = MessageParser.parse(bytes)
            #expect(message.defects.contains { $0.id == "line.too-long" })
            _ = message.mimeTree()
        }
    }

    @Test func manySmallFieldsHitTheFieldLimit() {
        let bytes = Array(String(repeating: "Received: from x by y; Mon, 1 Jan 2024 00:00:00 +0000\r\n", count: ParseLimits.maxHeaderFields + 100).utf8) + Array("\r\nbody".utf8)
        Self.timed {
            let message = MessageParser.parse(bytes)
            #expect(message.header.count == ParseLimits.maxHeaderFields)
            #expect(message.defects.contains { $0.id == "header.too-many-fields" })
        }
    }

    @Test func tenThousandNestedMultiparts() {
        var text = "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n"
        for level in 1..<10_000 { text += "--b\(level - 1)\r\nContent-Type: multipart/mixed; boundary=b\(level)\r\n\r\n" }
        Self.timed {
            let message = Self.exercise(Array(text.utf8))
            #expect(message.mimeTree().allDefects.contains { $0.id == "mime.too-deep" })
        }
    }

    @Test func nulBytesAndInvalidUTF8() {
        let bytes: [UInt8] = Array("From: \u{0}a\u{0}@example.com\r\nSubject: ".utf8) + [0xFF, 0xFE, 0xC3, 0x28, 0xE2, 0x82, 0x00]
            + Array("\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n".utf8) + [0x00, 0xFF, 0xC0, 0xAF, 0x0D, 0x0A]
        Self.timed {
            let message = Self.exercise(bytes)
            #expect(message.header.count == 3)
            #expect(message.defects.contains { $0.id == "header.nul-byte" })
            let text = message.mimeTree().text()
            #expect(text?.clean == false)
        }
    }

    @Test func onlyLineBreaks() {
        var bytes = Array("Content-Type: multipart/mixed; boundary=b\n\n".utf8)
        bytes += [UInt8](repeating: 0x0A, count: 4 * 1024 * 1024)
        Self.timed {
            let tree = Self.exercise(bytes).mimeTree()
            #expect(tree.bodySpan.lastLine > 4 * 1024 * 1024)
        }
    }

    @Test func hugeBase64LineIsBounded() {
        let bytes = Array("Content-Transfer-Encoding: base64\r\n\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "Q"), count: 8 * 1024 * 1024)
        Self.timed {
            let decoded = MessageParser.parse(bytes).mimeTree().decodedBody(limit: 1024)
            #expect(decoded.truncated)
        }
    }

    @Test func mboxWithOversizedMessageKeepsCounting() {
        // A message larger than the per-message limit would take too long to build here; a long line
        // exercises the piecewise line reader instead.
        var mbox = Array("From a@example.com Mon Jan  1 00:00:00 2024\nSubject: big\n\n".utf8)
        mbox += [UInt8](repeating: UInt8(ascii: "x"), count: 3 * 1024 * 1024)
        mbox += Array("\n\nFrom b@example.com Mon Jan  1 00:00:00 2024\nSubject: after\n\nok\n".utf8)
        Self.timed {
            let items = MessageInput.items(from: mbox)
            #expect(items.count == 2)
            #expect(items.last.map { MessageParser.parse($0).firstField(named: "Subject")?.unfoldedValue } == "after")
        }
    }
}
