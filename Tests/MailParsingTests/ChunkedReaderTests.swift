import Foundation
import Testing
@testable import MailParsing

/// The chunked reader reads files and pipes with read(2) into its own buffer: whatever the chunk size, the lines,
/// their offsets and the long-line pieces must be those of the same bytes read from memory.
@Suite struct ChunkedReaderTests {
    static let text: [UInt8] = {
        var bytes = Array("From a@example.com Mon Jan  1 00:00:00 2024\nSubject: one\r\n\r\n".utf8)
        bytes += Array(repeating: UInt8(ascii: "x"), count: 70) + [0x0A]
        for i in 0..<200 { bytes += Array("line \(i)\n".utf8) }
        bytes += Array("no newline at the end".utf8)
        return bytes
    }()

    typealias Line = (bytes: [UInt8], offset: Int, startsLine: Bool)

    static func lines(_ reader: ChunkedReader) -> [Line] {
        var lines: [Line] = []
        while let line = reader.nextLine(maxLength: 32) { lines.append((Array(line.bytes), line.offset, line.startsLine)) }
        return lines
    }

    static func same(_ a: [Line], _ b: [Line]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bytes == $1.bytes && $0.offset == $1.offset && $0.startsLine == $1.startsLine }
    }

    @Test(arguments: [1, 3, 64, 4096, 1 << 20])
    func aFileReadsAsTheSameBytesInMemory(chunk: Int) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunked-\(UUID().uuidString).txt")
        try Data(Self.text).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forReadingFrom: url)
        let fromFile = Self.lines(ChunkedReader(handle: handle, chunkSize: chunk))
        let fromMemory = Self.lines(ChunkedReader(bytes: Self.text, chunkSize: chunk))
        #expect(Self.same(fromFile, fromMemory))
        #expect(fromFile.flatMap(\.bytes) == Self.text)
    }

    @Test(arguments: [7, 4096])
    func aPipeReadsAsTheSameBytesInMemory(chunk: Int) throws {
        let pipe = Pipe()
        let writer = pipe.fileHandleForWriting
        let thread = Thread {
            // In small pieces, so that reads return short counts.
            for start in stride(from: 0, to: Self.text.count, by: 100) {
                writer.write(Data(Self.text[start..<min(Self.text.count, start + 100)]))
            }
            try? writer.close()
        }
        thread.start()
        let reader = ChunkedReader(handle: pipe.fileHandleForReading, chunkSize: chunk)
        #expect(Self.same(Self.lines(reader), Self.lines(ChunkedReader(bytes: Self.text, chunkSize: chunk))))
        #expect(reader.readError == nil)
    }

    @Test func takeAndPeekFollowTheOffsets() {
        let reader = ChunkedReader(bytes: Self.text, chunkSize: 5)
        #expect(Array(reader.peek(4)) == Array("From".utf8))
        #expect(Array(reader.take(5)) == Array("From ".utf8))
        #expect(reader.offset == 5)
        let rest = reader.take(Self.text.count)
        #expect(Array(rest) == Array(Self.text[5...]))
        #expect(reader.available == 0)
        reader.fill(atLeast: 1)
        #expect(reader.atEOF)
    }
}
