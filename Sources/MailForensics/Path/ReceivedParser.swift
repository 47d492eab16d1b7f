import MailDNS
import MailParsing

/// Reads one Received field tolerantly (RFC 5321 §4.4 trace fields, plus the forms Postfix, Exim, Sendmail, qmail,
/// Exchange/Office 365, Gmail, Amazon SES, SendGrid, Mimecast and Proofpoint write). Never fails: what does not fit
/// is kept in `unparsed`. Bounded: at most 8 KiB of a field and 200 tokens are read.
///
/// Words are compared on their bytes (`ReceivedText`); when the field is ASCII, as Received fields are, no word
/// is examined for other characters again.
enum ReceivedParser {
    enum Token: Equatable {
        case word(String)
        /// A parenthesized comment, the text inside the outer parentheses (nested ones kept).
        case comment(String)
        case semicolon

        var text: String {
            switch self {
            case .word(let w): return w
            case .comment(let c): return "(\(c))"
            case .semicolon: return ";"
            }
        }
    }

    /// The clause keywords of RFC 5321 §4.4, in the order the hop's fields are filled.
    static let keywords = ["from", "by", "via", "with", "id", "for"]

    /// The index in `keywords` of a word that is one of them in any case (`keywords.contains(word.lowercased())`).
    static func keywordIndex(_ word: String, ascii: Bool? = nil) -> Int? {
        let count = word.utf8.count
        guard count >= 2 else { return nil }
        guard ascii ?? ReceivedText.isASCII(word) else { return keywords.firstIndex(of: word.lowercased()) }
        guard count <= 4 else { return nil }
        return ReceivedText.withBytes(word) { bytes in
            switch ReceivedText.lowercasedASCII(bytes[0]) {
            case UInt8(ascii: "f"):
                if ReceivedText.matchesLowercased(bytes, "from", whole: true) { return 0 }
                return ReceivedText.matchesLowercased(bytes, "for", whole: true) ? 5 : nil
            case UInt8(ascii: "b"): return ReceivedText.matchesLowercased(bytes, "by", whole: true) ? 1 : nil
            case UInt8(ascii: "v"): return ReceivedText.matchesLowercased(bytes, "via", whole: true) ? 2 : nil
            case UInt8(ascii: "w"): return ReceivedText.matchesLowercased(bytes, "with", whole: true) ? 3 : nil
            case UInt8(ascii: "i"): return ReceivedText.matchesLowercased(bytes, "id", whole: true) ? 4 : nil
            default: return nil
            }
        }
    }

    /// Splits a field value into words, comments and semicolons (paren depth aware, backslash escapes honoured).
    static func tokenize(_ value: String) -> [Token] {
        ReceivedText.withBytes(value) { tokenize(bytes: UnsafeBufferPointer(rebasing: $0.prefix(8192))) }
    }

