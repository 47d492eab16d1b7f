import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Stage stub; filled by the DKIM work.
    func analyzeDKIM(_ message: Message, at: Date, into report: inout Report) async {
    }
}
