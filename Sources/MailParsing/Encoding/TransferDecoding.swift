/// Content-Transfer-Encoding decoders (RFC 2045 §6): base64 and quoted-printable, lenient and bounded.
public enum TransferDecoding {
    /// The outcome of decoding: bytes, and what was wrong with the input.
    public struct Result: Sendable, Hashable {
        public var bytes: [UInt8]
        /// Characters outside the alphabet, bad padding or a bad `=` escape were met (and skipped or kept).
        public var hadErrors: Bool
        /// Decoding stopped at `limit` bytes.
        public var truncated: Bool
    }

    static let base64Table: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = Int8(i)
        }
        // URL-safe alphabet, seen in broken senders.
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// `base64Table` for the four positions of a group, each value already shifted into place (position k at
    /// offset 256 k), and `base64Invalid` set for bytes outside the alphabet: one OR decodes a group.
    static let base64Shifted: [UInt32] = (0..<4).flatMap { position in
        base64Table.map { $0 < 0 ? base64Invalid : UInt32($0) << (18 - 6 * position) }
    }
    static let base64Invalid: UInt32 = 0x8000_0000

    /// Decodes base64, skipping white space and line breaks; other stray characters are skipped and reported.
    public static func base64<C: Collection>(_ input: C, limit: Int = ParseLimits.maxDecodedBytes) -> Result where C.Element == UInt8 {
        if let result = input.withContiguousStorageIfAvailable({ base64(in: $0, limit: limit) }) { return result }
        return Array(input).withUnsafeBufferPointer { base64(in: $0, limit: limit) }
    }

    /// The decoder behind `base64`, over contiguous bytes into a buffer allocated once (the output can never be
    /// longer than three quarters of the input). Whole groups of four alphabet characters, the bulk of any
    /// attachment, are decoded three bytes at a time; everything else (white space, padding, stray characters,
    /// the last bytes before `limit`) goes through the one-symbol-at-a-time path, which sets the error flags.
    static func base64(in input: UnsafeBufferPointer<UInt8>, limit: Int) -> Result {
        let capacity = Swift.max(0, Swift.min(input.count * 3 / 4 + 3, limit))
        var hadErrors = false
        var truncated = false
        // One spare byte: a group's three bytes are written with one four-byte store (see below).
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity + 1) { out, count in
            base64Shifted.withUnsafeBufferPointer { shifted in
                var accumulator: UInt32 = 0
                var bits = 0
                var sawPadding = false
                var i = 0
                let n = input.count
                while i < n {
                    // Fast path: at a symbol boundary, runs of four alphabet characters give three bytes each (a line
                    // of an attachment is 19 such groups).
                    if bits == 0, !sawPadding {
                        let groups = Swift.min((n - i) / 4, (limit - count) / 3)
                        var done = 0
                        while done < groups {
                            let group = shifted[Int(input[i])] | shifted[256 + Int(input[i + 1])]
                                | shifted[512 + Int(input[i + 2])] | shifted[768 + Int(input[i + 3])]
                            if group & base64Invalid != 0 { break }
                            // The three bytes, high first, in one store of four: the fourth is overwritten by the next
                            // group or left past `count` (there is room: count + 3 <= capacity, one spare byte after it).
                            UnsafeMutableRawPointer(out.baseAddress! + count).storeBytes(of: (group << 8).bigEndian, as: UInt32.self)
                            count += 3
                            i += 4
                            done += 1
                        }
                        if done > 0 { continue }
                    }
                    // One symbol at a time: white space, padding, stray bytes, a group cut by them, the limit.
                    let byte = input[i]
                    i += 1
                    let value = shifted[768 + Int(byte)]  // the last position is not shifted
                    if value & base64Invalid != 0 {
                        if byte == UInt8(ascii: "=") { sawPadding = true; continue }
                        if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { continue }
                        hadErrors = true
                        continue
                    }
                    if sawPadding { hadErrors = true; sawPadding = false }
                    accumulator = (accumulator << 6) | value
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        if count >= limit { truncated = true; return }
                        out[count] = UInt8((accumulator >> UInt32(bits)) & 0xFF)
                        count += 1
                    }
                }
                if bits >= 6 { hadErrors = true }
            }
        }
        return Result(bytes: bytes, hadErrors: hadErrors, truncated: truncated)
    }

    /// Decodes quoted-printable (RFC 2045 §6.7); soft line breaks removed, a bad `=` kept as is.
    /// With `underscoreIsSpace` it decodes RFC 2047 "Q" text.
    public static func quotedPrintable<C: Collection>(_ input: C, underscoreIsSpace: Bool = false,
                                                      limit: Int = ParseLimits.maxDecodedBytes) -> Result where C.Element == UInt8 {
        let bytes = Array(input)
        var out = [UInt8]()
        out.reserveCapacity(Swift.min(bytes.count, limit))
        var hadErrors = false
        var i = 0
        let n = bytes.count
        while i < n {
            if out.count >= limit { return Result(bytes: out, hadErrors: hadErrors, truncated: true) }
            let byte = bytes[i]
            if byte == UInt8(ascii: "=") {
                if let hi = hexValue(at: i + 1, in: bytes), let lo = hexValue(at: i + 2, in: bytes) {
                    out.append(hi << 4 | lo)
                    i += 3
                    continue
                }
                // Soft line break: "=" then optional transport padding then CRLF or LF.
                var j = i + 1
                while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j < n, bytes[j] == 0x0A { i = j + 1; continue }
                if j + 1 < n, bytes[j] == 0x0D, bytes[j + 1] == 0x0A { i = j + 2; continue }
                if j == n { i = n; continue }
                hadErrors = true
                out.append(byte)
                i += 1
                continue
            }
            if underscoreIsSpace, byte == UInt8(ascii: "_") {
                out.append(0x20)
            } else {
                out.append(byte)
            }
            i += 1
        }
        return Result(bytes: out, hadErrors: hadErrors, truncated: false)
    }

    static func hexValue(at index: Int, in bytes: [UInt8]) -> UInt8? {
        guard index < bytes.count else { return nil }
        let c = bytes[index]
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}
