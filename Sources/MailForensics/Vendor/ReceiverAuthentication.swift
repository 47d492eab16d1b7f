import MailParsing

/// What the receiving side recorded in trusted Authentication-Results fields (RFC 8601 §2.2): the method results
/// only (`spf=fail`, `dmarc=fail`, `smtp.mailfrom=`). INTERIM: a minimal reading until the Authentication-Results
/// parser of the ARC/recorded work is on main; the full reconciliation lives there.
struct ReceiverAuthentication: Sendable, Hashable {
    struct MethodResult: Sendable, Hashable {
        var method: String
        var result: String
        /// `ptype.property=value` pairs of this result (`smtp.mailfrom`, `header.from`, `header.d`).
        var properties: [String: String]
        var headerLine: Int
        var lastLine: Int
        var excerpt: String
    }

    var results: [MethodResult] = []

    /// Reads the trusted fields: those above the trust boundary's Received field, or whose authserv-id is trusted.
    init(_ message: Message, path: ReceivedPath?, trustedIDs: [String]) {
        let entryLine = path?.trustBoundary?.entryLine
        let receivingHost = path?.trustBoundary?.receivingHost
        for field in message.fields(named: "Authentication-Results").prefix(20) {
            let value = String(field.unfoldedValue.prefix(4000))
            let clauses = value.split(separator: ";")
            guard let first = clauses.first else { continue }
            let authservID = first.contains("=") ? nil : first.split(separator: " ").first.map { DomainName.normalize(String($0)) }
            let aboveBoundary = entryLine.map { field.span.firstLine < $0 } ?? false
            let idTrusted = authservID.map { id in
                trustedIDs.contains { DomainName.normalize($0) == id }
                    || receivingHost.map { DomainName.sameOrganization($0, id) } ?? false
            } ?? false
            guard aboveBoundary || idTrusted else { continue }
            for clause in clauses.dropFirst(authservID == nil ? 0 : 1) {
                let words = clause.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard let head = words.first, let eq = head.firstIndex(of: "=") else { continue }
                let method = head[..<eq].lowercased()
                guard ["spf", "dkim", "dmarc", "arc", "compauth", "auth", "iprev"].contains(method) else { continue }
                var properties: [String: String] = [:]
                for word in words.dropFirst() {
                    guard let e = word.firstIndex(of: "="), word[..<e].contains(".") else { continue }
                    properties[word[..<e].lowercased()] = String(word[word.index(after: e)...])
                }
                results.append(MethodResult(method: method, result: head[head.index(after: eq)...].lowercased(), properties: properties,
                                            headerLine: field.span.firstLine, lastLine: field.span.lastLine,
                                            excerpt: clause.trimmingCharacters(inSet: " \t")))
            }
        }
    }

    func first(_ method: String) -> MethodResult? { results.first { $0.method == method } }
}
