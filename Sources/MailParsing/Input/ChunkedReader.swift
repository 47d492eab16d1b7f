import Foundation

/// Reads a file or pipe in fixed-size chunks and hands out lines, so that a multi-gigabyte mbox is never
/// held in memory: at most one chunk plus the current line (itself capped) is buffered.
final class ChunkedReader {
    private let source: (Int) throws -> Data?
    private let chunkSize: Int
    private(set) var buffer: [UInt8] = []
    /// Index in `buffer` of the next unread byte.
    private(set) var head = 0
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    private(set) var atEOF = false
    /// Set when a read failed (the input ended early).
    private(set) var readError: String?

    init(handle: FileHandle, chunkSize: Int = ParseLimits.readChunkSize) {
        self.source = { try handle.read(upToCount: $0) }
        self.chunkSize = chunkSize
    }

    /// Reads from bytes already in memory (tests, pasted text).
    init(bytes: [UInt8], chunkSize: Int = ParseLimits.readChunkSize) {
        var position = 0
        self.source = { count in
            guard position < bytes.count else { return nil }
            let end = min(bytes.count, position + count)
            defer { position = end }
            return Data(bytes[position..<end])
        }
        self.chunkSize = chunkSize
    }

    /// File offset of the next unread byte.
    var offset: Int { bufferOffset + head }

    /// Unread bytes currently buffered.
    var available: Int { buffer.count - head }

    /// Reads until at least `count` unread bytes are buffered or the input ends.
    func fill(atLeast count: Int) {
        while available < count, !atEOF {
            compact()
            let data: Data
            do {
                data = try source(chunkSize) ?? Data()
            } catch {
                readError = "read failed: \(error.localizedDescription)"
                atEOF = true
                return
            }
            if data.isEmpty { atEOF = true; return }
            buffer.append(contentsOf: data)
        }
    }

    /// Drops consumed bytes once they make up more than one chunk.
    private func compact() {
        guard head >= chunkSize || (head > 0 && head == buffer.count) else { return }
        buffer.removeFirst(head)
        bufferOffset += head
        head = 0
    }

    /// The first unread bytes (up to `count`), without consuming them.
    func peek(_ count: Int) -> ArraySlice<UInt8> {
        fill(atLeast: count)
        return buffer[head..<min(buffer.count, head + count)]
    }

    /// The next line (LF included), at most `maxLength` bytes: a longer line comes back in pieces, and
    /// `startsLine` is false for the pieces after the first. Nil at the end of the input.
    func nextLine(maxLength: Int = ParseLimits.maxDecodedBytes) -> (bytes: ArraySlice<UInt8>, offset: Int, startsLine: Bool)? {
        let startsLine = !inLongLine
        var scanned = 0
        while true {
            let found: Int? = buffer.withUnsafeBufferPointer { pointer -> Int? in
                guard let base = pointer.baseAddress, head + scanned < pointer.count else { return nil }
                guard let hit = memchr(base + head + scanned, 0x0A, pointer.count - head - scanned) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            if let found, found - head < maxLength {
                let start = head, lineOffset = offset
                head = found + 1
                inLongLine = false
                return (buffer[start..<head], lineOffset, startsLine)
            }
            scanned = available
            if available >= maxLength || atEOF {
                guard available > 0 else { return nil }
                let take = min(available, maxLength)
                let start = head, lineOffset = offset
                head += take
                inLongLine = true
                return (buffer[start..<start + take], lineOffset, startsLine)
            }
            fill(atLeast: available + 1)
        }
    }
    private var inLongLine = false

    /// The complete lines already buffered, as one run, up to the first line that starts with `first` or
    /// `second`, is not complete in the buffer, or is as long as `maxLength` (those are left to `nextLine`).
    /// Empty when the next line is one of those.
    func takeLines(untilLineStartingWith first: UInt8, or second: UInt8, maxLength: Int = ParseLimits.maxDecodedBytes) -> ArraySlice<UInt8> {
        guard !inLongLine else { return [] }
        let start = head
        let end = buffer.withUnsafeBufferPointer { pointer -> Int in
            guard let base = pointer.baseAddress else { return start }
            var position = start
            while position < pointer.count {
                let byte = pointer[position]
                if byte == first || byte == second { break }
                guard let hit = memchr(base + position, 0x0A, pointer.count - position) else { break }
                let lineFeed = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if lineFeed - position >= maxLength { break }
                position = lineFeed + 1
            }
            return position
        }
        head = end
        return buffer[start..<end]
    }

    /// Consumes `count` bytes (after `fill`), returning them.
    func take(_ count: Int) -> ArraySlice<UInt8> {
        fill(atLeast: count)
        let n = min(count, available)
        let start = head
        head += n
        return buffer[start..<start + n]
    }
}
