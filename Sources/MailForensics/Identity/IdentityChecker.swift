import MailAuth
import MailDNS
import MailParsing

/// Organizational domains looked up once per message: the same few domains are compared many times, and an
/// exact match in this short list is cheaper than the shared memo's lock and hashing.
private struct Organizations {
    private var known: [(domain: String, organization: String)] = []

    mutating func of(_ domain: String) -> String {
        if let hit = known.first(where: { $0.domain == domain }) { return hit.organization }
        let organization = DomainName.organizational(domain)
        if known.count < 16 { known.append((domain, organization)) }
        return organization
    }

    /// `DomainName.sameOrganization`, from this list.
    mutating func same(_ a: String, _ b: String) -> Bool {
        let oa = of(a), ob = of(b)
        return !oa.isEmpty && oa == ob
    }
}

/// Reads the identities of a message and compares them (RFC 5322 §3.6 originator fields, RFC 5321 §4.4 envelope,
/// RFC 6376 d=, RFC 7489 §3.1 organizational domains), emitting the identity findings.
struct IdentityChecker {
    var message: Message
    var path: ReceivedPath?
    /// The Authentication-Results the Recorded stage believes (for smtp.mailfrom when Return-Path is missing).
    var recorded: ReceiverAuthentication
    /// The d= of each DKIM-Signature, in header order, as the DKIM stage parsed them (empty when unreadable).
    var signingDomains: [String] = []
    /// Date texts already parsed in this analysis (the summary reads the Date field too).
    var dates = DateMemo()

    /// The topmost field with this name, given in lower case (as `HeaderField.lowercasedName` holds it).
    private func topField(_ lowercasedName: String) -> HeaderField? { message.header.first { $0.lowercasedName == lowercasedName } }

    /// All fields with this name, given in lower case, top first.
    private func allFields(_ lowercasedName: String) -> [HeaderField] { message.header.filter { $0.lowercasedName == lowercasedName } }

