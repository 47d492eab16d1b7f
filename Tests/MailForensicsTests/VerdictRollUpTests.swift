@testable import MailForensics
import Testing

/// The one-pass roll-up must give the verdict the first, pair-copying version gave (kept here as the reference).
@Suite struct VerdictRollUpTests {
    static func reference(_ findings: [Finding]) -> Verdict {
        let weighted = Array(zip(findings, VerdictWeights.weights(findings)))
        let score = Swift.min(100, weighted.reduce(0) { $0 + $1.1 })
        let hasCritical = weighted.contains { $0.0.severity == .critical && $0.1 >= 40 }
        let level = Verdict.level(score: score, hasCritical: hasCritical)
        let strongest = weighted.filter { $0.0.severity > .info && $0.1 > 0 }
            .sorted { ($0.1, $0.0.severity) > ($1.1, $1.0.severity) }
            .map(\.0)
        let unchecked = findings.filter { $0.severity >= .notice && VerdictWeights.isUnverifiable($0) }.count
        return Verdict(level: level, score: score, summary: Verdict.summary(level: level, strongest: strongest, unchecked: unchecked))
    }

    /// Sets of findings drawn from the whole catalogue, with every severity, specific and generic explanations.
    static let sets: [[Finding]] = {
        let specs = FindingCatalogue.all
        var sets: [[Finding]] = [[]]
        var state: UInt64 = 42
        for n in 0..<300 {
            var set: [Finding] = []
            for _ in 0..<(n % 9) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let spec = specs[Int((state >> 33) % UInt64(specs.count))]
                let severity = Severity.allCases[Int((state >> 20) % 5) % 4]
                let specific = (state >> 10) % 2 == 0
                set.append(spec.finding(explanation: specific ? "Something about host\(n).example. " + spec.meaning : nil,
                                        severity: (state >> 7) % 3 == 0 ? severity : nil))
            }
            sets.append(set)
        }
        return sets
    }()

    @Test(arguments: [(0, false, Verdict.Level.clean), (1, false, .notice), (24, true, .notice), (25, false, .suspicious),
                      (50, false, .suspicious), (50, true, .highRisk), (59, false, .suspicious), (60, false, .highRisk), (100, false, .highRisk)])
    func levels(_ score: Int, _ hasCritical: Bool, _ level: Verdict.Level) {
        #expect(Verdict.level(score: score, hasCritical: hasCritical) == level)
    }

    @Test(arguments: sets.indices) func rollUpAgreesWithReference(_ index: Int) {
        #expect(Verdict.rollUp(Self.sets[index]) == Self.reference(Self.sets[index]))
    }
}
