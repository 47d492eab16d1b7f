import Glibc

/// DKIM canonicalization algorithms `simple` and `relaxed` for header and body (RFC 6376 §3.4).
///
/// Works on the exact bytes kept by `MailParsing`. Lines ending in a bare LF are read as ending in
/// CRLF, as dkimpy and stalwart do for messages stored with Unix line endings.
public enum DKIMCanonicalization: String, Sendable, Hashable, Codable {
    case simple, relaxed

    // MARK: Header (§3.4.1, §3.4.2)

    /// Appends the canonical form of one header field (its raw bytes) to `out`, ending with CRLF.
    public func appendHeader<C: RandomAccessCollection>(_ raw: C, to out: inout [UInt8]) where C.Element == UInt8, C.Index == Int {
        switch self {
        case .simple: Self.appendSimpleHeader(raw, to: &out)
        case .relaxed: Self.appendRelaxedHeader(raw, to: &out)
        }
    }

    /// The canonical form of one header field.
    public func header(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        appendHeader(raw, to: &out)
        return out
    }

    static func appendSimpleHeader<C: RandomAccessCollection>(_ raw: C, to out: inout [UInt8]) where C.Element == UInt8, C.Index == Int {
        var previous: UInt8 = 0
        for b in raw {
            if b == 0x0A, previous != 0x0D { out.append(0x0D) }
            out.append(b)
            previous = b
        }
        if previous != 0x0A {
            out.append(0x0D)
            out.append(0x0A)
        }
    }

    static func appendRelaxedHeader<C: RandomAccessCollection>(_ raw: C, to out: inout [UInt8]) where C.Element == UInt8, C.Index == Int {
        var i = raw.startIndex
        let end = raw.endIndex
        // Name: lower case, white space before the colon dropped.
        var nameEnd = i
        while nameEnd < end, raw[nameEnd] != 0x3A { nameEnd += 1 }
        var trimmedNameEnd = nameEnd
        while trimmedNameEnd > i, isWSP(raw[trimmedNameEnd - 1]) { trimmedNameEnd -= 1 }
        while i < trimmedNameEnd {
            let b = raw[i]
            out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            i += 1
        }
        out.append(0x3A)
        i = nameEnd < end ? nameEnd + 1 : end
        // Value: unfold, runs of WSP to one SP, no WSP at either end.
        var pendingSpace = false
        var wroteValue = false
        while i < end {
            let b = raw[i]
            i += 1
            if b == 0x0A { continue }
            if b == 0x0D, i < end, raw[i] == 0x0A { continue }
            if isWSP(b) {
                pendingSpace = true
                continue
            }
            if pendingSpace, wroteValue { out.append(0x20) }
            pendingSpace = false
            wroteValue = true
            out.append(b)
        }
        out.append(0x0D)
        out.append(0x0A)
    }

