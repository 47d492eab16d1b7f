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

/// The last date text read and what it gave: the summary and the identity checks both read the Date field of a
/// message, so one memo lives for one analysis and the second reading of the same text is a string comparison.
final class DateMemo {
    private var last: (text: String, date: MailDate?)?

    /// `DateParser.parse(text)`.
    func parse(_ text: String) -> MailDate? {
        if let last, last.text == text { return last.date }
        let date = DateParser.parse(text)
        last = (text, date)
        return date
    }
}
