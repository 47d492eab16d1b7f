import MailDNS
import MailParsing

/// Evaluates SPF for one SMTP connection (RFC 7208 §4 check_host()) through an injected resolver,
/// keeping a trace of every term tried and every DNS answer used.
public struct SPFEvaluator: Sendable {
    public let resolver: any DNSResolver
    /// The `%{r}` macro: the receiving host's name.
    public var receivingHost: String
    /// The `%{t}` macro: seconds since 1970 (the evaluation time; the library never reads the clock).
    public var timestamp: Int?
    /// RFC 7208 §4.6.4 limits.
    public var lookupLimit = 10
    public var voidLookupLimit = 2
    /// Also check the HELO identity separately when MAIL FROM is not null (RFC 7208 §2.3).
    public var checkHELO = true

    public init(resolver: any DNSResolver, receivingHost: String = "unknown", timestamp: Int? = nil) {
        self.resolver = resolver
        self.receivingHost = receivingHost
        self.timestamp = timestamp
    }

    /// Evaluates the MAIL FROM identity (or `postmaster@HELO` for the null sender `<>`) for `ip` (RFC 7208 §2.4).
    public func evaluate(ip: IPAddress, mailFrom: String, helo: String?) async -> SPFResult {
        let heloName = helo?.trimmingASCIIWhitespace() ?? ""
        var sender = SPFEvaluator.stripBrackets(mailFrom)
        let identity = sender.isEmpty ? "helo" : "mailfrom"
        if sender.isEmpty { sender = "postmaster@" + heloName }
        var result = await checkHost(ip: ip, sender: sender, helo: heloName)
        result.identity = identity
        result.mailFrom = String(SPFEvaluator.stripBrackets(mailFrom).prefix(1000))
        if checkHELO, identity == "mailfrom", SPFEvaluator.isValidDomain(heloName) {
            let heloCheck = await checkHost(ip: ip, sender: "postmaster@" + heloName, helo: heloName)
            result.heloResult = heloCheck.result
        }
        return result
    }

    /// check_host(<ip>, <domain of sender>, <sender>) with the plain-language explanation filled in.
    public func checkHost(ip rawIP: IPAddress, sender rawSender: String, helo: String) async -> SPFResult {
        let ip = rawIP.unmapped
        var localPart = "postmaster"
        var domain = rawSender
        if let at = rawSender.lastIndex(of: "@") {
            let local = String(rawSender[..<at])
            if !local.isEmpty { localPart = local }
            domain = String(rawSender[rawSender.index(after: at)...])
        }
        let sender = localPart + "@" + domain
        if domain.hasSuffix(".") { domain.removeLast() }
        let context = SPFMacroContext(sender: sender, localPart: localPart, senderDomain: domain, domain: domain, ip: ip,
                                      helo: helo, receiver: receivingHost, timestamp: timestamp)
        var run = Run()
        let outcome: Outcome
        if SPFEvaluator.isValidDomain(domain) {
            outcome = await checkHost(domain: domain, context: context, depth: 0, wantExplanation: true, run: &run)
        } else {
            outcome = Outcome(code: .none, reason: "'\(domain.prefix(255))' is not a valid domain name")
        }
        // Hostile envelopes can be long: the result keeps bounded copies.
        var result = SPFResult(result: outcome.code, domain: String(domain.prefix(255)), explanation: "")
        result.ip = ip.description
        result.helo = helo.isEmpty ? nil : String(helo.prefix(255))
        result.mailFrom = String(rawSender.prefix(1000))
        result.reason = outcome.reason
        result.authorityExplanation = outcome.explanation
        result.record = run.topRecord
        result.recordOrigin = run.topRecordOrigin
        result.lookups = run.lookups
        result.voidLookups = run.voids
        result.incompleteOffline = run.offline
        result.trace = run.trace
        result.explanation = SPFEvaluator.describe(result, matchedTerm: outcome.matchedTerm)
        return result
    }

    // MARK: - check_host

    /// What one check_host() call concluded.
    struct Outcome {
        var code: AuthResultCode
        var reason: String
        var explanation: String?
        var matchedTerm: String?
    }

