import Foundation

/// Decodes a structured field value that a server wrongly wrote entirely as RFC 2047 encoded words
/// (Exchange Online does this for Authentication-Results when a From domain is not ASCII).
/// Only UTF-8, US-ASCII and ISO-8859-1 are decoded; anything else is left as it is.
enum EncodedWords {
    /// The decoded text when the whole value is a run of encoded words; nil otherwise.
    static func decodeIfEncoded(_ value: String) -> String? {
        let words = value.split(whereSeparator: { $0.isWhitespace })
        guard !words.isEmpty, words.count <= 512 else { return nil }
        var bytes: [UInt8] = []
        for word in words {
            guard let decoded = decodeWord(Substring(word)) else { return nil }
            bytes += decoded
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `=?charset?B|Q?text?=` to bytes (converted to UTF-8).
    static func decodeWord(_ word: Substring) -> [UInt8]? {
        guard word.hasPrefix("=?"), word.hasSuffix("?="), word.count >= 8 else { return nil }
        let inner = word.dropFirst(2).dropLast(2)
        let parts = inner.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let charset = parts[0].lowercased().split(separator: "*").first.map(String.init) ?? ""
        let payload = parts[2]
        var raw: [UInt8]
        switch parts[1].lowercased() {
        case "b":
            var text = String(payload)
            while text.utf8.count % 4 != 0 { text += "=" }
            guard let data = Data(base64Encoded: text) else { return nil }
            raw = [UInt8](data)
        case "q":
            raw = quotedPrintable(Array(payload.utf8))
        default:
            return nil
        }
        switch charset {
        case "utf-8", "utf8", "us-ascii":
            return raw
        case "iso-8859-1", "latin1":
            raw = Array(String(raw.map { Character(Unicode.Scalar($0)) }).utf8)
            return raw
        default:
            return nil
        }
    }

    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "="), index + 2 < bytes.count,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
                continue
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
