import MailParsing

/// The meaning of vendor filter codes, as data in one place: what each code means and where that meaning comes
/// from (the vendor's documentation, or observation in the field). Wording is our own.
enum VendorCodeBook {
    struct Entry: Sendable {
        var vendor: String
        var key: String
        /// Exact value (compared case-insensitively); nil matches any value and describes the key.
        var value: String?
        var meaning: String
        var source: VendorCode.Source
        var signal: Severity?
    }

    static let microsoft = "Microsoft"
    static let doc = VendorCode.Source.documentation
    static let seen = VendorCode.Source.observed

    static func scl(_ v: Int) -> Entry {
        let (meaning, signal): (String, Severity?) = switch v {
        case -1: ("Filtering was skipped: the sender or connection was allowed by a rule, so the message went straight to the inbox.", .notice)
        case 0, 1: ("Not spam: the filter found nothing wrong and delivered it to the inbox.", nil)
        case 2, 3, 4: ("Low spam likelihood (rarely used value).", nil)
        case 5, 6: ("Spam: the filter judged it spam and sent it to the Junk folder.", .warning)
        case 7, 8: ("Spam with high confidence.", .warning)
        default: ("High-confidence spam: the strongest spam verdict.", .critical)
        }
        return Entry(vendor: microsoft, key: "SCL", value: String(v), meaning: meaning, source: doc, signal: signal)
    }

    static func bcl(_ v: Int) -> Entry {
        let (meaning, signal): (String, Severity?) = switch v {
        case 0: ("Not from a bulk sender.", nil)
        case 1, 2, 3: ("From a bulk sender that draws few complaints.", nil)
        case 4, 5, 6, 7: ("From a bulk sender that draws a mixed number of complaints.", .info)
        default: ("From a bulk sender that draws many complaints.", .notice)
        }
        return Entry(vendor: microsoft, key: "BCL", value: String(v), meaning: meaning, source: doc, signal: signal)
    }

    static func pcl(_ v: Int) -> Entry {
        Entry(vendor: microsoft, key: "PCL", value: String(v),
              meaning: v >= 4 ? "Phishing confidence level: the content looks like phishing." : "Phishing confidence level: the content does not look like phishing.",
              source: doc, signal: v >= 4 ? .warning : nil)
    }

