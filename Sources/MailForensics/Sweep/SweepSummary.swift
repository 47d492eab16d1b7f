import MailAuth

/// What a batch sweep found over many messages: counts per verdict and authentication outcome, the most
/// frequent findings, signing domains and sending IPs grouped, and every message that could not be read.
/// A plain `Codable` value built by `add(_:)` in input order; renderers lay it out (MailReport `SummaryRenderer`).
public struct SweepSummary: Sendable, Codable {
    public static let schemaVersion = "1.0"

    public var schemaVersion: String = SweepSummary.schemaVersion
    /// Every message given, read or not: `total == analyzed + unreadable`.
    public var total: Int = 0
    public var analyzed: Int = 0
    public var unreadable: Int = 0
    /// Messages whose analysis ran out of time (`--message-timeout`); they are counted in `unreadable` too.
    public var timedOut: Int = 0
    /// Rows written after `--only`.
    public var written: Int = 0
    public var bytes: Int = 0
    /// Verdict level (clean, notice, suspicious, high-risk) -> messages.
    public var verdicts: [String: Int] = [:]
    /// Per mechanism (dkim, arc, spf, dmarc) -> outcome (pass, fail, ..., none) -> messages.
    public var authentication: [String: [String: Int]] = [:]
    /// The most frequent findings, most frequent first.
    public var topFindings: [FindingCount] = []
    /// DKIM signing domains (d=), most signatures first.
    public var signingDomains: [DomainTally] = []
    /// From domains evaluated by DMARC, those failing most first.
    public var dmarcDomains: [DomainTally] = []
    /// Connecting IPs of the senders, those that sent the most high-risk messages first.
    public var sendingIPs: [IPTally] = []
    /// The messages that could not be read or analyzed, with why, in input order.
    public var failures: [FailedMessage] = []
    /// Failures beyond the first `failureLimit`, counted but not listed (memory stays flat).
    public var failuresNotListed: Int = 0
    /// Notes about the inputs (a truncated mbox, an interrupted sweep).
    public var notes: [String] = []
    public var interrupted: Bool = false

    /// How many entries the grouped lists keep; the rest are summed in the counts only.
    public var listLimit: Int = 20
    /// How many failures are listed one by one.
    public var failureLimit: Int = 1000
    /// How many distinct domains or IPs are tallied; later ones are not grouped (memory stays flat).
    public var distinctLimit: Int = 50_000

    // Running tallies, folded into the lists by `finish()`.
    var findingCounts: [String: FindingCount] = [:]
    var signingCounts: [String: DomainTally] = [:]
    var dmarcCounts: [String: DomainTally] = [:]
    var ipCounts: [String: IPTally] = [:]
    /// Messages per verdict level and per mechanism and outcome, folded into `verdicts` and `authentication`.
    var levelCounts = SweepSummary.zeroLevels
    var outcomeCounts = SweepSummary.zeroOutcomes

    enum CodingKeys: String, CodingKey {
        case schemaVersion, total, analyzed, unreadable, timedOut, written, bytes, verdicts, authentication, topFindings,
             signingDomains, dmarcDomains, sendingIPs, failures, failuresNotListed, notes, interrupted
    }

    public init() {}

    /// How often one finding id was seen.
    public struct FindingCount: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        public var severity: Severity
        public var messages: Int
    }

    /// A domain with its messages per outcome.
    public struct DomainTally: Sendable, Codable, Hashable {
        public var domain: String
        public var total: Int = 0
        public var pass: Int = 0
        public var fail: Int = 0
        /// Anything else: none, neutral, temperror, permerror, policy, softfail.
        public var other: Int = 0
    }

    /// A sending IP with its messages per verdict.
    public struct IPTally: Sendable, Codable, Hashable {
        public var ip: String
        public var messages: Int = 0
        public var highRisk: Int = 0
        public var suspicious: Int = 0
    }

    /// A message that could not be read or analyzed, and why.
    public struct FailedMessage: Sendable, Codable, Hashable {
        public var path: String
        public var index: Int
        public var byteOffset: Int
        public var reason: String

        public init(path: String, index: Int, byteOffset: Int, reason: String) {
            self.path = path
            self.index = index
            self.byteOffset = byteOffset
            self.reason = reason
        }
    }
}
