import MailParsing

/// The tolerant reader behind `AuthenticationResults.parse` (RFC 8601 §2.2 grammar, RFC 7601/7001 forms
/// and the forms real servers write).
struct AuthenticationResultsParser {
    /// One `key=value` or bare word of a statement, with the comments written after it.
    struct Item {
        var key: String?
        var value: String
        var comments: [String] = []
    }

    private let text: String
    private let expectInstance: Bool
    private var out = AuthenticationResults()

    init(_ value: String, expectInstance: Bool) {
        var text = value
        var encoded = false
        // Exchange Online writes the whole value as RFC 2047 encoded words when a From domain is not ASCII.
        if value.trimmingASCIIWhitespace().hasPrefix("=?") {
            let decoded = EncodedWords.decodeDetailed(Array(value.utf8.prefix(ResultsLexer.maximumLength)))
            if decoded.wordCount > 0 {
                text = decoded.text
                encoded = true
            }
        }
        self.text = text
        self.expectInstance = expectInstance
        if encoded {
            defect("authres.encoded-word", "The whole value was written as MIME encoded words (RFC 2047); it was decoded before reading.")
        }
        if value.utf8.count > ResultsLexer.maximumLength {
            defect("authres.truncated", "The value is longer than \(ResultsLexer.maximumLength) bytes; the rest was not read.")
        }
    }

    mutating func parse() -> AuthenticationResults {
        var statements = Self.statements(ResultsLexer.tokens(text))
        if expectInstance { readInstance(&statements) }
        guard let first = statements.first else {
            defect("authres.empty", "The field has no content.")
            return out
        }
        var rest = Array(statements.dropFirst())
        readHeader(first, continuing: &rest)
        for (index, items) in rest.enumerated() {
            if items.isEmpty {
                // A trailing ';' is common and harmless; an empty one in the middle is a defect.
                if index != rest.count - 1 {
                    defect("authres.empty-statement", "Two semicolons with nothing between them.")
                }
                continue
            }
            readResults(items)
        }
        return out
    }

    // MARK: statements

