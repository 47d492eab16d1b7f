import Foundation
import MailParsing
import MailTestSupport
import Testing

/// The Outlook `.msg` reader against the corpus table `outlook-msg/expected.json`.
@Suite struct OutlookMessageTests {
    /// One row of expected.json, as far as the reader is concerned.
    struct Expected: Sendable, CustomTestStringConvertible {
        var path: String
        var object: [String: any Sendable]
        var testDescription: String { path }
    }

    static let table: [Expected] = {
        guard Corpus.isAvailable,
              let data = try? Data(contentsOf: Corpus.url("outlook-msg/expected.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            print(Corpus.absenceNote)
            return []
        }
        return json.keys.sorted().compactMap { key in
            guard let row = json[key] as? [String: Any] else { return nil }
            return Expected(path: key, object: Self.sendable(row) as? [String: any Sendable] ?? [:])
        }
    }()

    static func sendable(_ value: Any) -> any Sendable {
        switch value {
        case let d as [String: Any]: return d.mapValues { sendable($0) } as [String: any Sendable]
        case let a as [Any]: return a.map { sendable($0) } as [any Sendable]
        case let s as String: return s
        case let n as NSNumber: return n.intValue
        default: return Optional<String>.none
        }
    }

    /// The sender as the reference tool reports it: the transport From, else the MAPI sender.
    static func sender(_ m: OutlookMessage) -> String? {
        if let header = m.internetHeader {
            let parsed = MessageParser.parse(header)
            if let from = parsed.firstField(named: "From") { return EncodedWords.decode(from.unfoldedValue) }
        }
        guard let name = m.senderName else { return m.senderAddress }
        return m.senderAddress.map { "\(name) <\($0)>" } ?? name
    }

    static func check(_ m: OutlookMessage, against row: [String: any Sendable], path: String) {
        func trimNUL(_ s: String?) -> String? { s.map { String($0.filter { $0 != "\u{0}" }) } }
        #expect(trimNUL(m.subject) == row["subject"] as? String, "subject of \(path)")
        #expect(sender(m) == row["sender"] as? String, "sender of \(path)")
        #expect((m.transportHeaders != nil) == (row["hasTransportHeaders"] as? Int == 1), "transport headers of \(path)")
        if let counts = row["headerCounts"] as? [String: any Sendable], let header = m.internetHeader {
            let parsed = MessageParser.parse(header)
            for (name, count) in counts {
                #expect(parsed.fields(named: name).count == count as? Int, "\(name) count of \(path)")
            }
        }
        let list = row["attachmentList"] as? [any Sendable] ?? []
        #expect(m.attachments.count == list.count, "attachments of \(path)")
        for (attachment, item) in zip(m.attachments, list) {
            guard let item = item as? [String: any Sendable] else { continue }
            if item["kind"] as? String == "smime-signed-part" {
                // The signed entity is stored whole (multipart/signed); the reference lists its signature part,
                // which the rebuilt message must carry.
                #expect(attachment.mimeTag?.lowercased().hasPrefix("multipart/signed") == true, "S/MIME entity in \(path)")
                let rebuilt = MessageParser.parse(m.rfc5322())
                let signature = rebuilt.mimeParts.first { $0.filename == item["name"] as? String }
                #expect(signature?.decodedBody().bytes.count == item["size"] as? Int, "S/MIME signature part in \(path)")
                continue
            }
            #expect(attachment.name == item["name"] as? String, "attachment name in \(path)")
            if item["kind"] as? String == "embedded-msg" {
                #expect(attachment.embedded != nil, "embedded message in \(path)")
                if let inner = attachment.embedded, let expected = item["embedded"] as? [String: any Sendable] {
                    check(inner, against: expected, path: path + " > " + (attachment.name ?? "?"))
                }
            } else {
                #expect(attachment.data?.count == item["size"] as? Int, "attachment size in \(path)")
            }
        }
    }

    @Test(.enabled(if: Corpus.isAvailable), arguments: table)
    func readsLikeTheReference(_ expected: Expected) throws {
        let bytes = try Corpus.bytes("outlook-msg/" + expected.path)
        let result = OutlookMessage.read(bytes)
        if expected.object["openError"] != nil {
            guard case .failure(let error) = result else {
                Issue.record("\(expected.path) should not be readable")
                return
            }
            #expect(!error.reason.isEmpty)
            guard case .failure = OutlookMessage.convert(bytes) else {
                Issue.record("conversion of \(expected.path) should fail")
                return
            }
            return
        }
        guard case .success(let message) = result else {
            Issue.record("\(expected.path): \(result)")
            return
        }
        Self.check(message, against: expected.object, path: expected.path)
    }
}

extension OutlookMessageTests {
    /// The rebuilt message keeps the transport header and carries every attachment, embedded messages as message/rfc822.
    @Test(.enabled(if: Corpus.isAvailable))
    func rebuildsAMessageWithItsParts() throws {
        let bytes = try Corpus.bytes("outlook-msg/poi/attachment_msg_pdf.msg")
        guard case .success(let message) = OutlookMessage.convert(bytes) else {
            Issue.record("attachment_msg_pdf.msg should convert")
            return
        }
        #expect(message.fields(named: "Received").count == 1)
        #expect(message.defects.contains { $0.id == OutlookMessage.convertedDefectID })
        let parts = message.mimeParts
        #expect(parts.contains { $0.contentType.mimeType == "message/rfc822" })
        let pdf = parts.first { $0.filename == "smbprn.00009008.KdcPjl.pdf" }
        #expect(pdf?.decodedBody().bytes.count == 13539)
        #expect(message.attachedMessages.first?.firstField(named: "Subject")?.unfoldedValue == "Test Attachment")
    }

