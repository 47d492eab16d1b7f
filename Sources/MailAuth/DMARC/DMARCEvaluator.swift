import MailDNS

/// Evaluates DMARC for a message (RFC 7489 §6.6, DMARCbis): finds the policy record, checks identifier alignment
/// of the SPF and DKIM results it is given (never re-running them), and says what the policy asks.
public struct DMARCEvaluator: Sendable {
    /// How the organizational domain is found.
    public enum Method: String, Sendable, Hashable, Codable {
        /// RFC 7489 §3.2: the Public Suffix List.
        case publicSuffixList = "psl"
        /// DMARCbis: walk up the DNS tree looking for `_dmarc` records (`psd=` decides).
        case treeWalk = "tree-walk"
    }

    public let resolver: any DNSResolver
    public let publicSuffixList: PublicSuffixList?
    public var method: Method
    /// Also apply the other method to the From domain and say when it finds a different organizational domain.
    public var compareMethods = true

    public init(resolver: any DNSResolver, publicSuffixList: PublicSuffixList?, method: Method = .publicSuffixList) {
        self.resolver = resolver
        self.publicSuffixList = publicSuffixList
        self.method = publicSuffixList == nil ? .treeWalk : method
    }

    /// Evaluates the message whose From field values are `fromValues` (one per From field, unfolded).
    public func evaluate(fromValues: [String], dkim: [DKIMResult], spf: SPFResult?) async -> DMARCResult {
        let addresses = Array(fromValues.prefix(16).flatMap(AuthorAddresses.parse).prefix(64))
        var domains = [String]()
        for address in addresses {
            if let domain = AuthorAddresses.domain(of: address), !domains.contains(domain) { domains.append(domain) }
        }
        guard !domains.isEmpty else {
            var result = DMARCResult(result: .permerror, domain: "", explanation: "")
            let shown = fromValues.first.map { "'\($0.prefix(200))'" } ?? "no From field"
            result.reason = fromValues.isEmpty ? "the message has no From field" : "no domain could be read from the From field (\(shown))"
            result.explanation = "DMARC could not be evaluated: \(result.reason). DMARC protects the From: domain, so a message without one cannot pass."
            return result
        }
        var results = [DMARCResult]()
        for domain in domains.prefix(8) {
            results.append(await evaluate(fromDomain: domain, addresses: addresses, dkim: dkim, spf: spf))
        }
        guard results.count > 1, var strictest = results.max(by: { DMARCEvaluator.severity($0) < DMARCEvaluator.severity($1) }) else {
            return results[0]
        }
        let note = "The From: field lists \(addresses.count) addresses in \(domains.count) domains (\(domains.joined(separator: ", "))); "
            + "DMARC was evaluated for each and the strictest outcome is shown (RFC 7489 §6.6.1)."
        strictest.explanation = note + " " + strictest.explanation
        strictest.reason = "multiple From domains; " + strictest.reason
        return strictest
    }

    /// Orders outcomes so that the strictest comes last: pass < none < temperror < permerror < fail (by policy).
    static func severity(_ result: DMARCResult) -> Int {
        switch result.result {
        case .pass: return 0
        case .none, .neutral, .softfail, .policy: return 1
        case .temperror: return 2
        case .permerror: return 3
        case .fail: return 4 + (result.policy?.rank ?? 0)
        }
    }

    /// Evaluates DMARC for one From domain.
    public func evaluate(fromDomain rawDomain: String, dkim: [DKIMResult], spf: SPFResult?) async -> DMARCResult {
        await evaluate(fromDomain: rawDomain, addresses: [], dkim: dkim, spf: spf)
    }

