import Foundation
import MailDNS
import MailForensics
import MailParsing
@testable import MailReport
import MailTestSupport
import Testing

/// The byte encoder must write exactly what Foundation's `JSONEncoder` (plus `escapingUnsafeScalars`) writes:
/// every report the fixtures and samples give, hand-built reports and values with the awkward cases, compact and
/// pretty, compared byte for byte.
@Suite struct JSONByteEncoderTests {
    /// Every message the tests analyze: the samples and every `.eml` fixture.
    static let messages: [String] = {
        let root = Corpus.packageRoot
        var out: [String] = []
        for folder in ["samples", "Tests/Fixtures"] {
            let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let file = enumerator?.nextObject() as? String {
                if file.hasSuffix(".eml") { out.append("\(folder)/\(file)") }
            }
        }
        return out.sorted()
    }()

    /// Compares both layouts; `handled` says the byte encoder must not leave the value to `JSONEncoder`.
    static func expectSame<T: Encodable>(_ value: T, handled: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        for pretty in [false, true] {
            let reference = JSONRenderer.foundationJSON(value, pretty: pretty)
            let bytes = JSONByteEncoder(pretty: pretty).encode(value)
            #expect((bytes != nil) == handled, "handled (pretty: \(pretty))", sourceLocation: sourceLocation)
            let ours = bytes ?? Array(JSONRenderer.foundationJSON(value, pretty: pretty).utf8)
            #expect(ours == Array(reference.utf8), "pretty: \(pretty)\n\(String(decoding: ours, as: UTF8.self))\n\(reference)",
                    sourceLocation: sourceLocation)
        }
    }

    /// The public entry points give the reference text for these reports.
    static func expectRenderersSame(_ reports: [Report], sourceLocation: SourceLocation = #_sourceLocation) {
        for pretty in [false, true] {
            #expect(JSONRenderer.render(reports, pretty: pretty) == JSONRenderer.foundationRender(reports, pretty: pretty),
                    sourceLocation: sourceLocation)
        }
        for report in reports {
            let line = JSONRenderer.foundationRender([report], pretty: false)
            #expect(JSONRenderer.renderLine(report) == line, sourceLocation: sourceLocation)
            #expect(JSONRenderer.renderLineBytes(report) == Array((line + "\n").utf8), sourceLocation: sourceLocation)
        }
    }

    @Test func fixturesAndSamplesAreFound() {
        #expect(Self.messages.contains("samples/newsletter.eml"))
        #expect(Self.messages.contains("Tests/Fixtures/forensics/rich.eml"))
        #expect(Self.messages.count >= 20)
    }

    @Test(arguments: messages) func reportOfEveryMessage(_ path: String) async throws {
        let bytes = [UInt8](try Data(contentsOf: Corpus.packageRoot.appendingPathComponent(path)))
        let report = await SnapshotSupport.report(for: bytes, name: path)
        Self.expectSame(report)
        Self.expectRenderersSame([report])
    }

    @Test func severalReportsAndNone() async throws {
        var reports: [Report] = []
        for path in Self.messages.prefix(4) {
            let bytes = [UInt8](try Data(contentsOf: Corpus.packageRoot.appendingPathComponent(path)))
            reports.append(await SnapshotSupport.report(for: bytes, name: path))
        }
        Self.expectSame(reports)
        Self.expectRenderersSame(reports)
        Self.expectSame([Report]())
        #expect(JSONRenderer.render([], pretty: true) == "[\n\n]")
    }

    static let trickyStrings: [String] = [
        "", "plain", "quote \" backslash \\ slash / solidus </script>",
        "\u{0}\u{1}\u{7}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{E}\u{F}\u{10}\u{1B}[2J\u{1F} ",
        "DEL \u{7F} C1 \u{80}\u{85}\u{9B}\u{9F} after C1 \u{A0}\u{FF}",
        "bidi \u{202E}evil\u{202C} \u{2066}x\u{2069} \u{200B}\u{200C}\u{200D}\u{200E}\u{200F} \u{061C} \u{FEFF}",
        "neighbours \u{200A}\u{2010}\u{2029}\u{202F}\u{2065}\u{206A}\u{FEFE}\u{FF00}\u{061B}\u{061D}",
        "emoji 😀👍🏽🇫🇷 family 👨‍👩‍👧 keycap 1️⃣",
        "scripts 日本語 ɑpple.com раураl.com ∑ ß",
        "combining e\u{301}, tags \u{E0001}\u{E0041}, private \u{F8FF} \u{E000} \u{10FFFF}",
        "looks escaped: \\u0000 \\n \\\" \\/",
        "\r\n\t", "\u{1B}]8;;http://evil\u{7}link\u{1B}]8;;\u{7}",
        String(repeating: "long ", count: 3000) + "\u{202E}",
    ]

    @Test func reportWithTrickyStrings() async throws {
        let bytes = [UInt8](try Data(contentsOf: Corpus.fixture("forensics/rich.eml")))
        var report = await SnapshotSupport.report(for: bytes, name: "rich.eml")
        for (i, text) in Self.trickyStrings.enumerated() {
            report.message.subject = text
            report.message.from = Self.trickyStrings[(i + 1) % Self.trickyStrings.count]
            report.findings.append(Finding(id: "test.\(i)", severity: .info, title: text, explanation: text,
                                           evidence: [Evidence(kind: .header, label: text, value: text, firstLine: i)],
                                           references: [text, text]))
            var hop = ReceivedHop(number: i, raw: text)
            hop.delaySeconds = [0.1, 1e-05, 100, -3.5, 1.0 / 3, 1e16][i % 6]
            hop.transitShare = Double(i) / 7 * 100
            hop.confidence = [text: .high, "from": .low, "é": .medium, "😀": .high, "Z": .low]
            report.path = report.path ?? ReceivedPath()
            report.path?.hops.append(hop)
            Self.expectSame(report)
        }
        Self.expectRenderersSame([report, report])
    }

    @Test func timedOutReport() {
        let report = SweepFindings.timedOutReport(MessageLocation(path: "in/box.mbox", index: 3, byteOffset: 1024, kind: .mbox),
                                                  bytes: 77, seconds: 2.5, toolVersion: "1.0")
        Self.expectSame(report)
        Self.expectRenderersSame([report])
    }

    @Test(arguments: trickyStrings) func strings(_ text: String) {
        Self.expectSame([text])
        Self.expectSame([text: text])
        Self.expectSame(Tricky(text: text))
    }

    /// Random strings over the scalar ranges where the escapes begin and end (seeded, so the same every run).
    @Test func randomStrings() {
        var state: UInt64 = 0x6D61_696C // a linear congruential generator: the same strings every run
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let ranges: [ClosedRange<UInt32>] = [0...0x7F, 0x7E...0xA1, 0x600...0x620, 0x2000...0x2070, 0xFEF0...0xFF01,
                                            0x1F300...0x1F64F, 0xE0000...0xE007F]
        var dictionary: [String: Int] = [:]
        for round in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(next() % 24) {
                let range = ranges[Int(next() % UInt64(ranges.count))]
                let value = range.lowerBound + UInt32(next() % UInt64(range.count))
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            let text = String(scalars)
            dictionary[text] = round
            Self.expectSame([text])
        }
        Self.expectSame(dictionary)
    }

    @Test func numbers() {
        let doubles: [Double] = [0, -0.0, 0.1, 0.2 + 0.1, 1e-05, 1e-7, 100, 1e15, 1e16, 1e+300, 5e-324, 123.456, -2.5, 1.0 / 3,
                                 .greatestFiniteMagnitude, .leastNormalMagnitude, -.greatestFiniteMagnitude, 4.35, 1234567.0]
        Self.expectSame(doubles)
        Self.expectSame(doubles.map(Float.init).filter(\.isFinite))
        Self.expectSame(doubles.map { ["value": $0] })
        Self.expectSame(Numbers())
        Self.expectSame([Int.min, Int.max, 0, -1, 9, 10, 99, 100, -100, 1_000_000_007])
        Self.expectSame([UInt.max, 0, 10])
    }

    @Test func nonFiniteNumbersAreLeftToJSONEncoder() {
        for value in [Double.nan, .infinity, -.infinity] {
            Self.expectSame(["x": value], handled: false)
            Self.expectSame(Tricky(text: "nan", doubles: [1, value]), handled: false)
        }
        #expect(JSONRenderer.foundationJSON(["x": Double.nan], pretty: false) == "{}")
    }

    @Test func keysSortByUTF8Bytes() {
        let keys = ["abcdefgh", "abcdefgh\u{0}", "abcdefgh\u{1}", "abcdefghi", "abcdefg", "abcdefgi", "é", "z", "Z", "ä", "😀",
                    "", "\u{7F}", "a\u{202E}", "10", "9", "\u{FFFF}", "\u{E000}", "\u{10000}", "_", "~", "a", "A", "aa", "a\u{0}"]
        Self.expectSame(Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) }))
        Self.expectSame([1: "one", -5: "minus five", 10: "ten", 2: "two"]) // Int keys are written as strings
        Self.expectSame([2.5: "a", 1.5: "b"]) // other keys: an array of alternating keys and values
        Self.expectSame(["e\u{301}": 1]) // canonically equal to "é", different bytes
    }

    @Test func containersOptionalsAndSpecialTypes() {
        Self.expectSame(Tricky(text: "x", children: [Tricky(text: "child"), Tricky(text: "other", children: [Tricky(text: "leaf")])]))
        Self.expectSame(Payload.samples)
        Self.expectSame(Specials())
        Self.expectSame([[String]](), handled: true)
        Self.expectSame([[String: Int]](repeating: [:], count: 2))
        Self.expectSame(Nested(level: 200))
    }

    @Test func dnsValuesWithDates() {
        let origins: [DNSOrigin] = [.cache(file: "samples/samples.zone", line: 12),
                                    .live(server: "192.0.2.53", time: Date(timeIntervalSince1970: 1_714_521_600.25), ttl: 300, dnssec: .secure),
                                    .live(server: "::1", time: Date(timeIntervalSinceReferenceDate: 0), ttl: nil, dnssec: .unknown),
                                    .supplied("--dns-zone")]
        let records = origins.map { DNSRecord(name: "example.com.", ttl: 60, data: .mx(preference: 10, exchange: "mx.example.com."), origin: $0) }
        let outcomes: [DNSOutcome] = [.records(records), .nxdomain, .nodata, .servfail, .timeout, .unavailableOffline,
                                      .records([DNSRecord(name: "t.", data: .txt(["v=spf1", "\u{202E}", ""]), origin: .supplied("x"))])]
        Self.expectSame(outcomes)
        Self.expectSame(origins)
    }

    @Test func handWrittenEncoders() {
        Self.expectSame(Interleaved())
        Self.expectSame(["empty": Nothing()])
        Self.expectSame([Nothing(), Nothing()])
    }

    @Test func casesLeftToJSONEncoder() {
        Self.expectSame(Nothing(), handled: false) // JSONEncoder refuses an empty top-level value
        Self.expectSame(Duplicate(), handled: false) // JSONEncoder keeps the last value
        Self.expectSame(Nested(level: 600), handled: false) // JSONEncoder refuses nesting 512 deep
        #expect(JSONRenderer.foundationJSON(Nested(level: 600), pretty: true) == "{}")
    }
}

