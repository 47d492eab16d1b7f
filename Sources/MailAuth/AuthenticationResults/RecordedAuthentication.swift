import MailParsing

/// What a receiving server recorded (Authentication-Results RFC 8601, ARC-Authentication-Results RFC 8617 §4.1.1,
/// Received-SPF RFC 7208 §9.1), parsed, and marked trusted or not with the reason.
public struct RecordedAuthentication: Sendable, Hashable, Codable {
    /// The field name as written.
    public var field: String
    /// 1-based first line of the field.
    public var headerLine: Int
    /// Whether the analysis believes it (written by the receiving side of the trust boundary).
    public var trusted: Bool
    /// Why it is or is not believed, in plain words.
    public var why: String
    /// 1-based last line of the field.
    public var lastLine: Int?
    /// Who wrote it (authserv-id; for Received-SPF the receiver named in the comment or `receiver=`).
    public var authservID: String?
    /// The ARC instance, for ARC-Authentication-Results.
    public var instance: Int?
    /// True when the server recorded that it checked nothing (`; none`).
    public var noResult: Bool = false
    /// The results, in order (a Received-SPF field gives one `spf` result).
    public var results: [AuthMethodResult] = []
    /// The Received-SPF detail (client-ip, envelope-from, helo, ...), for that field only.
    public var receivedSPF: ReceivedSPF?
    /// Departures from the standards in how the field was written.
    public var defects: [ParseDefect] = []

    public init(field: String, headerLine: Int, trusted: Bool, why: String) {
        self.field = field
        self.headerLine = headerLine
        self.trusted = trusted
        self.why = why
    }

    /// Parses one Authentication-Results, ARC-Authentication-Results or Received-SPF field; nil for any other.
    /// It starts untrusted; the caller decides trust.
    public static func parse(_ header: HeaderField) -> RecordedAuthentication? {
        var recorded = RecordedAuthentication(field: header.name, headerLine: header.span.firstLine, trusted: false, why: "")
        recorded.lastLine = header.span.lastLine
        switch header.lowercasedName {
        case "authentication-results", "arc-authentication-results":
            let parsed = header.lowercasedName == "authentication-results"
                ? AuthenticationResults.parse(header.unfoldedValue) : AuthenticationResults.parseARC(header.unfoldedValue)
            recorded.authservID = parsed.authservID
            recorded.instance = parsed.instance
            recorded.noResult = parsed.noResult
            recorded.results = parsed.results
            recorded.defects = parsed.defects
        case "received-spf":
            let spf = ReceivedSPF.parse(header.unfoldedValue)
            recorded.receivedSPF = spf
            recorded.results = [spf.asMethodResult]
            recorded.defects = spf.defects
            recorded.authservID = spf.value("receiver") ?? spf.comment.flatMap(Self.receiverInComment)
        default:
            return nil
        }
        for index in recorded.defects.indices { recorded.defects[index].span = header.span }
        return recorded
    }

    /// `google.com: domain of ...` gives `google.com`.
    static func receiverInComment(_ comment: String) -> String? {
        guard let colon = comment.firstIndex(of: ":") else { return nil }
        let name = String(comment[..<colon]).trimmingASCIIWhitespace()
        guard !name.isEmpty, !name.contains(" ") else { return nil }
        return name
    }
}
