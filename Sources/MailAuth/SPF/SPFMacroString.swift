import MailDNS

/// A parsed SPF macro-string or explain-string (RFC 7208 §7.1), ready to expand.
public struct SPFMacroString: Sendable, Hashable, CustomStringConvertible {
    /// One piece: literal text or a `%{...}` macro.
    enum Part: Sendable, Hashable {
        case literal(String)
        case macro(letter: Character, uppercase: Bool, digits: Int?, reverse: Bool, delimiters: [Character])
    }

    let parts: [Part]
    /// The text as written in the record.
    public let description: String

    /// True when the string uses `%{p}` (which needs a PTR lookup to expand).
    var usesValidatedName: Bool {
        parts.contains { if case let .macro(letter, _, _, _, _) = $0 { return letter == "p" }; return false }
    }

    /// Parses `text`; nil on a syntax error. `explanation` allows spaces and the `c r t` letters (§7.2, §6.2).
    init?(_ text: String, explanation: Bool = false) {
        var parts = [Part]()
        var literal = ""
        let chars = Array(text.unicodeScalars)
        var index = 0
        func isLiteral(_ scalar: Unicode.Scalar) -> Bool {
            (0x21...0x7E).contains(scalar.value) && scalar != "%" || (explanation && scalar == " ")
        }
        while index < chars.count {
            let scalar = chars[index]
            if scalar != "%" {
                guard isLiteral(scalar) else { return nil }
                literal.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            guard index + 1 < chars.count else { return nil }
            let next = chars[index + 1]
            switch next {
            case "%": literal += "%"; index += 2; continue
            case "_": literal += " "; index += 2; continue
            case "-": literal += "%20"; index += 2; continue
            case "{": break
            default: return nil
            }
            var end = index + 2
            while end < chars.count, chars[end] != "}" { end += 1 }
            guard end < chars.count, end > index + 2 else { return nil }
            let body = Array(chars[(index + 2)..<end])
            guard let letterScalar = body.first, letterScalar.isASCII else { return nil }
            let lower = Character(String(letterScalar).lowercased())
            let allowed: Set<Character> = explanation ? ["s", "l", "o", "d", "i", "p", "h", "c", "r", "t", "v"]
                                                      : ["s", "l", "o", "d", "i", "p", "h", "v"]
            guard allowed.contains(lower) else { return nil }
            var position = 1
            var digitText = ""
            while position < body.count, ("0"..."9").contains(body[position]) {
                digitText.unicodeScalars.append(body[position])
                position += 1
            }
            var digits: Int?
            if !digitText.isEmpty {
                guard let value = Int(digitText.prefix(4)), value > 0 else { return nil }
                digits = value
            }
            var reverse = false
            if position < body.count, body[position] == "r" || body[position] == "R" { reverse = true; position += 1 }
            var delimiters = [Character]()
            while position < body.count {
                guard ".-+,/_=".unicodeScalars.contains(body[position]) else { return nil }
                delimiters.append(Character(body[position]))
                position += 1
            }
            if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
            parts.append(.macro(letter: lower, uppercase: letterScalar.properties.isUppercase, digits: digits,
                                reverse: reverse, delimiters: delimiters))
            index = end + 1
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
        self.description = text
    }

    /// Expands the string with `context`; `validatedName` is the `%{p}` value when the caller looked it up.
    func expand(_ context: SPFMacroContext, validatedName: String? = nil) -> String {
        var out = ""
        for part in parts {
            switch part {
            case let .literal(text):
                out += text
            case let .macro(letter, uppercase, digits, reverse, delimiters):
                let value = context.value(of: letter, validatedName: validatedName)
                let splitOn = delimiters.isEmpty ? ["."] : delimiters
                var pieces = value.split(omittingEmptySubsequences: false) { splitOn.contains($0) }.map(String.init)
                if reverse { pieces.reverse() }
                if let digits, digits < pieces.count { pieces = Array(pieces.suffix(digits)) }
                let joined = pieces.joined(separator: ".")
                out += uppercase ? SPFMacroString.urlEscape(joined) : joined
            }
        }
        return out
    }

    /// RFC 3986 escaping of everything outside the unreserved set (§7.3, upper-case macro letters).
    static func urlEscape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || "-._~".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

/// The values SPF macros expand to (RFC 7208 §7.2).
struct SPFMacroContext: Sendable {
    var sender: String
    var localPart: String
    var senderDomain: String
    var domain: String
    var ip: IPAddress
    var helo: String
    var receiver: String
    var timestamp: Int?

    func value(of letter: Character, validatedName: String?) -> String {
        switch letter {
        case "s": return sender
        case "l": return localPart
        case "o": return senderDomain
        case "d": return domain
        case "i": return ip.macroForm
        case "p": return validatedName ?? "unknown"
        case "v": return ip.isIPv4 ? "in-addr" : "ip6"
        case "h": return helo
        case "c": return ip.description
        case "r": return receiver
        case "t": return timestamp.map(String.init) ?? "0"
        default: return ""
        }
    }
}

fileprivate extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
