import CCrypto
import Foundation
import MailDNS
import MailParsing

/// Key checks and plain-language diagnoses for `DKIMVerifier` (RFC 6376 §6.1.2, §8).
extension DKIMVerifier {
    struct KeyProblem: Error {
        var code: String
        var detail: String
    }

    /// Checks a key record against a signature (§3.6.1, §6.1.2) and loads its key through the cache.
    func usableKey(_ record: DNSRecord, for signature: DKIMSignature) -> Result<(DKIMKeyRecord, PublicKey), KeyProblem> {
        let parsed: DKIMKeyRecord
        switch keyCache.record(record.txtJoined ?? "") {
        case let .success(value):
            parsed = value
        case let .failure(error):
            let code: String
            switch error {
            case .badVersion: code = "key-version"
            case .missingKey, .badBase64, .syntax: code = "key-syntax"
            }
            return .failure(KeyProblem(code: code, detail: error.description))
        }
        if parsed.isRevoked {
            return .failure(KeyProblem(code: "key-revoked", detail: "the key has been revoked (empty p=)"))
        }
        guard let kind = parsed.kind else {
            return .failure(KeyProblem(code: "key-type-unknown", detail: "k=\(parsed.keyType) is not a key type this verifier knows"))
        }
        guard kind == signature.algorithm.keyKind else {
            return .failure(KeyProblem(code: "key-type-mismatch", detail: "the key is k=\(parsed.keyType) but the signature uses \(signature.algorithm.rawValue)"))
        }
        if let hashes = parsed.acceptableHashes, !hashes.contains(where: { $0.lowercased() == signature.algorithm.digest.rawValue }) {
            return .failure(KeyProblem(code: "key-hash-not-allowed",
                                       detail: "the key allows only h=\(hashes.joined(separator: ":")), not \(signature.algorithm.digest.rawValue)"))
        }
        guard parsed.allowsEmail else {
            return .failure(KeyProblem(code: "key-service-not-email", detail: "the key is for s=\(parsed.services.joined(separator: ":")), not e-mail"))
        }
        if parsed.isStrict {
            let identityDomain = signature.identity.split(separator: "@").last.map { $0.lowercased() } ?? ""
            guard identityDomain == signature.domain.lowercased() else {
                return .failure(KeyProblem(code: "key-strict-identity",
                                           detail: "the key is flagged t=s, so i= must be exactly @\(signature.domain), but it is \(signature.identity)"))
            }
        }
        switch keyCache.key(data: parsed.publicKeyData, kind: kind) {
        case let .success(key): return .success((parsed, key))
        case let .failure(error): return .failure(KeyProblem(code: "key-unusable", detail: error.description))
        }
    }

    /// Fills what the signature covers: `h=` names with lines, over-signing, unsigned duplicates, From alignment.
    func describeCoverage(_ signature: DKIMSignature, selected: [HeaderField?], in context: MessageContext, into result: inout DKIMResult) {
        result.signedHeaders = zip(signature.signedHeaders, selected).map { DKIMResult.SignedHeader(name: $0, line: $1?.span.firstLine) }
        let fromCount = signature.signedHeaders.filter { $0.lowercased() == "from" }.count
        result.fromOversigned = fromCount > context.fromFields.count
        let coveredLines = Set(selected.compactMap { $0?.span.firstLine })
        let signedNames = Set(signature.signedHeaders.map { $0.lowercased() })
        result.unsignedDuplicates = signedNames.subtracting(["dkim-signature"]).flatMap { name in
            (context.fieldIndex[name] ?? []).map { context.message.header[$0] }.filter { !coveredLines.contains($0.span.firstLine) }
        }.sorted { $0.span.firstLine < $1.span.firstLine }.map { DKIMResult.UnsignedDuplicate(name: $0.name, line: $0.span.firstLine) }
        guard let fromDomain = context.fromDomain else {
            result.fromAlignment = "no-from"
            return
        }
        let d = signature.domain.lowercased()
        if d == fromDomain {
            result.fromAlignment = "exact"
        } else if d.hasSuffix("." + fromDomain) {
            result.fromAlignment = "subdomain"
        } else if fromDomain.hasSuffix("." + d) {
            result.fromAlignment = "parent"
        } else {
            result.fromAlignment = "unrelated"
        }
    }

    /// Fills `t=` / `x=` as ISO 8601 and the skew when the signature is expired or from the future.
    func describeTime(_ signature: DKIMSignature, at: Date?, into result: inout DKIMResult) {
        result.signedAt = signature.timestamp.map(Self.iso8601)
        result.expiresAt = signature.expiration.map(Self.iso8601)
        guard let at else { return }
        let now = Int64(at.timeIntervalSince1970)
        if let x = signature.expiration, x < now {
            result.timeSkewSeconds = now - x
        } else if let t = signature.timestamp, t > now + clockSkewTolerance {
            result.timeSkewSeconds = t - now
        }
    }

