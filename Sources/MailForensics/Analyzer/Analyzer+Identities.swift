import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Stage stub; filled by the forensic report work (identities).
    func analyzeIdentities(_ message: Message, into report: inout Report) {
    }
}
