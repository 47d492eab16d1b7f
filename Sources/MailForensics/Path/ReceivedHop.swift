import MailDNS

/// How sure the parser is of one value it read from a Received field.
public enum ParseConfidence: String, Sendable, Hashable, Codable {
    /// Read from its RFC 5321 §4.4 clause or an unambiguous form.
    case high
    /// Read from a common but non-standard form (a bare IP in a comment, an Exim `helo=`).
    case medium
    /// Guessed (a date found without the `;` that should precede it).
    case low
}

/// One hop of the Received path (RFC 5321 §4.4): what one server wrote when it accepted the message.
public struct ReceivedHop: Sendable, Hashable, Codable {
    /// 1 for the oldest hop (the first server that accepted the message), counting up towards the recipient.
    public var number: Int
    /// The field name as written (`Received`, or `X-Received` for auxiliary hops).
    public var field: String
    /// 1-based line range of the field in the message.
    public var headerLine: Int
    public var lastLine: Int
    /// The unfolded field value as written.
    public var raw: String

    /// The clauses of RFC 5321 §4.4 as written, comments included; repeated clauses are joined with "; ".
    public var from: String?
    public var by: String?
    public var via: String?
    public var with: String?
    public var id: String?
    public var `for`: String?

    /// The name the sending client gave in HELO/EHLO (a claim, not checked by anyone).
    public var helo: String?
    /// The sending client's name as the receiving server looked it up (reverse DNS), when the server recorded it.
    public var reverseDNS: String?
    /// The sending client's IP address as the receiving server saw it.
    public var ip: String?
    /// Special-purpose class of `ip` (`global`, `private`, `loopback`, `documentation`, ...).
    public var ipScope: IPAddress.Scope?
    /// The receiving server's own name (first word of `by`).
    public var byHost: String?
    /// The protocol word(s) of `with` (ESMTP, ESMTPS, ESMTPSA, LMTP, HTTP, SMTP, `Microsoft SMTP Server`, mapi).
    public var protocolName: String?
    /// Whether the hop used TLS: true when recorded, false when the protocol is recorded without any sign of TLS.
    public var tls: Bool?
    /// TLS version and cipher as recorded (`TLS1_2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`).
    public var tlsDetail: String?
    /// The envelope sender recorded by this hop (`envelope-from`), when present.
    public var envelopeFrom: String?

    /// When the server accepted the message, UTC, ISO 8601 with milliseconds when the field had them.
    public var timestamp: String?
    /// The same instant in milliseconds since 1970 (for sorting and arithmetic).
    public var epochMillis: Int64?
    /// Seconds since the previous (older) hop; negative means the clocks disagree.
    public var delaySeconds: Double?
    /// The delay in words (`310 minutes 13 seconds`).
    public var delay: String?
    /// This hop's share of the total transit time, in percent (negative delays count as zero).
    public var transitShare: Double?

    /// The known service that wrote this hop (`Microsoft 365`, `Google`, `Amazon SES`), from the `by` host.
    public var infrastructure: String?
    /// The known service the client belonged to, from its HELO or reverse-DNS name.
    public var clientInfrastructure: String?
    /// True when the receiving organization wrote this hop (at or above the trust boundary); only these are believable.
    public var trusted: Bool
    /// Text that fitted no clause, kept as written.
    public var unparsed: String?
    /// Confidence of each value read (`from`, `by`, `ip`, `helo`, `reverseDNS`, `date`, ...).
    public var confidence: [String: ParseConfidence]

    public init(number: Int = 0, field: String = "Received", headerLine: Int = 0, lastLine: Int = 0, raw: String = "") {
        self.number = number
        self.field = field
        self.headerLine = headerLine
        self.lastLine = lastLine
        self.raw = raw
        self.trusted = false
        self.confidence = [:]
    }
}
