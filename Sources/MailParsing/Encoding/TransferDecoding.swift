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

    /// Decodes base64, skipping white space and line breaks; other stray characters are skipped and reported.
    public static func base64<C: Collection>(_ input: C, limit: Int = ParseLimits.maxDecodedBytes) -> Result where C.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(Swift.min(input.count * 3 / 4 + 3, limit))
        var accumulator: UInt32 = 0
        var bits = 0
        var hadErrors = false
        var sawPadding = false
        for byte in input {
            let value = base64Table[Int(byte)]
            if value < 0 {
                if byte == UInt8(ascii: "=") { sawPadding = true; continue }
                if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { continue }
                hadErrors = true
                continue
            }
            if sawPadding { hadErrors = true; sawPadding = false }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                if out.count >= limit { return Result(bytes: out, hadErrors: hadErrors, truncated: true) }
                out.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
            }
        }
        if bits >= 6 { hadErrors = true }
        return Result(bytes: out, hadErrors: hadErrors, truncated: false)
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
