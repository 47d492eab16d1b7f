import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Stage stub; filled by the ARC work.
    func analyzeARC(_ message: Message, at: Date, into report: inout Report) async {
    }
}
