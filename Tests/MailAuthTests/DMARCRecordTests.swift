import MailAuth
import MailDNS
import Testing

/// DMARC record parsing (RFC 7489 §6.3 and DMARCbis tags) and policy selection, as tables.
@Suite struct DMARCRecordTests {
    @Test func everyTag() throws {
        let record = try DMARCRecord.parse("v=DMARC1; p=Quarantine; sp=reject; np=none; pct=25; adkim=s; aspf=r; "
            + "rua=mailto:a@x.example, mailto:b@x.example; ruf=mailto:f@x.example; fo=1:d; ri=3600; psd=n; t=y;").get()
        #expect(record.policy == .quarantine)
        #expect(record.subdomainPolicy == .reject)
        #expect(record.nonExistentPolicy == DMARCRecord.Policy.none)
        #expect(record.percent == 25)
        #expect(record.dkimAlignment == .strict)
        #expect(record.spfAlignment == .relaxed)
        #expect(record.aggregateReportURIs == ["mailto:a@x.example", "mailto:b@x.example"])
        #expect(record.failureReportURIs == ["mailto:f@x.example"])
        #expect(record.failureOptions == ["1", "d"])
        #expect(record.reportInterval == 3600)
        #expect(record.publicSuffixDomain == "n")
        #expect(record.testing)
        #expect(record.problems.isEmpty)
    }

    static let malformed = ["v=DMARC1; p=none; reject", "p=reject; v=DMARC1", "v=DMARC2; p=none", "v=DMARC1; =none"]

    @Test(arguments: malformed) func malformedIsAnError(_ text: String) {
        if case .success = DMARCRecord.parse(text) { Issue.record("accepted \(text)") }
    }

    @Test func invalidValuesFallBackToDefaults() throws {
        let record = try DMARCRecord.parse("v=DMARC1; p=reject; pct=150; adkim=x").get()
        #expect(record.percent == 100)
        #expect(record.dkimAlignment == .relaxed)
        #expect(record.problems.count == 2)
    }

    /// (From domain, DKIM d= passing, record, nxdomain?, expected result, policy, disposition)
    struct PolicyCase: Sendable, CustomStringConvertible {
        var from: String
        var dkim: String?
        var record: String
        var fromExists = true
        var result: AuthResultCode
        var policy: DMARCRecord.Policy?
        var disposition: DMARCRecord.Policy
        var description: String { "\(from) \(record)" }
    }

    static let policyCases: [PolicyCase] = [
        PolicyCase(from: "bank.example", dkim: "bank.example", record: "v=DMARC1; p=reject", result: .pass, policy: .reject, disposition: .none),
        PolicyCase(from: "bank.example", dkim: "mail.bank.example", record: "v=DMARC1; p=reject", result: .pass, policy: .reject, disposition: .none),
        PolicyCase(from: "bank.example", dkim: "mail.bank.example", record: "v=DMARC1; p=reject; adkim=s", result: .fail, policy: .reject, disposition: .reject),
        PolicyCase(from: "a.bank.example", dkim: nil, record: "v=DMARC1; p=reject; sp=quarantine", result: .fail, policy: .quarantine, disposition: .quarantine),
        PolicyCase(from: "a.bank.example", dkim: nil, record: "v=DMARC1; p=reject; sp=quarantine; np=none", fromExists: false, result: .fail, policy: DMARCRecord.Policy.none, disposition: .none),
        PolicyCase(from: "bank.example", dkim: nil, record: "v=DMARC1; p=reject; t=y", result: .fail, policy: .reject, disposition: .quarantine),
        PolicyCase(from: "bank.example", dkim: nil, record: "v=DMARC1; rua=mailto:r@bank.example", result: .fail, policy: DMARCRecord.Policy.none, disposition: .none),
        PolicyCase(from: "bank.example", dkim: nil, record: "v=DMARC1; sp=reject", result: .none, policy: nil, disposition: .none),
    ]

    @Test(arguments: policyCases) func policyAndDisposition(_ testCase: PolicyCase) async {
        var answers: [DNSQuestion: DNSOutcome] = [
            DNSQuestion(name: "_dmarc.bank.example", type: .txt):
                .records([DNSRecord(name: "_dmarc.bank.example", data: .txt([testCase.record]), origin: .supplied("test"))]),
        ]
        if testCase.fromExists {
            answers[DNSQuestion(name: testCase.from, type: .a)] = .records([DNSRecord(name: testCase.from, data: .a("192.0.2.9"), origin: .supplied("test"))])
        }
        let evaluator = DMARCEvaluator(resolver: StaticResolver(answers: answers, complete: true), publicSuffixList: PublicSuffixList.shared())
        let dkim = testCase.dkim.map { [DKIMResult(domain: $0, selector: "s", result: .pass, reason: "", headerLine: 1)] } ?? []
        let result = await evaluator.evaluate(fromValues: ["x@\(testCase.from)"], dkim: dkim, spf: nil)
        #expect(result.result == testCase.result, "\(result.reason)")
        #expect(result.policy == testCase.policy)
        #expect(result.disposition == testCase.disposition)
    }

    @Test func fromAddresses() {
        #expect(AuthorAddresses.parse("\"Test, User\" <test@example.com>") == ["test@example.com"])
        #expect(AuthorAddresses.parse("Bad User <spoof@example.org>,Test User <test@example.com>") == ["spoof@example.org", "test@example.com"])
        #expect(AuthorAddresses.parse("friends: a@x.example, b@Y.Example.;") == ["a@x.example", "b@y.example"])
        #expect(AuthorAddresses.parse("a@x.example (comment, with <brackets@z.example>)") == ["a@x.example"])
        #expect(AuthorAddresses.parse("\"Test User\"").isEmpty)
    }
}
