import Foundation
import MailAuth
import MailDNS
import MailParsing

extension Analyzer {
    /// Sealers believed when the analyst names none (`--trusted-sealer` replaces this list). Large providers
    /// that seal every message they forward; Docs/arc.md explains the choice.
    public static let defaultTrustedSealers = [
        "google.com", "microsoft.com", "outlook.com", "yahoo.com", "aol.com", "icloud.com",
        "messagingengine.com", "zoho.com", "zohomail.com", "protonmail.ch",
    ]

    /// The sealers whose recorded results are believed.
    var trustedSealers: [String] {
        (options.trustedSealers.isEmpty ? Self.defaultTrustedSealers : options.trustedSealers).map { DNSQuestion.normalize($0) }
    }

    /// Validates the ARC chain (RFC 8617 §5.2), marks trusted sealers, locates changes between hops, and
    /// writes `report.authentication.arc` and the ARC findings. Runs after the DKIM stage.
    func analyzeARC(_ message: Message, at: Date, bodyHashes: BodyHashMemo, into report: inout Report) async {
        let verification = await ARCVerifier(resolver: resolver).verify(message, at: at, bodyHashes: bodyHashes)
        var arc = verification.result
        let trusted = trustedSealers
        for index in arc.instances.indices {
            let sealer = arc.instances[index].sealer.map(DNSQuestion.normalize) ?? ""
            arc.instances[index].trustedSealer = trusted.contains { sealer == $0 || sealer.hasSuffix("." + $0) }
        }
        report.dnsUsed += verification.dnsAnswers.map(Self.dnsUse)
        guard arc.result != .none else {
            report.authentication.arc = arc
            return
        }
        report.authentication.arc = arc
        report.findings += arcFindings(arc, dkim: report.authentication.dkim)
    }

    static func dnsUse(_ answer: DNSAnswer) -> DNSUse {
        let outcome: String
        switch answer.outcome {
        case let .records(records): outcome = records.compactMap(\.txtJoined).joined(separator: " | ")
        case .nxdomain: outcome = "NXDOMAIN"
        case .nodata: outcome = "NODATA"
        case .servfail: outcome = "SERVFAIL"
        case .timeout: outcome = "timeout"
        case .unavailableOffline: outcome = "unavailable offline"
        }
        return DNSUse(question: answer.question.description, outcome: outcome, origin: answer.origin?.description)
    }

    func arcFindings(_ arc: ARCResult, dkim: [DKIMResult]) -> [Finding] {
        var findings: [Finding] = []
        let evidence = arc.instances.flatMap(Self.evidence)
        switch arc.result {
        case .pass:
            let newest = arc.instances.last
            let sealer = newest?.sealer ?? "the last forwarder"
            if newest?.trustedSealer == true {
                let saw = newest?.recorded.map(Self.summary) ?? "nothing"
                findings.append(ARCFindings.passTrusted.finding(
                    explanation: "\(ARCFindings.passTrusted.meaning) The last hop, \(sealer), is trusted; when the message reached it, it recorded: \(saw).",
                    evidence: evidence))
            } else {
                findings.append(ARCFindings.passUntrusted.finding(
                    explanation: "\(ARCFindings.passUntrusted.meaning) The seals were added by \(arc.instances.compactMap(\.sealer).joined(separator: ", ")); \(sealer) is not on the trusted list.",
                    evidence: evidence))
            }
        case .temperror:
            findings.append(ARCFindings.notChecked.finding(explanation: "\(ARCFindings.notChecked.meaning) (\(arc.reason))", evidence: evidence))
        default:
            let at = arc.failedInstance.map { " The problem is at hop \($0)." } ?? ""
            findings.append(ARCFindings.chainFailed.finding(explanation: "\(ARCFindings.chainFailed.meaning) Why: \(arc.reason)\(at)", evidence: evidence))
        }
        if let located = changeLocation(arc, dkim: dkim) {
            findings.append(ARCFindings.changedInTransit.finding(explanation: located, evidence: evidence))
        }
        return findings
    }

