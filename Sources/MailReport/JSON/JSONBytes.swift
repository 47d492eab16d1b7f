/// Byte-level pieces of the JSON writer: strings, numbers and indentation appended to a `[UInt8]` buffer,
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
    static func appendString(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(quote)
        var string = string
        string.withUTF8 { appendEscaped($0, to: &bytes) }
        bytes.append(quote)
    }

    /// The escaped contents of a string without quotes. Scans bytes rather than scalars: runs of bytes that need
    /// no escape are copied in one piece, and only non-ASCII sequences are decoded (to ask `Sanitizer.isUnsafe`).
    static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var runStart = 0
        var i = 0
        let count = utf8.count
        @inline(__always) func flush(upTo end: Int) {
            if end > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<end])) }
        }
        while i < count {
            let byte = utf8[i]
            if byte >= 0x20 && byte < 0x7F {
                if byte != quote && byte != backslash {
                    i += 1
                    continue
                }
                flush(upTo: i)
                bytes.append(backslash)
                bytes.append(byte)
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

    /// The escape `JSONEncoder` writes for a C0 control character.
    static func appendControlEscape(_ byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(backslash)
        switch byte {
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(hexDigit(UInt32(byte >> 4)))
            bytes.append(hexDigit(UInt32(byte & 0x0F)))
        }
    }

    /// `\u` and the scalar value in lowercase hex, at least four digits (`String(format: "\\u%04x", value)`).
    static func appendUnicodeEscape(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(backslash)
        bytes.append(UInt8(ascii: "u"))
        var digits = 4
        while digits < 8 && value >> (4 * UInt32(digits)) != 0 { digits += 1 }
        for shift in stride(from: 4 * (digits - 1), through: 0, by: -4) {
            bytes.append(hexDigit((value >> UInt32(shift)) & 0xF))
        }
    }

    @inline(__always) static func hexDigit(_ nibble: UInt32) -> UInt8 {
        nibble < 10 ? UInt8(nibble) + UInt8(ascii: "0") : UInt8(nibble - 10) + UInt8(ascii: "a")
    }

    /// An integer in decimal, as its `description` reads.
    static func appendInteger<I: FixedWidthInteger>(_ value: I, to bytes: inout [UInt8]) {
        guard I.bitWidth <= 64 else {
            bytes.append(contentsOf: value.description.utf8)
            return
        }
        var magnitude = UInt64(truncatingIfNeeded: value.magnitude)
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        if magnitude < 10 {
            bytes.append(UInt8(truncatingIfNeeded: magnitude) + UInt8(ascii: "0"))
            return
        }
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0) // room for 20 digits, written backwards
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                count += 1
                buffer[32 - count] = UInt8(truncatingIfNeeded: magnitude % 10) + UInt8(ascii: "0")
                magnitude /= 10
            }
            bytes.append(contentsOf: buffer[(32 - count)...])
        }
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
    static func appendIndent(_ level: Int, to bytes: inout [UInt8]) {
        guard level > 0 else { return }
        bytes.append(contentsOf: repeatElement(space, count: 2 * level))
    }
}
