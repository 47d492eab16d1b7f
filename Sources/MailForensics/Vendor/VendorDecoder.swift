import MailParsing

/// Decodes the spam-filter fields vendors add to messages (Microsoft Exchange Online Protection, SpamAssassin,
/// rspamd, Proofpoint, Mimecast, Barracuda, Cisco, Google) into `VendorVerdict` values; meanings come from
/// `VendorCodeBook`. Unknown fields yield nil; unknown codes are kept without a meaning.
enum VendorDecoder {
    /// The names of the fields decoded here (lower case); every other field is passed over before its value is read.
    static let decodedFieldNames: Set<String> = [
        "x-forefront-antispam-report", "x-forefront-antispam-report-untrusted", "x-microsoft-antispam", "x-microsoft-antispam-untrusted",
        "x-microsoft-antispam-mailbox-delivery", "x-ms-exchange-organization-scl", "x-ms-exchange-organization-pcl",
        "x-ms-exchange-organization-authas", "authentication-results", "x-spam-status", "x-barracuda-spam-status", "x-spam-flag",
        "x-barracuda-spam-flag", "x-spam-score", "x-barracuda-spam-score", "x-rspamd-score", "x-mimecast-spam-score", "x-spam-level",
        "x-spam-report", "x-spamd-result", "x-rspamd-action", "x-proofpoint-spam-details", "x-mimecast-impersonation-protect",
        "x-amp-result", "x-ironport-anti-spam-filtered", "x-gm-spam", "x-gm-phishy",
    ]

