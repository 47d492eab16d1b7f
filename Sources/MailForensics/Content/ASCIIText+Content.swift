import Foundation

/// Foundation's `trimmingCharacters(in: .whitespaces)` and `lowercased()` with an ASCII shortcut: file names,
/// host names, addresses and hashes are nearly always ASCII, and for ASCII the answer is known from the bytes.
/// Anything else goes to Foundation, so the results are always Foundation's.
extension ASCIIText {
    /// `text.trimmingCharacters(in: .whitespaces)` (Unicode `Zs` and tab).
    static func trimmingWhitespaces(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return "" }
        return isVisible(first) && isVisible(last) ? text : trimmingWhitespaces(text[...])
    }

    static func trimmingWhitespaces(_ text: Substring) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return "" }
        if isVisible(first), isVisible(last) { return String(text) }
        // Only ASCII: trim the spaces and tabs here.
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.trimmingCharacters(in: .whitespaces) }
        guard let start = utf8.firstIndex(where: isVisible), let end = utf8.lastIndex(where: isVisible) else { return "" }
        return String(text[start...end])
    }

    /// An ASCII byte that `.whitespaces` does not hold.
    private static func isVisible(_ b: UInt8) -> Bool { b < 0x80 && b != 0x20 && b != 0x09 }

    /// `text.lowercased()`, returning `text` itself when it is ASCII without capitals.
    static func lowercased(_ text: String) -> String {
        for b in text.utf8 where b >= 0x80 || (b >= 0x41 && b <= 0x5A) { return text.lowercased() }
        return text
    }

    /// True when every byte is printable ASCII (0x20 to 0x7E).
    static func isPrintable(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Foundation's `text.contains(word)`, on the bytes when the text is simple ASCII (the byte search above);
    /// otherwise Foundation answers.
    static func includes(_ text: String, _ word: String) -> Bool {
        contains(text, word) ?? text.contains(word)
    }
}
