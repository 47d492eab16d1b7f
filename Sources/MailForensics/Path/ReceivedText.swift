import Foundation

/// Text tests of the Received reader, done on UTF-8 bytes. Received fields are ASCII in practice, and for ASCII
/// text a byte is a Character, so these give the same answers as the Character-level (and Foundation) expressions
/// named in each comment, without lower-cased copies or NSString bridges. Text with any other character takes that
/// expression itself: a combining mark after a space or a dot changes what the Character-level tests see.
///
/// `ascii` is what the caller already knows of the text (true when the whole field is ASCII); nil means the text
/// is looked at.
enum ReceivedText {
    static func isASCII(_ text: some StringProtocol) -> Bool {
        withBytes(text) { bytes in bytes.allSatisfy { $0 < 0x80 } }
    }

    /// The text's UTF-8 as contiguous memory (its String's own storage; a copy only for a bridged string). A
    /// substring is reached through its base string: Substring's own contiguous-storage call is not specialized.
    /// (In code specialized for a type, the cast below is decided when compiling.)
    @inline(__always)
    static func withBytes<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let substring = text as? Substring {
            let base = substring.base.utf8
            let start = base.distance(from: base.startIndex, to: substring.startIndex)
            let end = base.distance(from: base.startIndex, to: substring.endIndex)
            if let result = base.withContiguousStorageIfAvailable({ body(UnsafeBufferPointer(rebasing: $0[start..<end])) }) { return result }
        } else if let result = text.utf8.withContiguousStorageIfAvailable(body) {
            return result
        }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// True when `bytes` starts with `lower` (ASCII lower case), ignoring ASCII case; `whole`: and has nothing more.
    static func matchesLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: StaticString, whole: Bool) -> Bool {
        let count = lower.utf8CodeUnitCount
        guard whole ? bytes.count == count : bytes.count >= count else { return false }
        let expected = lower.utf8Start
        for index in 0..<count where lowercasedASCII(bytes[index]) != expected[index] { return false }
        return true
    }

    /// `text.lowercased() == lower`, for `lower` in ASCII lower case.
    static func equalsLowercased(_ text: some StringProtocol, _ lower: StaticString, ascii: Bool? = nil) -> Bool {
        guard ascii ?? isASCII(text) else { return text.lowercased() == lower.description }
        return withBytes(text) { matchesLowercased($0, lower, whole: true) }
    }

    /// `text.lowercased().hasPrefix(lower)`, for `lower` in ASCII lower case.
    static func hasLowercasedPrefix(_ text: some StringProtocol, _ lower: StaticString, ascii: Bool? = nil) -> Bool {
        guard ascii ?? isASCII(text) else { return text.lowercased().hasPrefix(lower.description) }
        return withBytes(text) { matchesLowercased($0, lower, whole: false) }
    }

    /// `text.hasPrefix(String(prefix))`, for an ASCII `prefix`.
    static func hasPrefix(_ text: some StringProtocol, _ prefix: Unicode.Scalar, ascii: Bool? = nil) -> Bool {
        guard ascii ?? isASCII(text) else { return text.hasPrefix(String(prefix)) }
        return text.utf8.first == UInt8(ascii: prefix)
    }

    /// Foundation's `text.contains(String(character))`, for an ASCII `character`.
    static func contains(_ text: some StringProtocol, _ character: Unicode.Scalar, ascii: Bool? = nil) -> Bool {
        guard ascii ?? isASCII(text) else { return text.contains(String(character)) }
        return withBytes(text) { $0.contains(UInt8(ascii: character)) }
    }

    /// `text.split(whereSeparator: { $0 == " " || $0 == "," })`.
    static func words(_ text: String, ascii: Bool? = nil) -> [Substring] {
        guard ascii ?? isASCII(text) else { return text.split(whereSeparator: { $0 == " " || $0 == "," }) }
        let utf8 = text.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        return withBytes(text) { bytes in
            var words: [Substring] = []
            var start = -1
            for offset in 0..<bytes.count {
                if bytes[offset] == 0x20 || bytes[offset] == 0x2C {
                    if start >= 0 { words.append(text[index(start)..<index(offset)]); start = -1 }
                } else if start < 0 {
                    start = offset
                }
            }
            if start >= 0 { words.append(text[index(start)...]) }
            return words
        }
    }

    /// `text.split(separator: ":")`, Character by Character, for a text known to be ASCII or not (`ascii`).
    static func colonSeparated(_ text: Substring, ascii: Bool? = nil) -> [Substring] {
        guard ascii ?? isASCII(text) else { return text.split(separator: ":") }
        guard withBytes(text, { $0.contains(UInt8(ascii: ":")) }) else { return text.isEmpty ? [] : [text] }
        return text.utf8.split(separator: UInt8(ascii: ":")).map { text[$0.startIndex..<$0.endIndex] }
    }

    /// Folding white space collapsed to single spaces:
    /// `text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }).joined(separator: " ")`.
    static func collapse(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: bytes, as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }).joined(separator: " ")
        }
        // ASCII: the separators are the space, the tab and the newlines LF, VT, FF, CR.
        func isSeparator(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        // Most comments have nothing to collapse: single spaces inside, none at the ends.
        var alreadyCollapsed = !(bytes.first.map(isSeparator) ?? false) && !(bytes.last.map(isSeparator) ?? false)
        var previous: UInt8 = 0
        for byte in bytes where alreadyCollapsed {
            if (byte == 0x20 && previous == 0x20) || (byte != 0x20 && isSeparator(byte)) { alreadyCollapsed = false }
            previous = byte
        }
        if alreadyCollapsed { return String(decoding: bytes, as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if isSeparator(byte) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func collapse(_ text: String) -> String {
        withBytes(text) { collapse($0) }
    }

    /// `String(text.prefix(count))`: text of at most `count` bytes has at most `count` Characters and is kept whole
    /// without walking its grapheme clusters.
    static func prefix(_ text: String, _ count: Int) -> String {
        text.utf8.count <= count ? text : String(text.prefix(count))
    }

    /// A host name without trailing dots (`Substring.hasSuffix(".")`, Character by Character).
    static func trimHost(_ host: String) -> String {
        guard host.utf8.last == UInt8(ascii: ".") else { return host }
        var h = Substring(host)
        while h.hasSuffix(".") { h = h.dropLast() }
        return String(h)
    }

    /// `DomainName.looksLikeHostName`, answered on the bytes for ASCII text (where the only alphabetic scalars are
    /// the letters, and any CR or LF fails the test whatever the count).
    static func looksLikeHostName(_ text: String) -> Bool {
        guard isASCII(text) else { return DomainName.looksLikeHostName(text) }
        return withBytes(text) { bytes in
            guard bytes.contains(UInt8(ascii: ".")), bytes.count <= 253 else { return false }
            return bytes.allSatisfy { byte in
                let lower = byte | 0x20
                return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            }
        }
    }
}
