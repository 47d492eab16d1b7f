import Foundation
import MailDNS
import MailParsing

/// Verifies every DKIM-Signature field of a message (RFC 6376 §6, RFC 8301, RFC 8463) and explains each outcome.
///
/// The outside world is injected: DNS through `resolver`, the evaluation time through `verify(_:at:)`.
public struct DKIMVerifier: Sendable {
    public let resolver: any DNSResolver
    public let keyCache: DKIMKeyCache
    /// Treat rsa-sha1 and RSA keys under 1024 bits as passing, as pre-RFC 8301 verifiers do.
    public let acceptSHA1: Bool
    /// Tolerance for a `t=` in the future (signers' clocks drift), in seconds; 10 hours as in dkimpy.
    public let clockSkewTolerance: Int64

    /// A process-wide cache, so sweeps parse each key once.
    public static let sharedKeyCache = DKIMKeyCache()

    public init(resolver: any DNSResolver, keyCache: DKIMKeyCache = DKIMVerifier.sharedKeyCache, acceptSHA1: Bool = false,
                clockSkewTolerance: Int64 = 36000) {
        self.resolver = resolver
        self.keyCache = keyCache
        self.acceptSHA1 = acceptSHA1
        self.clockSkewTolerance = clockSkewTolerance
    }

    /// The results, one per DKIM-Signature field in header order, and every DNS answer consulted.
    public struct Verification: Sendable {
        public var results: [DKIMResult]
        public var dnsAnswers: [DNSAnswer]
    }

    /// Verifies all signatures; `at` is the evaluation time for `t=` and `x=` (nil: not judged). `bodyHashes`
    /// lets the ARC verifier reuse the body hashes computed here.
    public func verify(_ message: Message, at: Date?, bodyHashes: BodyHashMemo = BodyHashMemo()) async -> Verification {
        var context = MessageContext(message: message, bodyHashes: bodyHashes)
        var results: [DKIMResult] = []
        var answers: [DNSQuestion: DNSAnswer] = [:]
        var answerOrder: [DNSQuestion] = []
        for field in message.header where field.lowercasedName == "dkim-signature" {
            let result = await verify(field, in: &context, at: at) { question in
                if let known = answers[question] { return known }
                let answer = await resolver.resolve(question)
                answers[question] = answer
                answerOrder.append(question)
                return answer
            }
            results.append(result)
        }
        return Verification(results: results, dnsAnswers: answerOrder.compactMap { answers[$0] })
    }

    /// Verifies one DKIM-Signature field of `message` (exposed for ARC and tests).
    public func verify(_ field: HeaderField, of message: Message, at: Date?) async -> (DKIMResult, [DNSAnswer]) {
        var context = MessageContext(message: message)
        var used: [DNSAnswer] = []
        let result = await verify(field, in: &context, at: at) { question in
            let answer = await resolver.resolve(question)
            used.append(answer)
            return answer
        }
        return (result, used)
    }

    // MARK: - One signature

