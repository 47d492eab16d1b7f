import Foundation

/// Reads dates as RFC 5322 §3.3 writes them and as real servers break them (§4.3 obsolete forms, missing
/// seconds, named or missing zones, no day name, two-digit years, US numeric dates, AM/PM, trailing text).
public enum DateParser {
    /// Parses a date; nil when no day, month, year and time can be found.
    public static func parse(_ text: String) -> MailDate? { read(text, exact: false) }

    /// Parses text that may not be a date at all (a Received field with no `;` before its date): it must hold nothing
    /// but a date with a time of day (no other words, at most two loose numbers, a year from 1970), so that a stray
    /// number is never taken for a date.
    public static func parseExact(_ text: String) -> MailDate? { read(text, exact: true) }

    /// `usual: false` reads every text the general way (the tests compare both ways).
    static func read(_ text: String, exact: Bool, usual: Bool = true) -> MailDate? {
        let trimmed = text.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.count <= 512 else { return nil }
        if usual, let found = readUsual(trimmed), !exact || found.year >= 1970 { return found.date }
        var notes: [String] = []
        var tokens = tokenize(trimmed, comments: &notes)

        var day: Int?, month: Int?, year: Int?
        var hour: Int?, minute = 0, second = 0, millis = 0
        var zone: Int?
        var zoneFromComment: Int?
        var pm: Bool?
        var numbers: [(value: Int, digits: Int)] = []
        numbers.reserveCapacity(4)

        for (index, token) in tokens.enumerated() {
            switch token {
            case .word(let word):
                let lower = word.lowercased()
                if lower == "am" || lower == "a.m." { pm = false; continue }
                if lower == "pm" || lower == "p.m." { pm = true; continue }
                if let m = monthNumber(lower) { if month == nil { month = m }; continue }
                if dayNames.contains(where: { lower.hasPrefix($0) }) && lower.count >= 3 { continue }
                if let offset = zoneNames[lower] {
                    if zone == nil { zone = offset }
                    continue
                }
                if lower.count == 1, lower != "j", let scalar = lower.unicodeScalars.first, scalar.properties.isAlphabetic {
                    // RFC 5322 §4.3: military zones are unreliable; treat as -0000 (no information).
                    if zone == nil { zone = 0; notes.append("military time zone \"\(word)\" read as UTC") }
                    continue
                }
                if exact { return nil }
                if index > 0 { notes.append("extra text \"\(word.prefix(20))\" ignored") }
            case .comment(let word):
                if let offset = zoneNames[word.lowercased()], zoneFromComment == nil { zoneFromComment = offset }
            case .zone(let offset):
                if zone == nil { zone = offset }
            case .time(let h, let m, let s, let f):
                if hour == nil { hour = h; minute = m; second = s; millis = f }
            case .date(let a, let b, let c, let separator):
                // 2018-4-20 (year first), 4/20/2018 and 4-20-2018 (US month first), 20.4.2018 (day first).
                if a.digits == 4 { year = a.value; month = b.value; day = c.value }
                else if separator == "." || (a.value > 12 && b.value <= 12) {
                    // Day first: dotted European dates, or a first number that cannot be a month (29-04-2017).
                    day = a.value; month = b.value; year = expandYear(c, notes: &notes)
                }
                else { month = a.value; day = b.value; year = expandYear(c, notes: &notes) }
            case .number(let value, let digits):
                numbers.append((value, digits))
            }
        }
        tokens.removeAll()
        // Loose numbers: day and year in either order ("21 Apr 2018", "Apr 21 2018", "2018 Apr 21").
        for number in numbers {
            if (number.digits >= 3 && number.value > 31) || (day != nil && year == nil) || number.value > 31 {
                if year == nil { year = expandYear(number, notes: &notes) }
            } else if day == nil {
                day = number.value
            } else if year == nil {
                year = expandYear(number, notes: &notes)
            }
        }
        guard let d = day, let mo = month, let y = year else { return nil }
        if exact, hour == nil || numbers.count > 2 || y < 1970 { return nil }
        var h = hour ?? 0
        if hour == nil { notes.append("no time of day; 00:00 assumed") }
        if let pm {
            guard h >= 1, h <= 12 else { return nil }
            if pm, h != 12 { h += 12 }
            if !pm, h == 12 { h = 0 }
        }
        guard (1...12).contains(mo), d >= 1, d <= daysIn(month: mo, year: y), (0...23).contains(h), (0...59).contains(minute),
              (0...60).contains(second), (1...9999).contains(y) else { return nil }
        if second == 60 { second = 59; notes.append("leap second read as :59") }
        if zone == nil, let fromComment = zoneFromComment { zone = fromComment }
        if zone == nil { notes.append("no time zone; UTC assumed") }
        let days = Int64(daysFromCivil(year: y, month: mo, day: d))
        let seconds = days * 86_400 + Int64(h * 3600 + minute * 60 + second) - Int64(zone ?? 0)
        let interval = TimeInterval(seconds) + TimeInterval(millis) / 1000
        return MailDate(date: Date(timeIntervalSince1970: interval), original: trimmed, zoneOffsetSeconds: zone, notes: notes)
    }

