@testable import MailParsing
import Testing

/// The byte-level reader of the usual RFC 5322 date form must give exactly what the general reader gives, and must
/// leave to it whatever it does not fully understand.
@Suite struct DateUsualFormTests {
    static let fixed: [String] = [
        "Wed, 01 May 2024 10:00:00 +0000", "Wed, 1 May 2024 10:00:00 +0000", "wed,1 may 2024 23:59:59 -0000", "1 May 2024 10:00:00 +0200",
        "Thu, 29 Feb 2024 00:00:00 -1130 (EST)", "Thu, 29 Feb 2023 00:00:00 +0000", "Mon, 31 Apr 2024 00:00:00 +0000",
        "Mon, 21 Apr 2018 10:00:60 +0000", "Mon, 21 Apr 1969 10:00:00 +0000", "Mon, 21 Apr 0999 10:00:00 +0000",
        "Mon, 21 Apr 2018 24:00:00 +0000", "Mon, 21 Apr 2018 10:60:00 +0000", "Mon, 21 Apr 2018 10:00:00 +2400", "Mon, 21 Apr 2018 10:00:00 +0060",
        "Mon, 21 Apr 2018 10:00:00 +00000", "Mon, 21 Apr 2018 10:00:00 +00:00", "Mon, 21 Apr 2018 10:00:00 GMT", "Mon, 21 Apr 2018 10:00 +0000",
        "Mon, 21 Apr 2018 10:00:00.5 +0000", "Mon, 21 Apr 18 10:00:00 +0000", "Mon 21 Apr 2018 10:00:00 +0000", "Mon., 21 Apr 2018 10:00:00 +0000",
        "Monday, 21 Apr 2018 10:00:00 +0000", "Mon, 21 Apr. 2018 10:00:00 +0000", "Mon, 21 April 2018 10:00:00 +0000", "Apr, 21 Apr 2018 10:00:00 +0000",
        "Mon, 021 Apr 2018 10:00:00 +0000", "Mon, 00 Apr 2018 10:00:00 +0000", "Mon, 32 Apr 2018 10:00:00 +0000", "Mon,\t21\tApr\t2018\t10:00:00\t+0000",
        "Mon, 21 Apr 2018 10:00:00 +0000 (UTC)", "Mon, 21 Apr 2018 10:00:00 +0000(UTC)", "Mon, 21 Apr 2018 10:00:00 +0000 (a (b) c)",
        "Mon, 21 Apr 2018 10:00:00 +0000 (x) y", "Mon, 21 Apr 2018 10:00:00 +0000 extra", "Mon, 21 Apr 2018 10:00:00 +0000 ()",
        "Mon, 21 Apr 2018 10:00:00 +0000 (", "Mon, 21 Apr 2018 10:00:00 +0000 )", "Mon, 21 Apr 2018 10:00:00 -0600 (CST)", "Sun, 21 Apr 2018 10:00:00 +0000 PM",
        "Mon, 21 Apr 2018 10:00:00 +0000 am", "Mon, 21 Apr 2018 10:00:00 +1299", "Fri, 31 Dec 9999 23:59:59 -1400",
    ]

    static func generated(count: Int) -> [String] {
        let days = ["Mon", "tue", "WED", "Thu", "Fri", "Sat", "Sun", "Mar", "Xyz", "Mo"]
        let months = ["Jan", "feb", "MAR", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Sept", "Foo"]
        let zones = ["+0000", "-0000", "+0530", "-1200", "+2359", "+2400", "+0099", "-07", "+00000", "GMT", "(UTC)"]
        let tails = ["", "", "", " (UTC)", " (PDT)", " (a(b))", " x", "(GMT)", " ( )"]
        let blanks = [" ", " ", " ", "  ", "\t", ""]
        var state: UInt64 = 0x5DEE_CE66_D1CE_4E5B
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33) % bound
        }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return (0..<count).map { _ in
            var text = ""
            if next(4) > 0 { text += days[next(days.count)] + [",", ",", ", ", ""][next(4)] + blanks[next(blanks.count)] }
            text += next(3) == 0 ? "\(next(33))" : two(next(33))
            text += blanks[next(blanks.count)] + months[next(months.count)] + blanks[next(blanks.count)]
            text += ["\(1960 + next(80))", "\(next(100))", "\(next(10_000))", "0999"][next(6) % 4]
            text += blanks[next(blanks.count)] + two(next(26)) + ":" + two(next(62)) + (next(8) == 0 ? "" : ":" + two(next(62)))
            text += blanks[next(blanks.count)] + zones[next(zones.count)] + tails[next(tails.count)]
            return next(10) == 0 ? " " + text + "\r\n" : text
        }
    }

    @Test(arguments: fixed) func fixedFormsAgree(_ text: String) {
        #expect(DateParser.read(text, exact: false) == DateParser.read(text, exact: false, usual: false))
        #expect(DateParser.read(text, exact: true) == DateParser.read(text, exact: true, usual: false))
    }

    @Test func generatedFormsAgree() {
        var usual = 0
        for text in Self.generated(count: 30_000) {
            let trimmed = text.trimmingASCIIWhitespace()
            if DateParser.readUsual(trimmed) != nil { usual += 1 }
            #expect(DateParser.read(text, exact: false) == DateParser.read(text, exact: false, usual: false), "\(text.debugDescription)")
            #expect(DateParser.read(text, exact: true) == DateParser.read(text, exact: true, usual: false), "\(text.debugDescription)")
        }
        // Most generated texts are broken on purpose; the fast path must still be taken hundreds of times.
        #expect(usual > 500)
    }

    @Test func theUsualFormIsReadOnTheFastPath() {
        #expect(DateParser.readUsual("Wed, 01 May 2024 10:00:00 +0000")?.date.iso8601 == "2024-05-01T10:00:00Z")
        #expect(DateParser.readUsual("1 May 2024 10:00:00 -0130 (X)")?.date.iso8601 == "2024-05-01T11:30:00Z")
        #expect(DateParser.readUsual("Wed, 01 May 2024 10:00:00 GMT") == nil)
    }
}
