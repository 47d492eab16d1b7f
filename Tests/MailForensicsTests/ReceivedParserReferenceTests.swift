import Foundation
@testable import MailForensics
import MailDNS
import MailParsing
import MailTestSupport
import Testing

/// The byte-level Received reader against the reader as first written (kept below, over Characters and Foundation,
/// as the reference): whole hops must be equal, on generated fields with the shapes servers write and the
/// characters that make Character and byte readings differ.
@Suite struct ReceivedParserReferenceTests {
    static func generated(count: Int, pieces: [String]) -> [String] {
        var state: UInt64 = 0x5851_F42D_4C95_7F2D
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in (0..<(1 + next() % 24)).map { _ in pieces[next() % pieces.count] }.joined(separator: next() % 5 == 0 ? "" : " ") }
    }

    static let asciiPieces = ["from", "FROM", "by", "By", "via", "with", "id", "for", "mail.example.com", "mx.example.org.", "unknown", "localhost",
                              "(", ")", "((", "\\)", "[192.0.2.1]", "[IPv6:2001:db8::1]", "192.0.2.7", "198.51.100.9:25", "(helo=client.example)",
                              "(HELO x.example)", "helo", "EHLO=", "(envelope-from <a@b.example>)", "envelope-from=x@y", "<u@example.net>", ";",
                              "Mon, 1 Jan 2024 00:00:00 +0000", "1 Jan 2024 10:11:12", "Tue, 26 Mar 2024 21:48:37 -0700 (PDT)",
                              "(version=TLS1_2, cipher=ECDHE)", "(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))", "tls", "TLS",
                              "ESMTPS", "esmtpsa", "SMTP", "Microsoft SMTP Server", "(qmail 10876 invoked from network)", "\t", "  ", ",",
                              "(may be forged)", "(mail.example.com [203.0.113.5])", "x.protection.outlook.com", "google.com"]
    static let unicodePieces = asciiPieces + ["İ", "\u{212A}", "é", "e\u{301}", " \u{301}", ".\u{301}", "[\u{301}", "\u{85}", "\u{2028}", "\u{FFFD}",
                                              "ſ", "(\u{600}.mail.example.com [192.0.2.3])", "(envelope-from İİ <x@y>)"]

    /// Regression: a comment whose lower-cased form is longer than itself (İ lower-cases to two scalars) before
    /// "envelope-from" made the reader index past the comment and crashed the whole sweep.
    @Test func dottedCapitalIBeforeEnvelopeFromDoesNotCrash() async throws {
        let url = Corpus.fixture("hostile/received-dotted-capital-i.eml")
        let bytes = [UInt8](try Data(contentsOf: url))
        let analyzer = Analyzer(resolver: StaticResolver(answers: [:]))
        let report = await analyzer.analyze(InputItem(location: MessageLocation(path: url.path, kind: .eml), bytes: bytes))
        #expect(report.path?.hops.count == 1)
        #expect(report.path?.hops.first?.by == "mx.example.org")
    }

    @Test func asciiFieldsAgree() {
        for value in Self.generated(count: 6_000, pieces: Self.asciiPieces) {
            #expect(ReceivedParser.parse(value) == ReferenceReceivedParser.parse(value), "\(value.debugDescription)")
        }
    }

    @Test func fieldsWithOtherCharactersAgree() {
        for value in Self.generated(count: 6_000, pieces: Self.unicodePieces) {
            #expect(ReceivedParser.parse(value) == ReferenceReceivedParser.parse(value), "\(value.debugDescription)")
        }
    }

    @Test(.enabled(if: Corpus.isAvailable)) func mhaVectorsAgree() {
        let single = (MHAVectors.list("parseHeader") + MHAVectors.list("dates")).compactMap { $0["header"] as? String }
        let chained = MHAVectors.list("chains").flatMap { $0["headers_top_to_bottom"] as? [String] ?? [] }
        #expect(single.count + chained.count > 13)
        for header in single + chained {
            let value = MHAVectors.value(header)
            #expect(ReceivedParser.parse(value) == ReferenceReceivedParser.parse(value), "\(value.debugDescription)")
        }
    }
}


