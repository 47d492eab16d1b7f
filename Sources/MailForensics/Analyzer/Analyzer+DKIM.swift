import Foundation
import MailAuth
import MailDNS
import MailParsing

extension Analyzer {
    /// Re-verifies every DKIM signature (RFC 6376 §6) at the evaluation time and records the keys used.
    func analyzeDKIM(_ message: Message, at: Date, bodyHashes: BodyHashMemo, into report: inout Report) async {
        let verifier = DKIMVerifier(resolver: resolver, acceptSHA1: options.acceptSHA1)
        let verification = await verifier.verify(message, at: at, bodyHashes: bodyHashes)
        report.authentication.dkim = verification.results
        report.dnsUsed += verification.dnsAnswers.map(Self.dkimDNSUse)
        report.findings += DKIMFindings.findings(for: verification.results, message: message)
        if message.header.contains(where: { $0.lowercasedName == "domainkey-signature" }) {
            let legacy = await DomainKeysVerifier(resolver: resolver, acceptSHA1: options.acceptSHA1).verify(message)
            report.authentication.domainKeys = legacy.results
            report.dnsUsed += legacy.dnsAnswers.map(Self.dkimDNSUse)
            report.findings += legacy.results.map { DKIMFindings.domainKeysFinding($0, message: message) }
        }
    }

    static func dkimDNSUse(_ answer: DNSAnswer) -> DNSUse {
        let outcome: String
        switch answer.outcome {
        case let .records(records): outcome = records.map { $0.txtJoined ?? "\($0.data)" }.joined(separator: " | ")
        case .nxdomain: outcome = "NXDOMAIN"
        case .nodata: outcome = "NODATA"
        case .servfail: outcome = "SERVFAIL"
        case .timeout: outcome = "timeout"
        case .unavailableOffline: outcome = "unavailable offline"
        }
        let origin = answer.records.first?.origin.description ?? answer.origin?.description
        return DNSUse(question: answer.question.description, outcome: outcome, origin: origin)
    }
}
