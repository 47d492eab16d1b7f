import Testing
@testable import MailParsing

/// The mbox reader takes body lines in runs; it must split and unescape exactly as when it reads line by line.
@Suite struct MboxRunTests {
    static func read(_ bytes: [UInt8], chunk: Int, runs: Bool) -> [(bytes: [UInt8]?, offset: Int, notes: [String])] {
        let reader = MboxReader(reader: ChunkedReader(bytes: bytes, chunkSize: chunk), path: "test.mbox")
        reader.takesRuns = runs
        var items: [(bytes: [UInt8]?, offset: Int, notes: [String])] = []
        while let item = reader.next() { items.append((item.bytes, item.location.byteOffset, item.notes)) }
        return items
    }

    static func agree(_ bytes: [UInt8], chunk: Int) -> Bool {
        let lines = read(bytes, chunk: chunk, runs: false), runs = read(bytes, chunk: chunk, runs: true)
        return lines.count == runs.count && zip(lines, runs).allSatisfy { $0.bytes == $1.bytes && $0.offset == $1.offset && $0.notes == $1.notes }
    }

    static let pieces = [
        "From a@example.com Mon Jan  1 00:00:00 2024\n", "From b@example.com Tue Jan  2 00:00:00 2024\r\n", "Subject: x\n",
        "Content-Length: 12\n", "\n", "\r\n", "body line\n", ">From escaped\n", ">>From twice\n", "From here on\n",
        "Fro\n", "plain\r\n", "F\n", ">\n", "no newline at the end",
    ]

    @Test func randomMailboxesAgree() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1_500 {
            var text = Self.pieces[0]
            for _ in 0..<Int.random(in: 0...25, using: &generator) { text += Self.pieces.randomElement(using: &generator)! }
            let chunk = [7, 16, 64, 4096].randomElement(using: &generator)!
            #expect(Self.agree(Array(text.utf8), chunk: chunk), "\(text.debugDescription) chunk \(chunk)")
        }
    }

    @Test(arguments: [1, 2, 3, 5, 4096])
    func mboxrdExampleAgrees(chunk: Int) {
        let mbox = "From a@example.com Mon Jan  1 00:00:00 2024\nSubject: one\n\n>From the start\n>>From quoted\nFrom here on\n\nFrom b@example.com Tue Jan  2 00:00:00 2024\nSubject: two\n\nbody\n"
        #expect(Self.agree(Array(mbox.utf8), chunk: chunk))
    }
}
