import MailParsing

/// A parsed Received-SPF field value (RFC 7208 §9.1): result, comment, then `key=value;` pairs.
/// Parsing never fails; departures from the grammar are listed in `defects`.
public struct ReceivedSPF: Sendable, Hashable, Codable {
    /// The result word in lower case as written (`pass`, `softfail`, `temperror`).
    public var result: String
    /// The result in RFC 8601 §2.7 terms, when the word is one.
    public var code: AuthResultCode?
    /// The comment after the result, usually naming the receiver: `(google.com: domain of ... designates ...)`.
    public var comment: String?
    /// `client-ip`, `envelope-from`, `helo`, `receiver`, `identity`, `mechanism`, `problem` and extensions,
    /// keys in lower case, in order.
    public var pairs: [AuthProperty]
    public var defects: [ParseDefect]

    public init(result: String, comment: String? = nil, pairs: [AuthProperty] = [], defects: [ParseDefect] = []) {
        self.result = result
        self.code = AuthMethodResult.code(for: result)
        self.comment = comment
        self.pairs = pairs
        self.defects = defects
    }

    /// The value of one key (case-insensitive).
    public func value(_ key: String) -> String? {
        let k = key.lowercased()
        return pairs.first { $0.property == k }?.value
    }

    /// The keys RFC 7208 §9.1 defines.
    static let standardKeys: Set<String> = ["client-ip", "envelope-from", "helo", "problem", "receiver", "identity", "mechanism"]

    /// Parses the text after `Received-SPF:`.
    public static func parse(_ value: String) -> ReceivedSPF {
        let tokens = ResultsLexer.tokens(value)
        var defects: [ParseDefect] = []
        guard let first = tokens.first, case let .word(word) = first.kind else {
            return ReceivedSPF(result: "", defects: [ParseDefect(id: "received-spf.no-result", detail: "The field does not start with a result word.")])
        }
        var spf = ReceivedSPF(result: word.lowercased())
        if spf.code == nil {
            defects.append(ParseDefect(id: "received-spf.unknown-result", detail: "The result \"\(word.lowercased())\" is not an SPF result word."))
        }
        var index = 1
        if index < tokens.count, case let .comment(text) = tokens[index].kind {
            spf.comment = text
            index += 1
        }
        // The rest is `key=value` separated by ';'; Microsoft and others also separate with spaces only.
        for items in AuthenticationResultsParser.statements(Array(tokens[index...])) {
            for item in items {
                guard let key = item.key?.lowercased() else {
                    if !item.value.isEmpty {
                        defects.append(ParseDefect(id: "received-spf.stray-word", detail: "A word that is not a key=value pair was ignored."))
                    }
                    continue
                }
                if !standardKeys.contains(key), !key.hasPrefix("x-") {
                    defects.append(ParseDefect(id: "received-spf.extension", detail: "The non-standard key \(key)= was kept as written."))
                }
                spf.pairs.append(AuthProperty(ptype: "", property: key, value: item.value, comment: item.comments.first))
            }
        }
        spf.defects = defects
        return spf
    }

    /// The same facts as an Authentication-Results statement (`spf=pass smtp.mailfrom=...`).
    public var asMethodResult: AuthMethodResult {
        var properties: [AuthProperty] = []
        if let from = value("envelope-from") { properties.append(AuthProperty(ptype: "smtp", property: "mailfrom", value: from)) }
        if let helo = value("helo") { properties.append(AuthProperty(ptype: "smtp", property: "helo", value: helo)) }
        if let ip = value("client-ip") { properties.append(AuthProperty(ptype: "smtp", property: "client-ip", value: ip)) }
        return AuthMethodResult(method: "spf", result: result, properties: properties, comments: comment.map { [$0] } ?? [])
    }
}