    func check() -> (IdentityReport, [Finding]) {
        var report = IdentityReport()
        var orgs = Organizations()
        var findings: [Finding] = []
        func headerEvidence(_ field: HeaderField, _ label: String? = nil) -> Evidence {
            Evidence(kind: .header, label: label ?? field.name, value: String(field.unfoldedValue.prefix(300)),
                     firstLine: field.span.firstLine, lastLine: field.span.lastLine)
        }

        // From (and the trick of several From fields).
        let fromFields = Array(allFields("from").prefix(20))
        for field in fromFields {
            for box in AddressExtractor.mailboxes(field.unfoldedValue) {
                report.from.append(MailIdentity(source: "From", displayName: box.displayName, address: box.address, headerLine: field.span.firstLine, organization: { orgs.of($0) }))
            }
        }
        if fromFields.count > 1 {
            findings.append(IdentityFindings.multipleFrom.finding(evidence: fromFields.map { headerEvidence($0) }))
        }
        let from = report.from.first { $0.domain != nil }
        if from == nil {
            findings.append(IdentityFindings.missingFrom.finding(evidence: fromFields.map { headerEvidence($0) }))
        }
        let fromField = fromFields.first

        if let field = topField("sender"), let box = AddressExtractor.mailboxes(field.unfoldedValue).first {
            report.sender = MailIdentity(source: "Sender", displayName: box.displayName, address: box.address, headerLine: field.span.firstLine, organization: { orgs.of($0) })
        }
        let replyField = topField("reply-to")
        if let field = replyField {
            report.replyTo = AddressExtractor.mailboxes(field.unfoldedValue).map {
                MailIdentity(source: "Reply-To", displayName: $0.displayName, address: $0.address, headerLine: field.span.firstLine, organization: { orgs.of($0) })
            }
        }

        // Envelope sender: Return-Path, then smtp.mailfrom recorded by a trusted receiver, then a trusted envelope-from.
        if let field = topField("return-path"), let address = AddressExtractor.angleAddress(field.unfoldedValue), !address.isEmpty {
            report.envelopeFrom = MailIdentity(source: "Return-Path", address: address, headerLine: field.span.firstLine, organization: { orgs.of($0) })
        } else if let spf = recorded.first("spf"), let mailfrom = spf.properties["smtp.mailfrom"] {
            let address = mailfrom.contains("@") ? mailfrom : "postmaster@" + mailfrom
            report.envelopeFrom = MailIdentity(source: "Authentication-Results smtp.mailfrom", address: address, headerLine: spf.headerLine, organization: { orgs.of($0) })
        } else if let hop = path?.hops.last(where: { $0.envelopeFrom != nil }), let address = hop.envelopeFrom {
            report.envelopeFrom = MailIdentity(source: "Received envelope-from", address: address, headerLine: hop.headerLine, organization: { orgs.of($0) })
        }
        for domain in signingDomains.prefix(20) where !domain.isEmpty {
            report.dkimDomains.append(DomainName.normalize(domain))
        }
        if let helo = path?.helo, !Self.isAddressLiteral(helo), !helo.hasPrefix("[") { report.heloDomain = DomainName.normalize(helo) }
        let messageIDField = topField("message-id")
        if let field = messageIDField, let id = AddressExtractor.angleAddress(field.unfoldedValue), let at = id.lastIndex(of: "@") {
            report.messageIdDomain = DomainName.normalize(String(id[id.index(after: at)...]))
        }

        let isList = ["list-id", "list-post", "list-unsubscribe", "mailing-list"].contains { topField($0) != nil }
            || topField("precedence")?.unfoldedValue.lowercased() == "list"
        let listDomains = ["list-id", "list-post"].compactMap { name -> String? in
            guard let v = topField(name)?.unfoldedValue else { return nil }
            let inner = AddressExtractor.angleAddress(v) ?? v
            let host = AddressExtractor.lastPart(inner) ?? inner
            return DomainName.normalize(host.replacingOccurrences(of: "mailto:", with: ""))
        }

        guard let from, let fromDomain = from.domain else { return (report, findings + dateAndIDChecks(report, messageIDField, headerEvidence)) }

        // Comparisons with the From domain.
        var comparisons: [IdentityComparison] = []
        if let d = report.envelopeFrom?.domain { comparisons.append(IdentityComparison(identity: report.envelopeFrom?.source ?? "envelope", domain: d, fromDomain: fromDomain, sameOrganization: orgs.same(d, fromDomain))) }
        if let d = report.sender?.domain { comparisons.append(IdentityComparison(identity: "Sender", domain: d, fromDomain: fromDomain, sameOrganization: orgs.same(d, fromDomain))) }
        for r in report.replyTo { if let d = r.domain { comparisons.append(IdentityComparison(identity: "Reply-To", domain: d, fromDomain: fromDomain, sameOrganization: orgs.same(d, fromDomain))) } }
        for d in report.dkimDomains { comparisons.append(IdentityComparison(identity: "DKIM d=", domain: d, fromDomain: fromDomain, sameOrganization: orgs.same(d, fromDomain))) }
        if let d = report.heloDomain { comparisons.append(IdentityComparison(identity: "HELO", domain: d, fromDomain: fromDomain, sameOrganization: orgs.same(d, fromDomain))) }
        if let d = report.messageIdDomain { comparisons.append(IdentityComparison(identity: "Message-ID", domain: d, fromDomain: fromDomain, sameOrganization: orgs.same(d, fromDomain))) }
        report.comparisons = comparisons

        let fromEvidence = fromField.map { headerEvidence($0) }.map { [$0] } ?? []
        let envelopeAligned = report.envelopeFrom?.domain.map { orgs.same($0, fromDomain) } ?? false
        let dkimAligned = report.dkimDomains.contains { orgs.same($0, fromDomain) }
        if !envelopeAligned && !dkimAligned && (report.envelopeFrom != nil || !report.dkimDomains.isEmpty) {
            let others = ([report.envelopeFrom?.domain].compactMap { $0 } + report.dkimDomains).uniqued().joined(separator: ", ")
            var explanation = "The From domain is \(fromDomain); the envelope and signatures name \(others). " + IdentityFindings.unaligned.meaning
            if isList { explanation += " This message carries mailing-list fields, which explains a different envelope." }
            var evidence = fromEvidence
            if let env = report.envelopeFrom { evidence.append(Evidence(kind: .header, label: env.source, value: env.address ?? "", firstLine: env.headerLine, lastLine: env.headerLine)) }
            findings.append(IdentityFindings.unaligned.finding(explanation: explanation, evidence: evidence, severity: isList ? .info : nil))
        }

        // Reply-To diverting replies.
        for r in report.replyTo {
            guard let d = r.domain, let field = replyField, !orgs.same(d, fromDomain) else { continue }
            if isList && (listDomains.contains { orgs.same($0, d) } || report.envelopeFrom?.domain.map { orgs.same($0, d) } == true) { continue }
            let free = WellKnownDomains.isFreeMail(d)
            let explanation = "Replies go to \(r.address ?? d)" + (free ? ", a free-mail address anyone can open," : "") + " while the sender shown is \(from.address ?? fromDomain). " + IdentityFindings.replyTo.meaning
            findings.append(IdentityFindings.replyTo.finding(explanation: explanation, evidence: fromEvidence + [headerEvidence(field)],
                                                             severity: free || !isList ? .warning : .notice))
        }

        // Display name tricks.
        if let name = from.displayName, let field = fromField {
            let lowered = name.lowercased()
            // Only a name with an "@" or a "." can embed an address or a host name; most have neither.
            let mayEmbed = lowered.utf8.contains(UInt8(ascii: "@")) || lowered.utf8.contains(UInt8(ascii: "."))
            let embedded = !mayEmbed ? nil : lowered.split(whereSeparator: { " <>()\"'[],;:".contains($0) }).first { word in
                let w = word.trimmingCharacters(inSet: ".")
                if w.contains("@") { return true }
                return w.contains(".") && DomainName.looksLikeHostName(w) && w.split(separator: ".").last.map { $0.count >= 2 && $0.allSatisfy(\.isLetter) } == true
            }
            if let embedded {
                let shown = embedded.contains("@") ? String(embedded.split(separator: "@").last ?? "") : String(embedded)
                if !orgs.same(shown.trimmingCharacters(inSet: "."), fromDomain) {
                    findings.append(IdentityFindings.displayNameAddress.finding(
                        explanation: "The name reads \"\(name)\" but the address is \(from.address ?? ""). " + IdentityFindings.displayNameAddress.meaning,
                        evidence: [headerEvidence(field)]))
                }
            }
            if let (brand, label) = WellKnownDomains.brand(namedIn: lowered),
               !brand.domains.contains(where: { orgs.same($0, fromDomain) }) {
                findings.append(IdentityFindings.displayNameBrand.finding(
                    explanation: "The name says \"\(name)\" (\(label)) but the message comes from \(fromDomain)" + (WellKnownDomains.isFreeMail(fromDomain) ? ", a free-mail domain" : "") + ". " + IdentityFindings.displayNameBrand.meaning,
                    evidence: [headerEvidence(field)]))
            }
        }

        // Lookalike and internationalized domains.
        let recipientDomains = allFields("to").prefix(3).flatMap { AddressExtractor.mailboxes($0.unfoldedValue) }
            .compactMap { $0.address.flatMap(AddressExtractor.lastPart).map(DomainName.normalize) }
        // The lookalike targets are the well-known ones followed by these.
        let extraTargets = recipientDomains.filter { !WellKnownDomains.isFreeMail($0) && (ASCIIText.contains($0, byte: UInt8(ascii: ".")) ?? $0.contains(".")) }
        var checked: Set<String> = []
        let candidates: [(String, String, Int?)] = [("From", fromDomain, from.headerLine)]
            + report.replyTo.compactMap { r in r.domain.map { ("Reply-To", $0, r.headerLine) } }
            + [report.envelopeFrom].compactMap { e in e?.domain.map { (e?.source ?? "envelope", $0, e?.headerLine) } }
        for (label, domain, line) in candidates where checked.insert(domain).inserted {
            let evidence = Evidence(kind: .header, label: label, value: domain, firstLine: line, lastLine: line)
            let unicode = Lookalike.unicode(domain)
            if let target = Lookalike.imitatedTarget(domain, extraTargets: extraTargets) {
                findings.append(IdentityFindings.lookalike.finding(
                    explanation: "\(label) domain \(domain)\(unicode != domain ? " (shown as \(unicode))" : "") imitates \(target). " + IdentityFindings.lookalike.meaning,
                    evidence: [evidence]))
            }
            if (ASCIIText.contains(domain, "xn--") ?? domain.contains("xn--")) || unicode.unicodeScalars.contains(where: { !$0.isASCII }) {
                let scripts = Lookalike.scripts(unicode)
                findings.append(IdentityFindings.internationalized.finding(
                    explanation: "\(label) domain \(domain) reads \(unicode) (alphabets: \(scripts.sorted().joined(separator: ", "))). " + IdentityFindings.internationalized.meaning,
                    evidence: [evidence], severity: scripts.count > 1 ? .warning : nil))
            }
        }

        if let field = topField("sender"), let d = report.sender?.domain, !orgs.same(d, fromDomain), !isList {
            findings.append(IdentityFindings.senderField.finding(evidence: [headerEvidence(field)]))
        }
        if let d = report.messageIdDomain, let field = messageIDField, !orgs.same(d, fromDomain), KnownInfrastructure.identify(d) == nil,
           d.contains(".") {
            findings.append(IdentityFindings.messageIDDomain.finding(
                explanation: "The Message-ID names \(d); the sender is \(fromDomain). " + IdentityFindings.messageIDDomain.meaning,
                evidence: [headerEvidence(field)]))
        }
        return (report, findings + dateAndIDChecks(report, messageIDField, headerEvidence))
    }

