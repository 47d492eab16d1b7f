import MailDNS

/// Findings about the Received path (RFC 5321 §4.4 trace fields) and the checks that emit them.
enum PathFindings {
    static let noReceived = FindingSpec(
        id: "path.no-received", severity: .info, title: "No delivery path was recorded.",
        trigger: "The message has no Received fields.",
        meaning: "Every server that accepts a message normally adds a Received line. Without any, this is a draft, a pasted header block without its trace lines, or a message generated locally; where it came from cannot be told.",
        action: "If the message arrived by e-mail, export it again from the mailbox with all its headers (\"view original\" or \"save as .eml\").",
        references: ["RFC 5321 §4.4"])
    static let clockSkew = FindingSpec(
        id: "path.clock-skew", severity: .notice, title: "A server on the path stamped a time earlier than the server before it.",
        trigger: "A hop's timestamp is more than two minutes earlier than the previous (older) hop's.",
        meaning: "Either a server's clock is wrong, or a Received line was written by someone who made the time up. Below the trust boundary, made-up lines are a known trick to make a message look as if it passed through respectable servers.",
        action: "Compare with the hops written by your own servers; if only untrusted hops disagree, treat their claims as unverified.",
        strength: .correlated, references: ["RFC 5321 §4.4"])
    static let longDelay = FindingSpec(
        id: "path.long-delay", severity: .info, title: "The message waited a long time between two servers.",
        trigger: "A delay of more than one hour between two consecutive hops.",
        meaning: "Long delays happen with retries, greylisting and queue problems; they also happen when bulk or malicious mail is queued and released later. On their own they prove nothing.",
        action: "Note it; it matters only together with other findings.",
        strength: .inference, references: ["RFC 5321 §4.5.4"])
    static let nonPublicEntry = FindingSpec(
        id: "path.non-public-entry-ip", severity: .warning, title: "The server that handed the message to your provider has a private or reserved address.",
        trigger: "The connecting IP at the trust boundary is private, loopback, reserved or a documentation address while the receiving side is a public mail service.",
        meaning: "A public mail service cannot receive mail from such an address over the Internet, so the trace line was either written by an internal system or is not what it seems.",
        action: "Check with whoever runs the receiving servers whether internal relays exist; otherwise treat the path as unreliable.",
        strength: .correlated, references: ["RFC 6890", "RFC 1918"])
    static let reservedClaimed = FindingSpec(
        id: "path.reserved-ip-claimed", severity: .notice, title: "An unverified hop claims an address that cannot exist on the Internet.",
        trigger: "A hop below the trust boundary records a reserved, documentation or unspecified IP address.",
        meaning: "Private addresses below the boundary are normal (the sender's internal network); reserved and documentation addresses are not, and suggest the line was invented.",
        action: "Do not rely on the hops below the trust boundary.",
        strength: .inference, references: ["RFC 6890", "RFC 5737"])
    static let heloLiteral = FindingSpec(
        id: "path.helo-ip-literal", severity: .notice, title: "The sending server introduced itself by a bare IP address instead of a name.",
        trigger: "The HELO/EHLO name at the trust boundary is an address literal such as [192.0.2.1].",
        meaning: "Legitimate mail servers introduce themselves with their host name. Bare addresses are typical of infected computers and throw-away sending scripts.",
        action: "Weigh together with the authentication results; a bare-address HELO with failing SPF is a strong spam sign.",
        strength: .direct, references: ["RFC 5321 §4.1.1.1", "RFC 5321 §4.1.3"])
    static let heloMismatch = FindingSpec(
        id: "path.helo-mismatch", severity: .notice, title: "The sending server's self-introduction does not match its real name.",
        trigger: "At the trust boundary, the HELO name and the reverse-DNS name of the connecting IP belong to different organizations.",
        meaning: "Anyone can say any name in HELO; the reverse-DNS name is what the address really resolves to. A mismatch is common for small servers but also for servers pretending to be someone else.",
        action: "Check whether the HELO name claims a well-known company; if it does, treat the message as impersonation.",
        strength: .correlated, references: ["RFC 5321 §4.1.4"])
    static let heloImpersonation = FindingSpec(
        id: "path.helo-claims-provider", severity: .warning, title: "The sending server claimed to belong to a well-known mail service but does not.",
        trigger: "At the trust boundary, the HELO name belongs to a known mail service while the recorded reverse-DNS name does not.",
        meaning: "Claiming to be a big provider's server is a way to borrow its reputation. The receiving server recorded where the connection really came from, and it was elsewhere.",
        action: "Treat the claimed provider as not involved; look at the connecting IP instead.",
        strength: .correlated, references: ["RFC 5321 §4.1.4"])
    static let chainBreak = FindingSpec(
        id: "path.chain-break", severity: .info, title: "Two consecutive Received lines do not connect.",
        trigger: "A hop's sending server is not the server that wrote the previous (older) hop.",
        meaning: "Each server should receive from the one below it. A break means a server did not record its hop, names differ between internal and external views, or a line was inserted by hand.",
        action: "Usually harmless inside one provider; a break just below the trust boundary deserves a closer look.",
        strength: .inference, references: ["RFC 5321 §4.4"])
    static let forgedHop = FindingSpec(
        id: "path.forged-hop", severity: .warning, title: "A Received line below the trust boundary looks forged.",
        trigger: "A hop below the trust boundary claims to be written by the receiving organization's own server, or is dated well after the message entered it.",
        meaning: "Lines below the trust boundary were written before your servers saw the message, so anyone could have written them. One that claims to be your own server, or to come from the future, was made up to mislead.",
        action: "Ignore the hops below the trust boundary for the origin; report the message as crafted.",
        strength: .correlated, references: ["RFC 5321 §4.4", "RFC 5321 §7.2"])
    static let sendingService = FindingSpec(
        id: "path.sending-service", severity: .info, title: "The message was sent through a bulk or transactional mail service.",
        trigger: "A hop names a known sending service (Amazon SES, SendGrid, Mailchimp, Mailgun, ...).",
        meaning: "Newsletters and notifications normally go out this way. Such services are also abused by phishers because their reputation helps delivery; the service itself is not the sender.",
        action: "Identify the service's customer from the DKIM signature or the Return-Path; report abuse to the service if the message is malicious.",
        strength: .direct)
    static let noTLS = FindingSpec(
        id: "path.entry-without-tls", severity: .info, title: "The message reached the receiving organization without encryption.",
        trigger: "The hop at the trust boundary records a protocol without TLS.",
        meaning: "Most mail between providers is encrypted today. Unencrypted delivery is common for small or old servers and for spam tools.",
        action: "Note it; it matters only together with other findings.",
        strength: .direct, references: ["RFC 3207", "RFC 3848"])
    static let originHint = FindingSpec(
        id: "path.originating-ip-header", severity: .info, title: "A header names the address of the computer the message was written on.",
        trigger: "An X-Originating-IP, X-Sender-IP, X-Forwarded-For or similar field is present.",
        meaning: "Webmail and some submission servers record the address of the user's computer. It is a useful lead for an investigation; it is only as trustworthy as the server that wrote it.",
        action: "Look the address up (geolocation, abuse contact) if the message is malicious.",
        strength: .direct)
    static let unparsable = FindingSpec(
        id: "path.unparsable-received", severity: .info, title: "A Received line could not be read.",
        trigger: "A Received field has none of the usual parts (from, by, a date).",
        meaning: "The line is malformed. Some old servers write odd lines; a malformed line in the untrusted part may also be filler.",
        action: "Read the line yourself in the evidence.",
        strength: .direct, references: ["RFC 5321 §4.4"])

