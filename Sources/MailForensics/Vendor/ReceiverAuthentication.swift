import MailAuth

/// The method results (`spf=fail`, `dmarc=fail`, `smtp.mailfrom=`) of the Authentication-Results fields that the
/// Recorded stage believes (RFC 8601 §5: written by the receiving side or by a trusted authserv-id), in the flat
/// form the identity and vendor checks read.
struct ReceiverAuthentication: Sendable, Hashable {
    struct MethodResult: Sendable, Hashable {
        var method: String
        var result: String
        /// `ptype.property=value` pairs of this result (`smtp.mailfrom`, `header.from`, `header.d`).
        var properties: [String: String]
        var headerLine: Int
        var lastLine: Int

        /// `method=result` and the properties sorted by name, for evidence (built only when a finding needs it).
        var excerpt: String {
            ([method + "=" + result] + properties.keys.sorted().map { "\($0)=\(properties[$0] ?? "")" }).joined(separator: " ")
        }
    }

    static let methods: Set<String> = ["spf", "dkim", "dmarc", "arc", "compauth", "auth", "iprev"]

    var results: [MethodResult] = []

    /// Takes the trusted Authentication-Results entries of `report.authentication.recorded`.
    init(_ recorded: [RecordedAuthentication]) {
        for entry in recorded where entry.trusted && entry.instance == nil && Self.isAuthenticationResults(entry.field) {
            for result in entry.results where Self.methods.contains(result.method) {
                var properties: [String: String] = [:]
                for property in result.properties where !property.ptype.isEmpty {
                    properties["\(property.ptype).\(property.property)"] = property.value
                }
                results.append(MethodResult(method: result.method, result: result.result, properties: properties,
                                            headerLine: entry.headerLine, lastLine: entry.lastLine ?? entry.headerLine))
            }
        }
    }

    /// True for the field name Authentication-Results in any case (an ARC-Authentication-Results is not one).
    static func isAuthenticationResults(_ name: String) -> Bool {
        ASCIIText.equalsLowercased(name, "authentication-results") ?? (name.lowercased() == "authentication-results")
    }

    func first(_ method: String) -> MethodResult? { results.first { $0.method == method } }
}