    func timeReason(_ signature: DKIMSignature, at: Date?) -> (code: String, text: String)? {
        guard let at else { return nil }
        let now = Int64(at.timeIntervalSince1970)
        if let x = signature.expiration, x < now {
            return ("signature-expired", "The signature expired at \(Self.iso8601(x)) (x=), \(Self.duration(now - x)) before the evaluation time \(Self.iso8601(now)).")
        }
        if let t = signature.timestamp, t > now + clockSkewTolerance {
            return ("timestamp-in-future", "The signature claims to have been made at \(Self.iso8601(t)) (t=), \(Self.duration(t - now)) after the evaluation time \(Self.iso8601(now)).")
        }
        return nil
    }

    func duplicateFromDiagnosis(_ result: DKIMResult) -> String {
        let fromLines = result.signedHeaders.filter { $0.name.lowercased() == "from" }.compactMap(\.line)
        let covered = fromLines.map(String.init).joined(separator: " and ")
        return "The message has more than one From: field, which RFC 5322 forbids. The signature covers the From on line \(covered); "
            + "a mail client usually displays the first one, so the sender the reader sees may not be the one that was signed (RFC 6376 §8.15)."
    }

    /// Explains a body hash mismatch, guessing the cause when the bytes allow it.
    func bodyMismatchDiagnosis(_ signature: DKIMSignature, body: DKIMBodyHash, context: inout MessageContext, headersValid: Bool) -> String {
        var text = "The body hash in the signature (bh=) does not match the body now."
        if headersValid {
            text += " The signed header fields are intact (the header signature verifies), so only the body changed."
        }
        if let limit = signature.bodyLength, body.canonicalLength < limit {
            return text + " The body is now \(body.canonicalLength) bytes, shorter than the \(limit) bytes the signature covers (l=): it was truncated."
        }
        if signature.bodyLength == nil,
           let appended = Self.appendedBytes(context.message.body, signature.bodyCanonicalization, signature.algorithm.digest, signature.bodyHash) {
            return text + " The original body is still there, followed by \(appended) added bytes at the end: "
                + "typically a footer or disclaimer appended by a mailing list or a mail gateway, not a forgery."
        }
        return text + " Common causes: a footer or disclaimer added by a mailing list or gateway, the text re-encoded "
            + "(for example quoted-printable converted to 8-bit, or line endings rewritten), or the content altered."
    }

    /// When the canonical body starts with a prefix (ending at a line boundary) whose hash is `expected`,
    /// the number of bytes after it: content was appended. Bounded to bodies up to 8 MiB and the last 2000 lines.
    static func appendedBytes(_ body: ArraySlice<UInt8>, _ canonicalization: DKIMCanonicalization, _ digest: DigestAlgorithm,
                              _ expected: [UInt8]) -> Int? {
        guard body.count <= 8 << 20 else { return nil }
        let canonical = canonicalization.canonicalBody(body)
        var boundaries: [Int] = []
        var i = canonical.count - 1
        while i > 0, boundaries.count < 2000 {
            if canonical[i] == 0x0A, canonical[i - 1] == 0x0D, i + 1 < canonical.count { boundaries.append(i + 1) }
            i -= 1
        }
        boundaries.reverse()
        guard let first = boundaries.first, let md = digest == .sha1 ? EVP_sha1() : EVP_sha256(),
              let ctx = EVP_MD_CTX_new(), let copy = EVP_MD_CTX_new() else { return nil }
        defer {
            EVP_MD_CTX_free(ctx)
            EVP_MD_CTX_free(copy)
        }
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        return canonical.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            EVP_DigestInit_ex(ctx, md, nil)
            EVP_DigestUpdate(ctx, base, first)
            var position = first
            for boundary in boundaries {
                EVP_DigestUpdate(ctx, base + position, boundary - position)
                position = boundary
                EVP_MD_CTX_copy_ex(copy, ctx)
                EVP_DigestFinal_ex(copy, &out, &length)
                if Int(length) == expected.count, memcmp(out, expected, expected.count) == 0 { return canonical.count - boundary }
            }
            return nil
        }
    }

    static func iso8601(_ seconds: Int64) -> String {
        let clamped = Swift.min(Swift.max(seconds, -62_135_596_800), 253_402_300_799)
        var time = time_t(clamped)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = Int(parts.tm_year) + 1900
        let yearText = year >= 0 && year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    static func duration(_ seconds: Int64) -> String {
        if seconds >= 2 * 86400 { return "\(seconds / 86400) days" }
        if seconds >= 2 * 3600 { return "\(seconds / 3600) hours" }
        if seconds >= 120 { return "\(seconds / 60) minutes" }
        return "\(seconds) seconds"
    }
}