    /// Splits tokens at `;` into lists of items.
    static func statements(_ tokens: [ResultsLexer.Token]) -> [[Item]] {
        var statements: [[Item]] = []
        var current: [Item] = []
        var leading: [String] = []
        var index = 0
        func attach(_ comment: String) {
            if current.isEmpty { leading.append(comment) } else { current[current.count - 1].comments.append(comment) }
        }
        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .semicolon:
                if !leading.isEmpty { current.append(Item(key: nil, value: "", comments: leading)) }
                statements.append(current)
                current = []
                leading = []
                index += 1
            case let .comment(text):
                attach(text)
                index += 1
            case .equals:
                // `=value` with no key: keep the value as a bare word.
                let (value, next) = Self.value(tokens, from: index + 1)
                current.append(Item(key: nil, value: "=" + value))
                index = next
            case let .word(word), let .quoted(word):
                var next = index + 1
                while next < tokens.count, case .comment = tokens[next].kind { next += 1 }
                if next < tokens.count, tokens[next].kind == .equals {
                    // Comments between the key and '=' are kept on the item.
                    let skipped = tokens[(index + 1)..<next].compactMap { token -> String? in
                        if case let .comment(c) = token.kind { return c }
                        return nil
                    }
                    let (value, after) = Self.value(tokens, from: next + 1)
                    current.append(Item(key: word, value: value, comments: skipped))
                    index = after
                } else {
                    current.append(Item(key: nil, value: word))
                    index += 1
                }
            }
        }
        if !leading.isEmpty { current.append(Item(key: nil, value: "", comments: leading)) }
        statements.append(current)
        return statements
    }

    /// A value after `=`: the next word or quoted string, glued to anything written without white space
    /// after it (base64 `header.b=ab/c+d==`).
    static func value(_ tokens: [ResultsLexer.Token], from start: Int) -> (String, Int) {
        var index = start
        while index < tokens.count, case .comment = tokens[index].kind { index += 1 }
        var text = ""
        var first = true
        while index < tokens.count {
            let token = tokens[index]
            if !first, token.spaced { break }
            switch token.kind {
            case let .word(w), let .quoted(w): text += w
            case .equals: text += "="
            case .semicolon, .comment: return (text, index)
            }
            first = false
            index += 1
        }
        return (text, index)
    }

    // MARK: header part

    private mutating func readInstance(_ statements: inout [[Item]]) {
        guard var first = statements.first, let item = first.first(where: { $0.key != nil || !$0.value.isEmpty }) else {
            defect("authres.arc-instance", "The ARC-Authentication-Results field does not start with i=.")
            return
        }
        guard item.key?.lowercased() == "i", let number = Int(item.value), number > 0 else {
            defect("authres.arc-instance", "The ARC-Authentication-Results field does not start with a valid i= instance.")
            return
        }
        out.instance = number
        out.comments += first.flatMap(\.comments)
        first.removeAll { $0.key?.lowercased() == "i" }
        if first.contains(where: { $0.key != nil || !$0.value.isEmpty }) {
            // `i=1 example.com; ...`: the authserv-id follows without its ';'.
            defect("authres.missing-semicolon", "No semicolon after the i= instance.")
            statements[0] = first
        } else {
            statements.removeFirst()
        }
    }

    private mutating func readHeader(_ items: [Item], continuing rest: inout [[Item]]) {
        let content = items.filter { $0.key != nil || !$0.value.isEmpty }
        out.comments += items.filter { $0.key == nil && $0.value.isEmpty }.flatMap(\.comments)
        guard let head = content.first else {
            defect("authres.no-authserv-id", "No authserv-id (the name of the server that wrote the results).")
            return
        }
        if head.key != nil {
            // Microsoft 365 and others start directly with `spf=...`.
            defect("authres.no-authserv-id", "No authserv-id (the name of the server that wrote the results); the field starts with a result.")
            rest.insert(items, at: 0)
            return
        }
        out.authservID = head.value
        out.comments += head.comments
        var remaining = Array(content.dropFirst())
        if let version = remaining.first, version.key == nil, let number = Int(version.value) {
            out.version = number
            out.comments += version.comments
            remaining.removeFirst()
        }
        if remaining.count == 1, remaining[0].key == nil, remaining[0].value.lowercased() == "none" {
            // RFC 7001 placed `none` without a semicolon.
            out.noResult = true
            out.comments += remaining[0].comments
            return
        }
        if !remaining.isEmpty {
            defect("authres.missing-semicolon", "No semicolon between the authserv-id and the first result.")
            rest.insert(remaining, at: 0)
        }
    }

    // MARK: results

    private mutating func readResults(_ items: [Item]) {
        let content = items.filter { $0.key != nil || !$0.value.isEmpty }
        if content.count == 1, content[0].key == nil, content[0].value.lowercased() == "none", out.results.isEmpty {
            out.noResult = true
            out.comments += items.flatMap(\.comments)
            return
        }
        var current: AuthMethodResult?
        var orphans: [String] = []
        for item in items {
            guard let key = item.key else {
                if item.value.isEmpty {
                    if current == nil { orphans += item.comments } else { current?.comments += item.comments }
                } else {
                    defect("authres.stray-word", "A word that is not part of any result was ignored.")
                    if current == nil { orphans += item.comments } else { current?.comments += item.comments }
                }
                continue
            }
            let lower = key.lowercased()
            if let dot = lower.firstIndex(of: ".") {
                let property = AuthProperty(ptype: String(lower[..<dot]), property: String(lower[lower.index(after: dot)...]),
                                            value: item.value, comment: item.comments.first)
                if current != nil {
                    current?.properties.append(property)
                    current?.comments += item.comments.dropFirst()
                } else if !out.results.isEmpty {
                    defect("authres.orphan-property", "A property (\(property.key)) stands in its own statement; it was attached to the result before it.")
                    out.results[out.results.count - 1].properties.append(property)
                } else {
                    defect("authres.orphan-property", "A property (\(property.key)) comes before any result and was ignored.")
                }
                continue
            }
            if lower == "reason", current != nil, current?.reason == nil {
                current?.reason = item.value
                current?.comments += item.comments
                continue
            }
            if let existing = current {
                if AuthMethodResult.knownMethods.contains(Self.methodName(lower).0) {
                    defect("authres.missing-semicolon", "No semicolon between two results (\(existing.method) and \(lower)).")
                    finish(existing)
                } else {
                    defect("authres.extension", "A non-standard \(lower)= item inside the \(existing.method) result was kept as an extension.")
                    current?.properties.append(AuthProperty(ptype: "", property: lower, value: item.value, comment: item.comments.first))
                    continue
                }
            }
            let (method, version) = Self.methodName(lower)
            if item.value.isEmpty { defect("authres.empty-value", "The \(method) result has no value.") }
            var result = AuthMethodResult(method: method, methodVersion: version, result: item.value.lowercased(), comments: orphans + item.comments)
            orphans = []
            if result.code == nil, !["bestguesspass", "declined", "skipped", "hardfail"].contains(result.result) {
                defect("authres.unknown-result", "The \(method) result \"\(result.result)\" is not a registered result word.")
            }
            result.comments = result.comments.filter { !$0.isEmpty }
            current = result
        }
        if let current { finish(current) } else if !orphans.isEmpty { out.comments += orphans }
    }

    private mutating func finish(_ result: AuthMethodResult) {
        if !AuthMethodResult.knownMethods.contains(result.method), !result.method.hasPrefix("x-") {
            defect("authres.unknown-method", "The method \"\(result.method)\" is not registered; it was kept as written.")
        }
        out.results.append(result)
    }

    /// `dkim/1` gives ("dkim", 1).
    static func methodName(_ key: String) -> (String, Int?) {
        guard let slash = key.firstIndex(of: "/") else { return (key, nil) }
        return (String(key[..<slash]).trimmingASCIIWhitespace(), Int(String(key[key.index(after: slash)...]).trimmingASCIIWhitespace()))
    }

    private mutating func defect(_ id: String, _ detail: String) {
        guard !out.defects.contains(where: { $0.id == id && $0.detail == detail }) else { return }
        out.defects.append(ParseDefect(id: id, detail: detail))
    }
}
