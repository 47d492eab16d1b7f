@testable import MailForensics
import MailParsing
import Testing

/// Vendor spam-filter fields decoded into verdicts with meanings from the code book.
@Suite struct VendorVerdictTests {
    static func decode(_ line: String) -> VendorVerdict? {
        let message = MessageParser.parse(Array((line + "\r\n\r\nx\r\n").utf8))
        return message.header.first.flatMap(VendorDecoder.decode)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var line: String
        var vendor: String
        var assessment: VendorVerdict.Assessment
        var testDescription: String { String(line.prefix(50)) }
    }

    static let cases: [Case] = [
        Case(line: "X-Forefront-Antispam-Report: CIP:192.0.2.1;CTRY:NL;LANG:en;SCL:5;SRV:;IPV:NLI;SFV:SPM;H:x.example;PTR:InfoDomainNonexistent;CAT:SPM;", vendor: "Microsoft", assessment: .spam),
        Case(line: "X-Forefront-Antispam-Report: CIP:192.0.2.1;SCL:9;SFV:SPM;CAT:PHSH;SFTY:9.19;", vendor: "Microsoft", assessment: .phishing),
        Case(line: "X-Forefront-Antispam-Report: CIP:192.0.2.1;SCL:1;SFV:NSPM;CAT:NONE;", vendor: "Microsoft", assessment: .clean),
        Case(line: "X-Forefront-Antispam-Report: CIP:192.0.2.1;SCL:-1;SFV:SKA;", vendor: "Microsoft", assessment: .allowlisted),
        Case(line: "X-MS-Exchange-Organization-SCL: 6", vendor: "Microsoft", assessment: .spam),
        Case(line: "X-Microsoft-Antispam: BCL:9;", vendor: "Microsoft", assessment: .bulk),
        Case(line: "Authentication-Results: spf=fail smtp.mailfrom=x.example; dmarc=fail action=none header.from=x.example;compauth=fail reason=001", vendor: "Microsoft", assessment: .suspicious),
        Case(line: "X-Spam-Status: Yes, score=12.3 required=5.0 tests=BAYES_99,SPF_FAIL autolearn=no version=3.4.6", vendor: "SpamAssassin", assessment: .spam),
        Case(line: "X-Spam-Status: No, score=-0.1 required=5.0 tests=NONE", vendor: "SpamAssassin", assessment: .clean),
        Case(line: "X-Spamd-Result: default: True [15.50 / 15.00]; R_SPF_FAIL(1.00)[-all]", vendor: "rspamd", assessment: .spam),
        Case(line: "X-Rspamd-Action: reject", vendor: "rspamd", assessment: .spam),
        Case(line: "X-Proofpoint-Spam-Details: rule=notspam policy=default score=0 spamscore=0", vendor: "Proofpoint", assessment: .clean),
        Case(line: "X-Mimecast-Impersonation-Protect: Policy=Default;Similar Internal Domain=true;Newly Observed Domain=false", vendor: "Mimecast", assessment: .spam),
        Case(line: "X-Barracuda-Spam-Status: Yes, SCORE=7.2 using global scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=6.0 tests=BSF_SC0_MISMATCH_TO", vendor: "Barracuda", assessment: .spam),
        Case(line: "X-Amp-Result: MALICIOUS", vendor: "Cisco", assessment: .malware),
        Case(line: "X-Gm-Phishy: 1", vendor: "Google", assessment: .phishing),
    ]

    @Test(arguments: cases) func decodes(_ c: Case) throws {
        let verdict = try #require(Self.decode(c.line))
        #expect(verdict.vendor == c.vendor)
        #expect(verdict.assessment == c.assessment)
        #expect(!verdict.summary.isEmpty)
    }

    @Test func everyCodeHasMeaningAndSource() throws {
        let verdict = try #require(Self.decode("X-Forefront-Antispam-Report: CIP:192.0.2.1;CTRY:NL;LANG:en;SCL:5;IPV:NLI;SFV:SPM;H:x.example;PTR:x.example;CAT:SPM;DIR:INB;SFTY:9.25;"))
        #expect(verdict.codes.allSatisfy { $0.meaning != nil && $0.source != nil })
    }

    @Test func spamAssassinReportRules() throws {
        let line = "X-Spam-Report: \r\n\t*  3.5 BAYES_99 BODY: Bayes spam probability is 99 to 100%\r\n\t*      [score: 1.0000]\r\n\t*  1.2 RDNS_NONE Delivered to internal network by a host with no rDNS"
        let verdict = try #require(Self.decode(line))
        #expect(verdict.codes.map(\.key) == ["BAYES_99", "RDNS_NONE"])
        #expect(verdict.codes.last?.meaning == "Delivered to internal network by a host with no rDNS")
    }

    @Test func unrelatedFieldsAreIgnored() {
        #expect(Self.decode("Subject: hello") == nil)
        #expect(Self.decode("Authentication-Results: mx.example; spf=pass") == nil)
    }

    @Test func verdictLevels() {
        let spec = VendorFindings.phishing
        #expect(Verdict.rollUp([spec.finding()]).level == .highRisk)
        #expect(Verdict.rollUp([VendorFindings.spam.finding()]).level == .suspicious)
        #expect(Verdict.rollUp([PathFindings.noReceived.finding()]).level == .clean)
        #expect(Verdict.rollUp([]).level == .clean)
        let summary = Verdict.rollUp([spec.finding(), IdentityFindings.replyTo.finding()]).summary
        #expect(summary.contains("phishing or malware") && summary.contains("Replies would go"))
    }
}
