import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Stage stub; filled by the attachments, links and IOCs work.
    func analyzeContent(_ message: Message, into report: inout Report) {
    }
}
