/// Splits a structured header value (RFC 8601 §2.2, RFC 7208 §9.1) into words, `=`, `;`, quoted strings
/// and comments; linear in the input, tolerant of anything (unbalanced parentheses or quotes end at the end).
struct ResultsLexer {
    /// One lexical element; `spaced` tells whether white space or a comment came before it.
    enum Kind: Hashable {
        case word(String)
        case quoted(String)
        case comment(String)
        case equals
        case semicolon
    }

    struct Token: Hashable {
        var kind: Kind
        var spaced: Bool
    }

    /// The longest value looked at; longer input is cut (a defect is recorded by the caller).
    static let maximumLength = 65_536

    static func tokens(_ text: String) -> [Token] {
        let bytes = Array(text.utf8.prefix(maximumLength))
        var out: [Token] = []
        var index = 0
        var spaced = true
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A:
                spaced = true
                index += 1
                continue
            case UInt8(ascii: "("):
                let (content, next) = comment(bytes, from: index)
                out.append(Token(kind: .comment(content), spaced: spaced))
                index = next
                spaced = true
                continue
            case UInt8(ascii: "\""):
                let (content, next) = quoted(bytes, from: index)
                out.append(Token(kind: .quoted(content), spaced: spaced))
                index = next
            case UInt8(ascii: "="):
                out.append(Token(kind: .equals, spaced: spaced))
                index += 1
            case UInt8(ascii: ";"):
                out.append(Token(kind: .semicolon, spaced: spaced))
                index += 1
            default:
                var end = index
                while end < bytes.count, !isDelimiter(bytes[end]) { end += 1 }
                out.append(Token(kind: .word(String(decoding: bytes[index..<end], as: UTF8.self)), spaced: spaced))
                index = end
            }
            spaced = false
        }
        return out
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: "("), UInt8(ascii: "\""), UInt8(ascii: "="), UInt8(ascii: ";"): return true
        default: return false
        }
    }

    /// A comment with nesting and quoted-pairs (RFC 5322 §3.2.2); returns the text inside the outer parentheses.
    static func comment(_ bytes: [UInt8], from start: Int) -> (String, Int) {
        var depth = 0
        var index = start
        var content: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                content.append(bytes[index + 1])
                index += 2
                continue
            }
            if byte == UInt8(ascii: "(") {
                depth += 1
                if depth > 1 { content.append(byte) }
            } else if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return (unfold(content), index + 1) }
                content.append(byte)
            } else {
                content.append(byte)
            }
            index += 1
        }
        return (unfold(content), index)
    }

    /// A quoted string with quoted-pairs; returns its content.
    static func quoted(_ bytes: [UInt8], from start: Int) -> (String, Int) {
        var index = start + 1
        var content: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                content.append(bytes[index + 1])
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\"") { return (unfold(content), index + 1) }
            content.append(byte)
            index += 1
        }
        return (unfold(content), index)
    }

    /// Folded white space inside a comment or quoted string becomes one space.
    static func unfold(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
                pendingSpace = true
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
