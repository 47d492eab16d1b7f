/// Makes text from a message safe to print: no control characters or terminal escape sequences (ESC, CSI,
/// C1 controls, bidirectional overrides) reach the analyst's terminal raw; each is shown as a visible escape.
public enum Sanitizer {
    /// Escapes every control and formatting character as `\u{XX}` (tab and newline too, unless allowed).
    public static func terminal(_ text: String, allowNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if allowNewlines, scalar == "\n" {
                out.append(scalar)
                continue
            }
            if isUnsafe(scalar) {
                for s in "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars { out.append(s) }
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// True for C0/C1 controls, DEL, and bidirectional or invisible formatting characters.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }
        if (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        if v == 0xFEFF || v == 0x061C { return true }
        return false
    }
}
