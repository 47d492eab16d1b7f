import Foundation
import MailParsing
import MailTestSupport
import Testing

/// Every file under the corpus, every message in every mbox: parsed, MIME tree built and decoded,
/// addresses and dates read. Nothing may crash; counts are checked.
@Suite struct CorpusSweepTests {
    @Test(.enabled(if: Corpus.isAvailable)) func parsesEveryCorpusMessage() throws {
        var files = Set<String>()
        var messages = 0
        var mboxMessages = 0
        var parts = 0
        var dated = 0
        var addressed = 0
        var kinds: [InputKind: Int] = [:]
        let items = try MessageInput.open(path: Corpus.root.path)
        while let item = items.next() {
            #expect(item.bytes != nil, "\(item.location.path): \(item.error ?? "")")
            files.insert(item.location.path)
            messages += 1
            kinds[item.location.kind, default: 0] += 1
            if item.location.kind == .mbox { mboxMessages += 1 }
            let message = MessageParser.parse(item)
            for part in message.mimeParts {
                parts += 1
                _ = part.text(limit: 1 << 20)
                _ = part.filename
            }
            for name in ["From", "To", "Cc", "Reply-To", "Sender", "Return-Path"] {
                for field in message.fields(named: name) where !AddressParser.parseList(field).mailboxes.isEmpty { addressed += 1 }
            }
            if let date = message.firstField(named: "Date"), DateParser.parse(date.unfoldedValue) != nil { dated += 1 }
            for field in message.fields(named: "Received") { _ = DateParser.parseReceived(field.unfoldedValue) }
            for field in message.fields(named: "Subject") { _ = EncodedWords.decode(bytes: field.rawValue) }
        }
        print("corpus sweep: \(files.count) files, \(messages) messages (\(mboxMessages) from mbox files), \(parts) MIME parts, \(dated) dates, \(addressed) address fields; kinds \(kinds)")
        #expect(files.count >= 1_500)
        // 16 mbox-named files hold 67 messages; dkimpy/message.mbox is a plain message.
        #expect(mboxMessages >= 67)
        #expect(kinds[.outlookMSG, default: 0] >= 18)
    }
}