    private func evaluate(fromDomain rawDomain: String, addresses: [String], dkim: [DKIMResult], spf: SPFResult?) async -> DMARCResult {
        var domain = rawDomain.lowercased()
        if domain.hasSuffix(".") { domain.removeLast() }
        var run = Run()
        var result = DMARCResult(result: .none, domain: domain, explanation: "")
        result.fromAddresses = addresses
        result.organizationalDomainMethod = method.rawValue

        guard PublicSuffixList.labels(of: domain) != nil, domain.contains(".") else {
            let shown = String(domain.prefix(255))
            result.domain = shown
            result.result = .permerror
            result.reason = "'\(shown)' is not a valid domain name"
            result.explanation = "DMARC could not be evaluated: the From: domain '\(shown)' is not a valid domain name."
            return result
        }

        // Organizational domain, by the chosen method, and the other one for comparison.
        let pslOrg = publicSuffixList?.organizationalDomain(domain)
        var walk: TreeWalk?
        if method == .treeWalk {
            walk = await treeWalk(domain, run: &run)
        } else if compareMethods, pslOrg != nil {
            // Only for the comparison note: its misses offline must not mark the result incomplete.
            var scratch = run
            walk = await treeWalk(domain, run: &scratch)
            run.dns = scratch.dns
            run.fetched = scratch.fetched
            run.offlineNames = scratch.offlineNames
        }
        let organizational: String
        switch method {
        case .publicSuffixList:
            organizational = pslOrg ?? domain
        case .treeWalk:
            organizational = walk?.organizationalDomain ?? pslOrg ?? domain
        }
        result.organizationalDomain = organizational
        if publicSuffixList == nil {
            result.organizationalDomainNote = "No Public Suffix List could be read, so the organizational domain comes from the DMARCbis DNS tree walk."
        }
        if let pslOrg, let walk, walk.complete, walk.organizationalDomain != pslOrg {
            result.organizationalDomainNote = "The Public Suffix List makes \(pslOrg) the organizational domain of \(domain), "
                + "but the DMARCbis DNS tree walk finds \(walk.organizationalDomain)\(walk.decidedBy.map { " (\($0))" } ?? ""); "
                + "receivers using different methods may judge relaxed alignment and the policy differently."
        }

        // Policy discovery.
        let discovery: Discovery
        switch method {
        case .publicSuffixList:
            discovery = await discoverByPSL(domain: domain, organizational: organizational, run: &run)
        case .treeWalk:
            discovery = walk?.policy ?? .none("no DMARC record was found for \(domain) or any parent domain")
        }
        switch discovery {
        case let .temporary(reason):
            result.result = .temperror
            result.reason = reason
        case let .none(reason):
            result.result = .none
            result.reason = reason
        case let .malformed(source, error):
            result.record = source
            result.result = .permerror
            result.reason = "the DMARC record at \(source.name) is malformed (\(error.reason))"
        case let .found(source, record):
            result.record = source
            await apply(record, source: source, domain: domain, organizational: organizational, dkim: dkim, spf: spf,
                        into: &result, run: &run)
        }
        if result.record == nil || result.result != .pass && result.result != .fail {
            result.alignment = alignment(domain: domain, organizational: organizational, record: nil, dkim: dkim, spf: spf)
        }
        result.incompleteOffline = run.offline
        result.dns = run.dns
        result.explanation = DMARCEvaluator.describe(result, spf: spf, dkim: dkim)
        return result
    }

    private func apply(_ record: DMARCRecord, source: DMARCRecordSource, domain: String, organizational: String,
                       dkim: [DKIMResult], spf: SPFResult?, into result: inout DMARCResult, run: inout Run) async {
        result.domainPolicy = record.policy
        result.subdomainPolicy = record.subdomainPolicy
        var base = record.policy
        if base == nil {
            guard record.hasValidAggregateURI else {
                result.result = .none
                result.reason = "the DMARC record at \(source.name) has no valid p= and no rua=, so no DMARC processing applies (RFC 7489 §6.6.3)"
                return
            }
            base = DMARCRecord.Policy.none
        }
        // Which tag applies (RFC 7489 §6.6.3; DMARCbis np for non-existent subdomains).
        var policy = base ?? .none
        var tag = "p"
        let recordDomain = String(source.name.dropFirst("_dmarc.".count))
        if domain != recordDomain, domain != organizational {
            if let np = record.nonExistentPolicy, await isNonExistent(domain, run: &run) {
                policy = np
                tag = "np"
            } else if let sp = record.subdomainPolicy {
                policy = sp
                tag = "sp"
            }
        }
        result.policy = policy
        result.policyTag = tag
        result.alignment = alignment(domain: domain, organizational: organizational, record: record, dkim: dkim, spf: spf)
        let passed = (result.alignment.spf?.aligned ?? false) || result.alignment.dkim.contains(where: \.aligned)
        result.result = passed ? .pass : .fail
        result.reason = passed ? "an authenticated identifier aligns with \(domain)" : "no authenticated identifier aligns with \(domain)"
        guard !passed else { return }
        result.disposition = policy
        if record.testing {
            result.disposition = DMARCEvaluator.oneLevelLess(policy)
            result.dispositionNote = "The record says t=y (the owner is testing), so receivers apply one level less than \(policy.rawValue)."
        } else if record.percent < 100, policy != .none {
            result.dispositionNote = "pct=\(record.percent): the policy applies to \(record.percent)% of failing mail; "
                + "for the rest receivers apply \(DMARCEvaluator.oneLevelLess(policy).rawValue) (RFC 7489 §6.6.4)."
        }
    }

