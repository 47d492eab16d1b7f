/// Mail services recognized by their host names, kept as data in one place (host name suffixes as the services
/// publish or use them in Received fields; observed in the field unless noted).
public struct KnownInfrastructure: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Hosts people's mailboxes (also the usual receiving side).
        case mailboxProvider = "mailbox-provider"
        /// Sends bulk or transactional mail for customers.
        case sendingService = "sending-service"
        /// Filters mail in front of an organization's mailboxes.
        case securityGateway = "security-gateway"
    }

    public var name: String
    public var kind: Kind
    /// Host name suffixes (lower case, without leading dot).
    public var suffixes: [String]

    public static let all: [KnownInfrastructure] = [
        KnownInfrastructure(name: "Microsoft 365", kind: .mailboxProvider,
                            suffixes: ["outlook.com", "office365.com", "protection.outlook.com", "outlook.office365.com", "hotmail.com",
                                       "live.com", "exchangelabs.com", "microsoft.com", "msn.com"]),
        KnownInfrastructure(name: "Google", kind: .mailboxProvider, suffixes: ["google.com", "gmail.com", "googlemail.com"]),
        KnownInfrastructure(name: "Yahoo", kind: .mailboxProvider, suffixes: ["yahoo.com", "yahoodns.net", "yahoo.net", "aol.com"]),
        KnownInfrastructure(name: "Apple iCloud", kind: .mailboxProvider, suffixes: ["icloud.com", "me.com", "mail.icloud.com"]),
        KnownInfrastructure(name: "Zoho", kind: .mailboxProvider, suffixes: ["zoho.com", "zohomail.com", "zoho.eu"]),
        KnownInfrastructure(name: "Proton", kind: .mailboxProvider, suffixes: ["protonmail.ch", "proton.me", "protonmail.com"]),
        KnownInfrastructure(name: "Fastmail", kind: .mailboxProvider, suffixes: ["messagingengine.com", "fastmail.com"]),
        KnownInfrastructure(name: "Amazon SES", kind: .sendingService, suffixes: ["amazonses.com", "smtp-out.amazonses.com"]),
        KnownInfrastructure(name: "SendGrid", kind: .sendingService, suffixes: ["sendgrid.net", "sendgrid.com"]),
        KnownInfrastructure(name: "Mailchimp", kind: .sendingService, suffixes: ["mcsv.net", "mcdlv.net", "rsgsv.net", "mailchimpapp.net", "mandrillapp.com"]),
        KnownInfrastructure(name: "Mailgun", kind: .sendingService, suffixes: ["mailgun.net", "mailgun.org"]),
        KnownInfrastructure(name: "SparkPost", kind: .sendingService, suffixes: ["sparkpostmail.com"]),
        KnownInfrastructure(name: "Postmark", kind: .sendingService, suffixes: ["mtasv.net", "postmarkapp.com"]),
        KnownInfrastructure(name: "Salesforce", kind: .sendingService, suffixes: ["exacttarget.com", "salesforce.com"]),
        KnownInfrastructure(name: "Proofpoint", kind: .securityGateway, suffixes: ["pphosted.com", "ppe-hosted.com", "proofpoint.com"]),
        KnownInfrastructure(name: "Mimecast", kind: .securityGateway, suffixes: ["mimecast.com", "mimecast-offshore.com"]),
        KnownInfrastructure(name: "Barracuda", kind: .securityGateway, suffixes: ["barracudanetworks.com", "ess.barracudanetworks.com", "cudasvc.com"]),
        KnownInfrastructure(name: "Cisco Secure Email (IronPort)", kind: .securityGateway, suffixes: ["iphmx.com"]),
        KnownInfrastructure(name: "Trend Micro", kind: .securityGateway, suffixes: ["tmes.trendmicro.com", "trendmicro.eu"]),
        KnownInfrastructure(name: "Sophos", kind: .securityGateway, suffixes: ["sophos.com"]),
    ]

    /// The service a host name belongs to, or nil.
    public static func identify(_ host: String?) -> KnownInfrastructure? {
        guard var h = host?.lowercased(), !h.isEmpty else { return nil }
        while h.hasSuffix(".") { h.removeLast() }
        for entry in all {
            for suffix in entry.suffixes where h == suffix || h.hasSuffix("." + suffix) { return entry }
        }
        return nil
    }
}
