import Foundation

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
        let total = Int64(seconds)
        var days = total / 86_400, rest = total % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        var out = ""
        out.reserveCapacity(20)
        func append(_ value: Int64, width: Int) {
            let digits = String(value)
            out += String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        append(year, width: 4); out += "-"; append(month, width: 2); out += "-"; append(day, width: 2); out += "T"
        append(rest / 3600, width: 2); out += ":"; append(rest % 3600 / 60, width: 2); out += ":"; append(rest % 60, width: 2); out += "Z"
        return out
    }
}