    static func oneLevelLess(_ policy: DMARCRecord.Policy) -> DMARCRecord.Policy {
        switch policy {
        case .reject: return .quarantine
        case .quarantine, .none: return .none
        }
    }

    // MARK: - Alignment

    private func alignment(domain: String, organizational: String, record: DMARCRecord?, dkim: [DKIMResult], spf: SPFResult?) -> DMARCAlignment {
        var alignment = DMARCAlignment()
        if let spf, !spf.domain.isEmpty {
            alignment.spf = compare(identifier: spf.domain, result: spf.result, what: "SPF", domain: domain,
                                    organizational: organizational, mode: record?.spfAlignment ?? .relaxed)
        }
        alignment.dkim = dkim.map {
            compare(identifier: $0.domain.lowercased(), result: $0.result, what: "the DKIM signature by \($0.domain)", domain: domain,
                    organizational: organizational, mode: record?.dkimAlignment ?? .relaxed)
        }
        return alignment
    }

    private func compare(identifier rawIdentifier: String, result: AuthResultCode, what: String, domain: String,
                         organizational: String, mode: DMARCRecord.AlignmentMode) -> DMARCIdentifierAlignment {
        var identifier = rawIdentifier.lowercased()
        if identifier.hasSuffix(".") { identifier.removeLast() }
        let identical = identifier == domain
        let identifierOrg = publicSuffixList?.organizationalDomain(identifier) ?? identifier
        let sameOrg = identifierOrg == organizational || identical
        let matches = mode == .strict ? identical : sameOrg
        let verb = what == "SPF" ? "SPF \(result == .pass ? "passed" : "gave \(result.rawValue)") for \(identifier)"
                                 : "\(what) \(result == .pass ? "verified" : "gave \(result.rawValue)")"
        let why: String
        switch (result == .pass, matches) {
        case (true, true):
            why = identical ? "\(verb), which is exactly the From: domain"
                            : "\(verb), which shares the organizational domain \(organizational) with \(domain) (relaxed alignment)"
        case (true, false):
            why = mode == .strict && sameOrg
                ? "\(verb), which is not exactly \(domain) and the policy asks for strict alignment"
                : "\(verb), which does not align with \(domain)"
        case (false, true):
            why = "\(verb); it would align with \(domain), but only a pass counts"
        case (false, false):
            why = "\(verb), which does not align with \(domain) anyway"
        }
        return DMARCIdentifierAlignment(identifier: identifier, authResult: result, mode: mode, aligned: result == .pass && matches, why: why)
    }

    // MARK: - Discovery

    /// What policy discovery found.
    enum Discovery {
        case found(DMARCRecordSource, DMARCRecord)
        case malformed(DMARCRecordSource, DMARCRecordError)
        case none(String)
        case temporary(String)
    }

    /// What the DMARCbis tree walk found (DMARCbis §4.10).
    struct TreeWalk {
        var policy: Discovery
        var organizationalDomain: String
        var decidedBy: String?
        /// False when a lookup failed or was unavailable offline (then the walk proves nothing).
        var complete: Bool
    }

    /// DNS bookkeeping shared by one evaluation.
    struct Run {
        var dns = [AuthDNSLookup]()
        var offline = false
        var fetched: [String: Discovery] = [:]
        /// Names whose `_dmarc` answer was missing offline (a cached miss marks the result incomplete when reused).
        var offlineNames = Set<String>()
    }

    private func discoverByPSL(domain: String, organizational: String, run: inout Run) async -> Discovery {
        let first = await fetch(domain, foundAt: "from-domain", run: &run)
        guard case .none = first, organizational != domain else { return first }
        let second = await fetch(organizational, foundAt: "organizational-domain", run: &run)
        if case .none = second {
            return .none("neither _dmarc.\(domain) nor _dmarc.\(organizational) has a DMARC record")
        }
        return second
    }

