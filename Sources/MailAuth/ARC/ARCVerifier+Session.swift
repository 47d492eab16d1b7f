import Foundation
import MailDNS
import MailParsing

extension ARCVerifier {
    /// The outcome of one ARC signature check.
    struct Check: Sendable {
        var result: AuthResultCode
        var reason: String
        var keyOrigin: String?
    }

    /// One message's verification: DNS answers and body hashes are looked up once.
    struct Session {
        let message: Message
        let resolver: any DNSResolver
        let keyCache: DKIMKeyCache
        let at: Date?
        private var cache: [DNSQuestion: DNSAnswer] = [:]
        private(set) var answers: [DNSAnswer] = []
        private let bodyHashes: BodyHashMemo

        init(message: Message, resolver: any DNSResolver, keyCache: DKIMKeyCache, at: Date?, bodyHashes: BodyHashMemo) {
            self.bodyHashes = bodyHashes
            self.message = message
            self.resolver = resolver
            self.keyCache = keyCache
            self.at = at
        }

        /// RFC 8617 §5.1.2: an AMS is checked like a DKIM signature over the fields in `h=` and the body.
        mutating func verifyMessageSignature(_ ams: ARCSignature, candidates: [HeaderField]) async -> Check {
            if let expiry = ams.expiry, let at, Int64(at.timeIntervalSince1970) > expiry {
                return Check(result: .fail, reason: "the signature expired (x=\(expiry))")
            }
            let digest = bodyHash(ams)
            guard digest == ams.bodyHash else {
                return Check(result: .fail, reason: "the body hash does not match: the body was changed after this hop signed it")
            }
            let key = await fetchKey(ams)
            guard case let .found(publicKey, origin) = key else { return key.check }
            let input = DKIMHeaderSelection.headerHashInput(
                selected: DKIMHeaderSelection.select(ams.signedHeaders.filter { !$0.isEmpty }, from: candidates),
                signatureRaw: ams.field.raw, bValueRange: ams.bValueRange, canonicalization: ams.headerCanonicalization)
            guard SignatureVerifier.verify(signature: ams.signature, data: input, key: publicKey, algorithm: ams.algorithm) else {
                return Check(result: .fail, reason: "the signature does not match the signed header fields: one of them was changed after this hop signed it", keyOrigin: origin)
            }
            return Check(result: .pass, reason: "verified", keyOrigin: origin)
        }

        /// RFC 8617 §5.1.1: the seal signs every ARC set up to its own, in instance order AAR, AMS, AS,
        /// relaxed canonicalization, its own `b=` emptied.
        mutating func verifySeal(_ set: ARCChainStructure.Set, sets: [ARCChainStructure.Set]) async -> Check {
            let key = await fetchKey(set.seal)
            guard case let .found(publicKey, origin) = key else { return key.check }
            var selected: [HeaderField?] = []
            for earlier in sets where earlier.instance <= set.instance {
                selected.append(earlier.aar)
                selected.append(earlier.ams.field)
                if earlier.instance < set.instance { selected.append(earlier.seal.field) }
            }
            let input = DKIMHeaderSelection.headerHashInput(
                selected: selected, signatureRaw: set.seal.field.raw, bValueRange: set.seal.bValueRange, canonicalization: .relaxed)
            guard SignatureVerifier.verify(signature: set.seal.signature, data: input, key: publicKey, algorithm: set.seal.algorithm) else {
                return Check(result: .fail, reason: "the seal does not match the ARC sets it covers: one of them was changed or forged", keyOrigin: origin)
            }
            return Check(result: .pass, reason: "verified", keyOrigin: origin)
        }

        private func bodyHash(_ ams: ARCSignature) -> [UInt8] {
            bodyHashes.hash(message.body, ams.bodyCanonicalization, ams.algorithm.digest, ams.bodyLength).digest
        }

        // MARK: keys

        enum KeyLookup {
            case found(PublicKey, origin: String?)
            case unusable(Check)

            var check: Check {
                switch self {
                case let .found(_, origin): return Check(result: .pass, reason: "", keyOrigin: origin)
                case let .unusable(check): return check
                }
            }
        }

        /// The sealer's key at `s._domainkey.d` (RFC 6376 §3.6.2), checked for this signature.
        mutating func fetchKey(_ signature: ARCSignature) async -> KeyLookup {
            let question = DNSQuestion(name: signature.keyName, type: .txt)
            let answer: DNSAnswer
            if let known = cache[question] {
                answer = known
            } else {
                answer = await resolver.resolve(question)
                cache[question] = answer
                answers.append(answer)
            }
            let origin = answer.origin?.description
            switch answer.outcome {
            case .unavailableOffline:
                return .unusable(Check(result: .temperror, reason: "the key \(signature.keyName) is not in the DNS cache, so it could not be checked offline"))
            case .servfail, .timeout:
                return .unusable(Check(result: .temperror, reason: "the DNS lookup of \(signature.keyName) failed temporarily", keyOrigin: origin))
            case .nxdomain, .nodata:
                return .unusable(Check(result: .fail, reason: "no key is published at \(signature.keyName)", keyOrigin: origin))
            case let .records(records):
                var problem = "no key is published at \(signature.keyName)"
                for record in records {
                    guard let text = record.txtJoined else { continue }
                    switch usableKey(text, for: signature) {
                    case let .success(key): return .found(key, origin: record.origin.description)
                    case let .failure(error): problem = error.detail
                    }
                }
                return .unusable(Check(result: .fail, reason: problem, keyOrigin: origin))
            }
        }

        private func usableKey(_ text: String, for signature: ARCSignature) -> Result<PublicKey, ARCSignature.Problem> {
            let record: DKIMKeyRecord
            switch keyCache.record(text) {
            case let .success(parsed): record = parsed
            case let .failure(error):
                return .failure(ARCSignature.Problem(detail: "the key record at \(signature.keyName) is invalid (\(error))"))
            }
            guard !record.isRevoked else { return .failure(ARCSignature.Problem(detail: "the key at \(signature.keyName) has been revoked")) }
            guard record.kind == signature.algorithm.keyKind else {
                return .failure(ARCSignature.Problem(detail: "the key at \(signature.keyName) is k=\(record.keyType), not usable with a=\(signature.algorithm.rawValue)"))
            }
            if let hashes = record.acceptableHashes, !hashes.contains("sha256") {
                return .failure(ARCSignature.Problem(detail: "the key at \(signature.keyName) does not allow sha256"))
            }
            guard record.allowsEmail else {
                return .failure(ARCSignature.Problem(detail: "the key at \(signature.keyName) is not for e-mail (s=\(record.services.joined(separator: ":")))"))
            }
            switch keyCache.key(data: record.publicKeyData, kind: record.kind ?? .rsa) {
            case let .failure(error):
                return .failure(ARCSignature.Problem(detail: "the key at \(signature.keyName) cannot be loaded: \(error)"))
            case let .success(key):
                if key.kind == .rsa, key.bits < 1024 {
                    return .failure(ARCSignature.Problem(detail: "the key at \(signature.keyName) is only \(key.bits) bits; at least 1024 are required (RFC 8301)"))
                }
                return .success(key)
            }
        }
    }
}
