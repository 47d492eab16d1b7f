import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Reads and compares the identities (From, Sender, Reply-To, envelope, DKIM d=, HELO, Message-ID) and adds findings.
    func analyzeIdentities(_ message: Message, dates: DateMemo = DateMemo(), into report: inout Report) {
        let checker = IdentityChecker(message: message, path: report.path, recorded: ReceiverAuthentication(report.authentication.recorded),
                                      signingDomains: report.authentication.dkim.map(\.domain), dates: dates)
        let (identities, findings) = checker.check()
        report.identities = identities
        report.findings += findings
        report.findings += MessageFindings.check(message, identities: identities)
    }
}
