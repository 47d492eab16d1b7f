import Foundation
import MailParsing
import MailTestSupport
import Testing

@Suite struct DateParserTests {
    @Test func vectorCount() {
        guard Corpus.isAvailable else { print(Corpus.absenceNote); return }
        #expect(MHAVectors.dateCases.count == 14)
    }

    @Test(.enabled(if: Corpus.isAvailable), arguments: MHAVectors.dateCases)
    func mhaVector(_ vector: MHAVectors.DateCase) {
        let parsed = DateParser.parseReceived(vector.header)
        #expect(parsed?.millisecondsSince1970 == vector.expectedMilliseconds, "\(vector.name): \(vector.header)")
    }

    @Test(arguments: [
        ("Fri, 21 Nov 1997 09:55:06 -0600", "1997-11-21T15:55:06Z"),
        ("Tue, 1 Jul 2003 10:52:37 +0200", "2003-07-01T08:52:37Z"),
        ("Thu, 13 Feb 1969 23:32:54 -0330", "1969-02-14T03:02:54Z"),
        ("21 Nov 97 09:55:06 GMT", "1997-11-21T09:55:06Z"),
        ("Fri, 21 Nov 1997 09:55 -0600", "1997-11-21T15:55:00Z"),
        ("Fri, 21 Nov 1997 09:55:06 EST", "1997-11-21T14:55:06Z"),
        ("Fri, 21 Nov 1997 09:55:06", "1997-11-21T09:55:06Z"),
        ("Fri, 21 Nov 1997 09:55:06 -0600 (CST) extra words", "1997-11-21T15:55:06Z"),
        ("Mon, 1 Jan 07 00:00:00 +0000", "2007-01-01T00:00:00Z"),
        ("Wed, 15 Mar 2023 10:00:00 +05:30", "2023-03-15T04:30:00Z"),
        ("2023-03-15T10:00:00Z", "2023-03-15T10:00:00Z"),
        ("Thu, 29 Feb 2024 12:00:00 +0000", "2024-02-29T12:00:00Z"),
        ("Sun, 31 Dec 2023 23:59:60 +0000", "2023-12-31T23:59:59Z"),
        ("Mon, 26 Mar 2018 13:35:10.102 +0000", "2018-03-26T13:35:10.102Z"),
        ("2018-03-26 13:35:36.27 +0000 UTC", "2018-03-26T13:35:36.270Z"),
        ("Tue, 029 Apr 2019 23:34:45 -0800 (PST)", "2019-04-30T07:34:45Z"),
        ("29-04-2017 23:34", "2017-04-29T23:34:00Z"),
        ("02-07-2024", "2024-02-07T00:00:00Z"),
        ("20.4.2018 10:00 +0200", "2018-04-20T08:00:00Z"),
    ])
    func parses(_ text: String, _ iso: String) {
        let parsed = DateParser.parse(text)
        #expect(parsed?.iso8601 == iso, "\(text)")
        #expect(parsed?.original == text.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: ["", "not a date", "Fri, 31 Feb 2023 10:00:00 +0000", "Fri, 21 Nov 1997 25:00:00 +0000", "Fri, 21 Xyz 1997",
                      String(repeating: "9", count: 10_000), "((((((((((", "12:00", "7", "Wed, 15 Dec 2010    59:10 -0500"])
    func rejects(_ text: String) {
        #expect(DateParser.parse(text) == nil)
    }

    @Test func notesMissingZoneAndTwoDigitYear() throws {
        let parsed = try #require(DateParser.parse("1 Jan 99 10:00:00"))
        #expect(parsed.iso8601 == "1999-01-01T10:00:00Z")
        #expect(parsed.zoneOffsetSeconds == nil)
        #expect(parsed.notes.contains("no time zone; UTC assumed"))
        #expect(parsed.notes.contains("two-digit year"))
    }
}
