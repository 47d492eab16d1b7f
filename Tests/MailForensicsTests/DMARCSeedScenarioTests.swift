import Foundation
import MailAuth
import MailDNS
import MailForensics
import MailParsing
import MailTestSupport
import Testing

/// The seed scenario end to end: a bulk sender (service.example) sends as noreply@bank.example. SPF passes for
/// service.example, DKIM is by service.example, bank.example publishes p=reject, so DMARC fails and says reject.
@Suite struct DMARCSeedScenarioTests {
    /// Reads the fixture zone (`name TYPE data` lines, `$COMPLETE`); enough for this fixture until the zone cache lands.
    static func zone() throws -> StaticResolver {
        let text = try String(contentsOf: Corpus.fixture("spf/seed.zone"), encoding: .utf8)
        var answers = [DNSQuestion: DNSOutcome]()
        var complete = false
        for (number, line) in text.split(separator: "\n").enumerated() {
            if line.hasPrefix(";") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.hasPrefix("$COMPLETE") { complete = true; continue }
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 3 else { continue }
            let fields = [words[0], words[1], words.dropFirst(2).joined(separator: " ")]
            let data: DNSRecordData
            switch fields[1] {
            case "TXT":
                data = .txt(fields[2].split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) })
            case "A": data = .a(fields[2].trimmingCharacters(in: .whitespaces))
            default: continue
            }
            let question = DNSQuestion(name: fields[0], type: data.type)
            let record = DNSRecord(name: fields[0], data: data, origin: .cache(file: "seed.zone", line: number + 1))
            var list = [DNSRecord]()
            if case let .records(existing)? = answers[question] { list = existing }
            list.append(record)
            answers[question] = .records(list)
        }
        return StaticResolver(answers: answers, complete: complete)
    }

    @Test func analyzerShowsWhyDMARCFails() async throws {
        let bytes = [UInt8](try Data(contentsOf: Corpus.fixture("spf/seed.eml")))
        let analyzer = Analyzer(resolver: try Self.zone())
        let report = await analyzer.analyze(InputItem(location: MessageLocation(path: "seed.eml", kind: .eml), bytes: bytes))

        let spf = try #require(report.authentication.spf)
        #expect(spf.result == .pass)
        #expect(spf.domain == "service.example")
        #expect(spf.ip == "192.0.2.25")
        #expect(spf.helo == "mta1.service.example")
        #expect(spf.mailFrom == "mailer@service.example")
        #expect(spf.lookups == 0)
        #expect(spf.trace.contains { $0.term == "ip4:192.0.2.0/24" && $0.matched })

        let dmarc = try #require(report.authentication.dmarc)
        #expect(dmarc.result == .fail)
        #expect(dmarc.domain == "bank.example")
        #expect(dmarc.organizationalDomain == "bank.example")
        #expect(dmarc.policy == .reject)
        #expect(dmarc.disposition == .reject)
        #expect(dmarc.record?.name == "_dmarc.bank.example")
        #expect(dmarc.record?.origin == "cache seed.zone:6")
        #expect(dmarc.alignment.spf?.identifier == "service.example")
        #expect(dmarc.alignment.spf?.aligned == false)
        #expect(dmarc.explanation.hasPrefix("MAIL FROM is mailer@service.example, From: is noreply@bank.example; "
            + "SPF passed for service.example, which does not align with bank.example; "))
        #expect(dmarc.explanation.hasSuffix("so DMARC fails and bank.example's policy says reject."))
        // The DKIM stage verified the signature by service.example; DMARC composes it.
        #expect(report.authentication.dkim.map(\.domain) == ["service.example"])
        #expect(report.authentication.dkim.map(\.result) == [.pass])
        #expect(dmarc.alignment.dkim.map(\.aligned) == [false])
        #expect(dmarc.explanation == "MAIL FROM is mailer@service.example, From: is noreply@bank.example; "
            + "SPF passed for service.example, which does not align with bank.example; "
            + "the only DKIM signature is by service.example (it verified but does not align); "
            + "so DMARC fails and bank.example's policy says reject.")

        let finding = try #require(report.findings.first { $0.id == "dmarc.fail" })
        #expect(finding.severity == .critical)
        #expect(finding.evidence.contains { $0.kind == .dns && $0.value.hasPrefix("v=DMARC1; p=reject") })
        #expect(finding.evidence.contains { $0.kind == .header && $0.label == "From" && $0.firstLine != nil })
        #expect(report.findings.contains { $0.id == "spf.pass" })
        #expect(report.dnsUsed.contains { $0.question == "_dmarc.bank.example TXT" && $0.origin == "cache seed.zone:6" })

        let posture = try #require(report.posture)
        #expect(posture.bimi?.status == .found)
        #expect(posture.bimi?.logoURL == "https://bank.example/logo.svg")
        #expect(posture.bimi?.eligible == false)
        #expect(posture.mtaSts?.id == "20250301T000000")
        #expect(posture.tlsRpt?.reportURIs == ["mailto:tls-reports@bank.example"])
        #expect(report.findings.contains { $0.id == "posture.bimi-not-eligible" })
    }

    /// DMARC composes the DKIM result it is given (the DKIM stage's output) and names each identifier.
    @Test func explanationNamesEachIdentifier() async throws {
        let resolver = try Self.zone()
        let spf = await SPFEvaluator(resolver: resolver).evaluate(ip: try #require(SPFAddress("192.0.2.25")),
                                                                  mailFrom: "<mailer@service.example>", helo: "mta1.service.example")
        let dkim = [DKIMResult(domain: "service.example", selector: "s2025", result: .pass, reason: "", headerLine: 8)]
        let dmarc = await DMARCEvaluator(resolver: resolver, publicSuffixList: PublicSuffixList.shared())
            .evaluate(fromValues: ["\"Bank Example Security\" <noreply@bank.example>"], dkim: dkim, spf: spf)
        #expect(dmarc.result == .fail)
        #expect(dmarc.disposition == .reject)
        #expect(dmarc.alignment.dkim.map(\.aligned) == [false])
        #expect(dmarc.explanation == "MAIL FROM is mailer@service.example, From: is noreply@bank.example; "
            + "SPF passed for service.example, which does not align with bank.example; "
            + "the only DKIM signature is by service.example (it verified but does not align); "
            + "so DMARC fails and bank.example's policy says reject.")
    }
}