    /// State shared by the whole evaluation (limits are per SPF check, §4.6.4).
    struct Run {
        var lookups = 0
        var voids = 0
        var offline = false
        var trace = [SPFTraceStep]()
        var topRecord: String?
        var topRecordOrigin: String?
    }

    private func checkHost(domain: String, context parent: SPFMacroContext, depth: Int, wantExplanation: Bool,
                           run: inout Run) async -> Outcome {
        var context = parent
        context.domain = domain
        var step = SPFTraceStep(domain: domain, depth: depth, term: "record", target: domain, outcome: "", matched: false)
        let answer = await query(domain, .txt, into: &step, run: &run)
        let recordText: String
        switch answer.outcome {
        case .nxdomain:
            return finish(step, "no such domain", run: &run, Outcome(code: .none, reason: "\(domain) does not exist (NXDOMAIN)"))
        case .servfail, .timeout:
            return finish(step, "DNS error", run: &run, Outcome(code: .temperror, reason: "DNS error looking up the SPF record of \(domain)"))
        case .unavailableOffline:
            return finish(step, "not in the offline DNS data", run: &run,
                          Outcome(code: .temperror, reason: "the SPF record of \(domain) is not in the offline DNS data"))
        case .nodata, .records:
            let candidates = answer.records.compactMap(\.txtJoined).filter(SPFEvaluator.isSPFRecord)
            guard !candidates.isEmpty else {
                return finish(step, "no SPF record", run: &run, Outcome(code: .none, reason: "\(domain) publishes no SPF record"))
            }
            guard candidates.count == 1 else {
                return finish(step, "\(candidates.count) SPF records", run: &run,
                              Outcome(code: .permerror, reason: "\(domain) publishes \(candidates.count) SPF records (only one is allowed)"))
            }
            recordText = candidates[0]
            if depth == 0 {
                run.topRecord = recordText
                run.topRecordOrigin = answer.records.first { $0.txtJoined == recordText }?.origin.description
            }
        }
        let record: SPFRecord
        switch SPFRecord.parse(recordText) {
        case let .success(parsed): record = parsed
        case let .failure(error):
            let term = error.term.map { " in '\($0)'" } ?? ""
            return finish(step, "syntax error", run: &run,
                          Outcome(code: .permerror, reason: "the SPF record of \(domain) has a syntax error\(term): \(error.reason)"))
        }
        step.outcome = "found"
        run.trace.append(step)

        for directive in record.directives {
            var termStep = SPFTraceStep(domain: domain, depth: depth, term: directive.text, outcome: "", matched: false)
            if directive.mechanism.queriesDNS {
                run.lookups += 1
                if run.lookups > lookupLimit {
                    return finish(termStep, "over the limit", run: &run,
                                  Outcome(code: .permerror, reason: "more than \(lookupLimit) DNS-querying terms (at '\(directive.text)' in \(domain))"))
                }
            }
            let match = await evaluate(directive.mechanism, context: context, depth: depth, step: &termStep, run: &run)
            switch match {
            case .match:
                termStep.matched = true
                termStep.outcome = "match"
                run.trace.append(termStep)
                var outcome = Outcome(code: directive.qualifier, reason: "matched '\(directive.text)' in the record of \(domain)",
                                      matchedTerm: directive.text)
                if directive.qualifier == .fail, wantExplanation, let exp = record.explanation {
                    outcome.explanation = await explanation(exp, context: context, depth: depth, run: &run)
                }
                return outcome
            case .noMatch:
                termStep.outcome = "no match"
                run.trace.append(termStep)
            case let .error(code, reason):
                return finish(termStep, reason, run: &run, Outcome(code: code, reason: reason))
            }
        }

        guard let redirect = record.redirect else {
            return Outcome(code: .neutral, reason: "no term matched in the record of \(domain); the default is neutral")
        }
        var redirectStep = SPFTraceStep(domain: domain, depth: depth, term: "redirect=\(redirect)", outcome: "", matched: false)
        run.lookups += 1
        if run.lookups > lookupLimit {
            return finish(redirectStep, "over the limit", run: &run,
                          Outcome(code: .permerror, reason: "more than \(lookupLimit) DNS-querying terms (at redirect= in \(domain))"))
        }
        let target = await expandDomain(redirect, context: context, step: &redirectStep, run: &run)
        redirectStep.target = target
        redirectStep.outcome = "followed"
        run.trace.append(redirectStep)
        guard SPFEvaluator.isValidDomain(target) else {
            return Outcome(code: .permerror, reason: "redirect= names '\(target)', which is not a valid domain name")
        }
        var outcome = await checkHost(domain: target, context: context, depth: depth + 1, wantExplanation: wantExplanation, run: &run)
        if outcome.code == .none {
            outcome = Outcome(code: .permerror, reason: "redirect= points to \(target), which has no SPF record")
        }
        return outcome
    }

