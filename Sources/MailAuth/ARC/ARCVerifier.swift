import Foundation
import MailDNS
import MailParsing

/// Validates the ARC chain of a message (RFC 8617 §5.2): structure, the `cv=` each hop claimed, the newest
/// ARC-Message-Signature, every ARC-Seal, and the oldest instance whose AMS still verifies.
///
/// DNS comes through `resolver`; keys are parsed once through `keyCache`.
public struct ARCVerifier: Sendable {
    public let resolver: any DNSResolver
    public let keyCache: DKIMKeyCache

    /// Keys are shared with DKIM's process-wide cache, so sweeps parse each key once.
    public init(resolver: any DNSResolver, keyCache: DKIMKeyCache = DKIMVerifier.sharedKeyCache) {
        self.resolver = resolver
        self.keyCache = keyCache
    }

    /// The chain result and every DNS answer consulted.
    public struct Verification: Sendable {
        public var result: ARCResult
        public var dnsAnswers: [DNSAnswer]
    }

    /// Validates the chain; `at` is the evaluation time for `x=` (nil: not judged).
    public func verify(_ message: Message, at: Date?, bodyHashes: BodyHashMemo = BodyHashMemo()) async -> Verification {
        let structure = ARCChainStructure(message.header)
        guard !structure.isEmpty else {
            return Verification(result: ARCResult(result: .none, reason: "The message carries no ARC header fields."), dnsAnswers: [])
        }
        var session = Session(message: message, resolver: resolver, keyCache: keyCache, at: at, bodyHashes: bodyHashes)
        var instances = Self.describe(structure)
        let sets = structure.sets
        guard !sets.isEmpty else {
            let first = structure.problems.first
            var result = ARCResult(result: .fail, reason: "The ARC chain is malformed: \(first?.detail ?? "incomplete sets").",
                                   failedInstance: first?.instance, instances: instances,
                                   structureProblems: structure.problems.map(\.detail))
            result.instances = instances
            return Verification(result: result, dnsAnswers: session.answers)
        }
        // Verify every AMS and seal, newest first, so each hop is described even when the chain fails early.
        for set in sets.reversed() {
            let ams = await session.verifyMessageSignature(set.ams, candidates: structure.fields(upTo: set.instance, in: message.header))
            let seal = await session.verifySeal(set, sets: sets)
            if let index = instances.firstIndex(where: { $0.instance == set.instance }) {
                instances[index].amsResult = ams.result
                instances[index].amsReason = ams.reason
                instances[index].amsKeyOrigin = ams.keyOrigin
                instances[index].sealResult = seal.result
                instances[index].sealReason = seal.reason
                instances[index].keyOrigin = seal.keyOrigin
            }
        }
        var result = Self.judge(sets: sets, instances: instances)
        result.oldestPass = Self.oldestPass(instances)
        result.instances = instances
        return Verification(result: result, dnsAnswers: session.answers)
    }

    /// The chain result from the verified parts, in the order of RFC 8617 §5.2.
    static func judge(sets: [ARCChainStructure.Set], instances: [ARCInstanceResult]) -> ARCResult {
        let highest = sets.count
        if let failed = sets.last(where: { $0.seal.chainValidation == "fail" }) {
            return ARCResult(result: .fail, reason: "Hop \(failed.instance) (\(failed.seal.domain)) recorded that the chain was already broken when it arrived (cv=fail).",
                             failedInstance: failed.instance)
        }
        for set in sets {
            let expected = set.instance == 1 ? "none" : "pass"
            if set.seal.chainValidation != expected {
                return ARCResult(result: .fail, reason: "The ARC-Seal of instance \(set.instance) says cv=\(set.seal.chainValidation); it must say cv=\(expected).",
                                 failedInstance: set.instance)
            }
        }
        guard let newest = instances.first(where: { $0.instance == highest }) else {
            return ARCResult(result: .fail, reason: "The newest ARC set is missing.", failedInstance: highest)
        }
        if newest.amsResult != .pass {
            let code: AuthResultCode = newest.amsResult == .temperror ? .temperror : .fail
            return ARCResult(result: code, reason: "The newest ARC-Message-Signature (instance \(highest), \(newest.amsDomain ?? "?")) does not verify: \(newest.amsReason).",
                             failedInstance: highest)
        }
        // A changed set breaks its own seal and every newer one; the oldest broken seal locates the change.
        for hop in instances.sorted(by: { $0.instance < $1.instance }) where hop.sealResult != .pass {
            let code: AuthResultCode = hop.sealResult == .temperror ? .temperror : .fail
            return ARCResult(result: code, reason: "The ARC-Seal of instance \(hop.instance) (\(hop.sealer ?? "?")) does not verify: \(hop.sealReason).",
                             failedInstance: hop.instance)
        }
        let sealers = instances.compactMap(\.sealer).joined(separator: ", ")
        return ARCResult(result: .pass, reason: "All \(highest) ARC set\(highest == 1 ? "" : "s") verify (sealed by \(sealers)).")
    }

    /// The lowest instance such that it and every newer AMS verify (RFC 8617 §5.2 step 6).
    static func oldestPass(_ instances: [ARCInstanceResult]) -> Int? {
        var oldest: Int?
        for hop in instances.sorted(by: { $0.instance > $1.instance }) {
            guard hop.amsResult == .pass else { break }
            oldest = hop.instance
        }
        return oldest
    }

    /// The fields of each instance as far as they could be read, for the report.
    static func describe(_ structure: ARCChainStructure) -> [ARCInstanceResult] {
        structure.groups.keys.sorted().map { instance in
            let group = structure.groups[instance] ?? ARCChainStructure.Group()
            var hop = ARCInstanceResult(instance: instance)
            if let seal = group.seal.first {
                hop.sealer = seal.domain
                hop.selector = seal.selector
                hop.algorithm = seal.algorithm.rawValue
                hop.cv = seal.chainValidation
                hop.sealedAt = seal.timestamp.map { Int($0) }
                hop.sealLine = seal.field.span.firstLine
            }
            if let ams = group.ams.first {
                hop.amsDomain = ams.domain
                hop.amsSelector = ams.selector
                hop.amsLine = ams.field.span.firstLine
            }
            if let aar = group.aar.first {
                hop.recorded = AuthenticationResults.parseARC(aar.unfoldedValue)
                hop.aarLine = aar.span.firstLine
            }
            hop.amsReason = group.ams.isEmpty ? "missing" : "not checked"
            hop.sealReason = group.seal.isEmpty ? "missing" : "not checked"
            return hop
        }
    }
}
