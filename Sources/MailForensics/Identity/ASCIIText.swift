/// Byte-level text helpers for the identity, message, vendor and verdict checks, which run on every message of a
/// sweep. Foundation's `contains`/`range(of:)` (a CFString search per call) and Character-by-Character loops cost
/// far more than the checks themselves; on ASCII text these helpers give the same answers from the UTF-8 bytes.
///
/// Each helper answers only for text whose every Character is one byte: ASCII without a CR LF pair (the one ASCII
/// pair Swift reads as a single Character). Otherwise it returns nil and the caller keeps its general code, so
/// answers on any other text (accents, combining marks, canonically equivalent forms) stay exactly as they were.
enum ASCIIText {
    /// True when every Character of `text` is a single ASCII byte (no byte >= 0x80, no CR LF pair).
    static func isSimple(_ text: some StringProtocol) -> Bool {
        withBytes(text) { bytes in
            for i in bytes.indices where bytes[i] >= 0x80 || bytes[i] == 0x0D {
                if bytes[i] >= 0x80 || (i + 1 < bytes.count && bytes[i + 1] == 0x0A) { return false }
            }
            return true
        }
    }

    /// True when `text` contains `needle` (false for an empty needle, as Foundation answers); nil when `text` is
    /// not simple ASCII. `needle` must be ASCII.
    static func contains(_ text: some StringProtocol, _ needle: String) -> Bool? {
        guard isSimple(text) else { return nil }
        return withBytes(needle) { n in withBytes(text) { firstIndex(of: n, in: $0) != nil } }
    }

    /// Calls `body` with the UTF-8 bytes of `text` (in place when the string stores them contiguously).
    static func withBytes<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = text.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// True when `text` lowered equals `lower` (lower-case ASCII); nil when `text` is not simple ASCII.
    static func equalsLowercased(_ text: some StringProtocol, _ lower: StaticString) -> Bool? {
        guard isSimple(text) else { return nil }
        return lower.withUTF8Buffer { l in text.utf8.count == l.count && zip(text.utf8, l).allSatisfy { Self.lower($0) == $1 } }
    }

    /// True when `text` contains the byte `byte` (ASCII); nil when `text` is not simple ASCII.
    static func contains(_ text: some StringProtocol, byte: UInt8) -> Bool? {
        guard isSimple(text) else { return nil }
        return text.utf8.contains(byte)
    }

    /// The offset of the first occurrence of `needle` in `haystack` (nil when absent or when `needle` is empty).
    static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// The offset of the first occurrence of `needle` in `haystack` (nil when absent or when `needle` is empty).
    static func firstIndex(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        needle.withUnsafeBufferPointer { firstIndex(of: $0, in: haystack) }
    }

    /// True when `text` starts with `prefix`.
    static func hasPrefix(_ text: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard prefix.count <= text.count else { return false }
        for k in prefix.indices where text[k] != prefix[k] { return false }
        return true
    }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
}