    private func finish(_ step: SPFTraceStep, _ outcome: String, run: inout Run, _ result: Outcome) -> Outcome {
        var step = step
        step.outcome = outcome
        run.trace.append(step)
        return result
    }

    // MARK: - Mechanisms

    enum Match {
        case match, noMatch
        case error(AuthResultCode, String)
    }

    private func evaluate(_ mechanism: SPFRecord.Mechanism, context: SPFMacroContext, depth: Int,
                          step: inout SPFTraceStep, run: inout Run) async -> Match {
        let ip = context.ip
        switch mechanism {
        case .all:
            return .match
        case let .ip4(network, prefix):
            return ip.isWithin(network, prefixLength: prefix) ? .match : .noMatch
        case let .ip6(network, prefix):
            // An IPv4-mapped network is compared as IPv4, like an IPv4-mapped client (RFC 7208 §5).
            if ip.isIPv4, network.unmapped.isIPv4, prefix >= 96 {
                return ip.isWithin(network.unmapped, prefixLength: prefix - 96) ? .match : .noMatch
            }
            return ip.isWithin(network, prefixLength: prefix) ? .match : .noMatch
        case let .include(spec):
            let target = await expandDomain(spec, context: context, step: &step, run: &run)
            step.target = target
            guard SPFEvaluator.isValidDomain(target) else { return .error(.permerror, "include: names '\(target)', which is not a valid domain name") }
            run.trace.append(SPFTraceStep(domain: context.domain, depth: depth, term: step.term, target: target, outcome: "evaluating", matched: false))
            let inner = await checkHost(domain: target, context: context, depth: depth + 1, wantExplanation: false, run: &run)
            switch inner.code {
            case .pass: return .match
            case .fail, .softfail, .neutral: return .noMatch
            case .temperror: return .error(.temperror, inner.reason)
            case .none: return .error(.permerror, "include:\(target) has no SPF record")
            case .permerror, .policy: return .error(.permerror, inner.reason)
            }
        case let .a(spec, ip4Prefix, ip6Prefix):
            let target = spec == nil ? context.domain : await expandDomain(spec, context: context, step: &step, run: &run)
            step.target = target
            guard SPFEvaluator.isValidDomain(target) else { return .noMatch }
            let answer = await addresses(of: target, for: ip, step: &step, run: &run)
            switch answer {
            case let .failure(error): return error.match
            case let .success(list):
                if list.isEmpty, let error = countVoid(run: &run) { return error }
                let prefix = ip.isIPv4 ? ip4Prefix : ip6Prefix
                return list.contains { ip.isWithin($0, prefixLength: prefix) } ? .match : .noMatch
            }
        case let .mx(spec, ip4Prefix, ip6Prefix):
            let target = spec == nil ? context.domain : await expandDomain(spec, context: context, step: &step, run: &run)
            step.target = target
            guard SPFEvaluator.isValidDomain(target) else { return .noMatch }
            let answer = await query(target, .mx, into: &step, run: &run)
            if let error = SPFEvaluator.dnsError(answer, name: target) { return error.match }
            var exchanges = [(Int, String)]()
            for record in answer.records {
                if case let .mx(preference, exchange) = record.data { exchanges.append((preference, exchange)) }
            }
            if exchanges.isEmpty, let error = countVoid(run: &run) { return error }
            exchanges.sort { $0.0 < $1.0 }
            let prefix = ip.isIPv4 ? ip4Prefix : ip6Prefix
            var looked = 0
            for (_, exchange) in exchanges {
                let name = DNSQuestion.normalize(exchange)
                guard !name.isEmpty, name != "." else { continue }
                looked += 1
                if looked > 10 { return .error(.permerror, "mx for \(target) needs more than 10 address lookups") }
                switch await addresses(of: name, for: ip, step: &step, run: &run) {
                case let .failure(error): return error.match
                case let .success(list):
                    if list.contains(where: { ip.isWithin($0, prefixLength: prefix) }) { return .match }
                }
            }
            return .noMatch
        case let .ptr(spec):
            let target = spec == nil ? context.domain : await expandDomain(spec, context: context, step: &step, run: &run)
            step.target = target
            let names = await validatedNames(for: ip, step: &step, run: &run)
            let wanted = target.lowercased()
            return names.contains { $0 == wanted || $0.hasSuffix("." + wanted) } ? .match : .noMatch
        case let .exists(spec):
            let target = await expandDomain(spec, context: context, step: &step, run: &run)
            step.target = target
            guard SPFEvaluator.isValidDomain(target) else { return .noMatch }
            let answer = await query(target, .a, into: &step, run: &run)
            if let error = SPFEvaluator.dnsError(answer, name: target) { return error.match }
            let found = answer.records.contains { if case .a = $0.data { return true }; return false }
            if !found, let error = countVoid(run: &run) { return error }
            return found ? .match : .noMatch
        }
    }