    static let entries: [Entry] = (-1...9).map(scl) + (0...9).map(bcl) + (0...8).map(pcl) + [
        // X-Forefront-Antispam-Report (Microsoft "Anti-spam message headers" documentation).
        Entry(vendor: microsoft, key: "CIP", value: nil, meaning: "The IP address that connected to Microsoft's servers.", source: doc),
        Entry(vendor: microsoft, key: "CTRY", value: nil, meaning: "The country of the connecting IP address, by Microsoft's geolocation.", source: doc),
        Entry(vendor: microsoft, key: "LANG", value: nil, meaning: "The language the message is written in.", source: doc),
        Entry(vendor: microsoft, key: "H", value: nil, meaning: "The name the sending server gave in HELO/EHLO.", source: doc),
        Entry(vendor: microsoft, key: "PTR", value: nil, meaning: "The reverse-DNS name of the connecting IP address.", source: doc),
        Entry(vendor: microsoft, key: "PTR", value: "InfoDomainNonexistent", meaning: "The connecting IP address has no reverse-DNS name.", source: seen, signal: .info),
        Entry(vendor: microsoft, key: "DIR", value: "INB", meaning: "Inbound: from outside the organization.", source: doc),
        Entry(vendor: microsoft, key: "DIR", value: "OUT", meaning: "Outbound: sent by the organization to the outside.", source: doc),
        Entry(vendor: microsoft, key: "DIR", value: "INT", meaning: "Internal: between mailboxes of the organization.", source: doc),
        Entry(vendor: microsoft, key: "IPV", value: "CAL", meaning: "The connecting IP is on the organization's allow list, so spam filtering was skipped.", source: doc, signal: .notice),
        Entry(vendor: microsoft, key: "IPV", value: "NLI", meaning: "The connecting IP is on no reputation list.", source: doc),
        Entry(vendor: microsoft, key: "SFV", value: "BLK", meaning: "Blocked: the sender is on a block list.", source: doc, signal: .warning),
        Entry(vendor: microsoft, key: "SFV", value: "NSPM", meaning: "Not spam.", source: doc),
        Entry(vendor: microsoft, key: "SFV", value: "SFE", meaning: "Filtering skipped: the sender is on the recipient's Safe Senders list.", source: doc, signal: .notice),
        Entry(vendor: microsoft, key: "SFV", value: "SKA", meaning: "Filtering skipped: the sender is allowed by an anti-spam policy.", source: doc, signal: .notice),
        Entry(vendor: microsoft, key: "SFV", value: "SKB", meaning: "Marked spam: the sender is blocked by an anti-spam policy.", source: doc, signal: .warning),
        Entry(vendor: microsoft, key: "SFV", value: "SKI", meaning: "Filtering skipped: the message stayed inside the organization.", source: doc),
        Entry(vendor: microsoft, key: "SFV", value: "SKN", meaning: "Marked not spam before filtering (for example by a mail flow rule).", source: doc, signal: .notice),
        Entry(vendor: microsoft, key: "SFV", value: "SKQ", meaning: "Released from quarantine by someone.", source: doc, signal: .notice),
        Entry(vendor: microsoft, key: "SFV", value: "SKS", meaning: "Marked spam before filtering (for example by a mail flow rule).", source: doc, signal: .warning),
        Entry(vendor: microsoft, key: "SFV", value: "SPM", meaning: "Spam: the filter judged it spam.", source: doc, signal: .warning),
        Entry(vendor: microsoft, key: "SFV", value: "DMS", meaning: "A spam verdict was overridden by the organization's settings.", source: seen, signal: .notice),
        Entry(vendor: microsoft, key: "CAT", value: "NONE", meaning: "No protection policy matched.", source: doc),
        Entry(vendor: microsoft, key: "CAT", value: "BULK", meaning: "Bulk mail.", source: doc, signal: .info),
        Entry(vendor: microsoft, key: "CAT", value: "SPM", meaning: "Spam.", source: doc, signal: .warning),
        Entry(vendor: microsoft, key: "CAT", value: "HSPM", meaning: "High-confidence spam.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "CAT", value: "PHSH", meaning: "Phishing.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "CAT", value: "HPHSH", meaning: "High-confidence phishing.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "CAT", value: "HPHISH", meaning: "High-confidence phishing.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "CAT", value: "MALW", meaning: "Malware.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "CAT", value: "SPOOF", meaning: "Spoofing: the sender address is forged.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "CAT", value: "DIMP", meaning: "Domain impersonation: the sender's domain imitates a protected domain.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "CAT", value: "UIMP", meaning: "User impersonation: the sender imitates a protected person.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "CAT", value: "GIMP", meaning: "Mailbox intelligence impersonation: unlike the recipient's usual contacts.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "CAT", value: "AMP", meaning: "Anti-malware policy matched.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "CAT", value: "SAP", meaning: "Safe Attachments policy matched.", source: doc, signal: .warning),
        Entry(vendor: microsoft, key: "CAT", value: "FTBP", meaning: "Blocked file type in an attachment.", source: doc, signal: .warning),
        Entry(vendor: microsoft, key: "CAT", value: "INTOS", meaning: "Phishing sent within the organization.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "CAT", value: "OSPM", meaning: "Outbound spam (sent by a mailbox of the organization).", source: doc, signal: .warning),
        Entry(vendor: microsoft, key: "SRV", value: "BULK", meaning: "Identified as bulk mail.", source: doc, signal: .info),
        Entry(vendor: microsoft, key: "SFTY", value: "9.19", meaning: "Domain impersonation safety tip shown to the user.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "SFTY", value: "9.20", meaning: "User impersonation safety tip shown to the user.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "SFTY", value: "9.25", meaning: "First-contact safety tip: the recipient rarely or never got mail from this sender.", source: seen, signal: .info),
        Entry(vendor: microsoft, key: "SFTY", value: nil, meaning: "A safety tip was added to the message.", source: doc, signal: .info),
        Entry(vendor: microsoft, key: "SFS", value: nil, meaning: "Internal filter rule numbers (not published).", source: doc),
        // X-MS-Exchange-Organization-AuthAs.
        Entry(vendor: microsoft, key: "AuthAs", value: "Anonymous", meaning: "The sending server did not log in: ordinary mail from the Internet.", source: seen),
        Entry(vendor: microsoft, key: "AuthAs", value: "Internal", meaning: "Sent from inside the organization by an authenticated user or server.", source: seen),
        Entry(vendor: microsoft, key: "AuthAs", value: "Partner", meaning: "Sent by a partner organization over a secured connector.", source: seen),
        // X-Microsoft-Antispam-Mailbox-Delivery.
        Entry(vendor: microsoft, key: "dest", value: "I", meaning: "Delivered to the Inbox.", source: seen),
        Entry(vendor: microsoft, key: "dest", value: "J", meaning: "Delivered to the Junk Email folder.", source: seen, signal: .warning),
        Entry(vendor: microsoft, key: "dest", value: "C", meaning: "Delivered to a custom folder by a rule.", source: seen),
        Entry(vendor: microsoft, key: "ucf", value: "1", meaning: "A user's own junk rule (custom filter) matched.", source: seen),
        Entry(vendor: microsoft, key: "OFR", value: nil, meaning: "The reason the delivery folder was chosen.", source: seen),
        // compauth (Microsoft's composite authentication, in Authentication-Results).
        Entry(vendor: microsoft, key: "compauth", value: "pass", meaning: "Microsoft's composite authentication passed: it believes the From address.", source: doc),
        Entry(vendor: microsoft, key: "compauth", value: "fail", meaning: "Microsoft's composite authentication failed: it does not believe the From address is genuine.", source: doc, signal: .warning),
        Entry(vendor: microsoft, key: "compauth", value: "softpass", meaning: "Microsoft's composite authentication soft-passed (weak evidence the From address is genuine).", source: doc),
        Entry(vendor: microsoft, key: "compauth", value: "none", meaning: "Microsoft did not judge the From address.", source: doc),
        Entry(vendor: microsoft, key: "reason", value: "000", meaning: "Failed DMARC, and the domain's policy asks receivers to reject or quarantine.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "reason", value: "001", meaning: "Implicit authentication failed: the sender's domain does not authenticate its mail, or the checks failed, and the message looks spoofed.", source: doc, signal: .warning),
        Entry(vendor: microsoft, key: "reason", value: "002", meaning: "The organization forbids spoofed mail from this sender and domain pair.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "reason", value: "010", meaning: "Failed DMARC with reject or quarantine, and the domain is one of the organization's own.", source: doc, signal: .critical),
        Entry(vendor: microsoft, key: "reason", value: "100", meaning: "Passed: SPF or DKIM passed and lined up with the From domain.", source: seen),
        Entry(vendor: microsoft, key: "reason", value: "105", meaning: "Passed (observed value; details not published).", source: seen),
        Entry(vendor: microsoft, key: "reason", value: "109", meaning: "Passed by Microsoft's own reputation reasoning although the domain has no strict policy (observed value).", source: seen),
        Entry(vendor: microsoft, key: "reason", value: "111", meaning: "Passed by Microsoft's implicit authentication (observed value).", source: seen),
        Entry(vendor: microsoft, key: "reason", value: "130", meaning: "Passed because a trusted ARC sealer vouched for it after forwarding.", source: doc),
        // SpamAssassin (X-Spam-Status, X-Spam-Flag), Apache SpamAssassin documentation.
        Entry(vendor: "SpamAssassin", key: "status", value: "Yes", meaning: "SpamAssassin's score reached its spam threshold.", source: doc, signal: .warning),
        Entry(vendor: "SpamAssassin", key: "status", value: "No", meaning: "SpamAssassin's score stayed below its spam threshold.", source: doc),
        Entry(vendor: "SpamAssassin", key: "BAYES_99", value: nil, meaning: "The learned (Bayesian) filter is 99% sure this is spam.", source: doc, signal: .notice),
        Entry(vendor: "SpamAssassin", key: "GTUBE", value: nil, meaning: "The standard anti-spam test message.", source: doc, signal: .warning),
        Entry(vendor: "SpamAssassin", key: "SPF_FAIL", value: nil, meaning: "SPF failed.", source: doc, signal: .notice),
        Entry(vendor: "SpamAssassin", key: "DKIM_INVALID", value: nil, meaning: "A DKIM signature did not verify.", source: doc, signal: .info),
        Entry(vendor: "SpamAssassin", key: "URIBL_BLOCKED", value: nil, meaning: "The link block-list lookup was refused, so links were not checked.", source: doc),
        // rspamd (X-Rspamd-Action and X-Spamd-Result), rspamd documentation.
        Entry(vendor: "rspamd", key: "action", value: "reject", meaning: "rspamd would reject this message.", source: doc, signal: .critical),
        Entry(vendor: "rspamd", key: "action", value: "add header", meaning: "rspamd marked the message as spam.", source: doc, signal: .warning),
        Entry(vendor: "rspamd", key: "action", value: "rewrite subject", meaning: "rspamd marked the message as spam and changed its subject.", source: doc, signal: .warning),
        Entry(vendor: "rspamd", key: "action", value: "greylist", meaning: "rspamd asked the sender to retry later (suspicious, not yet spam).", source: doc, signal: .info),
        Entry(vendor: "rspamd", key: "action", value: "soft reject", meaning: "rspamd deferred the message.", source: doc, signal: .info),
        Entry(vendor: "rspamd", key: "action", value: "no action", meaning: "rspamd found nothing wrong.", source: doc),
        // Proofpoint (X-Proofpoint-Spam-Details), observed.
        Entry(vendor: "Proofpoint", key: "rule", value: "notspam", meaning: "Proofpoint judged it not spam.", source: seen),
        Entry(vendor: "Proofpoint", key: "rule", value: "spam", meaning: "Proofpoint judged it spam.", source: seen, signal: .warning),
        Entry(vendor: "Proofpoint", key: "rule", value: "bulk", meaning: "Proofpoint judged it bulk mail.", source: seen, signal: .info),
        Entry(vendor: "Proofpoint", key: "rule", value: "phish", meaning: "Proofpoint judged it phishing.", source: seen, signal: .critical),
        // Barracuda (X-Barracuda-Spam-Status / -Flag), observed.
        Entry(vendor: "Barracuda", key: "status", value: "Yes", meaning: "Barracuda judged it spam.", source: seen, signal: .warning),
        Entry(vendor: "Barracuda", key: "status", value: "No", meaning: "Barracuda judged it not spam.", source: seen),
        // Cisco Secure Email / IronPort, observed.
        Entry(vendor: "Cisco", key: "X-Amp-Result", value: "MALICIOUS", meaning: "Cisco's malware protection found a malicious attachment.", source: seen, signal: .critical),
        Entry(vendor: "Cisco", key: "X-Amp-Result", value: "CLEAN", meaning: "Cisco's malware protection found nothing.", source: seen),
        Entry(vendor: "Cisco", key: "X-IronPort-Anti-Spam-Filtered", value: "true", meaning: "Cisco's anti-spam filter scanned the message (its result code is not published).", source: seen),
        // Mimecast impersonation protection, observed.
        Entry(vendor: "Mimecast", key: "impersonation", value: "true", meaning: "Mimecast's impersonation protection matched.", source: seen, signal: .warning),
        // Google (Takeout exports carry these), observed.
        Entry(vendor: "Google", key: "X-Gm-Spam", value: "1", meaning: "Gmail filed it as spam.", source: seen, signal: .warning),
        Entry(vendor: "Google", key: "X-Gm-Phishy", value: "1", meaning: "Gmail flagged it as suspected phishing.", source: seen, signal: .critical),
        Entry(vendor: "Google", key: "X-Gm-Spam", value: "0", meaning: "Gmail did not file it as spam.", source: seen),
        Entry(vendor: "Google", key: "X-Gm-Phishy", value: "0", meaning: "Gmail did not flag it as phishing.", source: seen),
    ]

    static let index: [String: [Entry]] = Dictionary(grouping: entries) { "\($0.vendor)|\($0.key.lowercased())" }

    /// The code decoded: an exact value match first, then the key's general meaning.
    static func decode(vendor: String, key: String, value: String) -> VendorCode {
        let candidates = index["\(vendor)|\(key.lowercased())"] ?? []
        let v = value.trimmingASCIIWhitespace()
        let entry = candidates.first { $0.value?.lowercased() == v.lowercased() } ?? candidates.first { $0.value == nil }
        return VendorCode(key: key, value: v, meaning: entry?.meaning, source: entry?.source, signal: entry?.signal)
    }
}
