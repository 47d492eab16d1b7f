import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Re-evaluates SPF (RFC 7208) for the connecting IP, HELO and MAIL FROM of the hop that entered the receiving side.
    func analyzeSPF(_ message: Message, into report: inout Report) async {
        let facts = SMTPFacts(message: message, path: report.path, options: options)
        guard let ipText = facts.ip, let ip = SPFAddress(ipText) else {
            report.findings.append(SPFFindings.noConnectingIP.finding(evidence: facts.evidence))
            return
        }
        let evaluator = SPFEvaluator(resolver: resolver, receivingHost: facts.receivingHost ?? "unknown",
                                     timestamp: options.evaluationTime.map { Int($0.timeIntervalSince1970) })
        let result = await evaluator.evaluate(ip: ip, mailFrom: facts.mailFrom ?? "", helo: facts.helo)
        report.authentication.spf = result
        for step in result.trace {
            for lookup in step.dns { report.recordDNSUse(lookup) }
        }
        report.findings += SPFFindings.findings(for: result, evidence: facts.evidence)
    }
}

extension Report {
    /// Adds one DNS answer to `dnsUsed` unless the same question and answer is already there.
    /// Offline misses are not answers and are left out (the findings say what could not be checked).
    mutating func recordDNSUse(_ lookup: AuthDNSLookup) {
        guard !lookup.isUnavailableOffline else { return }
        let use = DNSUse(question: lookup.question, outcome: lookup.answer, origin: lookup.origin)
        if !dnsUsed.contains(use) { dnsUsed.append(use) }
    }
}

/// The SMTP facts SPF needs: connecting IP, HELO, MAIL FROM (RFC 7208 §2.2-§2.4), with the header lines they came from.
/// IP and HELO come from the Received path's entry hop (the first hop that crossed into the receiving organization),
/// MAIL FROM from Return-Path; the analyst's options override each.
struct SMTPFacts {
    var ip: String?
    var helo: String?
    var mailFrom: String?
    var receivingHost: String?
    var evidence: [Evidence] = []

    init(message: Message, path: ReceivedPath?, options: AnalyzerOptions) {
        if let path, let ip = path.connectingIP {
            self.ip = ip
            helo = path.helo
            receivingHost = path.trustBoundary?.receivingHost
            if let boundary = path.trustBoundary, let hop = path.hops.first(where: { $0.number == boundary.entryHop }) {
                evidence.append(Evidence(kind: .header, label: "Received (connecting IP and HELO for SPF)", value: String(hop.raw.prefix(300)),
                                         firstLine: hop.headerLine, lastLine: hop.lastLine))
            }
        }
        if let returnPath = message.firstField(named: "Return-Path") {
            mailFrom = SMTPFacts.pathAddress(returnPath.unfoldedValue)
            evidence.append(Evidence(kind: .header, label: "Return-Path (MAIL FROM)", value: String(returnPath.unfoldedValue.prefix(300)),
                                     firstLine: returnPath.span.firstLine, lastLine: returnPath.span.lastLine))
        } else if let envelope = path?.envelopeFrom {
            mailFrom = SMTPFacts.pathAddress(envelope)
            evidence.append(Evidence(kind: .computed, label: "envelope-from recorded by a trusted hop (MAIL FROM)", value: envelope))
        }
        if let value = options.connectingIP { ip = value; evidence.append(Evidence(kind: .computed, label: "connecting IP given with --ip", value: value)) }
        if let value = options.helo { helo = value; evidence.append(Evidence(kind: .computed, label: "HELO given with --helo", value: value)) }
        if let value = options.mailFrom {
            mailFrom = SMTPFacts.pathAddress(value)
            evidence.append(Evidence(kind: .computed, label: "MAIL FROM given with --mail-from", value: value))
        }
    }

    /// `<addr>` or `addr` to `addr`; `<>` to the empty string (the null sender).
    static func pathAddress(_ value: String) -> String {
        var text = value.trimmingASCIIWhitespace()
        if let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            text = String(text[text.index(after: open)..<close])
        }
        return text.trimmingASCIIWhitespace()
    }
}