    private func treeWalk(_ domain: String, run: inout Run) async -> TreeWalk {
        guard var labels = PublicSuffixList.labels(of: domain) else {
            return TreeWalk(policy: .none("invalid domain"), organizationalDomain: domain, complete: false)
        }
        // DMARCbis §4.10.1: at most 8 queries; long names jump to their last 7 labels after the first.
        var names = [labels.joined(separator: ".")]
        if labels.count > 8 { labels = Array(labels.suffix(7)) } else { labels.removeFirst() }
        while !labels.isEmpty {
            names.append(labels.joined(separator: "."))
            labels.removeFirst()
        }
        var policy: Discovery?
        var complete = true
        var found = [(String, DMARCRecord?)]()
        for (index, name) in names.enumerated() {
            let outcome = await fetch(name, foundAt: index == 0 ? "from-domain" : "tree-walk", run: &run)
            switch outcome {
            case .temporary: complete = false; if policy == nil { policy = outcome }
            case .none: continue
            case .malformed:
                if policy == nil { policy = outcome }
                found.append((name, nil))
            case let .found(_, record):
                if policy == nil { policy = outcome }
                found.append((name, record))
            }
            if !complete { break }
        }
        // DMARCbis §4.10.2: psd=n marks the organizational domain, psd=y the level above it.
        var organizational = domain
        var decidedBy: String?
        var decided = false
        for (name, record) in found {
            if record?.publicSuffixDomain == "n" {
                organizational = name
                decidedBy = "_dmarc.\(name) says psd=n"
                decided = true
                break
            }
            if record?.publicSuffixDomain == "y" {
                let suffixCount = name.split(separator: ".").count
                let domainLabels = domain.split(separator: ".")
                organizational = domainLabels.count > suffixCount ? domainLabels.suffix(suffixCount + 1).joined(separator: ".") : domain
                decidedBy = "_dmarc.\(name) says psd=y, so the organizational domain is one label below it"
                decided = true
                break
            }
        }
        if !decided, let shortest = found.last {
            organizational = shortest.0
            decidedBy = "the DMARC record with the fewest labels is at _dmarc.\(shortest.0)"
        }
        return TreeWalk(policy: policy ?? .none("no DMARC record was found for \(domain) or any parent domain"),
                        organizationalDomain: organizational, decidedBy: decidedBy, complete: complete)
    }

    /// Fetches and selects the `_dmarc` record of `domain` (RFC 7489 §6.6.3 steps 1-3).
    private func fetch(_ domain: String, foundAt: String, run: inout Run) async -> Discovery {
        if let known = run.fetched[domain] {
            if run.offlineNames.contains(domain) { run.offline = true }
            switch known {
            case .found(var source, let record): source.foundAt = foundAt; return .found(source, record)
            case .malformed(var source, let error): source.foundAt = foundAt; return .malformed(source, error)
            case .none, .temporary: return known
            }
        }
        let name = "_dmarc." + domain
        let answer = await resolver.resolve(DNSQuestion(name: name, type: .txt))
        run.dns.append(AuthDNSLookup(answer))
        let outcome: Discovery
        switch answer.outcome {
        case .servfail, .timeout:
            outcome = .temporary("DNS error looking up \(name)")
        case .unavailableOffline:
            run.offline = true
            run.offlineNames.insert(domain)
            outcome = .temporary("\(name) TXT is not in the offline DNS data")
        case .nxdomain, .nodata, .records:
            let candidates = answer.records.filter { record in
                guard let text = record.txtJoined, let first = text.split(separator: ";", maxSplits: 1).first else { return false }
                return DMARCRecord.isVersionTag(String(first).trimmingASCIISpaces())
            }
            if candidates.isEmpty {
                outcome = .none("no DMARC record at \(name)")
            } else if candidates.count > 1 {
                outcome = .none("\(name) has \(candidates.count) DMARC records, so none applies (RFC 7489 §6.6.3)")
            } else {
                let text = candidates[0].txtJoined ?? ""
                let origin = candidates[0].origin.description
                switch DMARCRecord.parse(text) {
                case let .success(record):
                    outcome = .found(DMARCRecordSource(name: name, text: text, foundAt: foundAt, origin: origin, parsed: record), record)
                case let .failure(error):
                    outcome = .malformed(DMARCRecordSource(name: name, text: text, foundAt: foundAt, origin: origin, parsed: nil), error)
                }
            }
        }
        run.fetched[domain] = outcome
        return outcome
    }

    /// True when the name does not exist in DNS (NXDOMAIN; DMARCbis `np`).
    private func isNonExistent(_ domain: String, run: inout Run) async -> Bool {
        let answer = await resolver.resolve(DNSQuestion(name: domain, type: .a))
        run.dns.append(AuthDNSLookup(answer))
        if case .unavailableOffline = answer.outcome { run.offline = true }
        if case .nxdomain = answer.outcome { return true }
        return false
    }
}

private extension String {
    func trimmingASCIISpaces() -> String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