/// Synthesized conformance with every shape the report types use, and some they do not.
struct Tricky: Encodable {
    var text: String
    var texts: [String] = ["a", "", "\u{202E}"]
    var empty: [String] = []
    var emptyObjects: [Tricky] = []
    var emptyDictionary: [String: Int] = [:]
    var doubles: [Double] = [0.5, 100]
    var flags: [Bool] = [true, false]
    var present: Int? = 3
    var absent: Int?
    var someNil: Int?? = .some(nil)
    var someSome: String?? = .some("x")
    var optionals: [String?] = ["a", nil]
    var nestedArrays: [[Int]] = [[], [1, 2], [3]]
    var children: [Tricky] = []
    var zLast = "z"
    var aFirst = "a"
    var mixedCase = 1
    var MixedCase = 2
}

struct Numbers: Encodable {
    var int8 = Int8.min, int16 = Int16.max, int32 = Int32.min, int64 = Int64.min
    var uint8 = UInt8.max, uint16 = UInt16.max, uint32 = UInt32.max, uint64 = UInt64.max, uint = UInt(7)
    var float: Float = 0.1, double = 0.1, bool = false
}

indirect enum Payload: Encodable, Sendable {
    case none
    case one(String)
    case two(a: Int, b: [Double])
    case nested(Payload?)
    case labelled(first: Payload, second: [Payload])

    static let samples: [Payload] = [.none, .one("x\u{85}"), .two(a: -1, b: [0.25, 1e-05]), .nested(nil), .nested(.one("in")),
                                     .labelled(first: .none, second: [.one("a"), .two(a: 1, b: [])])]
}

