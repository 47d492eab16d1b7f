/// Where the pieces of `JSONBytes` are written: a `[UInt8]` (for `JSONByteEncoder`) or `JSONWriter`'s own buffer.
protocol JSONByteSink: ~Copyable {
    mutating func writeByte(_ byte: UInt8)
    mutating func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: JSONByteSink where Element == UInt8 {
    @inline(__always)
    mutating func writeByte(_ byte: UInt8) { append(byte) }

    @inline(__always)
    mutating func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// Byte-level pieces of the JSON writers: strings, numbers and indentation appended to a byte buffer,
/// laid out exactly as Foundation's `JSONEncoder` lays them out (with `.withoutEscapingSlashes`), and with the
/// unsafe scalars of `JSONRenderer.escapingUnsafeScalars` escaped in the same pass.
enum JSONBytes {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let space = UInt8(ascii: " ")
    static let newline = UInt8(ascii: "\n")

    /// `"text"` with JSON escapes: `\"`, `\\`, `\b \f \n \r \t`, other C0 controls as `\u00xx` (lowercase hex),
    /// `/` left alone (the encoder runs with `.withoutEscapingSlashes`). DEL, C1 controls and the bidirectional or
    /// invisible characters of `Sanitizer.isUnsafe` become `\uxxxx`, as `escapingUnsafeScalars` writes them.
    static func appendString<Sink: JSONByteSink & ~Copyable>(_ string: String, to bytes: inout Sink) {
        bytes.writeByte(quote)
        // Native strings give their UTF-8 in place; others are made contiguous first.
        if string.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &bytes) }) == nil {
            var string = string
            string.withUTF8 { appendEscaped($0, to: &bytes) }
        }
        bytes.writeByte(quote)
    }

    /// The escaped contents of a string without quotes. Scans bytes rather than scalars: runs of bytes that need
    /// no escape are copied in one piece, and only non-ASCII sequences are decoded (to ask `Sanitizer.isUnsafe`).
    static func appendEscaped<Sink: JSONByteSink & ~Copyable>(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout Sink) {
        var runStart = 0
        var i = 0
        let count = utf8.count
        @inline(__always) func flush(upTo end: Int) {
            if end > runStart { bytes.writeBytes(UnsafeBufferPointer(rebasing: utf8[runStart..<end])) }
        }
        while i < count {
            // Eight bytes at a time while none of them needs a look (the usual case: plain ASCII text); the last
            // eight bytes of the string cover a shorter tail.
            if count >= 8 {
                let at = min(i, count - 8)
                if !needsAttention(UnsafeRawPointer(utf8.baseAddress! + at).loadUnaligned(as: UInt64.self)) {
                    i = at + 8
                    continue
                }
            }
            let byte = utf8[i]
            if byte >= 0x20 && byte < 0x7F {
                if byte != quote && byte != backslash {
                    i += 1
                    continue
                }
                flush(upTo: i)
                bytes.writeByte(backslash)
                bytes.writeByte(byte)
                i += 1
                runStart = i
                continue
            }
            if byte < 0x20 {
                flush(upTo: i)
                appendControlEscape(byte, to: &bytes)
                i += 1
                runStart = i
                continue
            }
            // DEL or the first byte of a multi-byte sequence (a Swift string is valid UTF-8).
            let length: Int
            var value: UInt32
            switch byte {
            case 0x7F: length = 1; value = 0x7F
            case ..<0xE0: length = 2; value = UInt32(byte & 0x1F)
            case ..<0xF0: length = 3; value = UInt32(byte & 0x0F)
            default: length = 4; value = UInt32(byte & 0x07)
            }
            var j = 1
            while j < length {
                value = value << 6 | UInt32(utf8[i + j] & 0x3F)
                j += 1
            }
            if let scalar = Unicode.Scalar(value), Sanitizer.isUnsafe(scalar) {
                flush(upTo: i)
                appendUnicodeEscape(value, to: &bytes)
                i += length
                runStart = i
            } else {
                i += length
            }
        }
        flush(upTo: count)
    }

    /// True when one of the eight bytes of `word` is not printable ASCII or is `"` or `\`: a control character,
    /// DEL, part of a multi-byte sequence, or a character to escape. (The classic zero-byte tests: `x - 0x01…` sets
    /// a byte's high bit where the byte was zero or borrowed, `& ~x` keeps it only where the byte was below 0x80.)
    @inline(__always)
    static func needsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & high != 0 }
        let belowSpace = (word &- 0x20 &* ones) & ~word & high != 0
        return belowSpace || word & high != 0 || hasZeroByte(word ^ (UInt64(quote) &* ones))
            || hasZeroByte(word ^ (UInt64(backslash) &* ones)) || hasZeroByte(word ^ (0x7F &* ones))
    }

    /// The escape `JSONEncoder` writes for a C0 control character.
    static func appendControlEscape<Sink: JSONByteSink & ~Copyable>(_ byte: UInt8, to bytes: inout Sink) {
        bytes.writeByte(backslash)
        switch byte {
        case 0x08: bytes.writeByte(UInt8(ascii: "b"))
        case 0x0C: bytes.writeByte(UInt8(ascii: "f"))
        case 0x0A: bytes.writeByte(UInt8(ascii: "n"))
        case 0x0D: bytes.writeByte(UInt8(ascii: "r"))
        case 0x09: bytes.writeByte(UInt8(ascii: "t"))
        default:
            bytes.writeByte(UInt8(ascii: "u"))
            bytes.writeByte(UInt8(ascii: "0"))
            bytes.writeByte(UInt8(ascii: "0"))
            bytes.writeByte(hexDigit(UInt32(byte >> 4)))
            bytes.writeByte(hexDigit(UInt32(byte & 0x0F)))
        }
    }

    /// `\u` and the scalar value in lowercase hex, at least four digits (`String(format: "\\u%04x", value)`).
    static func appendUnicodeEscape<Sink: JSONByteSink & ~Copyable>(_ value: UInt32, to bytes: inout Sink) {
        bytes.writeByte(backslash)
        bytes.writeByte(UInt8(ascii: "u"))
        var digits = 4
        while digits < 8 && value >> (4 * UInt32(digits)) != 0 { digits += 1 }
        for shift in stride(from: 4 * (digits - 1), through: 0, by: -4) {
            bytes.writeByte(hexDigit((value >> UInt32(shift)) & 0xF))
        }
    }

    @inline(__always) static func hexDigit(_ nibble: UInt32) -> UInt8 {
        nibble < 10 ? UInt8(nibble) + UInt8(ascii: "0") : UInt8(nibble - 10) + UInt8(ascii: "a")
    }

    /// An integer in decimal, as its `description` reads.
    static func appendInteger<I: FixedWidthInteger, Sink: JSONByteSink & ~Copyable>(_ value: I, to bytes: inout Sink) {
        guard I.bitWidth <= 64 else {
            appendASCII(value.description, to: &bytes)
            return
        }
        var magnitude = UInt64(truncatingIfNeeded: value.magnitude)
        if value < 0 { bytes.writeByte(UInt8(ascii: "-")) }
        // Digits from the most significant: `scale` is the power of ten of the first one.
        var scale: UInt64 = 1
        while magnitude / scale >= 10 { scale *= 10 }
        repeat {
            bytes.writeByte(UInt8(truncatingIfNeeded: magnitude / scale) + UInt8(ascii: "0"))
            magnitude %= scale
            scale /= 10
        } while scale > 0
    }

    /// Text known to need no escape (a number's digits), written as it is.
    static func appendASCII<Sink: JSONByteSink & ~Copyable>(_ text: String, to bytes: inout Sink) {
        var text = text
        text.withUTF8 { bytes.writeBytes($0) }
    }

    /// A finite floating-point number as `JSONEncoder` writes it: its `description` without a trailing `.0`
    /// (`100.0` is written `100`, `1e-05` stays `1e-05`). Nil for infinity and NaN, which `JSONEncoder` refuses.
    static func floatingPointText<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) -> String? {
        guard value.isFinite else { return nil }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// Two spaces per nesting level (`JSONEncoder`'s pretty-printed indentation).
    static func appendIndent<Sink: JSONByteSink & ~Copyable>(_ level: Int, to bytes: inout Sink) {
        for _ in 0..<(2 * max(level, 0)) { bytes.writeByte(space) }
    }
}