    /// A DNS failure that ends the evaluation.
    struct DNSFailure: Error {
        var code: AuthResultCode
        var reason: String
        var match: Match { .error(code, reason) }
    }

    private func countVoid(run: inout Run) -> Match? {
        run.voids += 1
        guard run.voids > voidLookupLimit else { return nil }
        return .error(.permerror, "more than \(voidLookupLimit) DNS lookups found nothing (void lookup limit)")
    }

    /// The A or AAAA addresses of `name` (the family of `ip`); empty for NXDOMAIN or NODATA.
    private func addresses(of name: String, for ip: IPAddress, step: inout SPFTraceStep, run: inout Run) async -> Result<[IPAddress], DNSFailure> {
        let answer = await query(name, ip.isIPv4 ? .a : .aaaa, into: &step, run: &run)
        if let error = SPFEvaluator.dnsError(answer, name: name) { return .failure(error) }
        return .success(SPFEvaluator.addresses(in: answer))
    }

    static func addresses(in answer: DNSAnswer) -> [IPAddress] {
        answer.records.compactMap { record in
            switch record.data {
            case let .a(text), let .aaaa(text): return IPAddress(text)
            default: return nil
            }
        }
    }

    /// SERVFAIL, timeout and offline misses as a temperror; nil for answers (NXDOMAIN and NODATA included).
    static func dnsError(_ answer: DNSAnswer, name: String) -> DNSFailure? {
        switch answer.outcome {
        case .servfail: return DNSFailure(code: .temperror, reason: "DNS server failure looking up \(answer.question)")
        case .timeout: return DNSFailure(code: .temperror, reason: "DNS timeout looking up \(answer.question)")
        case .unavailableOffline: return DNSFailure(code: .temperror, reason: "\(answer.question) is not in the offline DNS data")
        case .records, .nxdomain, .nodata: return nil
        }
    }

    /// The validated host names of `ip` (RFC 7208 §5.5): PTR names (at most 10) whose A/AAAA include `ip`.
    private func validatedNames(for ip: IPAddress, step: inout SPFTraceStep, run: inout Run) async -> [String] {
        let answer = await query(ip.reverseName, .ptr, into: &step, run: &run)
        var names = [String]()
        for record in answer.records {
            if case let .ptr(name) = record.data { names.append(DNSQuestion.normalize(name)) }
        }
        var validated = [String]()
        for name in names.prefix(10) {
            let lookup = await query(name, ip.isIPv4 ? .a : .aaaa, into: &step, run: &run)
            if SPFEvaluator.addresses(in: lookup).contains(ip) { validated.append(name) }
        }
        return validated
    }

