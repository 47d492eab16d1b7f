import Foundation
import MailAuth
import Testing
@testable import MailForensics

/// The caches and hand-written formatters added for sweep speed give the same answers as the code they replace.
@Suite struct PerformanceCacheTests {
    @Test(arguments: [
        0.0, 1.9, -1.0, -0.5, 86_399.0, 951_782_400.0, 1_714_521_600.0, 1_714_521_599.999, 4_102_444_800.0,
        -2_208_988_800.0, -12_212_553_600.0, -12_212_553_601.0, -62_135_596_800.0, 253_402_300_799.0, 1_234_567_890.123,
    ])
    func timestampMatchesISO8601DateFormatter(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(UTCTimestamp.string(from: date) == ISO8601DateFormatter().string(from: date))
    }

    @Test func lookalikeAnswersDoNotDependOnTheCache() {
        let known = WellKnownDomains.lookalikeTargets
        for _ in 0..<2 {
            #expect(Lookalike.imitatedTarget("paypa1.com", targets: known) == "paypal.com")
            #expect(Lookalike.imitatedTarget("paypal.com", targets: known) == nil)
            #expect(Lookalike.imitatedTarget("examp1e.org", targets: known + ["example.org"]) == "example.org")
            #expect(Lookalike.imitatedTarget("examp1e.org", targets: known) == nil)
            #expect(Lookalike.imitatedTarget("micros0ft-login.net", targets: ["microsoft.com"]) != nil)
        }
    }

    @Test func memoCacheStaysBounded() {
        let memo = MemoCache<Int>(capacity: 4)
        for round in 0..<3 {
            for key in ["a", "bb", "ccc", "dddd", "eeeee", "a"] { #expect(memo.value(for: key) { $0.count + round * 0 } == key.count) }
        }
        #expect(DomainName.organizational("Mail.Example.CO.UK.") == DomainName.organizational("mail.example.co.uk"))
    }
}
