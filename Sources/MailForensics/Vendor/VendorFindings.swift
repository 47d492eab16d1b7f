/// Findings about what vendors' spam filters and the receiving servers recorded, and the checks that emit them.
enum VendorFindings {
    static let phishing = FindingSpec(
        id: "vendor.filter-phishing", severity: .critical, title: "The recipient's own filter classified this message as phishing or malware.",
        trigger: "A trusted vendor field records a phishing, impersonation, spoofing or malware category (Microsoft CAT:PHSH/SPOOF/UIMP/DIMP/MALW, SFTY 9.19/9.20, Gmail X-Gm-Phishy, Proofpoint rule=phish).",
        meaning: "The mail service that delivered the message already decided it was phishing or dangerous. That verdict was written by the recipient's side, so the sender could not fake it.",
        action: "Treat the message as malicious: do not click or reply; report it and look for the same message in other mailboxes.",
        strength: .direct)
    static let spam = FindingSpec(
        id: "vendor.filter-spam", severity: .warning, title: "The recipient's own filter classified this message as spam.",
        trigger: "A trusted vendor field records a spam verdict (Microsoft SCL 5 or more, SFV:SPM, delivery to Junk; SpamAssassin or Barracuda Yes; rspamd add header/reject; Proofpoint rule=spam; Gmail X-Gm-Spam: 1).",
        meaning: "The mail service judged the message to be spam when it arrived. Spam filters also catch most phishing; the codes in the evidence say what tipped it over.",
        action: "Look at the other findings to tell plain spam from a targeted attack.",
        strength: .direct)
    static let bypassed = FindingSpec(
        id: "vendor.filter-bypassed", severity: .notice, title: "Spam filtering was skipped for this message by an allow rule.",
        trigger: "Microsoft SFV:SKA/SFE/SKN, IPV:CAL or SCL -1.",
        meaning: "An allow list or a mail-flow rule told the filter not to check this message. Attackers who spoof an allow-listed sender get straight into the inbox this way.",
        action: "Check which rule allowed it and whether the sender was really the allowed one (see the authentication findings).",
        strength: .direct)
    static let compauthFail = FindingSpec(
        id: "vendor.compauth-fail", severity: .warning, title: "Microsoft did not believe the sender address is genuine.",
        trigger: "A trusted Authentication-Results field records compauth=fail.",
        meaning: "Microsoft's composite authentication combines SPF, DKIM, DMARC and its own reputation data; a failure means it thinks the From address is spoofed. The reason code in the evidence says why.",
        action: "Treat the From address as forged unless our own re-verification below shows otherwise.",
        strength: .direct, references: ["Microsoft: Anti-spam message headers (compauth)"])
    static let receiverAuthFailure = FindingSpec(
        id: "vendor.receiver-auth-failure", severity: .warning, title: "The receiving server recorded failed sender authentication.",
        trigger: "A trusted Authentication-Results field records dmarc=fail, spf=fail/softfail or dkim=fail.",
        meaning: "When the message arrived, the receiving server checked whether the sender's domain authorized it and the check failed. DMARC failure means the From domain itself disowns the message.",
        action: "Compare with our own re-verification; a failure recorded at delivery is the stronger evidence because it saw the real connection.",
        strength: .direct, references: ["RFC 8601 §2.7", "RFC 7489 §6.6"])
    static let clean = FindingSpec(
        id: "vendor.filter-clean", severity: .info, title: "The recipient's filter let this message through as not spam.",
        trigger: "A trusted vendor field records a clean verdict (Microsoft SCL 0-1 or SFV:NSPM, SpamAssassin No, rspamd no action).",
        meaning: "The filter did not object. Filters miss new phishing campaigns, so this does not make the message safe.",
        action: "Judge by the other findings.",
        strength: .direct)
    static let untrusted = FindingSpec(
        id: "vendor.untrusted-verdict", severity: .notice, title: "A spam-filter field in the message was not written by the recipient's side.",
        trigger: "A vendor verdict field sits below the trust boundary (so the sender or an earlier server wrote it) and claims the message is clean or allowed.",
        meaning: "Anyone can add a field that says \"not spam\". Attackers do, hoping a filter or a person believes it.",
        action: "Ignore the field's claim.",
        strength: .inference)

