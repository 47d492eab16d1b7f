/// The identities a message claims (RFC 5322 §3.6.2 originator fields, RFC 5321 §4.4 envelope, RFC 6376 d=)
/// and how they relate, exactly and by organizational domain.
public struct IdentityReport: Sendable, Hashable, Codable {
    public var from: [MailIdentity] = []
    public var sender: MailIdentity?
    public var replyTo: [MailIdentity] = []
    /// The envelope sender (RFC 5321 MAIL FROM) and where it was read from.
    public var envelopeFrom: MailIdentity?
    /// Domains in DKIM-Signature d= tags, in header order (claims until verified).
    public var dkimDomains: [String] = []
    /// The domain named by the sending server at the trust boundary.
    public var heloDomain: String?
    /// The domain part of Message-ID.
    public var messageIdDomain: String?
    /// Each identity compared with the From domain.
    public var comparisons: [IdentityComparison] = []

    public init() {}
}

/// One address as written in a field.
public struct MailIdentity: Sendable, Hashable, Codable {
    /// The field it was read from (`From`, `Return-Path`, `Authentication-Results smtp.mailfrom`, `Received envelope-from`).
    public var source: String
    public var displayName: String?
    public var address: String?
    public var domain: String?
    /// The organizational domain of `domain` (RFC 7489 §3.2).
    public var organizationalDomain: String?
    public var headerLine: Int?

    public init(source: String, displayName: String? = nil, address: String? = nil, headerLine: Int? = nil) {
        self.init(source: source, displayName: displayName, address: address, headerLine: headerLine, organization: DomainName.organizational)
    }

    /// With the organizational domain taken from `organization` (`DomainName.organizational` or a cache of it).
    init(source: String, displayName: String? = nil, address: String? = nil, headerLine: Int?, organization: (String) -> String) {
        self.source = source
        self.displayName = displayName
        self.address = address
        let domain = address.flatMap(Self.domainPart).map(DomainName.normalize)
        self.domain = domain.flatMap { $0.isEmpty ? nil : $0 }
        self.organizationalDomain = self.domain.map(organization)
        self.headerLine = headerLine
    }

    /// The text after the last "@" of an address (on bytes when each Character is one byte); nil without one.
    static func domainPart(_ address: String) -> String? {
        if ASCIIText.isSimple(address) {
            guard let at = address.utf8.lastIndex(of: UInt8(ascii: "@")) else { return nil }
            return String(address[address.utf8.index(after: at)...])
        }
        return address.lastIndex(of: "@").map { String(address[address.index(after: $0)...]) }
    }
}

/// How one identity's domain relates to the From domain.
public struct IdentityComparison: Sendable, Hashable, Codable {
    /// `Return-Path`, `Reply-To`, `Sender`, `DKIM d=`, `HELO`, `Message-ID`.
    public var identity: String
    public var domain: String
    public var fromDomain: String
    /// Same domain exactly.
    public var exact: Bool
    /// Same organizational domain (relaxed alignment, RFC 7489 §3.1).
    public var sameOrganization: Bool

    public init(identity: String, domain: String, fromDomain: String) {
        self.init(identity: identity, domain: domain, fromDomain: fromDomain, sameOrganization: DomainName.sameOrganization(domain, fromDomain))
    }

    /// With `sameOrganization` already known (`DomainName.sameOrganization(domain, fromDomain)`).
    init(identity: String, domain: String, fromDomain: String, sameOrganization: Bool) {
        self.identity = identity
        self.domain = domain
        self.fromDomain = fromDomain
        self.exact = DomainName.normalize(domain) == DomainName.normalize(fromDomain)
        self.sameOrganization = sameOrganization
    }
}
