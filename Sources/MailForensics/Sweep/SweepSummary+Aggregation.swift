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
        verdicts[report.verdict.level.rawValue, default: 0] += 1
        countAuthentication(report.authentication)
        for id in Set(report.findings.map(\.id)) {
            guard let finding = report.findings.first(where: { $0.id == id }) else { continue }
            if var count = findingCounts[id] {
                count.messages += 1
                count.severity = max(count.severity, finding.severity)
                findingCounts[id] = count
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
        authentication["dkim", default: [:]][dkim.rawValue, default: 0] += 1
        authentication["arc", default: [:]][(auth.arc?.result ?? .none).rawValue, default: 0] += 1
        authentication["spf", default: [:]][(auth.spf?.result ?? .none).rawValue, default: 0] += 1
        authentication["dmarc", default: [:]][(auth.dmarc?.result ?? .none).rawValue, default: 0] += 1
        for signature in auth.dkim where !signature.domain.isEmpty {
            Self.tally(&signingCounts, key: signature.domain.lowercased(), limit: distinctLimit, make: { DomainTally(domain: $0) }) { $0.count(signature.result) }
        }
        if let dmarc = auth.dmarc, !dmarc.domain.isEmpty {
            Self.tally(&dmarcCounts, key: dmarc.domain.lowercased(), limit: distinctLimit, make: { DomainTally(domain: $0) }) { $0.count(dmarc.result) }
        }
    }

    /// One outcome for several signatures: pass if any passed, then policy, fail, the first other, none if empty.
    public static func messageOutcome(_ results: [AuthResultCode]) -> AuthResultCode {
        for preferred in [AuthResultCode.pass, .policy, .fail] where results.contains(preferred) { return preferred }
        return results.first ?? .none
    }

    /// Updates the entry for `key`, creating it while the table holds fewer than `limit` keys.
    private static func tally<Value>(_ table: inout [String: Value], key: String, limit: Int, make: (String) -> Value,
                                     update: (inout Value) -> Void) {
        guard table[key] != nil || table.count < limit else { return }
        var entry = table[key] ?? make(key)
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