/// Reads one Received field tolerantly (RFC 5321 §4.4 trace fields, plus the forms Postfix, Exim, Sendmail, qmail,
/// Exchange/Office 365, Gmail, Amazon SES, SendGrid, Mimecast and Proofpoint write). Never fails: what does not fit
/// is kept in `unparsed`. Bounded: at most 8 KiB of a field and 200 tokens are read.
enum ReferenceReceivedParser {
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

    static let keywords: Set<String> = ["from", "by", "via", "with", "id", "for"]

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
                let inner = String(decoding: bytes[Swift.min(i + 1, end)..<end], as: UTF8.self)
                tokens.append(.comment(collapse(inner)))
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

    /// Folding white space collapsed to single spaces.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }).joined(separator: " ")
    }

    /// Parses one Received (or X-Received) field value into a hop; numbering and delays are set by the path builder.
    static func parse(_ value: String, field: String = "Received", firstLine: Int = 0, lastLine: Int = 0) -> ReceivedHop {
        var hop = ReceivedHop(field: field, headerLine: firstLine, lastLine: lastLine, raw: collapse(value))
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
                if start > 0, case .word(let w) = tokens[start - 1], keywords.contains(w.lowercased()) { continue }
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
        var clauses: [String: [[Token]]] = [:]
        var current: String?
        var leading: [Token] = []
        var currentValue: [Token] = []
        func close() {
            guard let key = current else { return }
            clauses[key, default: []].append(currentValue)
            currentValue = []
        }
        for token in clauseTokens {
            if case .word(let w) = token, keywords.contains(w.lowercased()) {
                close()
                current = w.lowercased()
                continue
            }
            if current == nil { leading.append(token) } else { currentValue.append(token) }
        }
        close()

        func text(_ key: String) -> String? {
            guard let values = clauses[key] else { return nil }
            let joined = values.map { $0.map(\.text).joined(separator: " ") }.filter { !$0.isEmpty }
            return joined.isEmpty ? nil : joined.joined(separator: "; ")
        }
        hop.from = text("from")
        hop.by = text("by")
        hop.via = text("via")
        hop.with = text("with")
        hop.id = text("id")
        hop.for = text("for")
        for key in clauses.keys { hop.confidence[key] = .high }

        // qmail writes only a comment: "(qmail 10876 invoked from network)"; it is the local host's record.
        if clauses.isEmpty, leading.count == 1, case .comment(let c) = leading[0] {
            hop.by = c
            hop.confidence["by"] = .medium
            leading = []
        }
        if !leading.isEmpty { hop.unparsed = leading.map(\.text).joined(separator: " ") }

        if let fromTokens = clauses["from"]?.first { readClient(fromTokens, into: &hop) }
        if let byTokens = clauses["by"]?.first, case .word(let host)? = byTokens.first {
            hop.byHost = trimHost(host)
        }
        if let withTokens = clauses["with"]?.first {
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

    static func trimHost(_ host: String) -> String {
        var h = Substring(host)
        while h.hasSuffix(".") { h = h.dropLast() }
        return String(h)
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
            let parts = c.split(whereSeparator: { $0 == " " || $0 == "," })
            for (n, part) in parts.enumerated() {
                let lower = part.lowercased()
                if lower.hasPrefix("helo=") || lower.hasPrefix("ehlo=") {
                    heloFromComment = String(part.dropFirst(5))
                } else if (lower == "helo" || lower == "ehlo"), n + 1 < parts.count {
                    heloFromComment = String(parts[n + 1])
                } else if part.hasPrefix("[") {
                    var inner = part.dropFirst()
                    if let close = inner.firstIndex(of: "]") { inner = inner[..<close] }
                    if ip == nil, let a = IPAddress(inner, accepting: .header) {
                        ip = a
                        if n > 0, rdns == nil {
                            let name = parts[n - 1]
                            if name.contains("."), IPAddress(name, accepting: .header) == nil, !name.lowercased().hasPrefix("helo") { rdns = trimHost(String(name)) }
                        }
                    }
                } else if ip == nil, parts.count == 1, let a = IPAddress(part, accepting: .header) {
                    ip = a
                    ipConfidence = .medium
                } else if ip == nil, n == 0, let a = IPAddress(part.split(separator: ":").count == 2 ? part.split(separator: ":")[0] : part, accepting: .header) {
                    ip = a
                    ipConfidence = .medium
                }
            }
        }
        if let first, first.hasPrefix("["), ip == nil, let a = IPAddress(first, accepting: .header) {
            ip = a
        }
        if let heloFromComment {
            hop.helo = trimHost(heloFromComment)
            hop.confidence["helo"] = .medium
            if let first, !first.hasPrefix("["), first.lowercased() != "unknown", rdns == nil { rdns = trimHost(first) }
        } else if let first {
            hop.helo = trimHost(first)
            hop.confidence["helo"] = .high
        }
        if let rdns, rdns.lowercased() != "unknown" {
            hop.reverseDNS = rdns
            hop.confidence["reverseDNS"] = .medium
        }
        if let ip {
            hop.ip = ip.description
            hop.ipScope = ip.scope
            hop.confidence["ip"] = ipConfidence
        }
    }

    /// TLS as recorded: `(version=TLS1_2, cipher=...)` (Exchange, Gmail), `(using TLSv1.3 with cipher X ...)` (Postfix),
    /// `esmtps (TLS1.3) tls CIPHER` (Exim), or an ESMTPS/ESMTPSA/LMTPS/HTTPS protocol (RFC 3848).
    static func readTLS(_ tokens: [Token], into hop: inout ReceivedHop) {
        var version: String?
        var cipher: String?
        for (n, token) in tokens.enumerated() {
            switch token {
            case .comment(let c):
                let parts = c.split(whereSeparator: { $0 == " " || $0 == "," })
                for (k, part) in parts.enumerated() {
                    let lower = part.lowercased()
                    if lower.hasPrefix("version=") { version = String(part.dropFirst(8)) }
                    else if lower.hasPrefix("cipher=") { cipher = String(part.dropFirst(7)) }
                    else if lower.hasPrefix("tlsv") || lower.hasPrefix("tls1") { version = version ?? String(part) }
                    else if lower == "cipher", k + 1 < parts.count { cipher = cipher ?? String(parts[k + 1]) }
                }
            case .word(let w):
                if w.lowercased() == "tls", n + 1 < tokens.count, case .word(let c) = tokens[n + 1] { cipher = cipher ?? c }
            case .semicolon:
                break
            }
        }
        let proto = hop.protocolName?.uppercased() ?? ""
        let tlsProtocol = ["ESMTPS", "ESMTPSA", "LMTPS", "LMTPSA", "HTTPS", "SMTPS", "UTF8SMTPS", "UTF8SMTPSA", "ESMTPTLS"].contains(proto)
        if version != nil || cipher != nil || tlsProtocol {
            hop.tls = true
            let detail = [version, cipher].compactMap { $0 }.joined(separator: " ")
            if !detail.isEmpty { hop.tlsDetail = detail }
        } else if hop.protocolName != nil {
            hop.tls = false
        }
    }

    /// `(envelope-from <a@b>)` (Exim, PowerMTA), `envelope-from=<a@b>`, or `(envelope-from a@b)`.
    static func envelopeFrom(_ tokens: [Token]) -> String? {
        for token in tokens {
            guard case .comment(let c) = token else { continue }
            let lower = c.lowercased()
            guard let range = lower.range(of: "envelope-from") else { continue }
            // (The one change: the end is clamped to the comment, where the earlier reader crashed.)
            let end = lower.utf8.distance(from: lower.startIndex, to: range.upperBound) <= c.utf8.count ? range.upperBound : c.endIndex
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
}
