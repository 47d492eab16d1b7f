#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The offsets of every line start in a byte buffer, to turn byte offsets into 1-based line numbers.
struct LineIndex: Sendable {
    /// Offsets where lines start; the first is 0.
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        self.starts = starts
    }

    /// The 1-based line holding byte `offset`.
    func line(of offset: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    func span(_ start: Int, _ end: Int) -> SourceSpan {
        let last = end > start ? line(of: end - 1) : line(of: start)
        return SourceSpan(byteStart: start, byteEnd: end, firstLine: line(of: start), lastLine: last)
    }
}
