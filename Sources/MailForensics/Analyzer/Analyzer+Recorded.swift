import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Reads every Authentication-Results, ARC-Authentication-Results and Received-SPF field and decides which
    /// ones to believe (RFC 8601 §5): those written inside the receiving organization (above the Received line of
    /// the hop where the message entered it), and those whose authserv-id the analyst trusts. Forged ones lower
    /// in the header block are flagged, not believed. Runs after the ARC stage, whose result decides whether an
    /// ARC-Authentication-Results field (what an earlier hop said it saw) is believed.
    func analyzeRecorded(_ message: Message, into report: inout Report) {
        let boundary = Self.receivingBoundary(message)
        let named = Set(options.trustedAuthservIDs.map { $0.lowercased() })
        var recorded: [RecordedAuthentication] = []
        for header in message.header {
            guard var entry = RecordedAuthentication.parse(header) else { continue }
            if entry.instance != nil || header.lowercasedName == "arc-authentication-results" {
                judgeARCRecord(&entry, arc: report.authentication.arc)
            } else if let id = entry.authservID?.lowercased(), named.contains(id) {
                entry.trusted = true
                entry.why = "Its server name (authserv-id \(id)) is one you trust (--trusted-authserv)."
            } else if let boundary, entry.headerLine < boundary.line {
                entry.trusted = true
                entry.why = "Written by the receiving side: it stands above line \(boundary.line), where the message entered \(boundary.organization)."
            } else if let boundary {
                entry.why = "It stands below line \(boundary.line), where the message entered \(boundary.organization): an earlier server or the sender wrote it, and nothing proves which."
            } else {
                entry.why = "The message has no Received lines, so nothing shows which server wrote it."
            }
            recorded.append(entry)
        }
        report.authentication.recorded = recorded
        report.findings += recordedFindings(recorded)
    }

    /// What an ARC hop recorded is believed only when the chain validates and that hop's sealer is trusted.
    private func judgeARCRecord(_ entry: inout RecordedAuthentication, arc: ARCResult?) {
        guard let arc, let instance = entry.instance, let hop = arc.instances.first(where: { $0.instance == instance }) else {
            entry.why = "What an earlier server said it saw; it is not part of a readable ARC chain."
            return
        }
        let sealer = hop.sealer ?? "an unnamed sealer"
        switch (arc.result, hop.trustedSealer) {
        case (.pass, true):
            entry.trusted = true
            entry.why = "The ARC chain verifies and \(sealer), which sealed this hop, is a trusted sealer."
        case (.pass, false):
            entry.why = "The ARC chain verifies, so \(sealer) really wrote this, but \(sealer) is not a trusted sealer (--trusted-sealer)."
        default:
            entry.why = "The ARC chain does not verify (\(arc.reason)), so nothing proves \(sealer) wrote this."
        }
    }

    private func recordedFindings(_ recorded: [RecordedAuthentication]) -> [Finding] {
        var findings: [Finding] = []
        let plain = recorded.filter { $0.instance == nil && $0.field.lowercased() == "authentication-results" }
        let ownIDs = Set(plain.filter(\.trusted).compactMap { $0.authservID?.lowercased() })
        let named = Set(options.trustedAuthservIDs.map { $0.lowercased() })
        let untrusted = plain.filter { !$0.trusted && $0.headerLine > 0 }
        let forged = untrusted.filter { entry in
            guard let id = entry.authservID?.lowercased() else { return false }
            return ownIDs.contains(id) || named.contains(id)
        }
        if !forged.isEmpty {
            let names = Set(forged.compactMap(\.authservID)).sorted().joined(separator: ", ")
            findings.append(RecordedFindings.forged.finding(
                explanation: "\(RecordedFindings.forged.meaning) The imitated server name is \(names).",
                evidence: forged.map(Self.evidence)))
        }
        let others = untrusted.filter { entry in !forged.contains(entry) && entry.results.contains { $0.code == .pass } }
        if !others.isEmpty, recorded.contains(where: \.trusted) || !named.isEmpty {
            findings.append(RecordedFindings.untrusted.finding(evidence: others.map(Self.evidence)))
        }
        let failing = plain.filter(\.trusted).filter { entry in
            let codes = Dictionary(entry.results.map { ($0.method, $0.code) }, uniquingKeysWith: { first, _ in first })
            return codes["dmarc"] == .fail || codes["compauth"] == .fail || (codes["spf"] == .fail && codes["dkim"] != .pass)
        }
        if !failing.isEmpty {
            findings.append(RecordedFindings.receiverFailed.finding(evidence: failing.map(Self.evidence)))
        }
        return findings
    }

    static func evidence(_ entry: RecordedAuthentication) -> Evidence {
        let summary = entry.results.map { "\($0.method)=\($0.result)" }.joined(separator: " ")
        let who = entry.authservID.map { "\($0): " } ?? ""
        return Evidence(kind: .header, label: entry.field, value: who + (summary.isEmpty ? (entry.noResult ? "none" : "(no results)") : summary),
                        firstLine: entry.headerLine, lastLine: entry.lastLine)
    }

    /// Where the message entered the receiving organization: the lowest Received field, in the unbroken run
    /// from the top, whose `by` host belongs to the same domain as the topmost one. An interim rule until the
    /// Received path's trust boundary is available; nil when there is no Received field.
    static func receivingBoundary(_ message: Message) -> (line: Int, organization: String)? {
        let received = message.fields(named: "Received")
        guard let top = received.first else { return nil }
        let organization = byHost(top).map(organizationalGuess) ?? ""
        var entry = top
        for field in received.dropFirst() {
            guard let host = byHost(field), !organization.isEmpty, organizationalGuess(host) == organization else { break }
            entry = field
        }
        return (entry.span.firstLine, organization.isEmpty ? "the receiving server" : organization)
    }

    /// The host after `by` in a Received field, lower case.
    static func byHost(_ field: HeaderField) -> String? {
        let words = field.unfoldedValue.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let index = words.firstIndex(where: { $0.lowercased() == "by" }), index + 1 < words.count else { return nil }
        let host = words[index + 1].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ";()[]"))
        return host.isEmpty ? nil : host
    }

    /// The last two labels of a host name, three when the second-last is a short second-level label under a
    /// two-letter country code (`co.uk`, `com.br`). A rough stand-in for the Public Suffix List.
    static func organizationalGuess(_ host: String) -> String {
        let labels = host.split(separator: ".")
        guard labels.count > 2 else { return host }
        let keep = (labels[labels.count - 1].count == 2 && labels[labels.count - 2].count <= 3) ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }
}
