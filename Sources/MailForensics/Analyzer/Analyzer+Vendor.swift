import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Stage stub; filled by the forensic report work (vendor verdicts).
    func analyzeVendorHeaders(_ message: Message, into report: inout Report) {
    }
}
