/// Decodes RFC 2047 encoded words (`=?charset?B|Q?text?=`, RFC 2047 §2-§6) leniently, as real mail needs:
/// words inside quoted strings and inside other words, no space between words, multi-byte characters
/// split across adjacent words, white space (folding included) between adjacent words dropped (§6.2).
public enum EncodedWords {
    /// The decoded text and what went wrong while decoding it.
    public struct Decoded: Sendable, Hashable {
        public var text: String
        /// Number of encoded words decoded.
        public var wordCount: Int
        /// Plain-language problems (unknown charset, bad base64, invalid bytes), empty when clean.
        public var problems: [String]
    }

    /// Decodes every encoded word in `text`; everything else is kept as written.
    public static func decode(_ text: String) -> String {
        // Text without "=?" has no encoded word, and a String is valid UTF-8: it comes back as it is.
        guard mayHoldEncodedWord(text.utf8) else { return text }
        return decodeDetailed(Array(text.utf8)).text
    }

    /// Decodes every encoded word in raw header bytes; raw 8-bit text outside words is read as UTF-8
    /// (or Windows-1252 when it is not valid UTF-8).
    public static func decode<C: Collection>(bytes: C) -> String where C.Element == UInt8 {
        guard mayHoldEncodedWord(bytes) else { return Charset.decodeRawHeader(bytes) }
        return decodeDetailed(Array(bytes)).text
    }

    /// False when the bytes have no "=?", the start of every encoded word (then decoding is plain reading).
    static func mayHoldEncodedWord<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        if let found = bytes.withContiguousStorageIfAvailable({ buffer -> Bool in
            guard buffer.count > 1 else { return false }
            for i in 0..<(buffer.count - 1) where buffer[i] == UInt8(ascii: "=") && buffer[i + 1] == UInt8(ascii: "?") { return true }
            return false
        }) { return found }
        var previous: UInt8 = 0
        for byte in bytes {
            if previous == UInt8(ascii: "="), byte == UInt8(ascii: "?") { return true }
            previous = byte
        }
        return false
    }

    /// One parsed encoded word: where it ends, its charset and the bytes it carries.
    struct Word {
        var end: Int
        var charset: String
        var payload: [UInt8]
        var hadErrors: Bool
    }

    /// Decodes, reporting problems.
    public static func decodeDetailed(_ bytes: [UInt8]) -> Decoded {
        var text = ""
        var problems: [String] = []
        var wordCount = 0
        let n = bytes.count
        var plainStart = 0
        var i = 0
        // Bytes of consecutive encoded words in the same charset, joined before conversion so that a
        // character split across two words comes out whole.
        var pendingCharset: String?
        var pendingBytes: [UInt8] = []

        func flushPending() {
            guard let charset = pendingCharset else { return }
            let decoded = Charset.decode(pendingBytes, charset: charset)
            if decoded.unknownCharset {
                problems.append("unknown charset \"\(charset.prefix(40))\" in an encoded word; read as UTF-8")
            } else if !decoded.clean {
                problems.append("bytes invalid in charset \(charset.prefix(40)) in an encoded word")
            }
            text += decoded.text
            pendingCharset = nil
            pendingBytes.removeAll(keepingCapacity: true)
        }
        func flushPlain(upTo end: Int) {
            guard end > plainStart else { return }
            text += Charset.decodeRawHeader(bytes[plainStart..<end])
        }

        while i + 1 < n {
            guard bytes[i] == UInt8(ascii: "="), bytes[i + 1] == UInt8(ascii: "?"), wordCount < ParseLimits.maxEncodedWords,
                  let word = parseWord(bytes, at: i) else {
                i += 1
                continue
            }
            // Plain text between the previous word and this one: dropped when it is only white space
            // and a word came just before (RFC 2047 §6.2).
            let between = bytes[plainStart..<i]
            let onlySpace = between.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            if pendingCharset != nil, onlySpace {
                // adjacent: keep joining
            } else {
                flushPending()
                flushPlain(upTo: i)
            }
            if word.hadErrors { problems.append("malformed encoded text in an encoded word") }
            if let current = pendingCharset, current.equalsIgnoringCase(word.charset) {
                pendingBytes.append(contentsOf: word.payload)
            } else {
                flushPending()
                pendingCharset = word.charset
                pendingBytes = word.payload
            }
            wordCount += 1
            i = word.end
            plainStart = word.end
        }
        flushPending()
        flushPlain(upTo: n)
        return Decoded(text: text, wordCount: wordCount, problems: problems)
    }

    /// Parses `=?charset?E?text?=` at `start`; nil when the bytes there are not an encoded word.
    static func parseWord(_ bytes: [UInt8], at start: Int) -> Word? {
        let n = bytes.count
        var i = start + 2
        let charsetStart = i
        while i < n, bytes[i] != UInt8(ascii: "?") {
            let b = bytes[i]
            if b <= 0x20 || b >= 0x7F || b == UInt8(ascii: "=") || b == UInt8(ascii: "\"") || i - charsetStart > 64 { return nil }
            i += 1
        }
        guard i < n, i > charsetStart else { return nil }
        let charset = String(decoding: bytes[charsetStart..<i], as: UTF8.self)
        i += 1
        guard i + 1 < n, bytes[i + 1] == UInt8(ascii: "?") else { return nil }
        let encoding = bytes[i] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        i += 2
        let textStart = i
        // Encoded text runs to the next "?="; no '?' and no line break may occur inside.
        while i < n, bytes[i] != UInt8(ascii: "?") {
            if bytes[i] == 0x0A || bytes[i] == 0x0D { return nil }
            i += 1
        }
        guard i + 1 < n, bytes[i + 1] == UInt8(ascii: "=") else { return nil }
        let encoded = bytes[textStart..<i]
        let result = encoding == UInt8(ascii: "b")
            ? TransferDecoding.base64(encoded)
            : TransferDecoding.quotedPrintable(encoded, underscoreIsSpace: true)
        return Word(end: i + 2, charset: charset, payload: result.bytes, hadErrors: result.hadErrors)
    }
}

/// Case-insensitive comparison of charset names (RFC 2978 §2.3).
extension String {
    /// ASCII case-insensitive equality, for charset and token names.
    func equalsIgnoringCase(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
