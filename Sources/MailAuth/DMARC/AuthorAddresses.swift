import Foundation

/// The addresses of RFC5322.From, the identifier DMARC protects (RFC 7489 §3.1, §6.6.1; RFC 5322 §3.4).
/// A small tolerant reader: quoted display names, comments, angle addresses and groups; never fails, never loops.
public enum AuthorAddresses {
    /// The addresses in one From field value, in order (`local@domain`, domain lower-cased).
    public static func parse(_ value: String) -> [String] {
        var cleaned = [Character]()
        var depth = 0
        var inQuote = false
        var escaped = false
        for char in value.prefix(16_384) {
            if escaped { escaped = false; cleaned.append(inQuote || depth > 0 ? " " : char); continue }
            if char == "\\" { escaped = true; if !(inQuote || depth > 0) { cleaned.append(char) }; continue }
            if inQuote {
                if char == "\"" { inQuote = false }
                cleaned.append(char == "," || char == "<" || char == ">" || char == "@" ? " " : char)
                continue
            }
            if depth > 0 {
                if char == "(" { depth += 1 } else if char == ")" { depth -= 1 }
                cleaned.append(" ")
                continue
            }
            switch char {
            case "\"": inQuote = true; cleaned.append(char)
            case "(": depth = 1; cleaned.append(" ")
            default: cleaned.append(char)
            }
        }
        var addresses = [String]()
        var angleDepth = 0
        var piece = ""
        func flush() {
            defer { piece = "" }
            var text = piece.trimmingCharacters(in: .whitespaces)
            if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("<"), !text[..<colon].contains("@") {
                text = String(text[text.index(after: colon)...])
            }
            text = text.replacingOccurrences(of: ";", with: " ").trimmingCharacters(in: .whitespaces)
            if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
                text = String(text[text.index(after: open)..<close])
            }
            text = text.trimmingCharacters(in: .whitespaces)
            guard let at = text.lastIndex(of: "@") else { return }
            let local = text[..<at].trimmingCharacters(in: .whitespaces)
            var domain = text[text.index(after: at)...].trimmingCharacters(in: .whitespaces).lowercased()
            if domain.hasSuffix(".") { domain.removeLast() }
            guard !local.isEmpty, !domain.isEmpty, !domain.contains(" ") else { return }
            addresses.append(local + "@" + domain)
        }
        for char in cleaned {
            switch char {
            case "<": angleDepth += 1; piece.append(char)
            case ">": angleDepth = max(0, angleDepth - 1); piece.append(char)
            case "," where angleDepth == 0: flush()
            default: piece.append(char)
            }
        }
        flush()
        return addresses
    }

    /// The domain of an address (`local@domain`), lower-cased.
    public static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : domain.lowercased()
    }
}