    @inline(__always) static func isWSP(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The index of the first SP or HTAB in `base[from..<to]`, or `to`. Tests eight bytes at a time (most body
    /// lines, base64 above all, have no white space to squeeze), then finishes byte by byte.
    @inline(__always) static func firstWSP(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = from
        let raw = UnsafeRawPointer(base)
        while i + 8 <= to {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let spaces = word ^ (ones &* 0x20), tabs = word ^ (ones &* 0x09)
            // A zero byte in `spaces` or `tabs` marks a SP or HTAB (the classic has-zero-byte test).
            let found = ((spaces &- ones) & ~spaces & highs) | ((tabs &- ones) & ~tabs & highs)
            if found != 0 { break }
            i += 8
        }
        while i < to, !isWSP(base[i]) { i += 1 }
        return i
    }

    // MARK: Body (§3.4.3, §3.4.4, §3.5 l=)

    /// Hashes the canonical body, stopping the hash after `limit` canonical bytes when `l=` is given.
    public func hashBody<C: Collection>(_ body: C, algorithm: DigestAlgorithm, limit: Int? = nil) -> DKIMBodyHash where C.Element == UInt8 {
        let result = body.withContiguousStorageIfAvailable { hashBody(buffer: $0, algorithm: algorithm, limit: limit) }
        if let result { return result }
        let copy = Array(body)
        return copy.withUnsafeBufferPointer { hashBody(buffer: $0, algorithm: algorithm, limit: limit) }
    }

    /// The canonical body bytes themselves (tests and diagnostics; the verifier hashes without building them).
    public func canonicalBody<C: Collection>(_ body: C) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        let copy = Array(body)
        copy.withUnsafeBufferPointer { buffer in
            _ = canonicalize(buffer, limit: nil) { out.append(contentsOf: $0) }
        }
        return out
    }

    func hashBody(buffer: UnsafeBufferPointer<UInt8>, algorithm: DigestAlgorithm, limit: Int?) -> DKIMBodyHash {
        var digest = Digest(algorithm)
        let counts = canonicalize(buffer, limit: limit) { chunk in digest.update(chunk) }
        return DKIMBodyHash(digest: digest.finish(), canonicalLength: counts.total, hashedLength: counts.hashed)
    }

    /// Runs the body canonicalization, handing chunks of output (at most `limit` bytes in all) to `write`.
    /// Returns the whole canonical length and the length written.
    func canonicalize(_ buffer: UnsafeBufferPointer<UInt8>, limit: Int?,
                      write: (UnsafeBufferPointer<UInt8>) -> Void) -> (total: Int, hashed: Int) {
        var sink = BodySink(limit: limit)
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            if self == .simple { sink.emitCRLF(write) }
            sink.flush(write)
            return (sink.total, sink.hashed)
        }
        let count = buffer.count
        var start = 0
        var pendingEmpty = 0
        while start < count {
            var lineEnd = count
            var next = count
            if let found = memchr(base + start, 0x0A, count - start) {
                lineEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                next = lineEnd + 1
            }
            var contentEnd = lineEnd
            if lineEnd < count, contentEnd > start, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            switch self {
            case .simple:
                if contentEnd == start {
                    pendingEmpty += 1
                } else {
                    while pendingEmpty > 0 { sink.emitCRLF(write); pendingEmpty -= 1 }
                    sink.emit(UnsafeBufferPointer(rebasing: buffer[start..<contentEnd]), write)
                    sink.emitCRLF(write)
                }
            case .relaxed:
                var last = contentEnd
                while last > start, Self.isWSP(buffer[last - 1]) { last -= 1 }
                if last == start {
                    pendingEmpty += 1
                } else {
                    while pendingEmpty > 0 { sink.emitCRLF(write); pendingEmpty -= 1 }
                    var i = Self.firstWSP(base, from: start, to: last)
                    var runStart = start
                    while i < last {
                        // buffer[i] is white space: end the run before it, squeeze the WSP run to one SP.
                        if i > runStart { sink.emit(UnsafeBufferPointer(rebasing: buffer[runStart..<i]), write) }
                        while i < last, Self.isWSP(buffer[i]) { i += 1 }
                        sink.emitSpace(write)
                        runStart = i
                        i = Self.firstWSP(base, from: i, to: last)
                    }
                    if last > runStart { sink.emit(UnsafeBufferPointer(rebasing: buffer[runStart..<last]), write) }
                    sink.emitCRLF(write)
                }
            }
            start = next
        }
        if self == .simple, sink.total == 0 { sink.emitCRLF(write) }
        sink.flush(write)
        return (sink.total, sink.hashed)
    }
}

/// The result of hashing a body: the digest, the canonical length, and how much of it `l=` let into the hash.
public struct DKIMBodyHash: Sendable, Hashable {
    public var digest: [UInt8]
    /// Length of the whole canonical body.
    public var canonicalLength: Int
    /// Bytes actually hashed (less than `canonicalLength` when `l=` stops early).
    public var hashedLength: Int
}

/// Collects canonical body output in chunks and hands them to the digest, honouring `l=`.
struct BodySink {
    private var buffer: [UInt8] = []
    private let limit: Int?
    private(set) var total = 0
    private(set) var hashed = 0
    private static let chunk = 16 * 1024
    private static let crlf: [UInt8] = [0x0D, 0x0A]
    private static let space: [UInt8] = [0x20]

    init(limit: Int?) {
        self.limit = limit
        buffer.reserveCapacity(Self.chunk + 1024)
    }

    mutating func emit(_ bytes: UnsafeBufferPointer<UInt8>, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        total += bytes.count
        var take = bytes.count
        if let limit { take = Swift.max(0, Swift.min(take, limit - hashed)) }
        guard take > 0 else { return }
        hashed += take
        if take > Self.chunk {
            flush(write)
            write(UnsafeBufferPointer(rebasing: bytes[0..<take]))
            return
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<take]))
        if buffer.count >= Self.chunk { flush(write) }
    }

    mutating func emitCRLF(_ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        Self.crlf.withUnsafeBufferPointer { emit($0, write) }
    }

    mutating func emitSpace(_ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        Self.space.withUnsafeBufferPointer { emit($0, write) }
    }

    mutating func flush(_ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { write($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
