#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts bytes in a named MIME charset to text (RFC 2046 §4.1.2, IANA charset names), through iconv
/// for everything beyond UTF-8, US-ASCII and ISO-8859-1.
public enum Charset {
    /// The result of a conversion: the text, and whether every byte converted cleanly.
    public struct Decoded: Sendable, Hashable {
        public var text: String
        /// False when the charset was unknown (UTF-8 was used) or some bytes were invalid (U+FFFD inserted).
        public var clean: Bool
        /// True when the charset name was not recognised.
        public var unknownCharset: Bool
    }

    /// Decodes `bytes` in `charset` (case-insensitive IANA name; nil means US-ASCII read as UTF-8).
    public static func decode<C: Collection>(_ bytes: C, charset: String?) -> Decoded where C.Element == UInt8 {
        let name = normalizedName(charset ?? "utf-8")
        switch name {
        case "UTF-8", "US-ASCII":
            return decodeUTF8(bytes)
        case "ISO-8859-1":
            return Decoded(text: String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })), clean: true, unknownCharset: false)
        case "WINDOWS-1252":
            return Decoded(text: decodeWindows1252(bytes), clean: true, unknownCharset: false)
        default:
            if let text = iconvDecode(Array(bytes), from: name) {
                return Decoded(text: text.text, clean: text.clean, unknownCharset: false)
            }
            var fallback = decodeUTF8(bytes)
            fallback.unknownCharset = true
            fallback.clean = false
            return fallback
        }
    }

    /// UTF-8 with invalid sequences replaced by U+FFFD; `clean` says whether any were.
    public static func decodeUTF8<C: Collection>(_ bytes: C) -> Decoded where C.Element == UInt8 {
        // Decoded from contiguous memory: String's validating fast path, not the generic one that repairs as it goes.
        bytes.withContiguousStorageIfAvailable(decodeUTF8Buffer) ?? Array(bytes).withUnsafeBufferPointer(decodeUTF8Buffer)
    }

    static func decodeUTF8Buffer(_ bytes: UnsafeBufferPointer<UInt8>) -> Decoded {
        let text = String(decoding: bytes, as: UTF8.self)
        // ASCII is always valid. Otherwise invalid sequences became U+FFFD, so the text's UTF-8 equals the input
        // exactly when it was valid.
        let clean = bytes.allSatisfy { $0 < 0x80 } || text.utf8.elementsEqual(bytes)
        return Decoded(text: text, clean: clean, unknownCharset: false)
    }

    /// Windows-1252 without iconv (it is the fallback for every raw 8-bit header, so it must be cheap):
    /// Latin-1 except 0x80-0x9F; the five unassigned bytes map to C1 controls, as WHATWG does.
    static func decodeWindows1252<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80, byte <= 0x9F, let scalar = Unicode.Scalar(windows1252High[Int(byte) - 0x80]) {
                scalars.append(scalar)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Raw 8-bit header text: UTF-8 when valid, otherwise Windows-1252 (what such bytes nearly always are).
    public static func decodeRawHeader<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let utf8 = decodeUTF8(bytes)
        if utf8.clean { return utf8.text }
        return decodeWindows1252(bytes)
    }

    /// Maps aliases and supersets to the name iconv knows best; returns an upper-cased name.
    static func normalizedName(_ raw: String) -> String {
        var name = raw.trimmingASCIIWhitespace().uppercased()
        // RFC 2231 §5 language suffix inside encoded words: "utf-8*en".
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        switch name {
        case "UTF8", "UTF-8", "X-UNICODE20UTF8", "UNICODE-1-1-UTF-8", "UTF_8": return "UTF-8"
        case "US-ASCII", "ASCII", "ANSI_X3.4-1968", "646", "US", "IBM367", "CP367", "": return "US-ASCII"
        case "ISO-8859-1", "ISO8859-1", "ISO_8859-1", "LATIN1", "L1", "ISO-IR-100", "CP819", "IBM819", "ISO_8859-1:1987": return "ISO-8859-1"
        case "GB2312", "GBK", "CP936", "X-GBK", "EUC-CN", "X-EUC-CN", "CHINESE", "CSGB2312", "GB_2312-80", "MS936": return "GB18030"
        case "SHIFT_JIS", "SHIFT-JIS", "SJIS", "X-SJIS", "MS_KANJI", "CSSHIFTJIS", "WINDOWS-31J", "MS932": return "CP932"
        case "EUC-KR", "KS_C_5601-1987", "KS_C_5601", "KSC5601", "KSC_5601", "CSEUCKR", "X-WINDOWS-949", "UHC", "WINDOWS-949": return "CP949"
        case "BIG5", "BIG-5", "X-X-BIG5", "CN-BIG5", "CSBIG5", "BIG5-HKSCS": return "BIG5-HKSCS"
        case "ISO-8859-8-I", "ISO-8859-8-E": return "ISO-8859-8"
        case "ISO-8859-6-I", "ISO-8859-6-E": return "ISO-8859-6"
        case "ISO-2022-JP", "CSISO2022JP": return "ISO-2022-JP-2"
        case "UNICODE-1-1-UTF-7", "X-UTF-7": return "UTF-7"
        case "X-MAC-ROMAN", "MACINTOSH": return "MACINTOSH"
        case "TIS-620", "WINDOWS-874", "CP874": return "CP874"
        case "CP1251", "X-CP1251": return "WINDOWS-1251"
        case "CP1252", "X-CP1252", "WIN-1252": return "WINDOWS-1252"
        default:
            return name
        }
    }

    /// Whether a charset name is plausible (token characters only, bounded length) before handing it to iconv.
    static func isPlausibleName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 40 else { return false }
        return name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A || byte == 0x2B
        }
    }

    /// Converts through glibc iconv; nil when iconv does not know the charset.
    static func iconvDecode(_ input: [UInt8], from charset: String) -> (text: String, clean: Bool)? {
        guard isPlausibleName(charset) else { return nil }
        let descriptor = iconv_open("UTF-8", charset)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else { return nil }
        defer { iconv_close(descriptor) }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 2 + 16)
        var clean = true
        var chunk = [UInt8](repeating: 0, count: 4096)
        var inputCopy = input
        var position = 0
        let total = inputCopy.count
        inputCopy.withUnsafeMutableBytes { inRaw in
            guard let inBase = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
            while position < total {
                var inPointer: UnsafeMutablePointer<CChar>? = inBase + position
                var inLeft = total - position
                let produced: Int
                var result = 0
                (produced, result) = chunk.withUnsafeMutableBytes { outRaw -> (Int, Int) in
                    guard let outBase = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self) else { return (0, 0) }
                    var outPointer: UnsafeMutablePointer<CChar>? = outBase
                    var outLeft = outRaw.count
                    let r = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (outRaw.count - outLeft, r == -1 ? Int(errno) : 0)
                }
                output.append(contentsOf: chunk[0..<produced])
                position = total - inLeft
                if result == 0 { continue }
                if result == Int(E2BIG) { continue }
                // EILSEQ (invalid) or EINVAL (incomplete at the end): replace one byte and go on.
                clean = false
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                position += 1
                _ = iconv(descriptor, nil, nil, nil, nil)
            }
            // Flush any shift state (ISO-2022-JP).
            var outPointer: UnsafeMutablePointer<CChar>?
            var outLeft = chunk.count
            let flushed = chunk.withUnsafeMutableBytes { outRaw -> Int in
                outPointer = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                return outRaw.count - outLeft
            }
            output.append(contentsOf: chunk[0..<flushed])
        }
        return (String(decoding: output, as: UTF8.self), clean)
    }
}
