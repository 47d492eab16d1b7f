import MailDNS
import MailParsing

/// Reads one Received field tolerantly (RFC 5321 §4.4 trace fields, plus the forms Postfix, Exim, Sendmail, qmail,
/// Exchange/Office 365, Gmail, Amazon SES, SendGrid, Mimecast and Proofpoint write). Never fails: what does not fit
/// is kept in `unparsed`. Bounded: at most 8 KiB of a field and 200 tokens are read.
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
    static func keywordIndex(_ word: String) -> Int? {
        let count = word.utf8.count
        guard count >= 2 else { return nil }
        guard ReceivedText.isASCII(word) else { return keywords.firstIndex(of: word.lowercased()) }
        guard count <= 4 else { return nil }
        return keywords.firstIndex { ReceivedText.equalsLowercased(word, $0) }
    }

    /// Splits a field value into words, comments and semicolons (paren depth aware, backslash escapes honoured).
    static func tokenize(_ value: String) -> [Token] {
        let bytes = Array(value.utf8.prefix(8192))
        var tokens: [Token] = []
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
                tokens.append(.comment(ReceivedText.collapse(bytes[Swift.min(i + 1, end)..<end])))
                i = j
                continue
            }
            var j = i
            while j < bytes.count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ";"), bytes[j] != UInt8(ascii: "(") { j += 1 }
            tokens.append(.word(String(decoding: bytes[i..<j], as: UTF8.self)))
            i = j
        }
        return tokens
    }

    /// Parses one Received (or X-Received) field value into a hop; numbering and delays are set by the path builder.
    static func parse(_ value: String, field: String = "Received", firstLine: Int = 0, lastLine: Int = 0) -> ReceivedHop {
        var hop = ReceivedHop(field: field, headerLine: firstLine, lastLine: lastLine, raw: ReceivedText.collapse(value))
        let tokens = tokenize(value)
        guard !tokens.isEmpty else { return hop }

        // The date follows the last top-level semicolon; without one, look for a trailing date with a time of day.
        var clauseTokens = tokens
        var dateTokens: [Token] = []
        if let semi = tokens.lastIndex(of: .semicolon) {
            clauseTokens = Array(tokens[..<semi])
            dateTokens = Array(tokens[(semi + 1)...])
            let dateText = dateTokens.map(\.text).joined(separator: " ")
            if let ms = DateParser.parse(dateText)?.millisecondsSince1970 {
                setDate(&hop, ms, .high)
            } else if !dateTokens.isEmpty {
                hop.confidence["date"] = .low
            }
        } else {
            let words = tokens.count
            for start in 0..<words where tokens[start] != .semicolon {
                if start > 0, case .word(let w) = tokens[start - 1], keywordIndex(w) != nil { continue }
                let suffix = tokens[start...].map(\.text).joined(separator: " ")
                if let ms = DateParser.parseExact(suffix)?.millisecondsSince1970 {
                    setDate(&hop, ms, start == 0 ? .medium : .low)
                    clauseTokens = Array(tokens[..<start])
                    dateTokens = Array(tokens[start...])
                    break
                }
            }
        }
        clauseTokens.removeAll { $0 == .semicolon }

        // Clauses: a keyword word at top level starts one; its value runs to the next keyword.
        var clauses = [[[Token]]](repeating: [], count: keywords.count)
        var current: Int?
        var leading: [Token] = []
        var currentValue: [Token] = []
        func close() {
            guard let key = current else { return }
            clauses[key].append(currentValue)
            currentValue = []
        }
        for token in clauseTokens {
            if case .word(let w) = token, let key = keywordIndex(w) {
                close()
                current = key
                continue
            }
            if current == nil { leading.append(token) } else { currentValue.append(token) }
        }
        close()

        func text(_ key: Int) -> String? {
            let joined = clauses[key].map { $0.map(\.text).joined(separator: " ") }.filter { !$0.isEmpty }
            return joined.isEmpty ? nil : joined.joined(separator: "; ")
        }
        hop.from = text(0)
        hop.by = text(1)
        hop.via = text(2)
        hop.with = text(3)
        hop.id = text(4)
        hop.for = text(5)
        for (key, values) in clauses.enumerated() where !values.isEmpty { hop.confidence[keywords[key]] = .high }

        // qmail writes only a comment: "(qmail 10876 invoked from network)"; it is the local host's record.
        if clauses.allSatisfy(\.isEmpty), leading.count == 1, case .comment(let c) = leading[0] {
            hop.by = c
            hop.confidence["by"] = .medium
            leading = []
        }
        if !leading.isEmpty { hop.unparsed = leading.map(\.text).joined(separator: " ") }

        if let fromTokens = clauses[0].first { readClient(fromTokens, into: &hop) }
        if let byTokens = clauses[1].first, case .word(let host)? = byTokens.first {
            hop.byHost = ReceivedText.trimHost(host)
        }
        if let withTokens = clauses[3].first {
            var words: [String] = []
            for token in withTokens {
                guard case .word(let w) = token else { break }
                words.append(w)
            }
            if !words.isEmpty { hop.protocolName = words.prefix(4).joined(separator: " ") }
        }
        readTLS(tokens, into: &hop)
        hop.envelopeFrom = envelopeFrom(tokens)
        _ = dateTokens
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
    static func readClient(_ tokens: [Token], into hop: inout ReceivedHop) {
        var first: String?
        if case .word(let w)? = tokens.first { first = w }
        var heloFromComment: String?
        var rdns: String?
        var ip: IPAddress?
        var ipConfidence = ParseConfidence.high
        for token in tokens.dropFirst(first == nil ? 0 : 1) {
            guard case .comment(let c) = token else { continue }
            let parts = ReceivedText.words(c)
            for (n, part) in parts.enumerated() {
                if ReceivedText.hasLowercasedPrefix(part, "helo=") || ReceivedText.hasLowercasedPrefix(part, "ehlo=") {
                    heloFromComment = String(part.dropFirst(5))
                } else if ReceivedText.equalsLowercased(part, "helo") || ReceivedText.equalsLowercased(part, "ehlo"), n + 1 < parts.count {
                    heloFromComment = String(parts[n + 1])
                } else if ReceivedText.hasPrefix(part, "[") {
                    var inner = part.dropFirst()
                    if let close = inner.firstIndex(of: "]") { inner = inner[..<close] }
                    if ip == nil, let a = IPAddress(inner, accepting: .header) {
                        ip = a
                        if n > 0, rdns == nil {
                            let name = parts[n - 1]
                            if ReceivedText.contains(name, "."), IPAddress(name, accepting: .header) == nil,
                               !ReceivedText.hasLowercasedPrefix(name, "helo") { rdns = ReceivedText.trimHost(String(name)) }
                        }
                    }
                } else if ip == nil, parts.count == 1, let a = IPAddress(part, accepting: .header) {
                    ip = a
                    ipConfidence = .medium
                } else if ip == nil, n == 0, let a = IPAddress(hostPart(part), accepting: .header) {
                    ip = a
                    ipConfidence = .medium
                }
            }
        }
        if let first, ReceivedText.hasPrefix(first, "["), ip == nil, let a = IPAddress(first, accepting: .header) {
            ip = a
        }
        if let heloFromComment {
            hop.helo = ReceivedText.trimHost(heloFromComment)
            hop.confidence["helo"] = .medium
            if let first, !ReceivedText.hasPrefix(first, "["), !ReceivedText.equalsLowercased(first, "unknown"), rdns == nil {
                rdns = ReceivedText.trimHost(first)
            }
        } else if let first {
            hop.helo = ReceivedText.trimHost(first)
            hop.confidence["helo"] = .high
        }
        if let rdns, !ReceivedText.equalsLowercased(rdns, "unknown") {
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
    static func hostPart(_ part: Substring) -> Substring {
        let pieces = part.split(separator: ":")
        return pieces.count == 2 ? pieces[0] : part
    }

    /// TLS as recorded: `(version=TLS1_2, cipher=...)` (Exchange, Gmail), `(using TLSv1.3 with cipher X ...)` (Postfix),
    /// `esmtps (TLS1.3) tls CIPHER` (Exim), or an ESMTPS/ESMTPSA/LMTPS/HTTPS protocol (RFC 3848).
    static func readTLS(_ tokens: [Token], into hop: inout ReceivedHop) {
        var version: String?
        var cipher: String?
        for (n, token) in tokens.enumerated() {
            switch token {
            case .comment(let c):
                let parts = ReceivedText.words(c)
                for (k, part) in parts.enumerated() {
                    if ReceivedText.hasLowercasedPrefix(part, "version=") { version = String(part.dropFirst(8)) }
                    else if ReceivedText.hasLowercasedPrefix(part, "cipher=") { cipher = String(part.dropFirst(7)) }
                    else if ReceivedText.hasLowercasedPrefix(part, "tlsv") || ReceivedText.hasLowercasedPrefix(part, "tls1") { version = version ?? String(part) }
                    else if ReceivedText.equalsLowercased(part, "cipher"), k + 1 < parts.count { cipher = cipher ?? String(parts[k + 1]) }
                }
            case .word(let w):
                if ReceivedText.equalsLowercased(w, "tls"), n + 1 < tokens.count, case .word(let c) = tokens[n + 1] { cipher = cipher ?? c }
            case .semicolon:
                break
            }
        }
        let proto = hop.protocolName?.uppercased() ?? ""
        let tlsProtocol = tlsProtocols.contains(proto)
        if version != nil || cipher != nil || tlsProtocol {
            hop.tls = true
            let detail = [version, cipher].compactMap { $0 }.joined(separator: " ")
            if !detail.isEmpty { hop.tlsDetail = detail }
        } else if hop.protocolName != nil {
            hop.tls = false
        }
    }

    /// Protocol names of RFC 3848 (and common variants) that mean the hop used TLS.
    static let tlsProtocols: Set<String> = ["ESMTPS", "ESMTPSA", "LMTPS", "LMTPSA", "HTTPS", "SMTPS", "UTF8SMTPS", "UTF8SMTPSA", "ESMTPTLS"]

    /// `(envelope-from <a@b>)` (Exim, PowerMTA), `envelope-from=<a@b>`, or `(envelope-from a@b)`.
    static func envelopeFrom(_ tokens: [Token]) -> String? {
        for token in tokens {
            guard case .comment(let c) = token, let end = endOfEnvelopeFrom(c) else { continue }
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
    static func endOfEnvelopeFrom(_ c: String) -> String.Index? {
        guard ReceivedText.isASCII(c) else {
            let lower = c.lowercased()
            guard let end = lower.range(of: "envelope-from")?.upperBound else { return nil }
            // Lower-casing can lengthen the text (İ becomes i and U+0307): an end beyond the comment is its end.
            return lower.utf8.distance(from: lower.startIndex, to: end) <= c.utf8.count ? end : c.endIndex
        }
        let needle = Array("envelope-from".utf8)
        let utf8 = c.utf8
        var start = utf8.startIndex
        while utf8.distance(from: start, to: utf8.endIndex) >= needle.count {
            var probe = start
            var matched = true
            for byte in needle {
                if ReceivedText.lowercasedASCII(utf8[probe]) != byte { matched = false; break }
                probe = utf8.index(after: probe)
            }
            if matched { return probe }
            start = utf8.index(after: start)
        }
        return nil
    }
}