struct Specials: Encodable {
    var data = Data([0, 1, 2, 250, 255, 63, 62])
    var emptyData = Data()
    var url = URL(string: "https://example.com/a/b?c=d&e=%20#f")!
    var decimal = Decimal(string: "12345.678900")!
    var date = Date(timeIntervalSince1970: 1_700_000_000.5)
    var datas = [Data("hello/world?".utf8)]
}

/// Nesting `level` objects deep.
struct Nested: Encodable {
    var level: Int
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(level, forKey: .level)
        if level > 1 { try container.encode([Nested(level: level - 1)], forKey: .next) }
    }
    enum Key: String, CodingKey { case level, next }
}

/// Encodes nothing at all.
struct Nothing: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

/// The same key twice.
struct Duplicate: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(1, forKey: .a)
        try container.encode(2, forKey: .b)
        try container.encode(3, forKey: .a)
    }
    enum Key: String, CodingKey { case a, b }
}

/// Nested containers and super encoders written out of order, and a keyed container requested twice.
struct Interleaved: Encodable {
    enum Key: String, CodingKey { case zeta, alpha, beta, list, list2, gamma, delta, omega, empty }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        var nested = container.nestedContainer(keyedBy: Key.self, forKey: .zeta)
        try container.encode(1, forKey: .alpha)
        try nested.encode("late", forKey: .beta)
        var list = container.nestedUnkeyedContainer(forKey: .list)
        try list.encode(1)
        var inner = list.nestedContainer(keyedBy: Key.self)
        try list.encode(2)
        var innerList = list.nestedUnkeyedContainer()
        try inner.encode(true, forKey: .alpha)
        try innerList.encode("deep")
        try nested.encode(Tricky(text: "in nested"), forKey: .alpha)
        try "super".encode(to: container.superEncoder())
        try Tricky(text: "super for key").encode(to: container.superEncoder(forKey: .gamma))
        _ = container.superEncoder(forKey: .delta) // left empty: {}
        var list2 = container.nestedUnkeyedContainer(forKey: .list2)
        try list2.encode("a")
        try "s".encode(to: list2.superEncoder())
        try list2.encode("b")
        _ = container.nestedContainer(keyedBy: Key.self, forKey: .empty)
        var again = encoder.container(keyedBy: Key.self)
        try again.encode("merged", forKey: .omega)
    }
}
