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
    ///
    /// Most lines are their own canonical form (in `simple` any CRLF-terminated line; in `relaxed` a CRLF-terminated
    /// line with no trailing white space, no TAB and no run of two WSP), so the writer hands on runs of such lines
    /// straight from `buffer` and copies only the lines that change: `write` is called a few times per body, not
    /// once per word.
    func canonicalize(_ buffer: UnsafeBufferPointer<UInt8>, limit: Int?,
                      write: (UnsafeBufferPointer<UInt8>) -> Void) -> (total: Int, hashed: Int) {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            var empty = BodyWriter(base: UnsafePointer(bitPattern: 1)!, limit: limit)
            defer { empty.release() }
            if self == .simple { empty.crlf(write) }
            empty.finish(write)
            return (empty.total, empty.hashed)
        }
        var out = BodyWriter(base: base, limit: limit)
        defer { out.release() }
        let count = buffer.count
        var start = 0
        // Empty lines are held back (trailing ones are dropped): how many, where the first began, and whether
        // every one of them was a bare CRLF (then they are copied from the source as they stand).
        var pendingEmpty = 0, pendingStart = 0, pendingVerbatim = true
        while start < count {
            var lineEnd = count
            var next = count
            if let found = memchr(base + start, 0x0A, count - start) {
                lineEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                next = lineEnd + 1
            }
            var contentEnd = lineEnd
            if lineEnd < count, contentEnd > start, base[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            // The source line ends in CRLF (not a bare LF, not the end of the body).
            let endsInCRLF = contentEnd < lineEnd
            var last = contentEnd
            if self == .relaxed {
                while last > start, Self.isWSP(base[last - 1]) { last -= 1 }
            }
            if last == start {
                if pendingEmpty == 0 { pendingStart = start; pendingVerbatim = true }
                pendingEmpty += 1
                if !(endsInCRLF && contentEnd == start) { pendingVerbatim = false }
                start = next
                continue
            }
            if pendingEmpty > 0 {
                if pendingVerbatim {
                    out.source(pendingStart, start, write)
                } else {
                    for _ in 0..<pendingEmpty { out.crlf(write) }
                }
                pendingEmpty = 0
            }
            switch self {
            case .simple:
                if endsInCRLF {
                    out.source(start, next, write)
                } else {
                    out.source(start, contentEnd, write)
                    out.crlf(write)
                }
            case .relaxed:
                // Up to the first WSP that needs squeezing (a TAB, or a SP followed by more WSP) the line is
                // canonical as it stands; `last` is not WSP, so `i + 1 < last` below.
                var i = Self.firstWSP(base, from: start, to: last)
                while i < last, base[i] == 0x20, !Self.isWSP(base[i + 1]) {
                    i = Self.firstWSP(base, from: i + 2, to: last)
                }
                if i == last, last == contentEnd, endsInCRLF {
                    out.source(start, next, write)
                } else {
                    var runStart = start
                    while i < last {
                        // base[i] is white space: end the run before it, squeeze the WSP run to one SP.
                        if i > runStart { out.source(runStart, i, write) }
                        while i < last, Self.isWSP(base[i]) { i += 1 }
                        out.space(write)
                        runStart = i
                        i = Self.firstWSP(base, from: i, to: last)
                    }
                    if last > runStart { out.source(runStart, last, write) }
                    out.crlf(write)
                }
            }
            start = next
        }
        // A simple body with no line (or only empty ones) is a single CRLF.
        if self == .simple, out.isEmpty { out.crlf(write) }
        out.finish(write)
        return (out.total, out.hashed)
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

/// Collects canonical body output and hands it to the digest in large pieces, honouring `l=`.
///
/// Output is either a run of the source buffer (`runStart..<runEnd`, lines that need no change, passed on
/// without a copy) or bytes in `staging` (changed lines, the SP and CRLF the canonicalization writes, and short
/// unchanged pieces between them); at most one of the two holds anything at a time, which keeps the order.
struct BodyWriter {
    private let base: UnsafePointer<UInt8>
    private let limit: Int?
    private(set) var total = 0
    private(set) var hashed = 0
    private var runStart = 0, runEnd = 0
    private var staging: UnsafeMutablePointer<UInt8>?
    private var staged = 0
    private static let capacity = 16 * 1024
    /// A source piece up to this long is copied into `staging` rather than passed on by itself.
    private static let shortPiece = 512
    /// Once `staging` holds this much, a source piece no longer joins it: the staged bytes go to the digest.
    private static let enoughStaged = 4096

    init(base: UnsafePointer<UInt8>, limit: Int?) {
        self.base = base
        self.limit = limit
    }

    /// True while nothing has been written or held.
    var isEmpty: Bool { total == 0 && runStart == runEnd && staged == 0 }

    mutating func release() {
        staging?.deallocate()
        staging = nil
    }

    /// Source bytes `from..<to`, which are canonical as they stand.
    @inline(__always)
    mutating func source(_ from: Int, _ to: Int, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard to > from else { return }
        if runStart < runEnd {
            if from == runEnd { runEnd = to; return }
            flushRun(write)
        }
        if staged > 0 {
            if to - from <= Self.shortPiece, staged < Self.enoughStaged {
                stage(base + from, to - from, write)
                return
            }
            flushStaging(write)
        }
        runStart = from
        runEnd = to
    }

    @inline(__always)
    mutating func space(_ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        makeRoom(1, write)
        staging![staged] = 0x20
        staged += 1
    }

    @inline(__always)
    mutating func crlf(_ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        makeRoom(2, write)
        staging![staged] = 0x0D
        staging![staged + 1] = 0x0A
        staged += 2
    }

    /// Everything held goes to the digest.
    mutating func finish(_ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        if runStart < runEnd { flushRun(write) }
        flushStaging(write)
    }

    /// Makes `staging` able to take `count` more bytes, moving a pending source run into it (short) or out.
    @inline(__always)
    private mutating func makeRoom(_ count: Int, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        if runStart < runEnd {
            let length = runEnd - runStart
            let from = runStart
            runStart = 0
            runEnd = 0
            if length <= Self.shortPiece {
                stage(base + from, length, write)
            } else {
                send(base + from, length, write)
            }
        }
        if staging == nil { staging = .allocate(capacity: Self.capacity) }
        if staged + count > Self.capacity { flushStaging(write) }
    }

    private mutating func stage(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        if staging == nil { staging = .allocate(capacity: Self.capacity) }
        if staged + count > Self.capacity { flushStaging(write) }
        (staging! + staged).update(from: bytes, count: count)
        staged += count
    }

    private mutating func flushRun(_ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        send(base + runStart, runEnd - runStart, write)
        runStart = 0
        runEnd = 0
    }

    private mutating func flushStaging(_ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard staged > 0, let staging else { return }
        send(staging, staged, write)
        staged = 0
    }

    /// Counts `count` canonical bytes and hands on those `l=` still lets into the hash.
    private mutating func send(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        total += count
        var take = count
        if let limit { take = Swift.max(0, Swift.min(take, limit - hashed)) }
        guard take > 0 else { return }
        hashed += take
        write(UnsafeBufferPointer(start: bytes, count: take))
    }
}
