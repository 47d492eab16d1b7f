import Foundation

/// Reads a file or pipe in fixed-size chunks and hands out lines, so that a multi-gigabyte mbox is never
/// held in memory: at most one chunk plus the current line (itself capped) is buffered.
///
/// Reads go straight into the spare room of `buffer` (read(2) on the descriptor), not through a `Data` that is
/// then copied: `buffer` keeps its length, and only `buffer[0..<end]` holds input.
final class ChunkedReader {
    /// Reads at most `room.count` bytes into `room`; returns how many, 0 at the end of the input.
    private let source: (UnsafeMutableRawBufferPointer) throws -> Int
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    /// End of the input held in `buffer`.
    private var end = 0
    /// Index in `buffer` of the next unread byte.
    private(set) var head = 0
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    private(set) var atEOF = false
    /// Set when a read failed (the input ended early).
    private(set) var readError: String?

    init(handle: FileHandle, chunkSize: Int = ParseLimits.readChunkSize) {
        let descriptor = handle.fileDescriptor
        self.source = { room in
            // The handle is captured so that its descriptor stays open as long as the reader.
            try withExtendedLifetime(handle) { () throws -> Int in
                while true {
                    let count = Foundation.read(descriptor, room.baseAddress, room.count)
                    if count >= 0 { return count }
                    if errno != EINTR { throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno)) }
                }
            }
        }
        self.chunkSize = chunkSize
    }

    /// Reads from bytes already in memory (tests, pasted text).
    init(bytes: [UInt8], chunkSize: Int = ParseLimits.readChunkSize) {
        var position = 0
        self.source = { room in
            let count = min(room.count, bytes.count - position)
            bytes.withUnsafeBytes { source in room.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<position + count])) }
            position += count
            return count
        }
        self.chunkSize = chunkSize
    }

    /// File offset of the next unread byte.
    var offset: Int { bufferOffset + head }

    /// Unread bytes currently buffered.
    var available: Int { end - head }

    /// Reads until at least `count` unread bytes are buffered or the input ends.
    func fill(atLeast count: Int) {
        while available < count, !atEOF {
            makeRoom()
            let read: Int
            do {
                let room = min(chunkSize, buffer.count - end)
                read = try buffer.withUnsafeMutableBytes { try source(UnsafeMutableRawBufferPointer(rebasing: $0[end..<end + room])) }
            } catch {
                readError = "read failed: \(error.localizedDescription)"
                atEOF = true
                return
            }
            if read == 0 { atEOF = true; return }
            end += read
        }
    }

    /// Drops consumed bytes once they make up more than one chunk, then makes room for the next chunk.
    private func makeRoom() {
        if head >= chunkSize || (head > 0 && head == end) {
            let kept = end - head
            buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return }
                memmove(base, base + head, kept)
            }
            bufferOffset += head
            head = 0
            end = kept
        }
        let wanted = end + chunkSize
        guard buffer.count < wanted else { return }
        // Doubling from 16 kB: a directory of small messages does not clear a whole chunk for each file.
        let grown = min(wanted, max(buffer.count * 2, 16 * 1024))
        buffer.append(contentsOf: repeatElement(0, count: grown - buffer.count))
    }

    /// The first unread bytes (up to `count`), without consuming them.
    func peek(_ count: Int) -> ArraySlice<UInt8> {
        fill(atLeast: count)
        return buffer[head..<min(end, head + count)]
    }

    /// The next line (LF included), at most `maxLength` bytes: a longer line comes back in pieces, and
    /// `startsLine` is false for the pieces after the first. Nil at the end of the input.
    func nextLine(maxLength: Int = ParseLimits.maxDecodedBytes) -> (bytes: ArraySlice<UInt8>, offset: Int, startsLine: Bool)? {
        let startsLine = !inLongLine
        var scanned = 0
        while true {
            let found: Int? = buffer.withUnsafeBufferPointer { pointer -> Int? in
                guard let base = pointer.baseAddress, head + scanned < end else { return nil }
                guard let hit = memchr(base + head + scanned, 0x0A, end - head - scanned) else { return nil }
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
        let start = head, limit = end
        let stop = buffer.withUnsafeBufferPointer { pointer -> Int in
            guard let base = pointer.baseAddress else { return start }
            var position = start
            while position < limit {
                let byte = pointer[position]
                if byte == first || byte == second { break }
                guard let hit = memchr(base + position, 0x0A, limit - position) else { break }
                let lineFeed = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if lineFeed - position >= maxLength { break }
                position = lineFeed + 1
            }
            return position
        }
        head = stop
        return buffer[start..<stop]
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
