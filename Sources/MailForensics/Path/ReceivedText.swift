import Foundation

/// Text tests of the Received reader, done on UTF-8 bytes. Received fields are ASCII in practice, and for ASCII
/// text a byte is a Character, so these give the same answers as the Character-level (and Foundation) expressions
/// named in each comment, without lower-cased copies or NSString bridges. Text with any other character takes that
/// expression itself: a combining mark after a space or a dot changes what the Character-level tests see.
enum ReceivedText {
    static func isASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }

    static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// `text.lowercased() == lower`, for `lower` in ASCII lower case.
    static func equalsLowercased(_ text: some StringProtocol, _ lower: String) -> Bool {
        guard isASCII(text) else { return text.lowercased() == lower }
        return text.utf8.count == lower.utf8.count && zip(text.utf8, lower.utf8).allSatisfy { lowercasedASCII($0) == $1 }
    }

    /// `text.lowercased().hasPrefix(lower)`, for `lower` in ASCII lower case.
    static func hasLowercasedPrefix(_ text: some StringProtocol, _ lower: String) -> Bool {
        guard isASCII(text) else { return text.lowercased().hasPrefix(lower) }
        return text.utf8.count >= lower.utf8.count && zip(text.utf8, lower.utf8).allSatisfy { lowercasedASCII($0) == $1 }
    }

    /// `text.hasPrefix(prefix)`, for an ASCII `prefix`.
    static func hasPrefix(_ text: some StringProtocol, _ prefix: String) -> Bool {
        guard isASCII(text) else { return text.hasPrefix(prefix) }
        return text.utf8.starts(with: prefix.utf8)
    }

    /// Foundation's `text.contains(other)`, for an ASCII `other`.
    static func contains(_ text: some StringProtocol, _ other: String) -> Bool {
        guard isASCII(text) else { return text.contains(other) }
        let needle = Array(other.utf8)
        if needle.count == 1 { return text.utf8.contains(needle[0]) }
        let bytes = Array(text.utf8)
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == first {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// `text.split(whereSeparator: { $0 == " " || $0 == "," })`.
    static func words(_ text: String) -> [Substring] {
        guard isASCII(text) else { return text.split(whereSeparator: { $0 == " " || $0 == "," }) }
        var words: [Substring] = []
        let utf8 = text.utf8
        var start: String.Index?
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x20 || byte == 0x2C {
                if let s = start { words.append(text[s..<index]); start = nil }
            } else if start == nil {
                start = index
            }
            index = utf8.index(after: index)
        }
        if let s = start { words.append(text[s...]) }
        return words
    }

    /// Folding white space collapsed to single spaces:
    /// `text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }).joined(separator: " ")`.
    static func collapse(_ bytes: some Collection<UInt8>) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: bytes, as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }).joined(separator: " ")
        }
        // ASCII: the separators are the space, the tab and the newlines LF, VT, FF, CR.
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func collapse(_ text: String) -> String {
        collapse(text.utf8)
    }

    /// A host name without trailing dots (`Substring.hasSuffix(".")`, Character by Character).
    static func trimHost(_ host: String) -> String {
        guard host.utf8.last == UInt8(ascii: ".") else { return host }
        var h = Substring(host)
        while h.hasSuffix(".") { h = h.dropLast() }
        return String(h)
    }
}