    func verify(_ field: HeaderField, in context: inout MessageContext, at: Date?,
                lookup: (DNSQuestion) async -> DNSAnswer) async -> DKIMResult {
        let line = field.span.firstLine
        let signature: DKIMSignature
        do {
            signature = try DKIMSignature(field)
        } catch {
            var result = DKIMResult(domain: error.domain ?? "", selector: error.selector ?? "", result: .permerror,
                                    reason: error.code, headerLine: line)
            result.diagnosis = "This DKIM signature cannot be checked because it is malformed: \(error.detail)."
            return result
        }
        var result = DKIMResult(domain: signature.domain, selector: signature.selector, result: .pass, reason: "", headerLine: line)
        result.algorithm = signature.algorithm.rawValue
        result.canonicalization = "\(signature.headerCanonicalization.rawValue)/\(signature.bodyCanonicalization.rawValue)"
        result.identity = signature.identity
        result.keyName = signature.keyName
        let selected = context.selection(signature.signedHeaders)
        describeCoverage(signature, selected: selected, in: context, into: &result)
        describeTime(signature, at: at, into: &result)

        // Body hash (§3.7), computed once per canonicalization, hash and l= in this message.
        let body = context.bodyHash(signature.bodyCanonicalization, signature.algorithm.digest, signature.bodyLength)
        let computed = Base64.encode(body.digest)
        result.bodyHash = DKIMResult.BodyHashCheck(expected: Base64.encode(signature.bodyHash), computed: computed)
        if let limit = signature.bodyLength {
            result.bodyLengthLimit = limit
            result.unsignedBodyBytes = Swift.max(0, body.canonicalLength - limit)
        }

        // Key (§3.6.2): every TXT record at the selector is a candidate.
        let answer = await lookup(DNSQuestion(name: signature.keyName, type: .txt))
        let candidates: [DNSRecord]
        switch answer.outcome {
        case let .records(records):
            candidates = records.filter { $0.txtJoined != nil }
        case .nxdomain, .nodata:
            candidates = []
        case .servfail, .timeout:
            result.result = .temperror
            result.reason = "dns-error"
            result.diagnosis = "The signing key could not be fetched: the DNS lookup of \(signature.keyName) failed temporarily "
                + "(\(answer.outcome == .timeout ? "timeout" : "server failure")). Try again later; this says nothing about the message."
            return result
        case .unavailableOffline:
            result.result = .temperror
            result.reason = "key-unavailable-offline"
            result.diagnosis = "The signature could not be checked offline: the key \(signature.keyName) is not in the DNS cache. "
                + "Run with live DNS or add the key to the zone file to check it."
            return result
        }
        guard !candidates.isEmpty else {
            result.result = .permerror
            result.reason = "no-key"
            result.diagnosis = "No key is published at \(signature.keyName) (DNS says the name \(answer.outcome == .nodata ? "has no TXT record" : "does not exist")). "
                + "The signature cannot be valid: either the domain never signed this message or it retired the selector."
            return result
        }
        result.keyCandidates = candidates.count

        let input = DKIMHeaderSelection.headerHashInput(
            selected: selected, signatureRaw: field.raw, bValueRange: signature.bValueRange,
            canonicalization: signature.headerCanonicalization)
        var firstProblem: (code: String, detail: String)?
        var chosen: (index: Int, record: DNSRecord, parsed: DKIMKeyRecord, key: PublicKey, valid: Bool)?
        for (index, record) in candidates.enumerated() {
            switch usableKey(record, for: signature) {
            case let .failure(problem):
                if firstProblem == nil { firstProblem = (problem.code, problem.detail) }
            case let .success((parsed, key)):
                let valid = SignatureVerifier.verify(signature: signature.signature, data: input, key: key, algorithm: signature.algorithm)
                if chosen == nil || (valid && chosen?.valid == false) {
                    chosen = (index, record, parsed, key, valid)
                }
            }
            if chosen?.valid == true { break }
        }
        guard let chosen else {
            let problem = firstProblem ?? ("key-unusable", "the key record cannot be used")
            result.result = .permerror
            result.reason = problem.code
            result.diagnosis = "The key published at \(signature.keyName) cannot be used for this signature: \(problem.detail)."
            return result
        }
        result.keyBits = chosen.key.bits
        result.keyOrigin = chosen.record.origin.description
        result.keyUsed = chosen.index + 1
        result.keyTesting = chosen.parsed.isTesting
        let bodyMatches = body.digest == signature.bodyHash
        result.cryptographicallyValid = chosen.valid && bodyMatches
        let keyNote = candidates.count > 1
            ? " Key \(chosen.index + 1) of the \(candidates.count) published at \(signature.keyName) (\(chosen.record.origin)) was used."
            : ""

        if !bodyMatches {
            result.result = signature.versionProblem == nil ? .fail : .permerror
            result.reason = signature.versionProblem?.code ?? "body-hash-mismatch"
            result.diagnosis = bodyMismatchDiagnosis(signature, body: body, context: &context, headersValid: chosen.valid) + keyNote
            return result
        }
        guard chosen.valid else {
            result.result = signature.versionProblem == nil ? .fail : .permerror
            result.reason = signature.versionProblem?.code ?? "signature-mismatch"
            result.diagnosis = "The body is intact (its hash matches), but the signature does not match the signed header fields: "
                + "one of them (\(signature.signedHeaders.joined(separator: ", "))) was changed, added or removed after signing, "
                + "or the signature was made with a different key." + keyNote
            return result
        }
        if let problem = signature.versionProblem {
            result.result = .permerror
            result.reason = problem.code
            result.diagnosis = "This signature does not follow the DKIM standard: \(problem.detail). RFC 6376 §6.1.1 makes it unusable; "
                + "it is nevertheless mathematically valid over the current message." + keyNote
            return result
        }
        if let skew = result.timeSkewSeconds, skew > 0, let reason = timeReason(signature, at: at) {
            result.result = .permerror
            result.reason = reason.code
            result.diagnosis = reason.text + " The signature is otherwise mathematically valid." + keyNote
            return result
        }
        var policyNotes: [String] = []
        if signature.algorithm == .rsaSHA1 {
            result.reason = "sha1"
            policyNotes.append("it uses rsa-sha1, which RFC 8301 forbids verifiers to accept (SHA-1 is broken)")
        }
        if chosen.key.kind == .rsa, chosen.key.bits < 1024 {
            result.reason = result.reason.isEmpty ? "short-key" : result.reason
            policyNotes.append("its RSA key has only \(chosen.key.bits) bits; RFC 8301 requires at least 1024")
        }
        if !policyNotes.isEmpty, !acceptSHA1 {
            result.result = .policy
            result.diagnosis = "The signature is mathematically valid, but it is not accepted because "
                + policyNotes.joined(separator: " and ") + "." + keyNote
        } else {
            result.diagnosis = "The signature is valid: the signed header fields and the body are unchanged since \(signature.domain) signed them."
                + (policyNotes.isEmpty ? "" : " Accepted although " + policyNotes.joined(separator: " and ") + " (--accept-sha1).")
                + keyNote
        }
        if context.fromFields.count > 1 {
            result.result = .policy
            result.reason = "duplicate-from"
            result.diagnosis = duplicateFromDiagnosis(result) + " " + result.diagnosis
        }
        if let unsigned = result.unsignedBodyBytes, unsigned > 0 {
            result.diagnosis += " Only the first \(signature.bodyLength ?? 0) bytes of the body are signed (l=); "
                + "\(unsigned) bytes after them are not covered and could have been added by anyone."
        }
        if !result.unsignedDuplicates.isEmpty {
            let list = result.unsignedDuplicates.map { "\($0.name) on line \($0.line)" }.joined(separator: ", ")
            result.diagnosis += " Not covered although the name is signed: \(list) (added after signing, or never signed)."
        }
        if chosen.parsed.isTesting {
            result.diagnosis += " The key is marked as in testing (t=y)."
        }
        return result
    }
}
