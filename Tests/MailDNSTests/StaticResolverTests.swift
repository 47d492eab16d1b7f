import MailDNS
import Testing

@Suite struct StaticResolverTests {
    @Test func offlineMissIsNeverNXDOMAIN() async {
        let resolver = StaticResolver(answers: [:], complete: false)
        let answer = await resolver.resolve(DNSQuestion(name: "s._domainkey.example.com.", type: .txt))
        #expect(answer.outcome == .unavailableOffline)
        #expect(answer.question.name == "s._domainkey.example.com")
    }
}