    /// Parses the date after the last semicolon of a Received field value (RFC 5322 §3.6.7).
    public static func parseReceived(_ value: String) -> MailDate? {
        guard let semicolon = value.lastIndex(of: ";") else { return nil }
        return parse(String(value[value.index(after: semicolon)...]))
    }

    /// The form nearly every Date and Received field has, `[Ddd,] D Mon YYYY HH:MM:SS +ZZZZ [(comment)]`
    /// (RFC 5322 §3.3), read straight from the bytes of trimmed text. Anything else, or a value the general reader
    /// would annotate (leap second, two-digit year), gives nil and is left to it; what this gives, it gives alike.
    static func readUsual(_ trimmed: String) -> (date: MailDate, year: Int)? {
        trimmed.utf8.withContiguousStorageIfAvailable { b -> (date: MailDate, year: Int)? in
            let n = b.count
            var i = 0
            func blank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
            func digit(_ k: Int) -> Int? { k < n && b[k] >= 0x30 && b[k] <= 0x39 ? Int(b[k] - 0x30) : nil }
            func lower(_ k: Int) -> UInt8 { b[k] | 0x20 }
            func isLetter(_ k: Int) -> Bool { k < n && (b[k] | 0x20) >= 0x61 && (b[k] | 0x20) <= 0x7A }
            /// At least one blank (or, with `optional`, none), then `i` at the next byte.
            func blanks(optional: Bool = false) -> Bool {
                let start = i
                while i < n, blank(b[i]) { i += 1 }
                return optional || i > start
            }
            /// Three letters then not a letter nor a dot (which would make a longer word), lower case, packed.
            func threeLetters() -> UInt32? {
                guard isLetter(i), isLetter(i + 1), isLetter(i + 2), !isLetter(i + 3), i + 3 >= n || b[i + 3] != UInt8(ascii: ".") else { return nil }
                defer { i += 3 }
                return packed(lower(i), lower(i + 1), lower(i + 2))
            }
            // Optional day name and comma.
            if isLetter(0) {
                guard let word = threeLetters(), packedDayNames.contains(word), i < n, b[i] == UInt8(ascii: ",") else { return nil }
                i += 1
                _ = blanks(optional: true)
            }
            // Day: one or two digits.
            guard let d1 = digit(i) else { return nil }
            var day = d1
            i += 1
            if let d2 = digit(i) { day = day * 10 + d2; i += 1 }
            guard blanks(), let monthWord = threeLetters(), let monthIndex = packedMonthNames.firstIndex(of: monthWord), blanks() else { return nil }
            // Year: four digits.
            guard let y1 = digit(i), let y2 = digit(i + 1), let y3 = digit(i + 2), let y4 = digit(i + 3) else { return nil }
            let year = y1 * 1000 + y2 * 100 + y3 * 10 + y4
            i += 4
            guard year >= 1000, blanks() else { return nil }
            // Time: HH:MM:SS.
            guard let h1 = digit(i), let h2 = digit(i + 1), i + 2 < n, b[i + 2] == UInt8(ascii: ":"),
                  let m1 = digit(i + 3), let m2 = digit(i + 4), i + 5 < n, b[i + 5] == UInt8(ascii: ":"),
                  let s1 = digit(i + 6), let s2 = digit(i + 7) else { return nil }
            i += 8
            let hour = h1 * 10 + h2, minute = m1 * 10 + m2, second = s1 * 10 + s2
            guard blanks() else { return nil }
            // Zone: +HHMM or -HHMM.
            guard i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"),
                  let z1 = digit(i + 1), let z2 = digit(i + 2), let z3 = digit(i + 3), let z4 = digit(i + 4), digit(i + 5) == nil else { return nil }
            let zoneHours = z1 * 10 + z2, zoneMinutes = z3 * 10 + z4
            let zone = (b[i] == UInt8(ascii: "-") ? -1 : 1) * (zoneHours * 3600 + zoneMinutes * 60)
            i += 5
            // Nothing more, or one comment without nested parentheses (the numeric zone wins over a named one).
            if i < n {
                guard blanks(), i < n, b[i] == UInt8(ascii: "("), b[n - 1] == UInt8(ascii: ")"), i < n - 1,
                      !b[(i + 1)..<(n - 1)].contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")") }) else { return nil }
            }
            let month = monthIndex + 1
            guard zoneHours <= 23, zoneMinutes <= 59, day >= 1, day <= daysIn(month: month, year: year), hour <= 23, minute <= 59,
                  second <= 59 else { return nil }
            let days = Int64(daysFromCivil(year: year, month: month, day: day))
            let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(zone)
            return (MailDate(date: Date(timeIntervalSince1970: TimeInterval(seconds)), original: trimmed, zoneOffsetSeconds: zone, notes: []), year)
        } ?? nil
    }

    /// Three lower-case ASCII letters in one number, for comparing a word with the names below.
    static func packed(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 { UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c) }
    static let packedDayNames = dayNames.map { name in let u = Array(name.utf8); return packed(u[0], u[1], u[2]) }
    static let packedMonthNames = monthNames.map { name in let u = Array(name.utf8); return packed(u[0], u[1], u[2]) }

    /// A piece of a date text: word, comment, number, time, numeric date or numeric zone.
    enum Token {
        case word(String)
        case comment(String)
        case number(Int, digits: Int)
        case time(Int, Int, Int, Int)
        case date((value: Int, digits: Int), (value: Int, digits: Int), (value: Int, digits: Int), separator: Character)
        case zone(Int)
    }

    static func tokenize(_ text: String, comments notes: inout [String]) -> [Token] {
        var tokens: [Token] = []
        // A usual date has six to eight tokens: one allocation instead of growing from empty.
        tokens.reserveCapacity(12)
        let chars = Array(text.utf8)
        var i = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        func number(_ digits: ArraySlice<UInt8>) -> Int {
            digits.prefix(9).reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        while i < chars.count, tokens.count < 64 {
            let c = chars[i]
            if c == UInt8(ascii: "(") {
                var depth = 1
                var j = i + 1
                let innerStart = j
                while j < chars.count, depth > 0 {
                    if chars[j] == UInt8(ascii: "(") { depth += 1 } else if chars[j] == UInt8(ascii: ")") { depth -= 1 }
                    j += 1
                }
                let innerEnd = depth == 0 ? j - 1 : j
                tokens.append(.comment(String(decoding: chars[innerStart..<innerEnd], as: UTF8.self).trimmingASCIIWhitespace()))
                i = j
                continue
            }
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-"), i + 1 < chars.count, isDigit(chars[i + 1]) {
                var j = i + 1
                var digits: [UInt8] = []
                while j < chars.count, isDigit(chars[j]) || (chars[j] == UInt8(ascii: ":") && digits.count == 2) {
                    if chars[j] != UInt8(ascii: ":") { digits.append(chars[j]) }
                    j += 1
                }
                if digits.count == 4 {
                    let v = number(digits[...])
                    let hours = v / 100, minutes = v % 100
                    if hours <= 23, minutes <= 59 {
                        let sign = c == UInt8(ascii: "-") ? -1 : 1
                        tokens.append(.zone(sign * (hours * 3600 + minutes * 60)))
                        i = j
                        continue
                    }
                }
                i += 1
                continue
            }
            if isDigit(c) {
                // Up to four digit runs joined by ":", "/", "-" or "." (each followed by a digit). Their bounds and
                // separators sit in SIMD lanes, not arrays: this runs for every number of every date.
                var starts = SIMD4<Int>(), ends = SIMD4<Int>(), separators = SIMD4<UInt8>()
                var count = 0
                var j = i
                var partStart = i
                while j < chars.count {
                    let d = chars[j]
                    if isDigit(d) {
                        j += 1
                        continue
                    }
                    if d == UInt8(ascii: ":") || d == UInt8(ascii: "/") || d == UInt8(ascii: "-") || d == UInt8(ascii: "."),
                       j + 1 < chars.count, isDigit(chars[j + 1]), count < 3 {
                        starts[count] = partStart; ends[count] = j; separators[count] = d
                        count += 1
                        partStart = j + 1
                        j += 1
                        continue
                    }
                    break
                }
                starts[count] = partStart; ends[count] = j
                count += 1
                func part(_ k: Int) -> (value: Int, digits: Int) { (number(chars[starts[k]..<ends[k]]), ends[k] - starts[k]) }
                if count > 1, separators[0] == UInt8(ascii: ":") {
                    let second = count > 2 ? part(2).value : 0
                    var fraction = 0
                    if count > 3, separators[2] == UInt8(ascii: ".") {
                        let digits = chars[starts[3]..<ends[3]].prefix(3)
                        // Tenths, hundredths or thousandths (a run has at least one digit).
                        fraction = number(digits) * (digits.count == 1 ? 100 : digits.count == 2 ? 10 : 1)
                    }
                    tokens.append(.time(part(0).value, count > 1 ? part(1).value : 0, second, fraction))
                } else if count == 3, separators[0] == separators[1] {
                    tokens.append(.date(part(0), part(1), part(2), separator: Character(Unicode.Scalar(separators[0]))))
                } else if count == 1 {
                    tokens.append(.number(part(0).value, digits: part(0).digits))
                }
                i = j
                continue
            }
            if isLetter(c) {
                var j = i
                while j < chars.count, isLetter(chars[j]) || chars[j] == UInt8(ascii: ".") { j += 1 }
                var word = String(decoding: chars[i..<j], as: UTF8.self)
                if word.count > 1, word.hasSuffix("."), !word.lowercased().hasSuffix("m.") { word.removeLast() }
                // "2018-04-20T23:01:06Z" leaves "T" and "Z" words: T is skipped, Z is UTC.
                if word != "T" { tokens.append(.word(word)) }
                i = j
                continue
            }
            i += 1
        }
        return tokens
    }

    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static let fullMonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                                 "november", "december"]

    static func monthNumber(_ lower: String) -> Int? {
        guard lower.count >= 3, let index = monthNames.firstIndex(of: String(lower.prefix(3))) else { return nil }
        guard lower.count == 3 || fullMonthNames[index].hasPrefix(lower) || lower == "sept" else { return nil }
        return index + 1
    }

    /// RFC 5322 §3.3 / §4.3 zone names, plus a few common ones servers write.
    static let zoneNames: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
        "mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600, "cet": 3600, "cest": 7200, "met": 3600,
        "mest": 7200, "bst": 3600, "eet": 7200, "eest": 10800, "wet": 0, "west": 3600, "jst": 9 * 3600, "kst": 9 * 3600,
        "hkt": 8 * 3600, "sgt": 8 * 3600, "ist": 19800, "msk": 3 * 3600, "akst": -9 * 3600, "akdt": -8 * 3600,
        "hst": -10 * 3600, "aest": 10 * 3600, "aedt": 11 * 3600, "nzst": 12 * 3600, "nzdt": 13 * 3600,
    ]

    /// RFC 5322 §4.3: two-digit years 00-49 are 2000-2049, 50-99 are 1950-1999; three-digit years add 1900.
    static func expandYear(_ number: (value: Int, digits: Int), notes: inout [String]) -> Int {
        switch number.digits {
        case 1, 2:
            notes.append("two-digit year")
            return number.value < 50 ? 2000 + number.value : 1900 + number.value
        case 3:
            notes.append("three-digit year")
            return 1900 + number.value
        default:
            return number.value
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO 8601 in UTC (RFC 3339 §5.6), milliseconds only when there are some: `2018-04-21T03:01:32Z`,
    /// `2018-04-21T03:01:32.102Z`. Built without Foundation formatters, which are slow and locale-bound, in one
    /// byte buffer.
    public static func iso8601(millis: Int64) -> String {
        let ms = Int(((millis % 1000) + 1000) % 1000)
        let seconds = (millis - Int64(ms)) / 1000
        var days = seconds / 86_400
        var rem = Int(seconds % 86_400)
        if rem < 0 { rem += 86_400; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        var out = [UInt8]()
        out.reserveCapacity(24)
        /// The decimal text of `v` after enough zeros to fill `width` (a negative year keeps its sign after them).
        func pad(_ v: Int, _ width: Int) {
            let digits = String(v).utf8
            for _ in 0..<Swift.max(0, width - digits.count) { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: digits)
        }
        pad(y, 4); out.append(UInt8(ascii: "-")); pad(m, 2); out.append(UInt8(ascii: "-")); pad(d, 2); out.append(UInt8(ascii: "T"))
        pad(rem / 3600, 2); out.append(UInt8(ascii: ":")); pad(rem / 60 % 60, 2); out.append(UInt8(ascii: ":")); pad(rem % 60, 2)
        if ms != 0 { out.append(UInt8(ascii: ".")); pad(ms, 3) }
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The inverse of `daysFromCivil`.
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }
}
