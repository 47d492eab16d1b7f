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

    /// Every suffix as lower-case bytes with the index of its entry, in the order of `all` (the first entry that
    /// matches wins), built once for `identify`.
    static let suffixTable: [(bytes: [UInt8], entry: Int)] = all.enumerated().flatMap { index, entry in
        entry.suffixes.map { (Array($0.utf8), index) }
    }

    /// The service a host name belongs to, or nil.
    public static func identify(_ host: String?) -> KnownInfrastructure? {
        identifyIndex(host).map { all[$0] }
    }

    /// The index in `all` of the service a host name belongs to, or nil.
    static func identifyIndex(_ host: String?) -> Int? {
        guard let host, !host.isEmpty else { return nil }
        // Host names are ASCII: compared byte by byte against the table, without building lower-cased copies.
        // Anything else keeps the Unicode lower-casing and Character comparison.
        let matched = host.utf8.withContiguousStorageIfAvailable(identifyASCII)
            ?? Array(host.utf8).withUnsafeBufferPointer(identifyASCII)
        switch matched {
        case .some(let index): return index
        case .none: return identifyUnicode(host).flatMap { entry in all.firstIndex { $0.name == entry.name } }
        }
    }

    /// The index in `all` of the service of an ASCII host name (`.some(nil)`: none); nil when the name is not ASCII.
    static func identifyASCII(_ host: UnsafeBufferPointer<UInt8>) -> Int?? {
        guard host.allSatisfy({ $0 < 0x80 }) else { return nil }
        var length = host.count
        while length > 0, host[length - 1] == UInt8(ascii: ".") { length -= 1 }
        guard length > 0 else { return .some(nil) }
        let last = lowercasedASCII(host[length - 1])
        for (suffix, entry) in suffixTable where length >= suffix.count && suffix[suffix.count - 1] == last {
            let start = length - suffix.count
            guard start == 0 || host[start - 1] == UInt8(ascii: ".") else { continue }
            var index = 0
            while index < suffix.count, lowercasedASCII(host[start + index]) == suffix[index] { index += 1 }
            if index == suffix.count { return .some(entry) }
        }
        return .some(nil)
    }

    static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    static func identifyUnicode(_ host: String) -> KnownInfrastructure? {
        var h = host.lowercased()
        while h.hasSuffix(".") { h.removeLast() }
        for entry in all {
            for suffix in entry.suffixes where h == suffix || h.hasSuffix("." + suffix) { return entry }
        }
        return nil
    }
}
