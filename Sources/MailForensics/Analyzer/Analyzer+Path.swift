import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Stage stub; filled by the forensic report work (Received path).
    func analyzePath(_ message: Message, into report: inout Report) {
    }
}
