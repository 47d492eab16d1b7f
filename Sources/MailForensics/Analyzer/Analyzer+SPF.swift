import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Re-evaluates SPF (RFC 7208) for the connecting IP, HELO and MAIL FROM of the hop that entered the receiving side.
    func analyzeSPF(_ message: Message, into report: inout Report) async {
        let facts = SMTPFacts(message: message, options: options)
        guard let ipText = facts.ip, let ip = IPAddress(ipText) else {
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
    mutating func recordDNSUse(_ lookup: AuthDNSLookup) {
        let use = DNSUse(question: lookup.question, outcome: lookup.answer, origin: lookup.origin)
        if !dnsUsed.contains(use) { dnsUsed.append(use) }
    }
}

/// The SMTP facts SPF needs: connecting IP, HELO, MAIL FROM (RFC 7208 §2.2-§2.4), with the header lines they came from.
/// TEMPORARY: the IP and HELO come from a small Received reader below; replace it with `report.path`
/// (the first hop that crossed into the receiving organization) once the Received-path work lands.
struct SMTPFacts {
    var ip: String?
    var helo: String?
    var mailFrom: String?
    var receivingHost: String?
    var evidence: [Evidence] = []

    init(message: Message, options: AnalyzerOptions) {
        if let hop = SMTPFacts.entryHop(message) {
            ip = hop.ip
            helo = hop.helo
            receivingHost = hop.by
            evidence.append(Evidence(kind: .header, label: "Received (connecting IP and HELO for SPF)",
                                     value: String(hop.field.unfoldedValue.prefix(300)),
                                     firstLine: hop.field.span.firstLine, lastLine: hop.field.span.lastLine))
        }
        if let returnPath = message.firstField(named: "Return-Path") {
            mailFrom = SMTPFacts.pathAddress(returnPath.unfoldedValue)
            evidence.append(Evidence(kind: .header, label: "Return-Path (MAIL FROM)", value: String(returnPath.unfoldedValue.prefix(300)),
                                     firstLine: returnPath.span.firstLine, lastLine: returnPath.span.lastLine))
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

    /// One hop as the temporary reader sees it.
    struct Hop {
        var field: HeaderField
        var ip: String
        var helo: String?
        var by: String?
    }

    /// The topmost Received field whose `from` clause carries a public IP literal, else the topmost with any IP.
    static func entryHop(_ message: Message) -> Hop? {
        var fallback: Hop?
        for field in message.fields(named: "Received").prefix(50) {
            guard let hop = parse(field) else { continue }
            guard let address = IPAddress(hop.ip), !isInternal(address) else {
                if fallback == nil { fallback = hop }
                continue
            }
            return hop
        }
        return fallback
    }

    static func parse(_ field: HeaderField) -> Hop? {
        let value = String(field.unfoldedValue.prefix(2000))
        let lower = value.lowercased()
        guard lower.hasPrefix("from ") else { return nil }
        let byRange = lower.range(of: " by ")
        let fromClause = String(value[value.index(value.startIndex, offsetBy: 5)..<(byRange?.lowerBound ?? value.endIndex)])
        var by: String?
        if let byRange {
            by = value[byRange.upperBound...].split(separator: " ").first.map(String.init)
        }
        var ip: String?
        var scan = fromClause[...]
        while ip == nil, let open = scan.firstIndex(where: { $0 == "[" || $0 == "(" }) {
            let closer: Character = scan[open] == "[" ? "]" : ")"
            guard let close = scan[open...].firstIndex(of: closer) else { break }
            let inside = scan[scan.index(after: open)..<close]
            for token in inside.split(whereSeparator: { $0 == " " || $0 == "[" || $0 == "]" || $0 == "(" || $0 == ")" }) {
                if let address = IPAddress(String(token)) { ip = address.description; break }
            }
            scan = scan[scan.index(after: open)...]
        }
        guard let ip else { return nil }
        var helo = fromClause.split(separator: " ").first.map(String.init)
        let lowerClause = fromClause.lowercased()
        if let heloRange = lowerClause.range(of: "helo=") ?? lowerClause.range(of: "helo ") {
            let rest = fromClause[heloRange.upperBound...]
            helo = rest.split(whereSeparator: { $0 == " " || $0 == ")" }).first.map(String.init)
        }
        return Hop(field: field, ip: ip, helo: helo, by: by)
    }

    /// Loopback, private, link-local and unique-local addresses (never the Internet side of a hop).
    static func isInternal(_ address: IPAddress) -> Bool {
        let bytes = address.bytes
        if address.isIPv4 {
            return bytes[0] == 10 || bytes[0] == 127 || (bytes[0] == 172 && (16...31).contains(bytes[1]))
                || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 169 && bytes[1] == 254) || bytes[0] == 0
                || (bytes[0] == 100 && (64...127).contains(bytes[1]))
        }
        return bytes.dropLast().allSatisfy { $0 == 0 } || bytes[0] & 0xFE == 0xFC || (bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80)
    }
}