    /// Where the content stopped matching: between the newest hop whose AMS fails and the oldest one after it
    /// that still verifies; or before the first hop when only the author's DKIM fails. Nil when nothing changed.
    func changeLocation(_ arc: ARCResult, dkim: [DKIMResult]) -> String? {
        let hops = arc.instances.sorted { $0.instance < $1.instance }
        let dkimFailed = dkim.filter { $0.result == .fail }
        guard let oldest = arc.oldestPass, let first = hops.first(where: { $0.instance == oldest }) else {
            guard let newest = hops.last, newest.amsResult == .fail else { return nil }
            let sealer = newest.sealer ?? newest.amsDomain ?? "?"
            return "The ARC signature of the last forwarder, \(sealer), no longer matches the message: it was changed after "
                + "\(sealer) sealed it (\(newest.amsReason)), on the way to you or by your own mail system."
        }
        let sealer = first.sealer ?? first.amsDomain ?? "?"
        if oldest > 1, let before = hops.first(where: { $0.instance == oldest - 1 }) {
            let what = before.amsReason.contains("body") ? "body" : "header fields"
            return "The \(what) of the message changed after \(before.sealer ?? "?") sealed it (hop \(before.instance): \(before.amsReason)) "
                + "and before \(sealer) sealed it (hop \(oldest), whose signature still matches)."
        }
        // Only DKIM signatures already on the message when that hop sealed it (below its ARC-Seal) can be placed.
        let sealLine = first.sealLine ?? Int.max
        let older = dkimFailed.filter { $0.headerLine > sealLine }
        guard let broken = older.first else { return nil }
        let domain = broken.domain.lowercased()
        let recorded = (first.recorded?.results(for: "dkim") ?? []).filter { entry in
            entry.property("header", "d")?.lowercased() == domain
                || entry.property("header", "i").map { $0.lowercased().hasSuffix("@" + domain) || $0.lowercased().hasSuffix("." + domain) } == true
        }
        var text = "The DKIM signature of \(broken.domain) (line \(broken.headerLine)) no longer verifies, but the ARC signature "
            + "\(sealer) added at hop \(oldest) still does: the message was changed before \(sealer) sealed it."
        let claim = first.trustedSealer ? "" : " (\(sealer) is not a trusted sealer, so this is its claim)"
        if let seen = recorded.first {
            if seen.code == .pass {
                text += " \(sealer) recorded dkim=pass for \(broken.domain) on arrival\(claim), so the change was made by \(sealer) itself "
                    + "between checking and sealing (mailing lists add footers and subject tags)."
            } else {
                text += " \(sealer) already recorded dkim=\(seen.result) for \(broken.domain) on arrival\(claim): the change happened before the message reached it."
                let resigners = dkim.filter { $0.result == .pass && $0.headerLine > sealLine && $0.headerLine < broken.headerLine && $0.domain.lowercased() != domain }
                if let resigner = resigners.last {
                    text += " \(resigner.domain) signed the message after that point and its signature still verifies, so \(resigner.domain) "
                        + "(typically a mailing list) most likely changed it."
                }
            }
        }
        return text
    }

    static func summary(_ results: AuthenticationResults) -> String {
        let statements = results.results.map { "\($0.method)=\($0.result)" }
        return statements.isEmpty ? "no results" : statements.joined(separator: ", ")
    }

    static func evidence(_ hop: ARCInstanceResult) -> [Evidence] {
        var out: [Evidence] = []
        if let line = hop.sealLine {
            out.append(Evidence(kind: .header, label: "ARC-Seal i=\(hop.instance)",
                                value: "d=\(hop.sealer ?? "?") s=\(hop.selector ?? "?") cv=\(hop.cv ?? "?"): \(hop.sealResult.rawValue) (\(hop.sealReason))",
                                firstLine: line, origin: hop.keyOrigin))
        }
        if let line = hop.amsLine {
            out.append(Evidence(kind: .header, label: "ARC-Message-Signature i=\(hop.instance)",
                                value: "d=\(hop.amsDomain ?? "?") s=\(hop.amsSelector ?? "?"): \(hop.amsResult.rawValue) (\(hop.amsReason))",
                                firstLine: line, origin: hop.amsKeyOrigin))
        }
        if let line = hop.aarLine, let recorded = hop.recorded {
            out.append(Evidence(kind: .header, label: "ARC-Authentication-Results i=\(hop.instance)",
                                value: "\(recorded.authservID ?? "?"): \(summary(recorded))", firstLine: line))
        }
        return out
    }
}
