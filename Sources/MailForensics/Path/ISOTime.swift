/// Formats delays between instants the way Microsoft's Message Header Analyzer words them (timestamps: `DateParser.iso8601`).
enum ISOTime {
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