    static let specs = [noReceived, clockSkew, longDelay, nonPublicEntry, reservedClaimed, heloLiteral, heloMismatch, heloImpersonation,
                        chainBreak, forgedHop, sendingService, noTLS, originHint, unparsable]

    static func evidence(_ hop: ReceivedHop, label: String? = nil) -> Evidence {
        Evidence(kind: .header, label: label ?? "\(hop.field) (hop \(hop.number))", value: ReceivedText.prefix(hop.raw, 300),
                 firstLine: hop.headerLine, lastLine: hop.lastLine)
    }

    /// The findings of a rebuilt path; `hasReceived` false means the message had no trace fields at all.
    static func check(_ path: ReceivedPath) -> [Finding] {
        var findings: [Finding] = []
        let hops = path.hops
        guard !hops.isEmpty else { return [noReceived.finding()] }
        let entryNumber = path.trustBoundary?.entryHop ?? hops.count
        let entry = hops.first { $0.number == entryNumber }

        // Clock skew and long delays.
        var previousDated: ReceivedHop?
        for hop in hops {
            guard hop.epochMillis != nil else { continue }
            defer { previousDated = hop }
            guard let p = previousDated, let d = hop.delaySeconds else { continue }
            if d < -120 {
                findings.append(clockSkew.finding(
                    explanation: "Hop \(hop.number) says it received the message \(ISOTime.delayText(millis: Int64(-d * 1000))) before hop \(p.number) sent it. " + clockSkew.meaning,
                    evidence: [evidence(p), evidence(hop)]))
            } else if d > 3600 {
                findings.append(longDelay.finding(
                    explanation: "Between hop \(p.number) and hop \(hop.number) the message waited \(hop.delay ?? ""). " + longDelay.meaning,
                    evidence: [evidence(p), evidence(hop)]))
            }
        }

        if let entry {
            let receiverIsPublic = entry.infrastructure.flatMap { name in KnownInfrastructure.all.first { $0.name == name } } != nil
            if let scope = entry.ipScope, scope != .global, receiverIsPublic {
                findings.append(nonPublicEntry.finding(
                    explanation: "The receiving service recorded the address \(entry.ip ?? "") (\(scope.rawValue)). " + nonPublicEntry.meaning,
                    evidence: [evidence(entry)]))
            }
            if let helo = entry.helo {
                if helo.hasPrefix("[") || IPAddress(helo, accepting: .header) != nil {
                    findings.append(heloLiteral.finding(evidence: [evidence(entry, label: "HELO \(helo)")]))
                } else if let rdns = entry.reverseDNS, ReceivedText.looksLikeHostName(helo) {
                    let heloService = KnownInfrastructure.identify(helo)
                    if let heloService, KnownInfrastructure.identify(rdns)?.name != heloService.name {
                        findings.append(heloImpersonation.finding(
                            explanation: "The server said it was \(helo) (\(heloService.name)), but its address \(entry.ip ?? "") is named \(rdns). " + heloImpersonation.meaning,
                            evidence: [evidence(entry)]))
                    } else if !DomainName.sameOrganization(helo, rdns) {
                        findings.append(heloMismatch.finding(
                            explanation: "The server said it was \(helo); its address \(entry.ip ?? "") is named \(rdns). " + heloMismatch.meaning,
                            evidence: [evidence(entry)]))
                    }
                }
            }
            if entry.tls == false {
                findings.append(noTLS.finding(evidence: [evidence(entry)]))
            }
        }

        // Untrusted hops: reserved addresses, forged-looking lines, chain breaks, sending services.
        var servicesSeen: Set<String> = []
        for (i, hop) in hops.enumerated() {
            let untrusted = hop.number < entryNumber
            if untrusted, let scope = hop.ipScope, [.documentation, .reserved, .unspecified, .multicast].contains(scope) {
                findings.append(reservedClaimed.finding(
                    explanation: "Hop \(hop.number) claims the address \(hop.ip ?? "") (\(scope.rawValue)). " + reservedClaimed.meaning,
                    evidence: [evidence(hop)]))
            }
            if untrusted, let entry {
                if let by = hop.byHost, let entryBy = entry.byHost, by.lowercased() == entryBy.lowercased() {
                    findings.append(forgedHop.finding(
                        explanation: "Hop \(hop.number) claims it was written by \(by), the receiving server itself, yet it sits below the point where the message entered. " + forgedHop.meaning,
                        evidence: [evidence(hop), evidence(entry)]))
                } else if let t = hop.epochMillis, let e = entry.epochMillis, t - e > 600_000 {
                    findings.append(forgedHop.finding(
                        explanation: "Hop \(hop.number) is dated \(ISOTime.delayText(millis: t - e)) after the receiving organization accepted the message. " + forgedHop.meaning,
                        evidence: [evidence(hop), evidence(entry)]))
                }
            }
            if i > 0, hop.number <= entryNumber, let previousBy = hops[i - 1].byHost, hop.from != nil, !connects(hop, previousBy: previousBy) {
                findings.append(chainBreak.finding(
                    explanation: "Hop \(hop.number) received the message from \(hop.helo ?? hop.ip ?? "an unnamed server"), but the previous hop was written by \(previousBy). " + chainBreak.meaning,
                    evidence: [evidence(hops[i - 1]), evidence(hop)]))
            }
            for name in [hop.infrastructure, hop.clientInfrastructure].compactMap({ $0 }) where !servicesSeen.contains(name) {
                guard KnownInfrastructure.all.first(where: { $0.name == name })?.kind == .sendingService else { continue }
                servicesSeen.insert(name)
                findings.append(sendingService.finding(
                    explanation: "The path shows \(name). " + sendingService.meaning, evidence: [evidence(hop)]))
            }
            if hop.from == nil, hop.by == nil, hop.epochMillis == nil {
                findings.append(unparsable.finding(evidence: [evidence(hop)]))
            }
        }
        for hint in path.originHints {
            findings.append(originHint.finding(
                explanation: "\(hint.field) names \(hint.ip ?? hint.value). " + originHint.meaning,
                evidence: [Evidence(kind: .header, label: hint.field, value: hint.value, firstLine: hint.headerLine, lastLine: hint.headerLine)]))
        }
        return findings
    }

