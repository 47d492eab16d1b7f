import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Rebuilds the Received path, its trust boundary and originating IP, and adds the path findings.
    func analyzePath(_ message: Message, into report: inout Report) {
        let builder = ReceivedPathBuilder(internalHosts: options.internalHosts + options.trustedAuthservIDs)
        let path = builder.build(message)
        report.path = path
        report.findings += PathFindings.check(path)
    }
}
