import MailDNS
import MailForensics
import MailParsing
import MailTestSupport
import Testing

/// Which recorded Authentication-Results are believed (RFC 8601 §5), over small hand-written header blocks.
@Suite struct RecordedAuthenticationTests {
    static func analyze(_ text: String, trusted: [String] = []) async -> Report {
        var options = AnalyzerOptions()
        options.trustedAuthservIDs = trusted
        let analyzer = Analyzer(resolver: StaticResolver(answers: [:]), options: options)
        let bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        return await analyzer.analyze(InputItem(location: MessageLocation(path: "t.eml", kind: .eml), bytes: bytes))
    }

    static let forgedBelow = """
    Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=bank.example; dmarc=fail header.from=bank.example
    Received: from evil.example (evil.example [192.0.2.9]) by mx.example.net with ESMTP id 1; Mon, 2 Jan 2023 10:00:00 +0000
    Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=bank.example; dkim=pass header.d=bank.example; dmarc=pass header.from=bank.example
    Authentication-Results: other.example; spf=pass smtp.mailfrom=bank.example
    From: Bank <support@bank.example>
    Subject: verify

    body
    """

    @Test func forgedLowerResultsAreFlaggedNotBelieved() async {
        let report = await Self.analyze(Self.forgedBelow)
        let recorded = report.authentication.recorded
        #expect(recorded.map(\.trusted) == [true, false, false])
        #expect(recorded.map(\.headerLine) == [1, 3, 4])
        #expect(recorded[0].results.map(\.method) == ["spf", "dmarc"])
        let ids = Set(report.findings.map(\.id))
        #expect(ids.contains("recorded.forged-authentication-results"))
        #expect(ids.contains("recorded.untrusted-authentication-results"))
        let forged = report.findings.first { $0.id == "recorded.forged-authentication-results" }
        #expect(forged?.evidence.map(\.firstLine) == [3])
    }

    @Test func namedAuthservIsTrustedAnywhere() async {
        let report = await Self.analyze(Self.forgedBelow, trusted: ["other.example"])
        #expect(report.authentication.recorded.map(\.trusted) == [true, false, true])
    }

    /// Exchange Online: several internal Received lines above the results, none of them with an authserv-id.
    @Test func exchangeOnlineResultsInsideTheOrganizationAreTrusted() async {
        let text = """
        Received: from SA3PR19MB7370.namprd19.prod.outlook.com (::1) by SN6PR19MB1234.namprd19.prod.outlook.com with HTTPS; Wed, 2 Aug 2023 20:09:20 +0000
        Received: from BN8NAM11FT066.eop-nam11.prod.protection.outlook.com (2603:10b6:408:e6:cafe::b) by SA3PR19MB7370.namprd19.prod.outlook.com with Microsoft SMTP Server; Wed, 2 Aug 2023 20:09:20 +0000
        Authentication-Results: spf=softfail (sender IP is 159.27.24.86)
         smtp.mailfrom=cyber.net.pk; dkim=none (message not signed)
         header.d=none;dmarc=fail action=quarantine
         header.from=cyber.net.pk;compauth=fail reason=000
        Received-SPF: SoftFail (protection.outlook.com: domain of transitioning
         cyber.net.pk discourages use of 159.27.24.86 as permitted sender)
        Received: from mail.example.com (159.27.24.86) by BN8NAM11FT066.mail.protection.outlook.com (10.13.3.181) with Microsoft SMTP Server; Wed, 2 Aug 2023 20:09:19 +0000
        Authentication-Results: spf=pass smtp.mailfrom=cyber.net.pk; dmarc=pass header.from=cyber.net.pk
        Received: by mail.example.com (Postfix); Wed, 2 Aug 2023 20:09:18 +0000
        From: a@cyber.net.pk
        Subject: x

        body
        """
        let report = await Self.analyze(text)
        let recorded = report.authentication.recorded
        #expect(recorded.map(\.field) == ["Authentication-Results", "Received-SPF", "Authentication-Results"])
        #expect(recorded.map(\.trusted) == [true, true, false])
        #expect(recorded[1].authservID == "protection.outlook.com")
        #expect(recorded[0].results.first { $0.method == "compauth" }?.reason == "000")
        #expect(report.findings.contains { $0.id == "vendor.receiver-auth-failure" })
    }

    /// Gmail writes its results just below its own Received line; Proton Mail below the sender's.
    @Test func gmailBelowItsReceivedLineAndProtonBelowTheSenders() async {
        let gmail = """
        Received: by 2002:a05:612c:711:b0:381:73ac:3a65 with SMTP id ft17csp1633300vqb; Mon, 16 Jan 2023 09:02:40 -0800 (PST)
        Received: from out.example.net (out.example.net. [192.0.2.7]) by mx.google.com with ESMTPS id x; Mon, 16 Jan 2023 09:02:40 -0800 (PST)
        Received-SPF: pass (google.com: domain of a@example.net designates 192.0.2.7 as permitted sender) client-ip=192.0.2.7;
        Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=a@example.net
        Received: from sender.example.net by out.example.net; Mon, 16 Jan 2023 09:02:39 -0800 (PST)
        Authentication-Results: mx.google.com; dkim=pass header.d=example.net
        From: a@example.net

        body
        """
        let report = await Self.analyze(gmail)
        #expect(report.authentication.recorded.map(\.trusted) == [true, true, false])
        #expect(report.findings.contains { $0.id == "recorded.forged-authentication-results" })

        let proton = """
        Received: from bouncec5.ddns.net (bouncec5.ddns.net [134.209.148.46]) by mailin030.protonmail.ch (Postfix) with ESMTPS id 4S; Fri, 17 Nov 2023 12:43:10 +0000 (UTC)
        Received: by bouncec5.ddns.net (Postfix, from userid 0) id CAE; Fri, 17 Nov 2023 07:35:06 -0500 (EST)
        Authentication-Results: mail.protonmail.ch; spf=none smtp.mailfrom=bounce.example.net
        From: root@bounce.example.net

        body
        """
        let protonReport = await Self.analyze(proton)
        #expect(protonReport.authentication.recorded.map(\.trusted) == [false])
        #expect(protonReport.authentication.recorded.first?.why.contains("--trusted-authserv") == true)
        let named = await Self.analyze(proton, trusted: ["mail.protonmail.ch"])
        #expect(named.authentication.recorded.map(\.trusted) == [true])
    }
}
