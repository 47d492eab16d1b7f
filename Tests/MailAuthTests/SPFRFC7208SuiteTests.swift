import Foundation
import MailAuth
import MailDNS
import MailTestSupport
import Testing
import Yams

/// One case of the OpenSPF RFC 7208 test suite, with its scenario's zone.
struct SPFSuiteCase: Sendable, CustomStringConvertible {
    var scenario: String
    var name: String
    var host: String
    var mailFrom: String
    var helo: String
    var expected: [AuthResultCode]
    var explanation: String?
    var zone: SPFSuiteZone

    var description: String { "\(scenario) / \(name)" }
}

/// Reads `rfc7208-tests.yml` with `compose_all` (SPF-type records are copied to TXT when a name has no TXT,
/// as the suite's drivers do; `TIMEOUT` entries become timeouts).
enum SPFRFC7208Suite {
    static let path = "mailauth/test/fixtures/spf/rfc7208-tests.yml"

    static func load() -> [SPFSuiteCase] {
        guard Corpus.isAvailable, let data = try? Data(contentsOf: Corpus.url(path)),
              let documents = try? Yams.compose_all(yaml: String(decoding: data, as: UTF8.self)) else { return [] }
        var cases = [SPFSuiteCase]()
        for document in documents {
            let scenario = document["description"]?.string ?? "?"
            let zone = makeZone(document["zonedata"]?.mapping)
            guard let tests = document["tests"]?.mapping else { continue }
            for (key, test) in tests {
                let expected: [AuthResultCode]
                if let list = test["result"]?.sequence {
                    expected = list.compactMap { $0.string.flatMap(AuthResultCode.init(rawValue:)) }
                } else {
                    expected = [test["result"]?.string.flatMap(AuthResultCode.init(rawValue:))].compactMap { $0 }
                }
                cases.append(SPFSuiteCase(scenario: scenario, name: key.string ?? "?", host: test["host"]?.string ?? "",
                                          mailFrom: test["mailfrom"]?.string ?? "", helo: test["helo"]?.string ?? "",
                                          expected: expected, explanation: test["explanation"]?.string, zone: zone))
            }
        }
        return cases
    }

    static func makeZone(_ mapping: Node.Mapping?) -> SPFSuiteZone {
        var zone = SPFSuiteZone()
        guard let mapping else { return zone }
        for (nameNode, recordsNode) in mapping {
            let name = nameNode.string ?? ""
            var generated = [SPFSuiteZone.Entry]()
            var hasTXT = false
            var entries = [SPFSuiteZone.Entry]()
            for item in recordsNode.sequence ?? [] {
                if item.string == "TIMEOUT" { entries.append(.timeout); continue }
                guard let pairs = item.mapping else { continue }
                for (typeNode, value) in pairs {
                    let type = typeNode.string ?? ""
                    let strings = value.sequence.map { $0.compactMap(\.string) } ?? [value.string ?? ""]
                    switch type {
                    case "TXT":
                        hasTXT = true
                        if value.string != "NONE" { entries.append(.record(.txt(strings))) }
                    case "SPF":
                        if !hasTXT { generated.append(.record(.txt(strings))) }
                    case "A": entries.append(.record(.a(value.string ?? "")))
                    case "AAAA": entries.append(.record(.aaaa(value.string ?? "")))
                    case "PTR": entries.append(.record(.ptr(value.string ?? "")))
                    case "CNAME": entries.append(.record(.cname(value.string ?? "")))
                    case "MX":
                        let parts = value.sequence ?? []
                        let preference = parts.first?.int ?? 0
                        let exchange = parts.count > 1 ? parts[1].string ?? "" : ""
                        entries.append(.record(.mx(preference: preference, exchange: exchange)))
                    default: break
                    }
                }
            }
            if !hasTXT { entries += generated }
            for entry in entries { zone.add(name, entry) }
            if entries.isEmpty { zone.entries[DNSQuestion.normalize(name), default: []] = [] }
        }
        return zone
    }
}

@Suite struct SPFRFC7208SuiteTests {
    static let cases = SPFRFC7208Suite.load()
    /// Cases whose expected explanation differs from RFC 7208 §7.4 only in the case of hex nibbles (Docs/spf-dmarc.md).
    static let lowerCaseNibbleCases: Set<String> = ["v-macro-ip6"]

    @Test(.enabled(if: Corpus.isAvailable), arguments: cases)
    func suiteCase(_ testCase: SPFSuiteCase) async throws {
        let ip = try #require(IPAddress(testCase.host), "host \(testCase.host)")
        var evaluator = SPFEvaluator(resolver: testCase.zone, receivingHost: "receiver.example")
        evaluator.checkHELO = false
        let result = await evaluator.evaluate(ip: ip, mailFrom: testCase.mailFrom, helo: testCase.helo)
        #expect(testCase.expected.contains(result.result), "\(testCase): got \(result.result) (\(result.reason))")
        if let expected = testCase.explanation, result.result == .fail {
            let mine = result.authorityExplanation ?? "DEFAULT"
            if Self.lowerCaseNibbleCases.contains(testCase.name) {
                // RFC 7208 §7.4 writes the %{i} nibbles of an IPv6 address in lower case; the suite expects upper case.
                #expect(mine == expected.lowercased(), "\(testCase): explanation")
            } else {
                #expect(mine == expected, "\(testCase): explanation")
            }
        }
    }

    @Test(.enabled(if: Corpus.isAvailable)) func suiteSize() {
        #expect(Self.cases.count >= 190)
        print("RFC 7208 suite: \(Self.cases.count) cases in \(Set(Self.cases.map(\.scenario)).count) scenarios")
    }
}
