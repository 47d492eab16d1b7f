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
    public var iso8601: String { DateParser.iso8601(millis: millisecondsSince1970) }
}
