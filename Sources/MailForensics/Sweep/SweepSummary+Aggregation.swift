import MailAuth

/// Folding reports into the sweep summary, one message at a time, in input order.
extension SweepSummary {
    /// Counts one message. `failure` is why it could not be read or analyzed (nil when it was analyzed);
    /// `written` says whether its row passed `--only`.
    public mutating func add(_ report: Report, failure: String? = nil, written: Bool = true) {
        total += 1
        bytes += report.source.bytes
        if written { self.written += 1 }
        if let failure {
            unreadable += 1
            if report.findings.contains(where: { $0.id == SweepFindings.timedOut.id }) { timedOut += 1 }
            if failures.count < failureLimit {
                failures.append(FailedMessage(path: report.source.path, index: report.source.index,
                                              byteOffset: report.source.byteOffset, reason: failure))
            } else {
                failuresNotListed += 1
            }
            return
        }
        analyzed += 1
        levelCounts[Self.levelIndex(report.verdict.level)] += 1
        countAuthentication(report.authentication)
        let findings = report.findings
        // Each id once per message, with its first finding: a few findings are compared directly (no set built
        // per message); a message with very many uses a set, so the work stays linear.
        var seen: Set<String>? = findings.count > 32 ? [] : nil
        for (position, finding) in findings.enumerated() {
            if seen != nil {
                guard seen!.insert(finding.id).inserted else { continue }
            } else if findings[..<position].contains(where: { $0.id == finding.id }) {
                continue
            }
            let id = finding.id
            if let index = findingCounts.index(forKey: id) {
                findingCounts.values[index].messages += 1
                findingCounts.values[index].severity = max(findingCounts.values[index].severity, finding.severity)
            } else if findingCounts.count < distinctLimit {
                findingCounts[id] = FindingCount(id: id, title: finding.title, severity: finding.severity, messages: 1)
            }
        }
        if let ip = report.path?.originatingIP ?? report.path?.connectingIP, !ip.isEmpty {
            Self.tally(&ipCounts, key: ip, limit: distinctLimit, make: { IPTally(ip: $0) }) { entry in
                entry.messages += 1
                if report.verdict.level == .highRisk { entry.highRisk += 1 }
                if report.verdict.level == .suspicious { entry.suspicious += 1 }
            }
        }
    }

    /// Adds a note about the inputs (shown once, in order).
    public mutating func note(_ text: String) {
        guard notes.count < failureLimit, !notes.contains(text) else { return }
        notes.append(text)
    }

    /// Sorts the running tallies into the lists the renderers show. Call once, after the last message.
    public mutating func finish() {
        foldCounts()
        topFindings = Array(findingCounts.values.sorted {
            ($0.messages, $0.severity, $1.id) > ($1.messages, $1.severity, $0.id)
        }.prefix(listLimit))
        signingDomains = Array(signingCounts.values.sorted { ($0.total, $0.fail, $1.domain) > ($1.total, $1.fail, $0.domain) }.prefix(listLimit))
        dmarcDomains = Array(dmarcCounts.values.sorted { ($0.fail, $0.total, $1.domain) > ($1.fail, $1.total, $0.domain) }.prefix(listLimit))
        sendingIPs = Array(ipCounts.values.sorted {
            ($0.highRisk, $0.suspicious, $0.messages, $1.ip) > ($1.highRisk, $1.suspicious, $1.messages, $0.ip)
        }.prefix(listLimit))
    }

    /// The per-message outcome of each mechanism; DKIM counts a message as pass when any signature passes.
    mutating func countAuthentication(_ auth: AuthenticationReport) {
        let dkim = Self.messageOutcome(auth.dkim.map(\.result))
        outcomeCounts[Self.outcomeIndex(dkim)] += 1
        outcomeCounts[Self.outcomes.count + Self.outcomeIndex(auth.arc?.result ?? .none)] += 1
        outcomeCounts[2 * Self.outcomes.count + Self.outcomeIndex(auth.spf?.result ?? .none)] += 1
        outcomeCounts[3 * Self.outcomes.count + Self.outcomeIndex(auth.dmarc?.result ?? .none)] += 1
        for signature in auth.dkim where !signature.domain.isEmpty {
            Self.tally(&signingCounts, key: signature.domain.lowercased(), limit: distinctLimit, make: { DomainTally(domain: $0) }) { $0.count(signature.result) }
        }
        if let dmarc = auth.dmarc, !dmarc.domain.isEmpty {
            Self.tally(&dmarcCounts, key: dmarc.domain.lowercased(), limit: distinctLimit, make: { DomainTally(domain: $0) }) { $0.count(dmarc.result) }
        }
    }

    /// The verdict levels and authentication outcomes in the order of their counters.
    static let levels = Verdict.Level.allCases
    static let outcomes = AuthResultCode.allCases
    /// The mechanisms counted per message, in the order of `outcomeCounts`.
    static let mechanisms = ["dkim", "arc", "spf", "dmarc"]

    static func levelIndex(_ level: Verdict.Level) -> Int { levels.firstIndex(of: level) ?? 0 }
    static func outcomeIndex(_ outcome: AuthResultCode) -> Int { outcomes.firstIndex(of: outcome) ?? 0 }

    /// Moves the per-message counters (kept as integers indexed by case: no string keys hashed per message)
    /// into `verdicts` and `authentication`; only outcomes that occurred get a key, as before.
    mutating func foldCounts() {
        for (index, count) in levelCounts.enumerated() where count > 0 {
            verdicts[Self.levels[index].rawValue, default: 0] += count
        }
        for (index, count) in outcomeCounts.enumerated() where count > 0 {
            let mechanism = Self.mechanisms[index / Self.outcomes.count]
            authentication[mechanism, default: [:]][Self.outcomes[index % Self.outcomes.count].rawValue, default: 0] += count
        }
        levelCounts = Self.zeroLevels
        outcomeCounts = Self.zeroOutcomes
    }
    static let zeroLevels = [Int](repeating: 0, count: levels.count)
    static let zeroOutcomes = [Int](repeating: 0, count: mechanisms.count * outcomes.count)

    /// One outcome for several signatures: pass if any passed, then policy, fail, the first other, none if empty.
    public static func messageOutcome(_ results: [AuthResultCode]) -> AuthResultCode {
        for preferred in [AuthResultCode.pass, .policy, .fail] where results.contains(preferred) { return preferred }
        return results.first ?? .none
    }

    /// Updates the entry for `key`, creating it while the table holds fewer than `limit` keys.
    private static func tally<Value>(_ table: inout [String: Value], key: String, limit: Int, make: (String) -> Value,
                                     update: (inout Value) -> Void) {
        // One lookup for a key already there (most messages): its value is updated in place.
        if let index = table.index(forKey: key) {
            update(&table.values[index])
            return
        }
        guard table.count < limit else { return }
        var entry = make(key)
        update(&entry)
        table[key] = entry
    }
}

extension SweepSummary.DomainTally {
    mutating func count(_ result: AuthResultCode) {
        total += 1
        switch result {
        case .pass: pass += 1
        case .fail: fail += 1
        default: other += 1
        }
    }
}
