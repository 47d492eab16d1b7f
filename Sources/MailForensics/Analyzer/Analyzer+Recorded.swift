import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Stage stub; filled by the ARC and Authentication-Results work.
    func analyzeRecorded(_ message: Message, into report: inout Report) {
    }
}