    /// A DKIM-signed item says its body hash cannot be re-verified.
    @Test(.enabled(if: Corpus.isAvailable))
    func saysDKIMBodiesCannotBeReverified() throws {
        guard case .success(let message) = OutlookMessage.convert(try Corpus.bytes("outlook-msg/poi/bug66335.msg")) else {
            Issue.record("bug66335.msg should convert")
            return
        }
        #expect(message.defects.contains { $0.id == OutlookMessage.dkimUnverifiableDefectID })
        #expect(message.fields(named: "DKIM-Signature").count == 1)
    }

    /// Arbitrary damage never crashes or hangs the reader: truncations and byte flips of a real file.
    @Test(.enabled(if: Corpus.isAvailable))
    func survivesDamage() throws {
        let original = try Corpus.bytes("outlook-msg/msgreader-js/msgInMsg.msg")
        var generator = SplitMix64(seed: 0x6D61_696C_736C_6575)
        for cut in stride(from: 0, to: original.count, by: 997) {
            _ = OutlookMessage.convert(Array(original.prefix(cut)))
        }
        for _ in 0..<300 {
            var damaged = original
            for _ in 0..<8 {
                let i = Int.random(in: 0..<damaged.count, using: &generator)
                damaged[i] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = OutlookMessage.convert(damaged)
        }
    }
}

/// A small seeded generator, so a damage pattern that breaks the reader can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension OutlookMessageTests {
    /// The HTML body Outlook kept only inside compressed RTF is recovered (LZFu, then \fromhtml de-encapsulation).
    @Test(.enabled(if: Corpus.isAvailable))
    func recoversHTMLFromCompressedRTF() throws {
        guard case .success(let m) = OutlookMessage.read(try Corpus.bytes("outlook-msg/msgreader-net/EmailWithMsgAttachment.msg")) else {
            Issue.record("EmailWithMsgAttachment.msg should read")
            return
        }
        let html = String(decoding: m.bodyHTML ?? [], as: UTF8.self)
        #expect(html.hasPrefix("<html"))
        #expect(html.contains("<body") && html.hasSuffix("</html>"))
    }

    @Test func rejectsDamagedCompressedRTF() {
        #expect(CompressedRTF.decompress([0x00, 0x01]) == nil)
        let header: [UInt8] = [20, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F, 0x4C, 0x5A, 0x46, 0x75, 0, 0, 0, 0]
        // A back-reference at the dictionary's write position ends the stream.
        #expect(CompressedRTF.decompress(header + [0x01, 0x0C, 0xF0]) == [])
        #expect(CompressedRTF.decompress(header + [UInt8](repeating: 0xFF, count: 4000))?.count ?? 0 < 100_000)
    }
}