    /// True when a HELO name is an IP address (in any form a header may hold); remembered per name.
    static func isAddressLiteral(_ helo: String) -> Bool {
        // An address has a ":" (IPv6) or nothing but digits, dots and brackets (IPv4): a name with a letter is neither.
        let utf8 = helo.utf8
        if !utf8.contains(UInt8(ascii: ":")),
           utf8.contains(where: { !ASCIIText.isDigit($0) && $0 != UInt8(ascii: ".") && $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: "]") }) {
            return false
        }
        return addressLiteralMemo.value(for: helo) { IPAddress($0, accepting: .header) != nil }
    }

    private static let addressLiteralMemo = MemoCache<Bool>()

    /// Missing or malformed Date and Message-ID; Date far from delivery.
    func dateAndIDChecks(_ report: IdentityReport, _ messageIDField: HeaderField?, _ headerEvidence: (HeaderField, String?) -> Evidence) -> [Finding] {
        var findings: [Finding] = []
        if let field = messageIDField {
            let value = field.unfoldedValue
            let id = AddressExtractor.angleAddress(value) ?? ""
            let closed = ASCIIText.contains(value, byte: UInt8(ascii: ">")) ?? value.contains(">")
            let hasAt = ASCIIText.contains(id, byte: UInt8(ascii: "@")) ?? id.contains("@")
            if !(value.hasPrefix("<") && closed) || !hasAt || id.hasPrefix("@") || id.hasSuffix("@") {
                findings.append(IdentityFindings.malformedMessageID.finding(evidence: [headerEvidence(field, nil)]))
            }
        } else {
            findings.append(IdentityFindings.missingMessageID.finding())
        }
        guard let dateField = topField("date") else {
            findings.append(IdentityFindings.missingDate.finding())
            return findings
        }
        guard let date = dates.parse(dateField.unfoldedValue)?.millisecondsSince1970 else {
            findings.append(IdentityFindings.malformedDate.finding(evidence: [headerEvidence(dateField, nil)]))
            return findings
        }
        let delivered = path?.hops.last { $0.trusted && $0.epochMillis != nil }
        if let delivered, let at = delivered.epochMillis {
            let difference = at - date
            if difference > 86_400_000 || difference < -7_200_000 {
                let words = difference > 0 ? "\(ISOTime.delayText(millis: difference)) before" : "\(ISOTime.delayText(millis: -difference)) after"
                findings.append(IdentityFindings.dateSkew.finding(
                    explanation: "The message is dated \(words) it was delivered (\(DateParser.iso8601(millis: date)) vs \(DateParser.iso8601(millis: at))). " + IdentityFindings.dateSkew.meaning,
                    evidence: [headerEvidence(dateField, nil), PathFindings.evidence(delivered)]))
            }
        }
        return findings
    }
}
