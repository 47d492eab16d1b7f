#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns byte offsets into 1-based line numbers. Keeps the line number at every 4 KiB block start
/// (so memory stays small even for a message made only of line breaks) and counts within the block.
struct LineIndex: Sendable {
    static let blockSize = 4096
    /// Line number (1-based) at the start of each block.
    let blockLines: [Int]
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var lines: [Int] = []
        lines.reserveCapacity(bytes.count / LineIndex.blockSize + 1)
        var line = 1
        var blockStart = 0
        while blockStart <= bytes.count {
            lines.append(line)
            let end = min(bytes.count, blockStart + LineIndex.blockSize)
            line += LineIndex.countNewlines(bytes, from: blockStart, to: end)
            blockStart += LineIndex.blockSize
        }
        self.blockLines = lines
    }

    static func countNewlines(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        guard start < end else { return 0 }
        return bytes.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var count = 0
            var offset = start
            while offset < end, let found = memchr(base + offset, 0x0A, end - offset) {
                count += 1
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return count
        }
    }

    /// The 1-based line holding byte `offset`.
    func line(of offset: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        let block = clamped / LineIndex.blockSize
        let start = block * LineIndex.blockSize
        return blockLines[min(block, blockLines.count - 1)] + LineIndex.countNewlines(bytes, from: start, to: clamped)
    }

    func span(_ start: Int, _ end: Int) -> SourceSpan {
        let last = end > start ? line(of: end - 1) : line(of: start)
        return SourceSpan(byteStart: start, byteEnd: end, firstLine: line(of: start), lastLine: last)
    }
}
