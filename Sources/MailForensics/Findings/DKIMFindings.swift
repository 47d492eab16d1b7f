import MailAuth
import MailParsing

/// Findings about DKIM signatures (RFC 6376, RFC 8301, RFC 8463), worded for a help-desk analyst.
enum DKIMFindings {
    static let valid = FindingSpec(
        id: "dkim.valid", severity: .info, title: "A valid DKIM signature proves which domain sent this message.",
        trigger: "A DKIM-Signature verified: the signed header fields and the body are unchanged since the signing domain (d=) signed them.",
        meaning: "The domain named in the signature really handled this message and vouches for it. That domain is not necessarily the one in From: (see the alignment note); DMARC decides whether they match.",
        action: "Nothing to do. Check that the signing domain is one you expect for this sender.",
        references: ["RFC 6376 §6.1"])
    static let none = FindingSpec(
        id: "dkim.none", severity: .notice, title: "The message carries no DKIM signature.",
        trigger: "No DKIM-Signature header field is present.",
        meaning: "Nothing vouches for the content of this message. Most legitimate bulk and corporate mail is signed today; unsigned mail claiming to come from a large organization deserves more suspicion.",
        action: "Rely on SPF, DMARC and the Received path to judge the sender.",
        strength: .inference, references: ["RFC 6376 §6.1"])
    static let bodyChanged = FindingSpec(
        id: "dkim.body-hash-mismatch", severity: .warning, title: "The message body was changed after it was signed.",
        trigger: "The body hash computed now differs from the bh= value in the signature.",
        meaning: "Someone or something altered the text after the sender signed it. Very often this is harmless: a mailing list or a company gateway adds a footer or disclaimer, or re-encodes the text. It can also mean the content was tampered with.",
        action: "Look at the end of the message for an added footer and at the Received path for a mailing list or gateway. Treat links and attachments as unverified.",
        references: ["RFC 6376 §6.1.3", "RFC 6376 §8.2"])
    static let headersChanged = FindingSpec(
        id: "dkim.signature-mismatch", severity: .warning, title: "A signed header field was changed after signing.",
        trigger: "The body hash matches but the signature does not verify over the signed header fields.",
        meaning: "One of the header fields the sender signed (such as From, Subject or Date) is different now, or the signature was not made with the published key. Changing a signed Subject or From is a sign of tampering, although some forwarding systems rewrite Subject lines.",
        action: "Compare the signed header fields listed in the evidence with what the user saw; check the Received path for forwarders or list servers.",
        references: ["RFC 6376 §6.1.3"])
    static let noKey = FindingSpec(
        id: "dkim.no-key", severity: .warning, title: "The signing key does not exist in DNS.",
        trigger: "The DNS name selector._domainkey.domain does not exist or has no TXT record.",
        meaning: "The signature cannot be valid. Either the domain removed the key since the message was sent (keys are rotated), or the signature was invented by someone who never had the domain's key.",
        action: "For an old message, key rotation is a likely cause; for a fresh message, treat the signature as forged.",
        references: ["RFC 6376 §6.1.2"])
    static let keyRevoked = FindingSpec(
        id: "dkim.key-revoked", severity: .warning, title: "The signing key has been revoked by its domain.",
        trigger: "The key record exists but its p= value is empty.",
        meaning: "The domain withdrew this key on purpose, usually after rotating keys or because the key leaked. Signatures made with it no longer count.",
        action: "Judge the message without this signature; for a fresh message, a revoked key is suspicious.",
        references: ["RFC 6376 §3.6.1"])
    static let keyProblem = FindingSpec(
        id: "dkim.key-unusable", severity: .warning, title: "The published signing key cannot be used for this signature.",
        trigger: "The key record is malformed, of the wrong type, restricted to other hash algorithms or services, or requires a strict identity that the signature does not have.",
        meaning: "The signature cannot be verified because of how the key is published. This is usually a configuration mistake at the sending domain, not an attack.",
        action: "Judge the message without this signature.",
        references: ["RFC 6376 §3.6.1", "RFC 6376 §6.1.2"])
    static let malformed = FindingSpec(
        id: "dkim.malformed", severity: .warning, title: "A DKIM signature is malformed and cannot be checked.",
        trigger: "The DKIM-Signature field is missing a required tag, has a bad value, or uses an unknown version, algorithm or canonicalization.",
        meaning: "The signature is unusable. Broken signatures come from old or buggy software, or from someone imitating a signature without being able to make one.",
        action: "Judge the message without this signature.",
        references: ["RFC 6376 §3.5", "RFC 6376 §6.1.1"])
    static let offline = FindingSpec(
        id: "dkim.unchecked-offline", severity: .notice, title: "A DKIM signature could not be checked offline.",
        trigger: "The signing key is not in the DNS cache and live DNS was not allowed.",
        meaning: "Nothing is known yet about this signature: it is neither good nor bad.",
        action: "Re-run with live DNS, or add the key to the zone file, to check it.",
        strength: .inference, references: ["RFC 6376 §6.1.2"])
    static let dnsError = FindingSpec(
        id: "dkim.dns-error", severity: .notice, title: "The signing key could not be fetched (temporary DNS failure).",
        trigger: "The DNS lookup of the key timed out or the server failed.",
        meaning: "The check could not be done now; this says nothing about the message.",
        action: "Try again later.",
        strength: .inference, references: ["RFC 6376 §6.1.2"])
    static let weak = FindingSpec(
        id: "dkim.weak-crypto", severity: .notice, title: "A DKIM signature uses cryptography that is no longer accepted.",
        trigger: "The signature uses rsa-sha1 or an RSA key shorter than 1024 bits; RFC 8301 forbids accepting these (result: policy).",
        meaning: "The signature is mathematically valid, but such signatures can be forged with enough computing power, so modern receivers ignore them.",
        action: "Treat the message as unsigned by this domain; --accept-sha1 shows what older verifiers concluded.",
        references: ["RFC 8301 §3.1", "RFC 8301 §3.2"])
    static let duplicateFrom = FindingSpec(
        id: "dkim.duplicate-from", severity: .critical, title: "The message has two From: fields; the signed sender may not be the one displayed.",
        trigger: "More than one From: header field is present (RFC 5322 allows exactly one).",
        meaning: "This is a known trick: the attacker keeps a legitimately signed From and adds a second one that the mail client shows instead, so a valid signature appears to vouch for a forged sender.",
        action: "Treat the displayed sender as forged. Report the message as phishing.",
        references: ["RFC 6376 §8.15", "RFC 5322 §3.6"])
    static let expired = FindingSpec(
        id: "dkim.time", severity: .notice, title: "A DKIM signature has expired or is dated in the future.",
        trigger: "The evaluation time is after the x= expiry, or well before the t= signing time.",
        meaning: "The signing domain limited how long its signature counts, and that time has passed (or the signer's clock was wrong). An expired signature on an old message is normal.",
        action: "Use --at with the delivery time to judge the signature as it was when the message arrived.",
        references: ["RFC 6376 §3.5"])
    static let bodyLength = FindingSpec(
        id: "dkim.body-length-limit", severity: .warning, title: "Part of the message body is not covered by the signature.",
        trigger: "The signature uses l= and the body is longer than the signed length.",
        meaning: "Anything after the signed length could have been added by anyone, including links or a different message text, without breaking the signature.",
        action: "Treat the content after the signed length as unverified; look at what is at the end of the message.",
        references: ["RFC 6376 §8.2"])
    static let unsignedCopy = FindingSpec(
        id: "dkim.unsigned-header-copy", severity: .warning, title: "A header field appears again without being signed.",
        trigger: "A header name covered by the signature occurs more often than the signature covers it (for example a second Subject).",
        meaning: "The signature covers only one copy; the other was added after signing or never signed. A mail client may show the unsigned copy.",
        action: "Compare the copies; treat the unsigned one as unverified.",
        references: ["RFC 6376 §5.4.2", "RFC 6376 §8.15"])
    static let thirdParty = FindingSpec(
        id: "dkim.third-party-signature", severity: .info, title: "The message is signed by a domain other than the sender's.",
        trigger: "A signature verifies but its d= domain is unrelated to the From address's domain.",
        meaning: "A mailing service, list or forwarder signed the message, not the sender's own domain. That is common and legitimate, but it proves nothing about the From address.",
        action: "Check whether the signing domain is a service the sender is known to use.",
        strength: .correlated, references: ["RFC 6376 §1.2"])

