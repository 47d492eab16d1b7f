import Foundation
import MailParsing

extension Analyzer {
    /// When to judge signatures: `--at`, else the delivery time from the Received path, else Date:, else now.
    /// "Now" is the only place the clock is read, and only as the last fallback.
    func evaluationTime(_ message: Message, report: Report) -> (date: Date, basis: String) {
        if let at = options.evaluationTime { return (at, "option") }
        if let delivered = report.path?.hops.last(where: { $0.trusted && $0.epochMillis != nil })?.epochMillis
            ?? report.path?.hops.last(where: { $0.epochMillis != nil })?.epochMillis {
            return (Date(timeIntervalSince1970: Double(delivered) / 1000), "delivery")
        }
        if let raw = message.firstField(named: "Date")?.unfoldedValue, let ms = DateParser.parse(raw)?.millisecondsSince1970 {
            return (Date(timeIntervalSince1970: Double(ms) / 1000), "date-header")
        }
        return (Date(), "now")
    }
}
