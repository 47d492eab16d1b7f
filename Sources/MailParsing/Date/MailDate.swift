import Foundation

/// A date read from a Date: or Received: field (RFC 5322 §3.3), normalized to UTC, with the text it came from.
public struct MailDate: Sendable, Hashable, Codable {
    /// The instant, in UTC.
    public var date: Date
    /// The text as written (trimmed).
    public var original: String
    /// The offset from UTC the text gave, in seconds; nil when it gave none (then UTC was assumed).
    public var zoneOffsetSeconds: Int?
    /// Departures from RFC 5322 that had to be tolerated (for example "no time zone; UTC assumed").
    public var notes: [String]

    public init(date: Date, original: String, zoneOffsetSeconds: Int?, notes: [String] = []) {
        self.date = date
        self.original = original
        self.zoneOffsetSeconds = zoneOffsetSeconds
        self.notes = notes
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSince1970: Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// ISO 8601 in UTC, with milliseconds only when there are some: `2018-04-21T03:01:01Z`.
    public var iso8601: String {
        let ms = millisecondsSince1970
        var seconds = ms / 1000
        var millis = ms % 1000
        if millis < 0 { millis += 1000; seconds -= 1 }
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let (y, m, d) = DateParser.civil(fromDays: days)
        let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, rest / 3600, rest % 3600 / 60, rest % 60)
        return millis == 0 ? base + "Z" : base + String(format: ".%03dZ", millis)
    }
}