    /// True when a hop's client is plausibly the server that wrote the previous hop (same name, same first label,
    /// same organizational domain, or same address).
    static func connects(_ hop: ReceivedHop, previousBy: String) -> Bool {
        let by = DomainName.normalize(previousBy)
        let names = [hop.helo, hop.reverseDNS, hop.ip].compactMap { $0.map(DomainName.normalize) }
        // What depends on `by` alone is worked out once, when first needed.
        let byLabel = firstLabel(by)
        var byOrganization: String?
        var byService: Int??
        for name in names {
            if name == by { return true }
            if let a = firstLabel(name), let b = byLabel, a == b, a.count > 3 { return true }
            if IPAddress(name, accepting: .header) == nil, ReceivedText.contains(name, ".") {
                // DomainName.sameOrganization(name, by), with the organizational domain of `by` kept.
                let organization = DomainName.organizational(name)
                if byOrganization == nil { byOrganization = DomainName.organizational(by) }
                if !organization.isEmpty, organization == byOrganization { return true }
            }
            if let service = KnownInfrastructure.identifyIndex(name) {
                if byService == nil { byService = KnownInfrastructure.identifyIndex(by) }
                if service == byService { return true }
            }
        }
        return names.isEmpty || names.contains("localhost")
    }

    /// `name.split(separator: ".").first`: the first non-empty label.
    static func firstLabel(_ name: String) -> Substring? {
        guard ReceivedText.isASCII(name) else { return name.split(separator: ".").first }
        let utf8 = name.utf8
        guard let start = utf8.firstIndex(where: { $0 != UInt8(ascii: ".") }) else { return nil }
        let end = utf8[start...].firstIndex(of: UInt8(ascii: ".")) ?? utf8.endIndex
        return name[start..<end]
    }
}
