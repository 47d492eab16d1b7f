import Foundation
import MailParsing

/// Formats instants as RFC 3339 §5.6 UTC timestamps (`2024-05-01T00:00:00Z`), the text `ISO8601DateFormatter` gives
/// with its default options, without creating a formatter per message.
enum UTCTimestamp {
    static func string(from date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // Years 1583...9999 by arithmetic (Gregorian); earlier ones by the formatter, whose calendar switches to the
        // Julian one before October 1582, and later ones too.
        guard seconds.isFinite, seconds >= -12_212_553_600, seconds < 253_402_300_800 else {
            return ISO8601DateFormatter().string(from: date)
        }
        // Whole seconds, so no fraction is written; the same civil-date arithmetic as the path's timestamps.
        return DateParser.iso8601(millis: Int64(seconds) * 1000)
    }
}