    static let domainKeys = FindingSpec(
        id: "dkim.domainkeys", severity: .info, title: "The message carries an old-style DomainKeys signature.",
        trigger: "A DomainKey-Signature field (RFC 4870, the historic predecessor of DKIM) is present; it is verified for explanation only.",
        meaning: "DomainKeys was replaced by DKIM in 2007 and uses SHA-1; receivers no longer rely on it and DMARC ignores it. A valid one still shows which domain handled the message.",
        action: "Judge the message by its DKIM signatures, SPF and DMARC.",
        references: ["RFC 4870", "RFC 8301 §3.1"])

    static let specs = [valid, none, bodyChanged, headersChanged, noKey, keyRevoked, keyProblem, malformed, offline, dnsError,
                        weak, duplicateFrom, expired, bodyLength, unsignedCopy, thirdParty, domainKeys]

    /// The finding for one DomainKey-Signature result.
    static func domainKeysFinding(_ result: DKIMResult, message: Message) -> Finding {
        domainKeys.finding(explanation: "\(domainKeys.meaning) \(result.diagnosis)", evidence: [signatureEvidence(result, message: message)])
    }

    /// The findings for a message's DKIM results.
    static func findings(for results: [DKIMResult], message: Message) -> [Finding] {
        guard !results.isEmpty else { return [none.finding()] }
        var out: [Finding] = []
        var reportedDuplicateFrom = false
        for result in results {
            var evidence = [signatureEvidence(result, message: message)]
            if let name = result.keyName {
                let key = [result.keyBits.map { "\($0)-bit key" }, result.keyUsed.flatMap { used in
                    result.keyCandidates.map { $0 > 1 ? "key \(used) of \($0)" : nil } ?? nil }].compactMap { $0 }.joined(separator: ", ")
                evidence.append(Evidence(kind: .dns, label: "DKIM key \(name)", value: key.isEmpty ? result.reason : key, origin: result.keyOrigin))
            }
            let spec: FindingSpec?
            switch (result.result, result.reason) {
            case (.pass, _): spec = valid
            case (.fail, "body-hash-mismatch"):
                spec = bodyChanged
                if let hash = result.bodyHash {
                    evidence.append(Evidence(kind: .computed, label: "body hash (bh= / computed)", value: "\(hash.expected) / \(hash.computed)"))
                }
            case (.fail, _): spec = headersChanged
            case (.permerror, "no-key"): spec = noKey
            case (.permerror, "key-revoked"): spec = keyRevoked
            case (.permerror, "signature-expired"), (.permerror, "timestamp-in-future"): spec = expired
            case (.permerror, let reason) where reason.hasPrefix("key-"): spec = keyProblem
            case (.permerror, _): spec = malformed
            case (.temperror, "key-unavailable-offline"): spec = offline
            case (.temperror, _): spec = dnsError
            case (.policy, "duplicate-from"):
                spec = reportedDuplicateFrom ? nil : duplicateFrom
                reportedDuplicateFrom = true
                evidence += message.header.filter { $0.lowercasedName == "from" }.map {
                    Evidence(kind: .header, label: "From:", value: excerpt($0), firstLine: $0.span.firstLine, lastLine: $0.span.lastLine)
                }
            case (.policy, _): spec = weak
            default: spec = nil
            }
            if let spec {
                out.append(spec.finding(explanation: "\(spec.meaning) \(result.diagnosis)", evidence: evidence,
                                        title: result.result == .pass ? "A valid DKIM signature from \(result.domain) vouches for this message." : nil))
            }
            if result.cryptographicallyValid == true, result.fromAlignment == "unrelated" {
                out.append(thirdParty.finding(explanation: "\(thirdParty.meaning) Signed by \(result.domain).", evidence: [evidence[0]]))
            }
            if let unsigned = result.unsignedBodyBytes, unsigned > 0, result.cryptographicallyValid == true {
                out.append(bodyLength.finding(explanation: "\(bodyLength.meaning) \(unsigned) bytes of the body are not signed.", evidence: [evidence[0]]))
            }
            if result.cryptographicallyValid == true, !result.unsignedDuplicates.isEmpty, result.reason != "duplicate-from" {
                let copies = result.unsignedDuplicates.compactMap { copy in
                    message.header.first { $0.span.firstLine == copy.line }.map {
                        Evidence(kind: .header, label: "unsigned \(copy.name):", value: excerpt($0), firstLine: $0.span.firstLine, lastLine: $0.span.lastLine)
                    }
                }
                out.append(unsignedCopy.finding(evidence: [evidence[0]] + copies))
            }
        }
        return out
    }

    static func signatureEvidence(_ result: DKIMResult, message: Message) -> Evidence {
        let field = message.header.first { $0.span.firstLine == result.headerLine }
        let value = "d=\(result.domain) s=\(result.selector) a=\(result.algorithm ?? "?") -> \(result.result.rawValue)"
            + (result.reason.isEmpty ? "" : " (\(result.reason))")
        return Evidence(kind: .header, label: field?.name ?? "DKIM-Signature", value: value, firstLine: result.headerLine, lastLine: field?.span.lastLine)
    }

    static func excerpt(_ field: HeaderField) -> String {
        let value = field.unfoldedValue
        return value.count > 200 ? String(value.prefix(200)) + "…" : value
    }
}
