/// The overall verdict rolled up from the findings.
public struct Verdict: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        case clean, notice, suspicious, highRisk = "high-risk"

        var rank: Int {
            switch self {
            case .clean: return 0
            case .notice: return 1
            case .suspicious: return 2
            case .highRisk: return 3
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    public var level: Level
    /// 0 to 100; higher is more likely malicious.
    public var score: Int
    /// One paragraph, plain language: why this would (or would not) be flagged.
    public var summary: String

    public init(level: Level, score: Int, summary: String) {
        self.level = level
        self.score = score
        self.summary = summary
    }

    /// Rolls findings up into a verdict. Placeholder rule until the forensic report work refines it.
    public static func rollUp(_ findings: [Finding]) -> Verdict {
        var score = 0
        for finding in findings {
            switch finding.severity {
            case .info: break
            case .notice: score += 5
            case .warning: score += 20
            case .critical: score += 45
            }
        }
        score = Swift.min(score, 100)
        let level: Level = score >= 60 ? .highRisk : score >= 25 ? .suspicious : score > 0 ? .notice : .clean
        let top = findings.sorted { $0.severity > $1.severity }.prefix(3).map(\.title)
        let summary = top.isEmpty ? "Nothing in this message stands out." : top.joined(separator: " ")
        return Verdict(level: level, score: score, summary: summary)
    }
}
