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
        let boundary = Self.receivingBoundary(report.path) ?? Self.receivingBoundary(message)
        let named = Set(options.trustedAuthservIDs.map { $0.lowercased() })
        var recorded: [RecordedAuthentication] = []
        let parsed = message.header.compactMap { Self.isRecordedField($0.lowercasedName) ? RecordedAuthentication.parse($0) : nil }
        // A receiver that writes its results above its Received line does not also write them below it.
        let namesAbove = Set(parsed.filter { $0.instance == nil && $0.headerLine < (boundary?.line ?? 0) }.compactMap { $0.authservID?.lowercased() })
        for var entry in parsed {
            if entry.instance != nil || (ASCIIText.equalsLowercased(entry.field, "arc-authentication-results") ?? (entry.field.lowercased() == "arc-authentication-results")) {
                judgeARCRecord(&entry, arc: report.authentication.arc)
            } else if let id = entry.authservID?.lowercased(), named.contains(id) {
                entry.trusted = true
                entry.why = "Its server name (authserv-id \(id)) is one you trust (--trusted-authserv)."
            } else if let boundary, entry.headerLine < boundary.line {
                entry.trusted = true
                entry.why = "Written by the receiving side: it stands above line \(boundary.line), where the message entered \(boundary.name)."
            } else if let boundary {
                let own = entry.authservID.map { Self.organizationalGuess($0.lowercased()) == boundary.domain } ?? false
                if own, entry.headerLine < boundary.nextLine, !namesAbove.contains(entry.authservID?.lowercased() ?? "") {
                    entry.trusted = true
                    entry.why = "Written by the receiving side under its own name (\(entry.authservID ?? "")), right below the Received line \(boundary.line) where the message entered \(boundary.name)."
                } else if own {
                    entry.why = "It carries the receiving organization's name (\(entry.authservID ?? "")) but stands below the sender's Received line \(boundary.nextLine), where the sender could have written it. "
                        + "If your server writes its results there (Proton Mail does), name it with --trusted-authserv."
                } else {
                    entry.why = "It stands below line \(boundary.line), where the message entered \(boundary.name): an earlier server or the sender wrote it, and nothing proves which."
                }
            } else {
                entry.why = "The message has no Received lines, so nothing shows which server wrote it."
            }
            recorded.append(entry)
        }
        report.authentication.recorded = recorded
        report.findings += recordedFindings(recorded)
    }

    /// The fields `RecordedAuthentication.parse` reads (lower case); the others are passed over without a call.
    static let recordedFieldNames: Set<String> = ["authentication-results", "arc-authentication-results", "received-spf"]

    /// True for a name in `recordedFieldNames`; most others are turned away by their first byte ("a" or "r").
    static func isRecordedField(_ lowercasedName: String) -> Bool {
        let first = lowercasedName.utf8.first
        return (first == UInt8(ascii: "a") || first == UInt8(ascii: "r")) && recordedFieldNames.contains(lowercasedName)
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
        case (.temperror, _):
            entry.why = "The ARC chain could not be checked offline (\(arc.reason)), so nothing yet proves \(sealer) wrote this."
        default:
            entry.why = "The ARC chain does not verify (\(arc.reason)), so nothing proves \(sealer) wrote this."
        }
    }

    private func recordedFindings(_ recorded: [RecordedAuthentication]) -> [Finding] {
        var findings: [Finding] = []
        let plain = recorded.filter { $0.instance == nil && ReceiverAuthentication.isAuthenticationResults($0.field) }
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
        return findings
    }

    static func evidence(_ entry: RecordedAuthentication) -> Evidence {
        let summary = entry.results.map { "\($0.method)=\($0.result)" }.joined(separator: " ")
        let who = entry.authservID.map { "\($0): " } ?? ""
        return Evidence(kind: .header, label: entry.field, value: who + (summary.isEmpty ? (entry.noResult ? "none" : "(no results)") : summary),
                        firstLine: entry.headerLine, lastLine: entry.lastLine)
    }

    /// Where the message entered the receiving organization: the Received line of the entry hop, the line of the
    /// next one below it (the first an outside server wrote), the receiver's domain and its name for people.
    struct ReceivingBoundary {
        var line: Int
        var nextLine: Int
        var domain: String
        var name: String
    }

    /// The boundary from the Received path's trust boundary, when the path found one.
    static func receivingBoundary(_ path: ReceivedPath?) -> ReceivingBoundary? {
        guard let path, let boundary = path.trustBoundary,
              let entry = path.hops.first(where: { $0.number == boundary.entryHop }) else { return nil }
        let next = path.hops.first { $0.number == boundary.entryHop - 1 }
        let domain = (boundary.receivingHost ?? entry.byHost).map { organizationalGuess($0.lowercased()) } ?? ""
        return ReceivingBoundary(line: entry.headerLine, nextLine: next?.headerLine ?? Int.max, domain: domain,
                                 name: boundary.receivingOrganization ?? (domain.isEmpty ? "the receiving server" : domain))
    }

    /// Where the message entered the receiving organization, when the path has no boundary: the lowest Received field, in the unbroken run
    /// from the top, whose `by` host belongs to the same organization as the first named one (hosts written as
    /// bare addresses do not break the run), and the line of the next Received field below it (the first one an
    /// outside server wrote). Nil when there is no Received field.
    static func receivingBoundary(_ message: Message) -> ReceivingBoundary? {
        let received = message.fields(named: "Received")
        guard let top = received.first else { return nil }
        var organization: String?
        var entry = top
        var next: HeaderField?
        for field in received {
            guard let host = byHost(field), host.contains("."), !isAddressLiteral(host) else {
                if organization == nil { entry = field; continue }
                next = field
                break
            }
            let org = organizationalGuess(host)
            if organization == nil { organization = org }
            guard org == organization else {
                next = field
                break
            }
            entry = field
        }
        return ReceivingBoundary(line: entry.span.firstLine, nextLine: next?.span.firstLine ?? Int.max, domain: organization ?? "",
                                 name: organization ?? "the receiving server")
    }

    /// True for an IPv4 or IPv6 address written where a host name is expected.
    static func isAddressLiteral(_ host: String) -> Bool {
        host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// The host after `by` in a Received field, lower case.
    static func byHost(_ field: HeaderField) -> String? {
        let words = field.unfoldedValue.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let index = words.firstIndex(where: { $0.lowercased() == "by" }), index + 1 < words.count else { return nil }
        let host = words[index + 1].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ";()[]"))
        return host.isEmpty ? nil : host
    }

    /// The last two labels of a host name, three when the second-last is a short second-level label under a
    /// two-letter country code (`co.uk`, `com.br`); a provider's several domains count as one. A rough stand-in
    /// for the Public Suffix List and the Received path's knowledge of providers.
    static func organizationalGuess(_ host: String) -> String {
        organizationalGuessMemo.value(for: host, compute: computeOrganizationalGuess)
    }

    /// Guesses already made, by host (the same receiving hosts come back message after message).
    private static let organizationalGuessMemo = MemoCache<String>()

    private static func computeOrganizationalGuess(_ host: String) -> String {
        let labels = host.split(separator: ".")
        guard labels.count > 2 else { return providerFamilies[host] ?? host }
        let keep = (labels[labels.count - 1].count == 2 && labels[labels.count - 2].count <= 3) ? 3 : 2
        let domain = labels.suffix(keep).joined(separator: ".")
        return providerFamilies[domain] ?? domain
    }

    /// Domains one provider uses for its own internal hops.
    static let providerFamilies: [String: String] = [
        "office365.com": "outlook.com", "microsoft.com": "outlook.com", "exchangelabs.com": "outlook.com",
        "hotmail.com": "outlook.com", "live.com": "outlook.com",
        "gmail.com": "google.com", "googlemail.com": "google.com",
        "yahoodns.net": "yahoo.com", "yahoo.net": "yahoo.com",
    ]
}
