/// The Received path rebuilt hop by hop (RFC 5321 §4.4), oldest hop first, with the trust boundary.
public struct ReceivedPath: Sendable, Hashable, Codable {
    /// The hops, oldest (number 1) first.
    public var hops: [ReceivedHop] = []
    /// The address of the server that handed the message to the receiving organization, as that organization
    /// recorded it: the most reliable "where did it come from" the header can give.
    public var originatingIP: String?
    /// The oldest public address the path claims (below the trust boundary these are claims anyone can write).
    public var claimedOriginIP: String?
    /// Where the receiving organization's own hops begin.
    public var trustBoundary: TrustBoundary?
    /// SMTP facts of the hop that crossed into the receiving organization, for SPF (RFC 7208 §2.4, §4.1).
    public var connectingIP: String?
    public var helo: String?
    /// Envelope sender recorded by a trusted hop (`envelope-from`), when one was.
    public var envelopeFrom: String?
    /// Total transit time from the oldest to the newest dated hop, in seconds, and in words.
    public var transitSeconds: Double?
    public var transit: String?
    /// `X-Received` fields (providers' internal hops), parsed the same way, top first; not part of the hop table.
    public var auxiliaryHops: [ReceivedHop] = []
    /// Addresses named by `X-Originating-IP`, `X-Sender-IP`, `X-Forwarded-For` and similar fields.
    public var originHints: [OriginHint] = []

    public init() {}
}

/// Where the receiving organization's own hops begin: hops numbered `entryHop` and above were written by it.
public struct TrustBoundary: Sendable, Hashable, Codable {
    /// The hop that crossed into the receiving organization (its `from` is the outside sender).
    public var entryHop: Int
    /// 1-based line of that hop's Received field: fields above it were written by the receiving side.
    public var entryLine: Int
    /// The receiving server of that hop.
    public var receivingHost: String?
    /// The known service or organizational domain that received the message.
    public var receivingOrganization: String?
    /// Why this boundary was chosen, in plain words.
    public var reason: String

    public init(entryHop: Int, entryLine: Int, receivingHost: String?, receivingOrganization: String?, reason: String) {
        self.entryHop = entryHop
        self.entryLine = entryLine
        self.receivingHost = receivingHost
        self.receivingOrganization = receivingOrganization
        self.reason = reason
    }
}

/// An address named by a field such as `X-Originating-IP` (a claim by whoever wrote the field).
public struct OriginHint: Sendable, Hashable, Codable {
    public var field: String
    public var value: String
    public var ip: String?
    public var ipScope: IPAddress.Scope?
    public var headerLine: Int

    public init(field: String, value: String, ip: String?, ipScope: IPAddress.Scope?, headerLine: Int) {
        self.field = field
        self.value = value
        self.ip = ip
        self.ipScope = ipScope
        self.headerLine = headerLine
    }
}