    static func decode(_ field: HeaderField) -> VendorVerdict? {
        let name = field.lowercasedName
        // All of them start with "x-" or "authentication-": most fields are turned away by their first byte.
        guard name.utf8.first == UInt8(ascii: "x") || name.utf8.first == UInt8(ascii: "a"), decodedFieldNames.contains(name) else { return nil }
        let value = String(field.unfoldedValue.prefix(4000))
        var codes: [VendorCode] = []
        let vendor: String
        switch name {
        case "x-forefront-antispam-report", "x-forefront-antispam-report-untrusted":
            vendor = VendorCodeBook.microsoft
            codes = pairs(value, separator: ";", assign: ":").map { VendorCodeBook.decode(vendor: vendor, key: $0.0, value: $0.1) }
        case "x-microsoft-antispam", "x-microsoft-antispam-untrusted", "x-microsoft-antispam-mailbox-delivery":
            vendor = VendorCodeBook.microsoft
            codes = pairs(value, separator: ";", assign: ":")
                .filter { ["BCL", "PCL", "dest", "ucf", "OFR", "SCL"].contains($0.0) }
                .map { VendorCodeBook.decode(vendor: vendor, key: $0.0, value: $0.1) }
        case "x-ms-exchange-organization-scl":
            vendor = VendorCodeBook.microsoft
            codes = [VendorCodeBook.decode(vendor: vendor, key: "SCL", value: value)]
        case "x-ms-exchange-organization-pcl":
            vendor = VendorCodeBook.microsoft
            codes = [VendorCodeBook.decode(vendor: vendor, key: "PCL", value: value)]
        case "x-ms-exchange-organization-authas":
            vendor = VendorCodeBook.microsoft
            codes = [VendorCodeBook.decode(vendor: vendor, key: "AuthAs", value: value)]
        case "authentication-results":
            guard let compauth = compositeAuthentication(value) else { return nil }
            vendor = VendorCodeBook.microsoft
            codes = compauth
        case "x-spam-status", "x-barracuda-spam-status":
            vendor = name == "x-spam-status" ? "SpamAssassin" : "Barracuda"
            codes = spamAssassinStyle(value, vendor: vendor)
        case "x-spam-flag", "x-barracuda-spam-flag":
            vendor = name == "x-spam-flag" ? "SpamAssassin" : "Barracuda"
            let yes = value.lowercased().hasPrefix("yes")
            codes = [VendorCodeBook.decode(vendor: vendor, key: "status", value: yes ? "Yes" : "No")]
        case "x-spam-score", "x-barracuda-spam-score", "x-rspamd-score", "x-mimecast-spam-score", "x-spam-level":
            vendor = name.contains("barracuda") ? "Barracuda" : name.contains("rspamd") ? "rspamd" : name.contains("mimecast") ? "Mimecast" : "SpamAssassin"
            codes = [VendorCode(key: "score", value: name == "x-spam-level" ? String(value.filter { $0 == "*" }.count) : value,
                                meaning: "The filter's spam score (its threshold is set by the site).", source: .documentation)]
        case "x-spam-report":
            vendor = "SpamAssassin"
            codes = spamAssassinReport(field)
            guard !codes.isEmpty else { return nil }
        case "x-spamd-result":
            vendor = "rspamd"
            codes = rspamdResult(value)
        case "x-rspamd-action":
            vendor = "rspamd"
            codes = [VendorCodeBook.decode(vendor: vendor, key: "action", value: value)]
        case "x-proofpoint-spam-details":
            vendor = "Proofpoint"
            codes = pairs(value, separator: " ", assign: "=").map { VendorCodeBook.decode(vendor: vendor, key: $0.0, value: $0.1) }
        case "x-mimecast-impersonation-protect":
            vendor = "Mimecast"
            codes = pairs(value, separator: ";", assign: "=").compactMap { key, v in
                guard key.lowercased() != "policy" else { return VendorCode(key: key, value: v) }
                guard v.lowercased() == "true" else { return nil }
                var code = VendorCodeBook.decode(vendor: vendor, key: "impersonation", value: "true")
                code.key = key
                return code
            }
        case "x-amp-result", "x-ironport-anti-spam-filtered":
            vendor = "Cisco"
            codes = [VendorCodeBook.decode(vendor: vendor, key: field.name, value: value)]
        case "x-gm-spam", "x-gm-phishy":
            vendor = "Google"
            codes = [VendorCodeBook.decode(vendor: vendor, key: field.name, value: value)]
        default:
            return nil
        }
        var verdict = VendorVerdict(vendor: vendor, field: field.name, headerLine: field.span.firstLine)
        verdict.lastLine = field.span.lastLine
        verdict.raw = String(value.prefix(1000))
        verdict.codes = codes
        verdict.assessment = assessment(codes)
        verdict.summary = summary(vendor: vendor, assessment: verdict.assessment, codes: codes)
        if name == "authentication-results" {
            let failed = codes.contains { $0.key == "compauth" && $0.value.lowercased() == "fail" }
            verdict.assessment = failed ? .suspicious : codes.contains { $0.key == "compauth" && $0.value.lowercased() == "pass" } ? .clean : .informational
            verdict.summary = "Microsoft composite authentication: " + codes.compactMap(\.meaning).joined(separator: " ")
        }
        if name.hasSuffix("-untrusted") {
            verdict.summary = "Written by the sender's own Microsoft tenant, not the recipient's: " + verdict.summary
        }
        return verdict
    }

    /// `KEY:VALUE;KEY:VALUE` or `k=v k=v` pairs, bounded to 100.
    static func pairs(_ value: String, separator: Character, assign: Character) -> [(String, String)] {
        value.split(separator: separator).prefix(100).compactMap { part in
            let p = part.trimmingCharacters(inSet: " \t")
            guard let i = p.firstIndex(of: assign) else { return nil }
            let key = p[..<i].trimmingCharacters(inSet: " \t")
            guard !key.isEmpty else { return nil }
            return (key, p[p.index(after: i)...].trimmingCharacters(inSet: " \t"))
        }
    }

