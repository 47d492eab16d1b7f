import Foundation
import MailAuth
import MailDNS
import MailParsing
import MailTestSupport
import Testing

/// One DMARC case of authheaders' `expected.json`: the message, the DKIM results its expected
/// Authentication-Results line carries (the inputs DMARC composes), and the expected dmarc= and policy.dmarc=.
struct DMARCAuthheadersCase: Sendable, CustomStringConvertible {
    var name: String
    var message: String
    var treeWalk: Bool
    var dkim: [DKIMResult]
    var expectedResult: AuthResultCode?
    var expectedPolicy: String?
    var expectedComment: String?
    var description: String { name }
}

/// The stub DNS of those tests: a string is a TXT answer ("" an empty one), null is NXDOMAIN; unknown names do not exist.
struct AuthheadersDNS: DNSResolver {
    var txt: [String: String?]

    func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        guard let entry = txt[question.name] else { return DNSAnswer(question: question, outcome: .nxdomain, origin: .supplied("authheaders stub")) }
        guard let value = entry else { return DNSAnswer(question: question, outcome: .nxdomain, origin: .supplied("authheaders stub")) }
        guard question.type == .txt, !value.isEmpty else { return DNSAnswer(question: question, outcome: .nodata, origin: .supplied("authheaders stub")) }
        let record = DNSRecord(name: question.name, data: .txt([value]), origin: .supplied("authheaders stub"))
        return DNSAnswer(question: question, outcome: .records([record]), origin: .supplied("authheaders stub"))
    }
}

enum DMARCAuthheaders {
    static let root = "authheaders"

    static func json() -> [String: Any]? {
        guard let data = try? Data(contentsOf: Corpus.url("\(root)/expected.json")) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    static func dns() -> AuthheadersDNS {
        var map = [String: String?]()
        for (name, value) in json()?["dns_txt"] as? [String: Any] ?? [:] {
            let key = DNSQuestion.normalize(name)
            if let text = value as? String { map[key] = .some(text) } else if value is NSNull { map[key] = .some(nil) } else {
                map[key] = .some("")   // {"from_file": ...}: a DKIM key, irrelevant to DMARC
            }
        }
        return AuthheadersDNS(txt: map)
    }

    static func cases() -> [DMARCAuthheadersCase] {
        var out = [DMARCAuthheadersCase]()
        for entry in json()?["cases"] as? [[String: Any]] ?? [] {
            let options = entry["options"] as? [String: Any] ?? [:]
            guard options["dmarc"] as? Bool ?? true, let line = entry["expected_authentication_results"] as? String else { continue }
            let parts = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            var dkim = [DKIMResult]()
            var result: AuthResultCode?
            var policy: String?
            var comment: String?
            for part in parts {
                let words = part.split(separator: " ").map(String.init)
                if let first = words.first, first.hasPrefix("dkim=") {
                    let domain = words.first { $0.hasPrefix("header.d=") }.map { String($0.dropFirst("header.d=".count)) } ?? ""
                    dkim.append(DKIMResult(domain: domain, selector: "", result: AuthResultCode(rawValue: String(first.dropFirst(5))) ?? .none,
                                           reason: "", headerLine: 0))
                }
                if let first = words.first, first.hasPrefix("dmarc=") {
                    result = AuthResultCode(rawValue: String(first.dropFirst(6)))
                    policy = words.first { $0.hasPrefix("policy.dmarc=") }.map { String($0.dropFirst("policy.dmarc=".count)) }
                    if let open = part.firstIndex(of: "("), let close = part.firstIndex(of: ")") {
                        comment = String(part[part.index(after: open)..<close])
                    }
                }
            }
            out.append(DMARCAuthheadersCase(name: entry["test"] as? String ?? "?", message: entry["message"] as? String ?? "",
                                            treeWalk: options["dmarcbis"] as? Bool ?? false, dkim: dkim, expectedResult: result,
                                            expectedPolicy: policy, expectedComment: comment))
        }
        return out
    }
}

@Suite struct DMARCAuthheadersTests {
    static let cases = DMARCAuthheaders.cases()
    static let psl = PublicSuffixList(contentsOf: Corpus.url("publicsuffix/public_suffix_list.dat").path)

    @Test(.enabled(if: Corpus.isAvailable), arguments: cases)
    func dmarcCase(_ testCase: DMARCAuthheadersCase) async throws {
        let bytes = try Corpus.bytes("\(DMARCAuthheaders.root)/\(testCase.message)")
        let message = MessageParser.parse(bytes)
        let evaluator = DMARCEvaluator(resolver: DMARCAuthheaders.dns(), publicSuffixList: Self.psl,
                                       method: testCase.treeWalk ? .treeWalk : .publicSuffixList)
        let result = await evaluator.evaluate(fromValues: message.fields(named: "From").map(\.unfoldedValue), dkim: testCase.dkim, spf: nil)
        #expect(result.result == testCase.expectedResult, "\(testCase): \(result.reason)")
        if let policy = testCase.expectedPolicy {
            #expect((result.policy?.rawValue ?? "none") == policy, "\(testCase): policy")
        }
        switch testCase.expectedComment {
        case "Used From Domain Record"?: #expect(result.record?.foundAt == "from-domain")
        case "Used Org Domain Record"?: #expect(result.record?.foundAt == "organizational-domain")
        case let comment? where comment.hasPrefix("Used Tree Walk"):
            #expect(result.record?.foundAt == "tree-walk")
            #expect(result.organizationalDomain == "example.gov")
        default: break
        }
    }

    @Test(.enabled(if: Corpus.isAvailable)) func caseCount() {
        print("authheaders DMARC cases: \(Self.cases.count)")
        #expect(Self.cases.count == 11)
    }
}

@Suite struct DMARCOfflineTests {
    /// An offline miss is "could not be checked offline" (temperror), never "no policy".
    @Test func offlineMissIsNotNone() async {
        let evaluator = DMARCEvaluator(resolver: StaticResolver(answers: [:], complete: false), publicSuffixList: PublicSuffixList.shared())
        let result = await evaluator.evaluate(fromValues: ["Bank <noreply@bank.example>"], dkim: [], spf: nil)
        #expect(result.result == .temperror)
        #expect(result.incompleteOffline)
        #expect(result.explanation.contains("could not be checked offline"))
    }

    /// With the record cached but the parents not, the PSL result stands and is not marked incomplete.
    @Test func comparisonWalkMissesDoNotMarkTheResult() async {
        let resolver = StaticResolver(answers: [DNSQuestion(name: "_dmarc.bank.example", type: .txt):
            .records([DNSRecord(name: "_dmarc.bank.example", data: .txt(["v=DMARC1; p=quarantine; adkim=s"]), origin: .supplied("test"))])])
        let evaluator = DMARCEvaluator(resolver: resolver, publicSuffixList: PublicSuffixList.shared())
        let dkim = [DKIMResult(domain: "mail.bank.example", selector: "s", result: .pass, reason: "", headerLine: 1)]
        let result = await evaluator.evaluate(fromValues: ["noreply@bank.example"], dkim: dkim, spf: nil)
        #expect(result.result == .fail)
        #expect(result.disposition == .quarantine)
        #expect(!result.incompleteOffline)
        #expect(result.alignment.dkim.first?.why.contains("strict") == true)
    }
}
