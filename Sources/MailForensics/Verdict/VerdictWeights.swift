/// How much each finding adds to the verdict score (0 to 100 in total). By severity, adjusted for findings whose
/// severity alone misjudges their weight: a receiver's own phishing verdict weighs more than any single
/// inference; a finding that only says "could not be checked" weighs nothing.
enum VerdictWeights {
    /// Weights in the context of all findings: a body changed after signing weighs little when another valid
    /// signature or a trusted ARC chain vouches for the message as it arrived (a mailing list or gateway re-signed it).
    static func weights(_ findings: [Finding]) -> [Int] {
        let vouched = findings.contains { $0.id == "dkim.valid" || $0.id == "arc.chain-pass-trusted" }
        return findings.map { finding in
            if vouched, finding.id == "dkim.body-hash-mismatch" { return 8 }
            return weight(of: finding)
        }
    }

    static func weight(of finding: Finding) -> Int {
        if let w = overrides[finding.id] { return finding.severity == .critical ? Swift.max(w, 50) : w }
        if isUnverifiable(finding) { return 0 }
        switch finding.severity {
        case .info: return 0
        case .notice: return 8
        case .warning: return 25
        case .critical: return 50
        }
    }

    static let overrides: [String: Int] = [
        "vendor.filter-phishing": 60,
        "vendor.filter-spam": 30,
        "vendor.compauth-fail": 25,
        "vendor.filter-bypassed": 10,
        "identity.unaligned-sender": 10,
        "identity.message-id-domain": 0,
        "path.chain-break": 0,
        "path.long-delay": 0,
        "path.clock-skew": 5,
        "identity.date-far-from-delivery": 6,
        "message.lure-subject": 12,
        "recorded.receiver-reported-failure": 20,
        "message.obfuscated-words": 12,
    ]

    /// Findings that only report that something could not be checked (offline DNS, missing data).
    static func isUnverifiable(_ finding: Finding) -> Bool {
        let id = finding.id
        if ASCIIText.isSimple(id) {
            // Finding ids are ASCII: the same tests on bytes, without a Foundation search each.
            return ASCIIText.withBytes(id) { text in
                unverifiableMarks.contains { ASCIIText.firstIndex(of: $0, in: text) != nil }
                    || id.hasSuffix(".none") || id.hasPrefix("input.")
            }
        }
        return isUnverifiableByFoundation(id)
    }

    /// `isUnverifiable` for any id, with Foundation's searches.
    static func isUnverifiableByFoundation(_ id: String) -> Bool {
        id.contains("offline") || id.contains("unavailable") || id.contains("could-not") || id.hasSuffix(".none")
            || id.contains("not-checked") || id.contains("unchecked") || id.contains("no-connecting-ip")
            || id.contains("temperror") || id.hasPrefix("input.")
    }

    /// The words inside an id that mark a finding as unverifiable, as bytes.
    static let unverifiableMarks = ["offline", "unavailable", "could-not", "not-checked", "unchecked", "no-connecting-ip", "temperror"]
        .map { Array($0.utf8) }

    /// True when a finding names something specific about this message (not only "could not verify").
    static func isSpecific(_ finding: Finding) -> Bool {
        finding.severity >= .notice && !isUnverifiable(finding)
    }
}
