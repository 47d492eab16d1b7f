import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Looks up the From domain's BIMI, MTA-STS and TLS-RPT records and reads the message's BIMI headers.
    /// Only where DNS data is available: offline misses are reported as "not checked".
    func analyzePosture(_ message: Message, into report: inout Report) async {
        let dmarc = report.authentication.dmarc
        let domain = dmarc?.domain ?? message.firstField(named: "From").flatMap { AuthorAddresses.parse($0.unfoldedValue).first }
            .flatMap(AuthorAddresses.domain(of:))
        let headers = PostureEvaluator.BIMIHeaders(selector: message.firstField(named: "BIMI-Selector")?.unfoldedValue,
                                                   location: message.firstField(named: "BIMI-Location")?.unfoldedValue,
                                                   indicator: message.firstField(named: "BIMI-Indicator")?.unfoldedValue)
        report.findings += PostureFindings.headerFindings(message)
        guard let domain, !domain.isEmpty else { return }
        var lookups = [AuthDNSLookup]()
        let posture = await PostureEvaluator(resolver: resolver).evaluate(domain: domain, organizationalDomain: dmarc?.organizationalDomain,
                                                                          dmarc: dmarc, headers: headers, dns: &lookups)
        report.posture = posture
        for lookup in lookups { report.recordDNSUse(lookup) }
        report.findings += PostureFindings.findings(for: posture)
    }
}
