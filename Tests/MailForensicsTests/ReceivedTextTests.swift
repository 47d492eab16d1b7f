@testable import MailForensics
import Testing

/// The byte-level text tests of the Received reader give the answers of the Character-level expressions they
/// replace, on ASCII and on text with combining marks, Unicode newlines and characters whose case mapping is ASCII.
@Suite struct ReceivedTextTests {
    /// Deterministic text built from the pieces Received fields and their hostile variants are made of.
    static func generated(count: Int) -> [String] {
        let pieces = ["a", "B", "k", "from", "FROM", "By", "id", "helo", "HELO=", "ehlo=", "unknown", "UNKNOWN", "tls", "TLSv1.3",
                      "version=", "cipher", "envelope-from", "Envelope-From", " ", "  ", "\t", ",", ".", "..", "[", "]", "=", ":", "<", ">",
                      "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "é", "e\u{301}", "\u{301}", " \u{301}", ".\u{301}",
                      "\u{600}", "\u{212A}", "İ", "ſ", "\u{FFFD}", "mail.example.com", "outlook.com", "192.0.2.1", "-", "_", "mail-1.ex_ample.org"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in (0..<(1 + next() % 8)).map { _ in pieces[next() % pieces.count] }.joined() }
    }

    static let lowerWords: [StaticString] = ["helo=", "ehlo=", "helo", "ehlo", "unknown", "version=", "cipher=", "tlsv", "tls1", "cipher", "tls"]

    @Test func agreesWithCharacterLevelExpressions() {
        for text in Self.generated(count: 20_000) {
            let label = text.debugDescription
            for lower in Self.lowerWords {
                #expect(ReceivedText.equalsLowercased(text, lower) == (text.lowercased() == lower.description), "\(label) == \(lower)")
                #expect(ReceivedText.hasLowercasedPrefix(text, lower) == text.lowercased().hasPrefix(lower.description), "\(label) prefix \(lower)")
            }
            #expect(ReceivedText.hasPrefix(text, "[") == text.hasPrefix("["), "\(label)")
            #expect(ReceivedText.contains(text, ".") == text.contains("."), "\(label)")
            #expect(ReceivedText.words(text) == text.split(whereSeparator: { $0 == " " || $0 == "," }), "\(label)")
            #expect(ReceivedText.colonSeparated(Substring(text)) == Substring(text).split(separator: ":"), "\(label)")
            #expect(ReceivedText.looksLikeHostName(text) == DomainName.looksLikeHostName(text), "\(label)")
            #expect(PathFindings.firstLabel(text) == text.split(separator: ".").first, "\(label)")
            for count in [0, 3, 10] {
                #expect(ReceivedText.prefix(text, count) == String(text.prefix(count)), "\(label) \(count)")
            }
            #expect(ReceivedText.collapse(text)
                    == text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }).joined(separator: " "), "\(label)")
            var trimmed = Substring(text)
            while trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
            #expect(ReceivedText.trimHost(text) == String(trimmed), "\(label)")
            #expect(ReceivedParser.keywordIndex(text).map { ReceivedParser.keywords[$0] }
                    == (ReceivedParser.keywords.contains(text.lowercased()) ? text.lowercased() : nil), "\(label)")
            // The earlier reader used the end found in the lower-cased copy on the comment itself, and crashed when
            // lower-casing had made the copy longer than the comment; the end is now the comment's end there.
            let lower = text.lowercased()
            let expectedEnd = lower.range(of: "envelope-from").map {
                lower.utf8.distance(from: lower.startIndex, to: $0.upperBound) <= text.utf8.count ? String(text[$0.upperBound...]) : ""
            }
            #expect(ReceivedParser.endOfEnvelopeFrom(text).map { String(text[$0...]) } == expectedEnd, "\(label)")
        }
    }

    struct HostCase: Sendable {
        var host: String?
        var service: String?
    }

    static let hostCases: [HostCase] = [
        HostCase(host: "mail-sor-f41.google.com", service: "Google"),
        HostCase(host: "DB8EUR05FT040.mail.protection.outlook.com.", service: "Microsoft 365"),
        HostCase(host: "OUTLOOK.COM", service: "Microsoft 365"),
        HostCase(host: "notoutlook.com", service: nil),
        HostCase(host: "outlook.com.evil.example", service: nil),
        HostCase(host: "a1-2.smtp-out.amazonses.com", service: "Amazon SES"),
        HostCase(host: "mx0a-001.pphosted.com", service: "Proofpoint"),
        HostCase(host: "...", service: nil),
        HostCase(host: "", service: nil),
        HostCase(host: nil, service: nil),
        HostCase(host: "outloo\u{212A}.com", service: "Microsoft 365"),
        HostCase(host: "é.gmail.com", service: "Google"),
    ]

    @Test(arguments: hostCases) func knownInfrastructure(_ c: HostCase) {
        #expect(KnownInfrastructure.identify(c.host)?.name == c.service)
        if let host = c.host, !host.isEmpty {
            #expect(KnownInfrastructure.identifyUnicode(host)?.name == c.service)
        }
    }

    @Test func knownInfrastructureAgreesWithUnicodeReading() {
        let suffixes = KnownInfrastructure.all.flatMap(\.suffixes)
        let prefixes = ["", "x.", "mx1.", "X-Y.", "a", "é.", "\u{600}.", ".", "mail."]
        let tails = ["", ".", "..", "\u{301}", "x"]
        for suffix in suffixes {
            for prefix in prefixes {
                for tail in tails {
                    for host in [prefix + suffix + tail, (prefix + suffix + tail).uppercased()] where !host.isEmpty {
                        #expect(KnownInfrastructure.identify(host)?.name == KnownInfrastructure.identifyUnicode(host)?.name, "\(host)")
                    }
                }
            }
        }
    }
}
