import Foundation
import MailDNS

/// Looks up the From domain's BIMI, MTA-STS and TLS-RPT records (BIMI draft §4, RFC 8461 §3.1, RFC 8460 §3).
public struct PostureEvaluator: Sendable {
    public let resolver: any DNSResolver

    public init(resolver: any DNSResolver) {
        self.resolver = resolver
    }

    /// The message's BIMI headers, unfolded values as sent.
    public struct BIMIHeaders: Sendable {
        public var selector: String?
        public var location: String?
        public var indicator: String?
        public init(selector: String? = nil, location: String? = nil, indicator: String? = nil) {
            self.selector = selector
            self.location = location
            self.indicator = indicator
        }
    }

    /// Looks up everything for `domain`; `dmarc` decides BIMI eligibility. `dns` collects every answer used.
    public func evaluate(domain: String, organizationalDomain: String?, dmarc: DMARCResult?, headers: BIMIHeaders,
                         dns: inout [AuthDNSLookup]) async -> PostureReport {
        var report = PostureReport()
        report.domain = domain
        report.bimi = await bimi(domain: domain, organizational: organizationalDomain, dmarc: dmarc, headers: headers, dns: &dns)
        report.mtaSts = await policyRecord("_mta-sts." + domain, version: "STSv1", what: "MTA-STS", dns: &dns)
        report.tlsRpt = await policyRecord("_smtp._tls." + domain, version: "TLSRPTv1", what: "TLS-RPT", dns: &dns)
        return report
    }

    /// Parses `tag=value; ...` lists (the shared syntax of BIMI, MTA-STS and TLS-RPT records); nil when malformed.
    static func tags(_ text: String) -> [(String, String)]? {
        var out = [(String, String)]()
        for part in text.split(separator: ";") {
            let piece = part.trimmingCharacters(in: .whitespaces)
            guard !piece.isEmpty else { continue }
            guard let equals = piece.firstIndex(of: "=") else { return nil }
            out.append((piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased(),
                        piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)))
        }
        return out
    }

    /// Records at `name` whose first tag is `v=<version>`, or the negative status.
    private func lookup(_ name: String, version: String, dns: inout [AuthDNSLookup]) async -> (PostureStatus, [DNSRecord], String) {
        let answer = await resolver.resolve(DNSQuestion(name: name, type: .txt))
        dns.append(AuthDNSLookup(answer))
        switch answer.outcome {
        case .unavailableOffline: return (.notChecked, [], "not in the offline DNS data, so not checked")
        case .servfail, .timeout: return (.error, [], "the DNS lookup failed")
        case .nxdomain, .nodata, .records:
            let matching = answer.records.filter { record in
                guard let text = record.txtJoined, let first = PostureEvaluator.tags(text)?.first ?? nil else { return false }
                return first.0 == "v" && first.1 == version
            }
            return matching.isEmpty ? (.absent, [], "no record") : (.found, matching, "")
        }
    }

    private func policyRecord(_ name: String, version: String, what: String, dns: inout [AuthDNSLookup]) async -> PostureRecord {
        let (status, records, words) = await lookup(name, version: version, dns: &dns)
        guard status == .found, records.count == 1, let record = records.first, let text = record.txtJoined,
              let tags = PostureEvaluator.tags(text) else {
            let note = records.count > 1 ? "\(records.count) \(what) records were published; receivers ignore them all."
                                         : "\(what): \(words) at \(name)."
            return PostureRecord(status: records.count > 1 ? .malformed : status, name: name, note: note)
        }
        var posture = PostureRecord(status: .found, name: name, record: text, origin: record.origin.description, note: "")
        if version == "STSv1" {
            posture.id = tags.first { $0.0 == "id" }?.1
            posture.note = posture.id == nil
                ? "The MTA-STS record has no id=, so receivers ignore it (RFC 8461 §3.1)."
                : "The domain publishes MTA-STS (policy id \(posture.id ?? "")): mail to it is meant to travel over verified TLS."
            if posture.id == nil { posture.status = .malformed }
        } else {
            posture.reportURIs = tags.first { $0.0 == "rua" }.map { $0.1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            posture.note = posture.reportURIs.isEmpty
                ? "The TLS-RPT record has no rua=, so it asks for no reports (RFC 8460 §3)."
                : "The domain asks for TLS delivery reports at \(posture.reportURIs.joined(separator: ", "))."
            if posture.reportURIs.isEmpty { posture.status = .malformed }
        }
        return posture
    }

    private func bimi(domain: String, organizational: String?, dmarc: DMARCResult?, headers: BIMIHeaders,
                      dns: inout [AuthDNSLookup]) async -> BIMIPosture {
        var selector = "default"
        if let header = headers.selector, let tags = PostureEvaluator.tags(header),
           let chosen = tags.first(where: { $0.0 == "s" })?.1, !chosen.isEmpty,
           chosen.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) {
            selector = chosen.lowercased()
        }
        var names = ["\(selector)._bimi.\(domain)"]
        if let organizational, organizational != domain { names.append("\(selector)._bimi.\(organizational)") }
        var posture = BIMIPosture(status: .absent, selector: selector, name: names[0], eligibility: "", note: "")
        for name in names {
            let (status, records, words) = await lookup(name, version: "BIMI1", dns: &dns)
            posture.name = name
            posture.status = status
            posture.note = "BIMI: \(words) at \(name)."
            guard status == .found else {
                if status == .absent { continue }
                break
            }
            guard records.count == 1, let record = records.first, let text = record.txtJoined, let tags = PostureEvaluator.tags(text) else {
                posture.status = .malformed
                posture.note = "\(records.count) BIMI records at \(name); receivers ignore them."
                break
            }
            posture.record = text
            posture.origin = record.origin.description
            posture.logoURL = tags.first { $0.0 == "l" }?.1
            posture.authorityURL = tags.first { $0.0 == "a" }?.1
            if let logo = posture.logoURL, !logo.isEmpty {
                posture.note = "The domain publishes a BIMI logo at \(logo)"
                    + (posture.authorityURL.map { $0.isEmpty ? "" : " with a mark certificate at \($0)" } ?? "") + "."
            } else {
                posture.note = "The BIMI record at \(name) declines to show a logo (empty l=)."
            }
            break
        }
        (posture.eligible, posture.eligibility) = PostureEvaluator.bimiEligibility(dmarc)
        posture.selectorHeader = headers.selector
        posture.locationHeader = headers.location
        posture.indicatorHeaderBytes = headers.indicator?.utf8.count
        return posture
    }

    /// BIMI needs DMARC to pass under quarantine or reject, applied to all mail (pct=100).
    static func bimiEligibility(_ dmarc: DMARCResult?) -> (Bool?, String) {
        guard let dmarc, dmarc.result != .temperror else { return (nil, "DMARC could not be checked, so BIMI eligibility is unknown.") }
        guard let policy = dmarc.policy else { return (false, "The domain has no usable DMARC policy, so no BIMI logo would be shown.") }
        let percent = dmarc.record?.parsed?.percent ?? 100
        guard policy != .none else { return (false, "The DMARC policy is none; BIMI requires quarantine or reject.") }
        guard percent == 100 else { return (false, "The DMARC policy applies to only \(percent)% of mail; BIMI requires pct=100.") }
        guard dmarc.result == .pass else { return (false, "DMARC did not pass for this message, so no BIMI logo should be shown.") }
        return (true, "DMARC passed under a \(policy.rawValue) policy at pct=100, so a BIMI logo may be shown.")
    }
}
