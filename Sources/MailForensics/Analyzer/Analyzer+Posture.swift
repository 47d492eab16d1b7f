import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Stage stub; filled by the SPF/DMARC work (posture).
    func analyzePosture(_ message: Message, into report: inout Report) async {
    }
}