    static func tokenize(bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(24)
        var i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        while i < bytes.count, tokens.count < 200 {
            let b = bytes[i]
            if isSpace(b) { i += 1; continue }
            if b == UInt8(ascii: ";") { tokens.append(.semicolon); i += 1; continue }
            if b == UInt8(ascii: "(") {
                var depth = 1
                var j = i + 1
                while j < bytes.count, depth > 0 {
                    switch bytes[j] {
                    case UInt8(ascii: "\\"): j += 1
                    case UInt8(ascii: "("): depth += 1
                    case UInt8(ascii: ")"): depth -= 1
                    default: break
                    }
                    j += 1
                }
                let end = depth == 0 ? j - 1 : Swift.min(j, bytes.count)
                tokens.append(.comment(ReceivedText.collapse(UnsafeBufferPointer(rebasing: bytes[Swift.min(i + 1, end)..<end]))))
                i = j
                continue
            }
            var j = i
            while j < bytes.count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ";"), bytes[j] != UInt8(ascii: "(") { j += 1 }
            tokens.append(.word(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self)))
            i = j
        }
        return tokens
    }

    /// The tokens' texts joined with single spaces (`tokens.map(\.text).joined(separator: " ")`), appended to `out`.
    static func appendJoined(_ tokens: ArraySlice<Token>, to out: inout String) {
        for (n, token) in tokens.enumerated() {
            if n > 0 { out += " " }
            switch token {
            case .word(let w): out += w
            case .comment(let c): out += "("; out += c; out += ")"
            case .semicolon: out += ";"
            }
        }
    }

    static func joined(_ tokens: ArraySlice<Token>) -> String {
        var out = ""
        appendJoined(tokens, to: &out)
        return out
    }

    /// Parses one Received (or X-Received) field value into a hop; numbering and delays are set by the path builder.
    static func parse(_ value: String, field: String = "Received", firstLine: Int = 0, lastLine: Int = 0) -> ReceivedHop {
        // true: every word is ASCII; nil: each is looked at where it matters.
        let ascii: Bool? = ReceivedText.isASCII(value) ? true : nil
        var hop = ReceivedHop(field: field, headerLine: firstLine, lastLine: lastLine, raw: ReceivedText.collapse(value))
        let tokens = tokenize(value)
        guard !tokens.isEmpty else { return hop }
        hop.confidence.reserveCapacity(10)

        // The date follows the last top-level semicolon; without one, look for a trailing date with a time of day.
        var clauseEnd = tokens.count
        if let semi = tokens.lastIndex(of: .semicolon) {
            clauseEnd = semi
            let dateTokens = tokens[(semi + 1)...]
            if let ms = DateParser.parse(joined(dateTokens))?.millisecondsSince1970 {
                setDate(&hop, ms, .high)
            } else if !dateTokens.isEmpty {
                hop.confidence["date"] = .low
            }
        } else {
            for start in tokens.indices where tokens[start] != .semicolon {
                if start > 0, case .word(let w) = tokens[start - 1], keywordIndex(w, ascii: ascii) != nil { continue }
                if let ms = DateParser.parseExact(joined(tokens[start...]))?.millisecondsSince1970 {
                    setDate(&hop, ms, start == 0 ? .medium : .low)
                    clauseEnd = start
                    break
                }
            }
        }
        var clauseTokens: [Token] = []
        clauseTokens.reserveCapacity(clauseEnd)
        for token in tokens[..<clauseEnd] where token != .semicolon { clauseTokens.append(token) }

        // Clauses: a keyword word at top level starts one; its value runs to the next keyword. The words before the
        // first keyword are the leading text.
        var clauses: [(key: Int, value: Range<Int>)] = []
        clauses.reserveCapacity(keywords.count)
        var leadingEnd = clauseTokens.count
        var open: (key: Int, start: Int)?
        for (i, token) in clauseTokens.enumerated() {
            guard case .word(let w) = token, let key = keywordIndex(w, ascii: ascii) else { continue }
            if let open { clauses.append((open.key, open.start..<i)) } else { leadingEnd = i }
            open = (key, i + 1)
        }
        if let open { clauses.append((open.key, open.start..<clauseTokens.count)) }

        /// The values of a clause as written, repeated clauses joined with "; ".
        func text(_ key: Int) -> String? {
            var out: String?
            for clause in clauses where clause.key == key && !clause.value.isEmpty {
                if out == nil { out = "" } else { out! += "; " }
                appendJoined(clauseTokens[clause.value], to: &out!)
            }
            return out
        }
        func firstValue(_ key: Int) -> ArraySlice<Token>? {
            clauses.first { $0.key == key }.map { clauseTokens[$0.value] }
        }
        hop.from = text(0)
        hop.by = text(1)
        hop.via = text(2)
        hop.with = text(3)
        hop.id = text(4)
        hop.for = text(5)
        for key in keywords.indices where clauses.contains(where: { $0.key == key }) { hop.confidence[keywords[key]] = .high }

        // qmail writes only a comment: "(qmail 10876 invoked from network)"; it is the local host's record.
        if clauses.isEmpty, leadingEnd == 1, case .comment(let c) = clauseTokens[0] {
            hop.by = c
            hop.confidence["by"] = .medium
            leadingEnd = 0
        }
        if leadingEnd > 0 { hop.unparsed = joined(clauseTokens[..<leadingEnd]) }

        if let fromTokens = firstValue(0) { readClient(fromTokens, ascii: ascii, into: &hop) }
        if case .word(let host)? = firstValue(1)?.first {
            hop.byHost = ReceivedText.trimHost(host)
        }
        if let withTokens = firstValue(3) {
            var words: [String] = []
            for token in withTokens.prefix(4) {
                guard case .word(let w) = token else { break }
                words.append(w)
            }
            if !words.isEmpty { hop.protocolName = words.joined(separator: " ") }
        }
        readTLS(tokens, ascii: ascii, into: &hop)
        hop.envelopeFrom = envelopeFrom(tokens, ascii: ascii)
        return hop
    }

    static func setDate(_ hop: inout ReceivedHop, _ ms: Int64, _ confidence: ParseConfidence) {
        hop.epochMillis = ms
        hop.timestamp = DateParser.iso8601(millis: ms)
        hop.confidence["date"] = confidence
    }

    /// Reads HELO name, reverse-DNS name and IP from the `from` clause in its many shapes:
    /// `helo (rdns [ip])` (Postfix, Sendmail, Gmail), `helo (ip)` (Exchange), `rdns ([ip] helo=name)` (Exim),
    /// `[ip] (helo=name)`, `unknown (HELO name) (ip)` (qmail), `(rdns [ip] (may be forged))`.
    static func readClient(_ tokens: ArraySlice<Token>, ascii: Bool? = nil, into hop: inout ReceivedHop) {
        var first: String?
        if case .word(let w)? = tokens.first { first = w }
        var heloFromComment: String?
        var rdns: String?
        var ip: IPAddress?
        var ipConfidence = ParseConfidence.high
        for token in tokens.dropFirst(first == nil ? 0 : 1) {
            guard case .comment(let c) = token else { continue }
            let parts = ReceivedText.words(c, ascii: ascii)
            for (n, part) in parts.enumerated() {
                if ReceivedText.hasLowercasedPrefix(part, "helo=", ascii: ascii) || ReceivedText.hasLowercasedPrefix(part, "ehlo=", ascii: ascii) {
                    heloFromComment = String(part.dropFirst(5))
                } else if ReceivedText.equalsLowercased(part, "helo", ascii: ascii) || ReceivedText.equalsLowercased(part, "ehlo", ascii: ascii),
                          n + 1 < parts.count {
                    heloFromComment = String(parts[n + 1])
                } else if ReceivedText.hasPrefix(part, "[", ascii: ascii) {
                    var inner = part.dropFirst()
                    if let close = inner.firstIndex(of: "]") { inner = inner[..<close] }
                    if ip == nil, let a = IPAddress(inner, accepting: .header) {
                        ip = a
                        if n > 0, rdns == nil {
                            let name = parts[n - 1]
                            if ReceivedText.contains(name, ".", ascii: ascii), IPAddress(name, accepting: .header) == nil,
                               !ReceivedText.hasLowercasedPrefix(name, "helo", ascii: ascii) { rdns = ReceivedText.trimHost(String(name)) }
                        }
                    }
                } else if ip == nil, parts.count == 1, let a = IPAddress(part, accepting: .header) {
                    ip = a
                    ipConfidence = .medium
                } else if ip == nil, n == 0, let a = IPAddress(hostPart(part, ascii: ascii), accepting: .header) {
                    ip = a
                    ipConfidence = .medium
                }
            }
        }
        if let first, ReceivedText.hasPrefix(first, "[", ascii: ascii), ip == nil, let a = IPAddress(first, accepting: .header) {
            ip = a
        }
        if let heloFromComment {
            hop.helo = ReceivedText.trimHost(heloFromComment)
            hop.confidence["helo"] = .medium
            if let first, !ReceivedText.hasPrefix(first, "[", ascii: ascii), !ReceivedText.equalsLowercased(first, "unknown", ascii: ascii), rdns == nil {
                rdns = ReceivedText.trimHost(first)
            }
        } else if let first {
            hop.helo = ReceivedText.trimHost(first)
            hop.confidence["helo"] = .high
        }
        if let rdns, !ReceivedText.equalsLowercased(rdns, "unknown", ascii: ascii) {
            hop.reverseDNS = rdns
            hop.confidence["reverseDNS"] = .medium
        }
        if let ip {
            hop.ip = ip.description
            hop.ipScope = ip.scope
            hop.confidence["ip"] = ipConfidence
        }
    }

    /// `host:port` without the port; the text itself unless it has exactly one colon-separated pair of parts.
    static func hostPart(_ part: Substring, ascii: Bool? = nil) -> Substring {
        let pieces = ReceivedText.colonSeparated(part, ascii: ascii)
        return pieces.count == 2 ? pieces[0] : part
    }

    /// Protocol names of RFC 3848 (and common variants) that mean the hop used TLS.
    static let tlsProtocols: Set<String> = ["ESMTPS", "ESMTPSA", "LMTPS", "LMTPSA", "HTTPS", "SMTPS", "UTF8SMTPS", "UTF8SMTPSA", "ESMTPTLS"]

    /// TLS as recorded: `(version=TLS1_2, cipher=...)` (Exchange, Gmail), `(using TLSv1.3 with cipher X ...)` (Postfix),
    /// `esmtps (TLS1.3) tls CIPHER` (Exim), or an ESMTPS/ESMTPSA/LMTPS/HTTPS protocol (RFC 3848).
    static func readTLS(_ tokens: [Token], ascii: Bool? = nil, into hop: inout ReceivedHop) {
        var version: String?
        var cipher: String?
        for (n, token) in tokens.enumerated() {
            switch token {
            case .comment(let c):
                // Every test below needs an "=", "tls" or "cipher" in the comment: in ASCII, one look tells.
                if ascii == true, !mayRecordTLS(c) { continue }
                let parts = ReceivedText.words(c, ascii: ascii)
                for (k, part) in parts.enumerated() {
                    if ReceivedText.hasLowercasedPrefix(part, "version=", ascii: ascii) { version = String(part.dropFirst(8)) }
                    else if ReceivedText.hasLowercasedPrefix(part, "cipher=", ascii: ascii) { cipher = String(part.dropFirst(7)) }
                    else if ReceivedText.hasLowercasedPrefix(part, "tlsv", ascii: ascii) || ReceivedText.hasLowercasedPrefix(part, "tls1", ascii: ascii) {
                        version = version ?? String(part)
                    }
                    else if ReceivedText.equalsLowercased(part, "cipher", ascii: ascii), k + 1 < parts.count { cipher = cipher ?? String(parts[k + 1]) }
                }
            case .word(let w):
                if ReceivedText.equalsLowercased(w, "tls", ascii: ascii), n + 1 < tokens.count, case .word(let c) = tokens[n + 1] { cipher = cipher ?? c }
            case .semicolon:
                break
            }
        }
        let tlsProtocol = hop.protocolName.map { tlsProtocols.contains($0.uppercased()) } ?? false
        if version != nil || cipher != nil || tlsProtocol {
            hop.tls = true
            let detail = [version, cipher].compactMap { $0 }.joined(separator: " ")
            if !detail.isEmpty { hop.tlsDetail = detail }
        } else if hop.protocolName != nil {
            hop.tls = false
        }
    }

    /// Whether an ASCII comment has an "=", or "tls" or "cipher" in any case.
    static func mayRecordTLS(_ comment: String) -> Bool {
        ReceivedText.withBytes(comment) { bytes in
            for start in bytes.indices {
                switch ReceivedText.lowercasedASCII(bytes[start]) {
                case UInt8(ascii: "="): return true
                case UInt8(ascii: "t") where ReceivedText.matchesLowercased(UnsafeBufferPointer(rebasing: bytes[start...]), "tls", whole: false):
                    return true
                case UInt8(ascii: "c") where ReceivedText.matchesLowercased(UnsafeBufferPointer(rebasing: bytes[start...]), "cipher", whole: false):
                    return true
                default: continue
                }
            }
            return false
        }
    }

    /// `(envelope-from <a@b>)` (Exim, PowerMTA), `envelope-from=<a@b>`, or `(envelope-from a@b)`.
    static func envelopeFrom(_ tokens: [Token], ascii: Bool? = nil) -> String? {
        for token in tokens {
            guard case .comment(let c) = token, let end = endOfEnvelopeFrom(c, ascii: ascii) else { continue }
            var rest = c[end...].drop(while: { $0 == " " || $0 == "=" || $0 == ":" })
            if rest.hasPrefix("<") {
                rest = rest.dropFirst()
                return String(rest.prefix(while: { $0 != ">" }))
            }
            let word = rest.prefix(while: { $0 != " " && $0 != ")" })
            return word.isEmpty ? nil : String(word)
        }
        return nil
    }

    /// Where the first "envelope-from" (any case) in a comment ends: `c.lowercased().range(of: "envelope-from")`,
    /// searched byte by byte in ASCII text.
    static func endOfEnvelopeFrom(_ c: String, ascii: Bool? = nil) -> String.Index? {
        guard ascii ?? ReceivedText.isASCII(c) else {
            let lower = c.lowercased()
            guard let end = lower.range(of: "envelope-from")?.upperBound else { return nil }
            // Lower-casing can lengthen the text (İ becomes i and U+0307): an end beyond the comment is its end.
            return lower.utf8.distance(from: lower.startIndex, to: end) <= c.utf8.count ? end : c.endIndex
        }
        let found = ReceivedText.withBytes(c) { bytes -> Int? in
            let needle: StaticString = "envelope-from"
            guard bytes.count >= needle.utf8CodeUnitCount else { return nil }
            for start in 0...(bytes.count - needle.utf8CodeUnitCount)
            where ReceivedText.matchesLowercased(UnsafeBufferPointer(rebasing: bytes[start...]), needle, whole: false) {
                return start + needle.utf8CodeUnitCount
            }
            return nil
        }
        return found.map { c.utf8.index(c.utf8.startIndex, offsetBy: $0) }
    }
}