    static let specs = [phishing, spam, bypassed, compauthFail, receiverAuthFailure, clean, untrusted]

    static func evidence(_ verdict: VendorVerdict) -> Evidence {
        let decoded = verdict.codes.filter { $0.signal != nil }.compactMap { code in code.meaning.map { "\(code.key)=\(code.value): \($0)" } }
        let value = decoded.isEmpty ? String(verdict.raw.prefix(300)) : decoded.joined(separator: " | ")
        return Evidence(kind: .header, label: verdict.field, value: value, firstLine: verdict.headerLine, lastLine: verdict.lastLine ?? verdict.headerLine)
    }

    /// `earlier` are the findings already made; a receiver failure already reported by the recorded-results
    /// stage (`recorded.receiver-reported-failure`) is not reported twice.
    static func check(_ verdicts: [VendorVerdict], recorded: ReceiverAuthentication, earlier: [Finding] = []) -> [Finding] {
        var findings: [Finding] = []
        let trusted = verdicts.filter(\.trusted)
        func add(_ spec: FindingSpec, _ matching: [VendorVerdict], severity: Severity? = nil) {
            guard !matching.isEmpty else { return }
            let explanation = matching.map(\.summary).uniqued().joined(separator: " ") + " " + spec.meaning
            findings.append(spec.finding(explanation: explanation, evidence: matching.map(evidence), severity: severity))
        }
        let bad = trusted.filter { $0.assessment == .phishing || $0.assessment == .malware }
        add(phishing, bad)
        let spamVerdicts = trusted.filter { $0.assessment == .spam && !$0.codes.contains { $0.key == "compauth" } }
        let strongSpam = spamVerdicts.contains { v in v.codes.contains { $0.signal == .critical } }
        add(spam, spamVerdicts, severity: strongSpam ? .critical : nil)
        if bad.isEmpty && spamVerdicts.isEmpty {
            add(bypassed, trusted.filter { $0.assessment == .allowlisted })
            add(clean, trusted.filter { $0.assessment == .clean && !$0.codes.contains { $0.key == "compauth" } })
        }
        if let compauth = trusted.first(where: { v in v.codes.contains { $0.key == "compauth" && $0.value == "fail" } }) {
            let critical = compauth.codes.contains { $0.key == "reason" && $0.signal == .critical }
            findings.append(compauthFail.finding(
                explanation: compauth.codes.sorted { a, _ in a.key == "reason" }.compactMap(\.meaning).joined(separator: " ") + " " + compauthFail.meaning,
                evidence: [evidence(compauth)], severity: critical ? .critical : nil))
        }
        var failures: [ReceiverAuthentication.MethodResult] = []
        for method in ["dmarc", "spf", "dkim"] {
            guard let r = recorded.first(method), ["fail", "softfail", "permerror"].contains(r.result) || (method == "dmarc" && r.result == "fail") else { continue }
            failures.append(r)
        }
        if !failures.isEmpty, !earlier.contains(where: { $0.id == "recorded.receiver-reported-failure" }) {
            let dmarcFailed = failures.contains { $0.method == "dmarc" && $0.result == "fail" }
            let words = failures.map { "\($0.method.uppercased()) \($0.result)" }.joined(separator: ", ")
            findings.append(receiverAuthFailure.finding(
                explanation: "The receiving server recorded: \(words). " + receiverAuthFailure.meaning,
                evidence: failures.map { Evidence(kind: .header, label: "Authentication-Results", value: String($0.excerpt.prefix(300)), firstLine: $0.headerLine, lastLine: $0.lastLine) },
                severity: dmarcFailed ? .warning : .notice))
        }
        let planted = verdicts.filter { !$0.trusted && !$0.field.lowercased().hasSuffix("-untrusted") && ($0.assessment == .clean || $0.assessment == .allowlisted) }
        add(untrusted, planted)
        return findings
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
