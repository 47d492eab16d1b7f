/// A tolerant reader for the dates MTAs write in Received fields (RFC 5322 §3.3 and its obsolete forms, plus
/// what real servers write: `2018-03-26 13:35:36.27 +0000 UTC`, `4/20/2018 11:01:16 PM -0400`, fractional seconds).
/// MailParsing's `DateParser` is tried first; this reader is the fallback for the rest, and finds dates that follow
/// no `;` (SendGrid, broken fields). A date without a zone is read as UTC.
enum LenientDate {
    /// The instant in milliseconds since 1970 UTC, or nil. `requireTime` rejects date-only text (used when no `;`
    /// marks where the date starts, so that a stray number is never taken for a date).
    static func parse(_ text: some StringProtocol, requireTime: Bool = false) -> Int64? {
        var year: Int?, month: Int?, day: Int?
        var hour: Int?, minute = 0, second = 0, millis = 0
        var pm: Bool?
        var offsetMinutes: Int?
        var numbers: [Int] = []
        let cleaned = stripComments(String(text.prefix(200)))
        let tokens = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0.isNewline })
        guard !tokens.isEmpty, tokens.count <= 10 else { return nil }
        for raw in tokens {
            let token = raw.lowercased()
            if token.count >= 3, weekdays.contains(where: { $0.hasPrefix(token) }) { continue }
            if token.count >= 3, let m = months.firstIndex(where: { $0.hasPrefix(token) }) {
                guard month == nil else { return nil }
                month = m + 1
                continue
            }
            if token == "am" || token == "pm" { pm = token == "pm"; continue }
            if token.contains(":") {
                guard hour == nil, let t = parseTime(token) else { return nil }
                (hour, minute, second, millis) = t
                continue
            }
            if (token.hasPrefix("+") || token.hasPrefix("-")), token.count == 5, let v = Int(token.dropFirst()) {
                guard offsetMinutes == nil else { continue }
                let sign = token.hasPrefix("-") ? -1 : 1
                offsetMinutes = sign * ((v / 100) * 60 + v % 100)
                continue
            }
            if let zone = zones[token] {
                if offsetMinutes == nil { offsetMinutes = zone }
                continue
            }
            if token.contains("/") || (token.contains("-") && token.first?.isNumber == true) {
                guard year == nil, let d = parseNumericDate(token) else { return nil }
                (year, month, day) = d
                continue
            }
            guard token.allSatisfy({ $0.isASCII && $0.isNumber }), token.count <= 4, let v = Int(token) else { return nil }
            numbers.append(v)
        }
        switch numbers.count {
        case 0: break
        case 2 where day == nil && year == nil:
            let (d, y) = numbers[0] > 31 ? (numbers[1], numbers[0]) : (numbers[0], numbers[1])
            day = d
            year = y < 50 ? 2000 + y : y < 1000 ? 1900 + y : y
        default: return nil
        }
        guard let y = year, let mo = month, let d = day, (1...12).contains(mo), (1...31).contains(d), y >= 1970, y < 10000 else { return nil }
        if requireTime && hour == nil { return nil }
        var h = hour ?? 0
        if let pm {
            guard (1...12).contains(h) else { return nil }
            if pm && h < 12 { h += 12 }
            if !pm && h == 12 { h = 0 }
        }
        guard h < 24, minute < 60, second <= 60 else { return nil }
        let days = daysFromCivil(y, mo, d)
        let seconds = Int64(days) * 86_400 + Int64(h * 3600 + minute * 60 + second) - Int64((offsetMinutes ?? 0) * 60)
        return seconds * 1000 + Int64(millis)
    }

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                         "november", "december"]
    /// Zone names of RFC 5322 §4.3 plus UTC.
    static let zones: [String: Int] = ["ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
                                       "mst": -420, "mdt": -360, "pst": -480, "pdt": -420]

    static func stripComments(_ text: String) -> String {
        var out = ""
        var depth = 0
        for c in text {
            if c == "(" { depth += 1; continue }
            if c == ")" { depth = max(0, depth - 1); out.append(" "); continue }
            if depth == 0 { out.append(c) }
        }
        return out
    }

    static func parseTime(_ token: String) -> (Int, Int, Int, Int)? {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]), parts[0].count <= 2, parts[1].count == 2 else { return nil }
        var s = 0, ms = 0
        if parts.count == 3 {
            let sec = parts[2].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard let sv = Int(sec[0]), sec[0].count == 2 else { return nil }
            s = sv
            if sec.count == 2 {
                let frac = sec[1].prefix(3)
                guard !frac.isEmpty, frac.allSatisfy({ $0.isASCII && $0.isNumber }), let f = Int(frac) else { return nil }
                ms = f * [100, 10, 1][frac.count - 1]
            }
        }
        return (h, m, s, ms)
    }

    /// `4/20/2018` (US order), `4-20-2018`, `2018-4-20`, `2018-03-26`.
    static func parseNumericDate(_ token: String) -> (Int, Int, Int)? {
        let parts = token.split(whereSeparator: { $0 == "/" || $0 == "-" }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        if parts[0] > 31 { return (parts[0], parts[1], parts[2]) }
        let y = parts[2] < 100 ? 2000 + parts[2] : parts[2]
        return (y, parts[0], parts[1])
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
