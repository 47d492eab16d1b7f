import ArgumentParser
import Foundation

/// Buffered writes to a file descriptor (standard output or --output FILE); rows leave in 256 kB blocks.
final class SweepWriter {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private let blockSize = 256 * 1024
    private(set) var failed: String?

    /// Standard output.
    init() {
        descriptor = STDOUT_FILENO
        ownsDescriptor = false
        buffer.reserveCapacity(blockSize)
    }

    /// A new or truncated file. Throws when it cannot be created.
    init(path: String) throws {
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ValidationError("--output: cannot create '\(path)': \(String(cString: strerror(errno)))") }
        descriptor = fd
        ownsDescriptor = true
        buffer.reserveCapacity(blockSize)
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= blockSize { flush() }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    func flush() {
        var offset = 0
        while offset < buffer.count, failed == nil {
            let written = buffer.withUnsafeBytes { raw in
                Foundation.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                failed = String(cString: strerror(errno))
            } else {
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        if ownsDescriptor { _ = Foundation.close(descriptor) }
    }
}
