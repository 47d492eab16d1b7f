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

    /// Rolls findings up into a verdict: each finding adds its weight (by severity, adjusted per finding kind in
    /// `VerdictWeights`), the sum is capped at 100, and the level follows the score; the summary cites the strongest.
    public static func rollUp(_ findings: [Finding]) -> Verdict {
        // One pass over the findings by index (no (finding, weight) pairs copied into new arrays).
        let weights = VerdictWeights.weights(findings)
        var total = 0
        var hasCritical = false
        var unchecked = 0
        var cited: [Int] = []
        for i in findings.indices {
            let severity = findings[i].severity, weight = weights[i]
            total += weight
            if severity == .critical && weight >= 40 { hasCritical = true }
            if severity > .info && weight > 0 { cited.append(i) }
            if severity >= .notice && VerdictWeights.isUnverifiable(findings[i]) { unchecked += 1 }
        }
        let score = Swift.min(100, total)
        let level = self.level(score: score, hasCritical: hasCritical)
        // The standard sort is stable, so ties keep the findings' order as before.
        let strongest = cited.sorted { (weights[$0], findings[$0].severity) > (weights[$1], findings[$1].severity) }.map { findings[$0] }
        return Verdict(level: level, score: score, summary: summary(level: level, strongest: strongest, unchecked: unchecked))
    }

    /// The level a score gives; a critical finding of weight 40 or more lowers the high-risk threshold to 50.
    static func level(score: Int, hasCritical: Bool) -> Level {
        if score >= 60 || (hasCritical && score >= 50) { return .highRisk }
        if score >= 25 { return .suspicious }
        return score > 0 ? .notice : .clean
    }

    /// The catalogue's default explanation of each finding id, to tell a specific explanation from the generic one.
    static let genericExplanations: [String: String] = Dictionary(FindingCatalogue.all.map { ($0.id, $0.meaning) }, uniquingKeysWith: { a, _ in a })

    /// The first sentence of a finding's explanation when it says something specific about this message
    /// (not the catalogue's general wording), shortened for the summary.
    static func detail(of finding: Finding) -> String? {
        let explanation = finding.explanation
        if let generic = genericExplanations[finding.id], explanation.hasPrefix(generic) { return nil }
        var sentence = explanation
        if ASCIIText.isSimple(explanation) {
            if let end = ASCIIText.withBytes(explanation, { ASCIIText.firstIndex(of: sentenceEnd, in: $0) }) {
                sentence = String(explanation.utf8.prefix(end))!
            }
        } else if let end = explanation.range(of: ". ") {
            sentence = String(explanation[..<end.lowerBound])
        }
        if sentence.hasSuffix(".") { sentence.removeLast() }
        guard !sentence.isEmpty, sentence != finding.title, sentence.count <= 200 else { return nil }
        return sentence
    }

    private static let sentenceEnd = Array(". ".utf8)

    static func summary(level: Level, strongest: [Finding], unchecked: Int) -> String {
        let opening: String
        switch level {
        case .highRisk: opening = "High risk: this message shows strong signs of phishing, spoofing or spam, and a mail filter would flag it."
        case .suspicious: opening = "Suspicious: this message has warning signs that a mail filter would likely flag."
        case .notice: opening = "Probably harmless, but a few details are unusual."
        case .clean:
            let caveat = unchecked > 0 ? " Some checks could not be done with the data at hand; they are listed below and count neither for nor against the message." : ""
            return "Nothing in this message stands out: no finding points to forgery, spoofing or spam." + caveat
        }
        let cited = strongest.prefix(3)
        guard !cited.isEmpty else { return opening }
        var reasons: [String] = []
        for (n, finding) in cited.enumerated() {
            var title = finding.title
            if title.hasSuffix(".") { title.removeLast() }
            if let detail = detail(of: finding) { title += " (\(detail))" }
            reasons.append("(\(n + 1)) \(title)")
        }
        let rest = strongest.count - cited.count
        let tail = rest > 0 ? " \(rest) further finding\(rest == 1 ? " below adds" : "s below add") to this." : ""
        return opening + " Why: " + reasons.joined(separator: "; ") + "." + tail
    }
}