    /// Expands a domain-spec and shortens it to 253 characters from the left (RFC 7208 §7.3).
    private func expandDomain(_ spec: SPFMacroString?, context: SPFMacroContext, step: inout SPFTraceStep, run: inout Run) async -> String {
        guard let spec else { return context.domain }
        var validated: String?
        if spec.usesValidatedName {
            let names = await validatedNames(for: context.ip, step: &step, run: &run)
            let domain = context.domain.lowercased()
            validated = names.first { $0 == domain || $0.hasSuffix("." + domain) } ?? names.first
        }
        var name = spec.expand(context, validatedName: validated)
        if name.hasSuffix(".") { name.removeLast() }
        while name.utf8.count > 253, let dot = name.firstIndex(of: ".") {
            name = String(name[name.index(after: dot)...])
        }
        return name
    }

    /// The domain's explanation string from `exp=` (RFC 7208 §6.2); nil when it cannot be had.
    private func explanation(_ spec: SPFMacroString, context: SPFMacroContext, depth: Int, run: inout Run) async -> String? {
        var step = SPFTraceStep(domain: context.domain, depth: depth, term: "exp=\(spec)", outcome: "", matched: false)
        let target = await expandDomain(spec, context: context, step: &step, run: &run)
        step.target = target
        guard SPFEvaluator.isValidDomain(target) else {
            step.outcome = "not a valid domain name"
            run.trace.append(step)
            return nil
        }
        let answer = await query(target, .txt, into: &step, run: &run)
        let texts = answer.records.compactMap(\.txtJoined)
        guard texts.count == 1, let explain = SPFMacroString(texts[0], explanation: true) else {
            step.outcome = texts.isEmpty ? "no explanation found" : "explanation unusable"
            run.trace.append(step)
            return nil
        }
        var validated: String?
        if explain.usesValidatedName {
            let names = await validatedNames(for: context.ip, step: &step, run: &run)
            validated = names.first
        }
        step.outcome = "explanation found"
        run.trace.append(step)
        return String(explain.expand(context, validatedName: validated).prefix(1000))
    }

    // MARK: - DNS

    private func query(_ name: String, _ type: DNSRecordType, into step: inout SPFTraceStep, run: inout Run) async -> DNSAnswer {
        let answer = await resolver.resolve(DNSQuestion(name: name, type: type))
        if case .unavailableOffline = answer.outcome { run.offline = true }
        step.dns.append(AuthDNSLookup(answer))
        return answer
    }

    // MARK: - Helpers

    /// `v=spf1` followed by a space or the end (RFC 7208 §4.5), case-insensitive.
    static func isSPFRecord(_ text: String) -> Bool {
        let head = text.prefix(6).lowercased()
        guard head == "v=spf1" else { return false }
        let rest = text.dropFirst(6)
        return rest.isEmpty || rest.first == " "
    }

    /// A multi-label domain name of valid length with no empty label (RFC 7208 §4.3).
    static func isValidDomain(_ name: String) -> Bool {
        // ASCII names (nearly all) are checked on bytes; others keep the Character-based reading below, where a
        // combining mark after a dot makes it no separator.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes = name.utf8[...]
            if bytes.last == 0x2E { bytes = bytes.dropLast() }
            guard !bytes.isEmpty, bytes.count <= 253, bytes.first != 0x5B else { return false }
            var labels = 1, length = 0
            for b in bytes {
                if b == 0x2E {
                    guard length > 0 else { return false }
                    labels += 1
                    length = 0
                } else {
                    length += 1
                    guard length <= 63 else { return false }
                }
            }
            return length > 0 && labels >= 2
        }
        var text = Substring(name)
        if text.hasSuffix(".") { text = text.dropLast() }
        guard !text.isEmpty, text.utf8.count <= 253, !text.hasPrefix("[") else { return false }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { !$0.isEmpty && $0.utf8.count <= 63 }
    }

    static func stripBrackets(_ text: String) -> String {
        var value = text.trimmingASCIIWhitespace()
        if value.hasPrefix("<"), value.hasSuffix(">") { value = String(value.dropFirst().dropLast()) }
        return value
    }
}
