/// Formats instants as ISO 8601 UTC (RFC 3339 §5.6) without Foundation formatters, which are slow and locale-bound.
enum ISOTime {
    /// `2018-04-21T03:01:32Z`, or `2018-04-21T03:01:32.102Z` when there are milliseconds.
    static func string(millis: Int64) -> String {
        let ms = Int(((millis % 1000) + 1000) % 1000)
        let seconds = (millis - Int64(ms)) / 1000
        var days = Int(seconds / 86_400)
        var rem = Int(seconds % 86_400)
        if rem < 0 { rem += 86_400; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: Swift.max(0, width - s.count)) + s
        }
        var out = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rem / 3600, 2)):\(pad(rem / 60 % 60, 2)):\(pad(rem % 60, 2))"
        if ms != 0 { out += ".\(pad(ms, 3))" }
        return out + "Z"
    }

    /// Year, month, day of a day count since 1970-01-01 (H. Hinnant's algorithm).
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// A delay in words as Microsoft's Message Header Analyzer writes it: `1 second`, `1 minute 31 seconds`,
    /// `-16 minutes 31 seconds`, `0 seconds` (truncated to whole seconds).
    static func delayText(millis: Int64) -> String {
        let negative = millis < 0
        let total = (negative ? -millis : millis) / 1000
        let minutes = total / 60
        let seconds = total % 60
        let sign = negative && total > 0 ? "-" : ""
        let secondsText = "\(seconds) second" + (seconds == 1 ? "" : "s")
        guard minutes > 0 else { return sign + secondsText }
        return sign + "\(minutes) minute" + (minutes == 1 ? "" : "s") + " " + secondsText
    }
}
