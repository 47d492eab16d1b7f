import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Stage stub; filled by the SPF/DMARC work.
    func analyzeDMARC(_ message: Message, into report: inout Report) async {
    }
}