    /// `compauth=fail reason=001` in a (Microsoft) Authentication-Results field.
    static func compositeAuthentication(_ value: String) -> [VendorCode]? {
        // Most Authentication-Results carry no compauth: answer that from the bytes, without lowering the value.
        if ASCIIText.isSimple(value), !ASCIIText.withBytes(value, { containsIgnoringCase($0, compauthBytes) }) { return nil }
        let lower = value.lowercased()
        guard let range = lower.range(of: "compauth=") else { return nil }
        let rest = lower[range.upperBound...]
        let result = String(rest.prefix { $0.isLetter })
        var codes = [VendorCodeBook.decode(vendor: VendorCodeBook.microsoft, key: "compauth", value: result)]
        if let r = rest.range(of: "reason=") {
            let reason = String(rest[r.upperBound...].prefix { $0.isNumber })
            if !reason.isEmpty { codes.append(VendorCodeBook.decode(vendor: VendorCodeBook.microsoft, key: "reason", value: reason)) }
        }
        return codes
    }

    private static let compauthBytes = Array("compauth=".utf8)

    /// True when `text` contains `needle` (lower-case ASCII) in any ASCII case.
    static func containsIgnoringCase(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= text.count else { return false }
        for i in 0...(text.count - needle.count) {
            var k = 0
            while k < needle.count, ASCIIText.lower(text[i + k]) == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        return false
    }

    /// `Yes, score=12.3 required=5.0 tests=BAYES_99,HTML_MESSAGE autolearn=no version=3.4.6`.
    static func spamAssassinStyle(_ value: String, vendor: String) -> [VendorCode] {
        let status = value.lowercased().hasPrefix("yes") ? "Yes" : "No"
        var codes = [VendorCodeBook.decode(vendor: vendor, key: "status", value: status)]
        for (key, v) in pairs(value.replacingOccurrences(of: ",", with: " , "), separator: " ", assign: "=") {
            switch key.lowercased() {
            case "score", "hits":
                codes.append(VendorCode(key: "score", value: v, meaning: "The total spam score.", source: .documentation))
            case "required":
                codes.append(VendorCode(key: "required", value: v, meaning: "The score at which the site treats mail as spam.", source: .documentation))
            default: break
            }
        }
        if let testsRange = value.range(of: "tests=") {
            let list = value[testsRange.upperBound...].prefix { $0 != " " && $0 != "\t" }
            for test in list.split(separator: ",").prefix(60) where !test.isEmpty {
                codes.append(VendorCodeBook.decode(vendor: vendor, key: String(test), value: ""))
            }
        }
        return codes
    }

    /// The rule lines of X-Spam-Report (` *  3.5 BAYES_99 BODY: Bayes spam probability is 99 to 100%`): each rule with
    /// its score; the meaning is the code book's, else the description SpamAssassin wrote beside it.
    static func spamAssassinReport(_ field: HeaderField) -> [VendorCode] {
        let text = String(decoding: field.rawValue.prefix(16_000), as: UTF8.self)
        var codes: [VendorCode] = []
        for line in text.split(whereSeparator: \.isNewline).prefix(200) {
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if words.first == "*" { words.removeFirst() }
            guard words.count >= 2, Double(words[0]) != nil, words[1].allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }) else { continue }
            var code = VendorCodeBook.decode(vendor: "SpamAssassin", key: words[1], value: words[0])
            if code.meaning == nil {
                code.meaning = words.dropFirst(2).joined(separator: " ")
                code.source = .documentation
            }
            codes.append(code)
        }
        return codes
    }

    /// `default: True [15.50 / 15.00]; SYMBOL(1.00)[detail]; ...`.
    static func rspamdResult(_ value: String) -> [VendorCode] {
        let parts = value.split(separator: ";").prefix(80)
        var codes: [VendorCode] = []
        if let head = parts.first {
            let isSpam = head.lowercased().contains("true")
            codes.append(VendorCode(key: "spam", value: isSpam ? "True" : "False",
                                    meaning: isSpam ? "rspamd's score reached its spam threshold." : "rspamd's score stayed below its spam threshold.",
                                    source: .documentation, signal: isSpam ? .warning : nil))
        }
        for part in parts.dropFirst() {
            let symbol = part.trimmingCharacters(inSet: " \t").prefix { $0 != "(" }
            guard !symbol.isEmpty else { continue }
            codes.append(VendorCode(key: String(symbol), value: String(part.drop { $0 != "(" }.prefix { $0 != ")" }.dropFirst())))
        }
        return codes
    }

    static let phishingCodes: Set<String> = ["CAT:PHSH", "CAT:HPHSH", "CAT:HPHISH", "CAT:SPOOF", "CAT:DIMP", "CAT:UIMP", "CAT:GIMP", "CAT:INTOS",
                                             "SFTY:9.19", "SFTY:9.20", "X-GM-PHISHY:1", "RULE:PHISH"]
    static let malwareCodes: Set<String> = ["CAT:MALW", "CAT:AMP", "X-AMP-RESULT:MALICIOUS"]
    static let allowCodes: Set<String> = ["SFV:SKA", "SFV:SFE", "SFV:SKN", "IPV:CAL", "SCL:-1"]
    static let cleanCodes: Set<String> = ["SCL:0", "SCL:1", "SFV:NSPM", "STATUS:NO", "RULE:NOTSPAM", "X-GM-SPAM:0", "ACTION:NO ACTION",
                                          "SPAM:FALSE", "COMPAUTH:PASS", "DEST:I"]
    static let bulkCodes: Set<String> = ["CAT:BULK", "SRV:BULK", "BCL:8", "BCL:9", "RULE:BULK"]

    static func assessment(_ codes: [VendorCode]) -> VendorVerdict.Assessment {
        let keys = Set(codes.map { "\($0.key.uppercased()):\($0.value.uppercased())" })
        if !keys.isDisjoint(with: phishingCodes) { return .phishing }
        if !keys.isDisjoint(with: malwareCodes) { return .malware }
        if codes.contains(where: { ($0.signal ?? .info) >= .warning }) { return .spam }
        if !keys.isDisjoint(with: allowCodes) { return .allowlisted }
        if !keys.isDisjoint(with: bulkCodes) { return .bulk }
        if !keys.isDisjoint(with: cleanCodes) { return .clean }
        return .informational
    }

    static func summary(vendor: String, assessment: VendorVerdict.Assessment, codes: [VendorCode]) -> String {
        let wanted: Set<String> = assessment == .phishing ? phishingCodes : assessment == .malware ? malwareCodes : []
        let strongest = codes.first { wanted.contains("\($0.key.uppercased()):\($0.value.uppercased())") && $0.meaning != nil }
            ?? codes.filter { $0.signal != nil && $0.meaning != nil }.max { ($0.signal ?? .info) < ($1.signal ?? .info) }
        switch assessment {
        case .phishing: return "\(vendor)'s filter classified the message as phishing" + (strongest.map { ": \($0.meaning ?? "")" } ?? ".")
        case .malware: return "\(vendor)'s filter found malware" + (strongest.map { ": \($0.meaning ?? "")" } ?? ".")
        case .spam: return "\(vendor)'s filter classified the message as spam" + (strongest.map { ": \($0.meaning ?? "")" } ?? ".")
        case .suspicious: return "\(vendor)'s filter found the message suspicious."
        case .allowlisted: return "\(vendor)'s filtering was skipped by an allow rule" + (strongest.map { ": \($0.meaning ?? "")" } ?? ".")
        case .bulk: return "\(vendor)'s filter classified the message as bulk mail."
        case .clean: return "\(vendor)'s filter found nothing wrong" + (codes.first?.meaning.map { ": \($0)" } ?? ".")
        case .informational: return codes.first?.meaning.map { "\(vendor): \($0)" } ?? "\(vendor) recorded filter details."
        }
    }
}

extension StringProtocol {
    /// Trims the given characters from both ends.
    func trimmingCharacters(inSet set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
