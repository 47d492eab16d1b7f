import Foundation
import MailParsing
import MailTestSupport
import Testing

@Suite struct MessageInputTests {
    static func count(_ relative: String) throws -> Int {
        Array(IteratorSequence(try MessageInput.open(path: Corpus.url(relative).path))).count
    }

    @Test(.enabled(if: Corpus.isAvailable), arguments: [
        ("sisimai/mailbox/mbox-0", 37),
        ("sisimai/mailbox/mbox-1", 1),
        ("spamassassin/upstream-t-data/t/data/nice.mbox", 3),
        ("perceval-mbox/tests/data/mbox/mbox_complex.mbox", 2),
    ])
    func mboxCounts(_ relative: String, _ expected: Int) throws {
        let items = Array(IteratorSequence(try MessageInput.open(path: Corpus.url(relative).path)))
        #expect(items.count == expected)
        #expect(items.allSatisfy { $0.location.kind == .mbox })
        #expect(items.map(\.location.index) == Array(0..<expected))
    }

    @Test(.enabled(if: Corpus.isAvailable)) func percevalHolds26Messages() throws {
        let root = Corpus.url("perceval-mbox/tests/data")
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".mbox") }
        #expect(files.count == 12)
        let total = try files.reduce(0) { $0 + (try Self.count("perceval-mbox/tests/data/" + $1)) }
        #expect(total == 26)
    }

    @Test(.enabled(if: Corpus.isAvailable)) func complexMboxMessageIDs() throws {
        let items = Array(IteratorSequence(try MessageInput.open(path: Corpus.url("perceval-mbox/tests/data/mbox/mbox_complex.mbox").path)))
        let ids = items.map { MessageParser.parse($0).firstField(named: "Message-ID")?.unfoldedValue }
        #expect(ids == ["<BAY12-DAV6Dhd2stb2e0000c0ce@hotmail.com>", "<87iqzlofqu.fsf@avet.kvota.net>"])
    }

    @Test func mboxrdUnescapingAndOffsets() {
        let mbox = "From a@example.com Mon Jan  1 00:00:00 2024\nSubject: one\n\n>From the start\n>>From quoted\nFrom here on\n\nFrom b@example.com Tue Jan  2 00:00:00 2024\nSubject: two\n\nbody\n"
        let items = MessageInput.items(from: Array(mbox.utf8))
        #expect(items.count == 2)
        #expect(String(decoding: items[0].bytes ?? [], as: UTF8.self) == "Subject: one\n\nFrom the start\n>From quoted\nFrom here on\n")
        #expect(items[0].notes.contains { $0.contains("unescaped") })
        #expect(items[1].location.byteOffset == mbox.utf8.count - "From b@example.com Tue Jan  2 00:00:00 2024\nSubject: two\n\nbody\n".utf8.count)
        #expect(items[1].location.index == 1)
    }

    @Test func mboxcl2ContentLengthKeepsUnescapedFromLines() {
        let body = "line\nFrom x@example.com Wed Jan  3 00:00:00 2024\nstill body\n"
        let mbox = "From a@example.com Mon Jan  1 00:00:00 2024\nContent-Length: \(body.utf8.count)\nSubject: cl\n\n\(body)\nFrom b@example.com Tue Jan  2 00:00:00 2024\nSubject: two\n\nx\n"
        let items = MessageInput.items(from: Array(mbox.utf8))
        #expect(items.count == 2)
        #expect(String(decoding: items[0].bytes ?? [], as: UTF8.self).hasSuffix(body))
    }

    @Test func wrongContentLengthIsIgnored() {
        let mbox = "From a@example.com Mon Jan  1 00:00:00 2024\nContent-Length: 3\n\nabcdef\n\nFrom b@example.com Tue Jan  2 00:00:00 2024\n\nx\n"
        #expect(MessageInput.items(from: Array(mbox.utf8)).count == 2)
    }

    @Test func truncatedMboxEndsWithANote() {
        let mbox = "From a@example.com Mon Jan  1 00:00:00 2024\nSubject: cut\n\nhalf a li"
        let items = MessageInput.items(from: Array(mbox.utf8))
        #expect(items.count == 1)
        #expect(items[0].notes.contains { $0.contains("truncated") })
    }

    @Test func outlookMSGIsYieldedRaw() {
        let bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)
        let items = MessageInput.items(from: bytes)
        #expect(items.count == 1)
        #expect(items[0].location.kind == .outlookMSG)
        #expect(items[0].bytes == bytes)
    }

    @Test func maildirAndDirectories() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["cur", "new", "tmp", ".Sent/cur"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let message = Data("From: a@example.com\nSubject: hi\n\nbody\n".utf8)
        try message.write(to: root.appendingPathComponent("cur/1.host:2,S"))
        try message.write(to: root.appendingPathComponent("new/2.host"))
        try message.write(to: root.appendingPathComponent("tmp/3.host"))
        try message.write(to: root.appendingPathComponent(".Sent/cur/4.host:2,S"))
        let items = Array(IteratorSequence(try MessageInput.open(path: root.path)))
        #expect(items.count == 3)
        #expect(items.allSatisfy { $0.location.kind == .maildir })

        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("dir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: plain) }
        try FileManager.default.createDirectory(at: plain.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try message.write(to: plain.appendingPathComponent("a/one.eml"))
        try Data("From x@example.com Mon Jan  1 00:00:00 2024\nSubject: 1\n\nx\n\nFrom y@example.com Mon Jan  1 00:00:00 2024\nSubject: 2\n\ny\n".utf8)
            .write(to: plain.appendingPathComponent("a/b/box"))
        let dirItems = Array(IteratorSequence(try MessageInput.open(path: plain.path)))
        #expect(dirItems.count == 3)
        #expect(dirItems.map(\.location.kind) == [.mbox, .mbox, .directory])
    }

    @Test func missingInputThrows() {
        #expect(throws: InputError.self) { try MessageInput.open(path: "/nonexistent/mailsleuth-test") }
    }

    @Test func devicesAreRefusedNotReadForever() {
        #expect(throws: InputError.self) { try MessageInput.open(path: "/dev/zero") }
    }

    struct Paste: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var fields: [String]
        var description: String { name }
    }

    @Test(arguments: [
        Paste(name: "headers only", text: "From: a@example.com\nSubject: hi\n", fields: ["From", "Subject"]),
        Paste(name: "indented copy", text: "    From: a@example.com\n    Subject: hi\n      there\n    To: b@example.com\n",
              fields: ["From", "Subject", "To"]),
        Paste(name: "leading blank lines and space", text: "\n\n From: a@example.com\nSubject: hi\n", fields: ["From", "Subject"]),
        Paste(name: "broken folding", text: "Received: from mx.example.com\nby mx2.example.net with ESMTP; Mon, 1 Jan 2024 00:00:00 +0000\nFrom: a@example.com\nSubject: s\n",
              fields: ["Received", "From", "Subject"]),
        Paste(name: "mbox From line on top", text: "From a@example.com Mon Jan  1 00:00:00 2024\nFrom: a@example.com\nSubject: hi\n", fields: ["From", "Subject"]),
    ])
    func pastedHeaders(_ paste: Paste) throws {
        let items = MessageInput.items(from: Array(paste.text.utf8))
        let item = try #require(items.first)
        let message = MessageParser.parse(item)
        #expect(message.header.map(\.name) == paste.fields)
        #expect(!message.defects.contains { $0.id == "header.missing-separator" })
    }

    @Test func textThatIsNotAHeaderIsNotRepaired() throws {
        let text = "\n    Apache License\n    Version 2.0, January 2004\n"
        let item = try #require(MessageInput.items(from: Array(text.utf8)).first)
        #expect(item.bytes == Array(text.utf8))
        let message = MessageParser.parse(item)
        #expect(message.defects.contains { $0.id == "header.none" })
    }

    @Test func brokenFoldingIsNoted() throws {
        let text = "Received: from mx.example.com\nby mx2.example.net; Mon, 1 Jan 2024 00:00:00 +0000\nFrom: a@example.com\n"
        let item = try #require(MessageInput.items(from: Array(text.utf8)).first)
        #expect(item.location.kind == .pastedHeaders)
        #expect(item.notes.contains { $0.contains("folding") })
        let message = MessageParser.parse(item)
        #expect(message.defects.contains { $0.id == "input.note" })
        #expect(message.firstField(named: "Received")?.unfoldedValue.contains("mx2.example.net") == true)
    }

    @Test(arguments: [Data(), Data([0x0A]), Data("x".utf8)])
    func tinyInputs(_ data: Data) {
        let items = MessageInput.items(from: [UInt8](data))
        #expect(items.count == 1)
    }
}
