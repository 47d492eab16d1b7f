import Foundation
import MailAuth
import MailDNS
import MailParsing
import MailTestSupport
import Testing
import Yams

/// The ValiMail ARC interoperability suite (arc-draft-validation-tests.yml): 10 scenarios, 175 case texts
/// (171 names: "Arc Seal Fields" repeats 4). Each scenario's `txt-records` is its own offline zone.
/// Yams refuses mappings with repeated keys, so repeated test names are renamed (`name#2`) in the text
/// before `compose_all`; the mapping pairs are then read in order and no case is lost.
@Suite struct ARCValidationSuiteTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var scenario: String
        var name: String
        /// Position in the file (1-based), to tell repeated names apart.
        var ordinal: Int
        var message: String
        /// `pass`, `fail` or `none`; an empty `cv:` in the file means fail (the upstream harness expects "").
        var expected: String
        var records: [String: String]
        var testDescription: String { "\(ordinal) \(scenario) / \(name)" }
    }

    static let path = "arc_test_suite/arc-draft-validation-tests.yml"

    /// Every case text in file order; empty when the corpus is absent or unreadable.
    static let cases: [Case] = {
        guard Corpus.isAvailable, let data = try? Data(contentsOf: Corpus.url(path)),
              let nodes = try? Yams.compose_all(yaml: renamingRepeatedTests(String(decoding: data, as: UTF8.self))) else { return [] }
        var cases: [Case] = []
        for document in nodes {
            guard let mapping = document.mapping else { continue }
            let scenario = mapping["description"]?.string ?? "?"
            var records: [String: String] = [:]
            for (name, value) in mapping["txt-records"]?.mapping ?? [:] {
                if let name = name.string, let value = value.string { records[name] = value }
            }
            for (name, test) in mapping["tests"]?.mapping ?? [:] {
                guard let fields = test.mapping else { continue }
                let cv = (fields["cv"]?.string ?? "").trimmingCharacters(in: .whitespaces).lowercased()
                cases.append(Case(scenario: scenario, name: String((name.string ?? "?").split(separator: "#").first ?? "?"), ordinal: cases.count + 1,
                                  message: fields["message"]?.string ?? "", expected: cv.isEmpty ? "fail" : cv, records: records))
            }
        }
        return cases
    }()

    /// Gives each repeated test name of a scenario (a key indented two spaces) a `#n` suffix.
    static func renamingRepeatedTests(_ text: String) -> String {
        var seen: [String: Int] = [:]
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("---") { seen = [:] }
            let isTestKey = line.hasPrefix("  ") && !line.hasPrefix("   ") && line.trimmingCharacters(in: .whitespaces).hasSuffix(":")
            guard isTestKey else {
                lines.append(String(line))
                continue
            }
            let name = line.trimmingCharacters(in: .whitespaces).dropLast()
            let count = seen[String(name), default: 0] + 1
            seen[String(name)] = count
            lines.append(count == 1 ? String(line) : "  \(name)#\(count):")
        }
        return lines.joined(separator: "\n")
    }

    /// The suite signs at t=12345 and has no x=; judge a day later so nothing is in the future or expired.
    static let evaluationTime = Date(timeIntervalSince1970: 12_345 + 86_400)

    @Test(.enabled(if: Corpus.isAvailable)) func loadsEveryCaseText() {
        #expect(Self.cases.count == 175)
        #expect(Set(Self.cases.map { "\($0.scenario)/\($0.name)" }).count == 171)
        #expect(Set(Self.cases.map(\.scenario)).count == 10)
        let counts = Dictionary(grouping: Self.cases, by: \.expected).mapValues(\.count)
        #expect(counts == ["pass": 58, "fail": 112, "none": 5])
    }

    @Test(.enabled(if: Corpus.isAvailable), arguments: cases)
    func chainValidation(_ c: Case) async {
        let verifier = ARCVerifier(resolver: StaticResolver(txt: c.records), keyCache: DKIMKeyCache())
        let message = MessageParser.parse(Array(c.message.utf8))
        let verification = await verifier.verify(message, at: Self.evaluationTime)
        #expect(verification.result.chainValidation == c.expected, "\(verification.result.reason)")
    }
}
