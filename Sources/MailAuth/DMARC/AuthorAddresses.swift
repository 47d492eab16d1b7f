import Foundation

/// The addresses of RFC5322.From, the identifier DMARC protects (RFC 7489 §3.1, §6.6.1; RFC 5322 §3.4).
/// A small tolerant reader: quoted display names, comments, angle addresses and groups; never fails, never loops.
public enum AuthorAddresses {
    /// The addresses in one From field value, in order (`local@domain`, domain lower-cased).
    public static func parse(_ value: String) -> [String] {
        // Nearly every From value is ASCII: read those as bytes (the same rules, an order of magnitude faster
        // than walking Characters); anything else takes the Character path below.
        if value.utf8.allSatisfy({ $0 < 0x80 }) { return ASCIIReader.parse(Array(value.utf8)) }
        return parseCharacters(value)
    }

    /// The general reader, one Character at a time.
    static func parseCharacters(_ value: String) -> [String] {
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

    /// The same reader over ASCII bytes. A CR LF pair is one Character in Swift, so it is kept as one unit here
    /// too (counted once against the length limit, never special), which keeps the two readers identical.
    enum ASCIIReader {
        static let space: UInt8 = 0x20, tab: UInt8 = 0x09, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), open = UInt8(ascii: "("), close = UInt8(ascii: ")")
        static let less = UInt8(ascii: "<"), greater = UInt8(ascii: ">"), comma = UInt8(ascii: ","), at = UInt8(ascii: "@")
        static let colon = UInt8(ascii: ":"), semicolon = UInt8(ascii: ";"), dot = UInt8(ascii: ".")

        static func parse(_ bytes: [UInt8]) -> [String] {
            var cleaned = [UInt8]()
            cleaned.reserveCapacity(min(bytes.count, 16_384 * 2))
            var depth = 0
            var inQuote = false
            var escaped = false
            var index = 0
            var units = 0
            while index < bytes.count, units < 16_384 {
                let byte = bytes[index]
                let width = byte == cr && index + 1 < bytes.count && bytes[index + 1] == lf ? 2 : 1
                let unit = bytes[index..<index + width]
                index += width
                units += 1
                // Only single bytes can be special; a CR LF unit behaves as an ordinary character.
                let char: UInt8? = width == 1 ? byte : nil
                if escaped {
                    escaped = false
                    if inQuote || depth > 0 { cleaned.append(space) } else { cleaned.append(contentsOf: unit) }
                    continue
                }
                if char == backslash { escaped = true; if !(inQuote || depth > 0) { cleaned.append(byte) }; continue }
                if inQuote {
                    if char == quote { inQuote = false }
                    if char == comma || char == less || char == greater || char == at { cleaned.append(space) } else { cleaned.append(contentsOf: unit) }
                    continue
                }
                if depth > 0 {
                    if char == open { depth += 1 } else if char == close { depth -= 1 }
                    cleaned.append(space)
                    continue
                }
                switch char {
                case quote: inQuote = true; cleaned.append(byte)
                case open: depth = 1; cleaned.append(space)
                default: cleaned.append(contentsOf: unit)
                }
            }
            var addresses = [String]()
            var angleDepth = 0
            var start = 0
            for (position, byte) in cleaned.enumerated() {
                switch byte {
                case less: angleDepth += 1
                case greater: angleDepth = max(0, angleDepth - 1)
                case comma where angleDepth == 0:
                    if let address = address(in: cleaned[start..<position]) { addresses.append(address) }
                    start = position + 1
                default: break
                }
            }
            if let address = address(in: cleaned[start...]) { addresses.append(address) }
            return addresses
        }

        /// One comma-separated piece: the group name and `;` dropped, the angle address taken, split at the last `@`.
        static func address(in piece: ArraySlice<UInt8>) -> String? {
            var text = trimmed(piece)
            if let colon = text.firstIndex(of: colon), !text[..<colon].contains(less), !text[..<colon].contains(at) {
                text = text[(colon + 1)...]
            }
            text = trimmed(ArraySlice(text.map { $0 == semicolon ? space : $0 }))
            if let open = text.lastIndex(of: less), let close = text[open...].firstIndex(of: greater) {
                text = text[(open + 1)..<close]
            }
            text = trimmed(text)
            guard let atSign = text.lastIndex(of: at) else { return nil }
            let local = trimmed(text[..<atSign])
            var domain = Array(trimmed(text[(atSign + 1)...])).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            if domain.last == dot { domain.removeLast() }
            guard !local.isEmpty, !domain.isEmpty, !domain.contains(space) else { return nil }
            return String(decoding: local, as: UTF8.self) + "@" + String(decoding: domain, as: UTF8.self)
        }

        /// Without leading and trailing spaces and tabs (what `.whitespaces` means for ASCII).
        static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var slice = bytes
            while let first = slice.first, first == space || first == tab { slice.removeFirst() }
            while let last = slice.last, last == space || last == tab { slice.removeLast() }
            return slice
        }
    }

    /// The domain of an address (`local@domain`), lower-cased.
    public static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : domain.lowercased()
    }
}
