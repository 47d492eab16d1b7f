/// Splits master-file bytes into logical lines of tokens (RFC 1035 §5.1): comments, parentheses that
/// join physical lines, quoted character-strings, `\X` and `\DDD` escapes. Linear in the input.
struct ZoneFileLexer {
    /// One token. `text` has every escape decoded (for character-strings); `nameText` keeps `\.` and `\\`
    /// escaped so that names keep their label boundaries.
    struct Token {
        var text: [UInt8] = []
        var nameText: [UInt8] = []
        var quoted = false
        var line: Int
        /// True when the token is exactly `@` or starts with `$`, written without escapes.
        var plainFirstByte: UInt8?

        var string: String { String(decoding: text, as: UTF8.self) }
    }

    /// The tokens of one entry, which may span several physical lines inside parentheses.
    struct LogicalLine {
        var tokens: [Token]
        /// True when the physical line began with a space or tab (the owner is the previous one).
        var leadingBlank: Bool
        var line: Int
    }

    /// A lexical error at a line; the rest of that logical line is dropped.
    struct Failure {
        var line: Int
        var message: String
    }

    static func lex(_ bytes: [UInt8]) -> (lines: [LogicalLine], failures: [Failure]) {
        var lexer = ZoneFileLexer(bytes: bytes)
        lexer.run()
        return (lexer.lines, lexer.failures)
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lines: [LogicalLine] = []
    private var failures: [Failure] = []
    private var tokens: [Token] = []
    private var leadingBlank = false
    private var startLine = 1
    private var atLineStart = true
    private var inParentheses = false
    private var parenthesisLine = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    private static let semicolon = UInt8(ascii: ";"), open = UInt8(ascii: "("), close = UInt8(ascii: ")")
    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    private mutating func run() {
        while index < bytes.count {
            let byte = bytes[index]
            if atLineStart {
                atLineStart = false
                if !inParentheses {
                    leadingBlank = byte == Self.space || byte == Self.tab
                    startLine = line
                }
            }
            switch byte {
            case Self.lf:
                index += 1
                if !inParentheses { finishLine() }
                line += 1
                atLineStart = true
            case Self.space, Self.tab, Self.cr:
                index += 1
            case Self.semicolon:
                skipToEndOfLine()
            case Self.open:
                index += 1
                guard !inParentheses else { fail("'(' inside parentheses: close the first '(' before opening another"); continue }
                inParentheses = true
                parenthesisLine = line
            case Self.close:
                index += 1
                guard inParentheses else { fail("')' without a matching '('"); continue }
                inParentheses = false
            case Self.quote:
                readQuoted()
            default:
                readUnquoted()
            }
        }
        if inParentheses {
            failures.append(Failure(line: parenthesisLine, message: "'(' is never closed"))
            tokens.removeAll()
            inParentheses = false
        }
        finishLine()
    }

    private mutating func finishLine() {
        if !tokens.isEmpty {
            lines.append(LogicalLine(tokens: tokens, leadingBlank: leadingBlank, line: startLine))
        }
        tokens.removeAll()
    }

    private mutating func skipToEndOfLine() {
        while index < bytes.count, bytes[index] != Self.lf { index += 1 }
    }

    /// Records an error, drops the logical line (up to its closing parenthesis) and continues after it.
    private mutating func fail(_ message: String) {
        failures.append(Failure(line: line, message: message))
        tokens.removeAll()
        if inParentheses {
            while index < bytes.count, bytes[index] != Self.close {
                if bytes[index] == Self.lf { line += 1 }
                index += 1
            }
            inParentheses = false
        }
        skipToEndOfLine()
    }

    private mutating func readQuoted() {
        var token = Token(quoted: true, line: line)
        index += 1
        while true {
            guard index < bytes.count, bytes[index] != Self.lf else {
                fail("a quoted string is not closed on this line (a '\"' inside a string is written \\\")")
                return
            }
            if bytes[index] == Self.quote { index += 1; break }
            guard consume(into: &token) else { return }
        }
        tokens.append(token)
    }

    private mutating func readUnquoted() {
        var token = Token(line: line)
        let first = bytes[index]
        if first != Self.backslash { token.plainFirstByte = first }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.space || byte == Self.tab || byte == Self.cr || byte == Self.lf || byte == Self.semicolon
                || byte == Self.open || byte == Self.close || byte == Self.quote { break }
            guard consume(into: &token) else { return }
        }
        tokens.append(token)
    }

    /// Adds the byte or escape at `index` to the token; false when an escape was malformed (already reported).
    private mutating func consume(into token: inout Token) -> Bool {
        let byte = bytes[index]
        guard byte != Self.backslash else { return readEscape(into: &token) }
        token.text.append(byte)
        token.nameText.append(byte)
        index += 1
        return true
    }

    /// Reads `\X` or `\DDD` at `index`; false (after recording the error) when malformed.
    private mutating func readEscape(into token: inout Token) -> Bool {
        guard index + 1 < bytes.count, bytes[index + 1] != Self.lf else {
            fail("a backslash at the end of a line escapes nothing")
            return false
        }
        let next = bytes[index + 1]
        var value: UInt8
        if isDigit(next) {
            guard index + 3 < bytes.count, isDigit(bytes[index + 2]), isDigit(bytes[index + 3]) else {
                fail("a \\DDD escape needs exactly three decimal digits")
                return false
            }
            let number = Int(next - 48) * 100 + Int(bytes[index + 2] - 48) * 10 + Int(bytes[index + 3] - 48)
            guard number <= 255 else {
                fail("\\\(number) is not a byte (a \\DDD escape is at most \\255)")
                return false
            }
            value = UInt8(number)
            index += 4
        } else {
            value = next
            index += 2
        }
        token.text.append(value)
        if value == UInt8(ascii: ".") || value == Self.backslash { token.nameText.append(Self.backslash) }
        token.nameText.append(value)
        return true
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
