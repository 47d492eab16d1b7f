import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Evaluates DMARC (RFC 7489) for the From domain from the DKIM and SPF results already in the report.
    func analyzeDMARC(_ message: Message, into report: inout Report) async {
        let fromFields = message.fields(named: "From")
        let evaluator = DMARCEvaluator(resolver: resolver, publicSuffixList: PublicSuffixList.shared(path: options.publicSuffixListPath),
                                       method: options.dmarcTreeWalk ? .treeWalk : .publicSuffixList)
        let result = await evaluator.evaluate(fromValues: fromFields.map(\.unfoldedValue), dkim: report.authentication.dkim,
                                              spf: report.authentication.spf)
        report.authentication.dmarc = result
        for lookup in result.dns { report.recordDNSUse(lookup) }
        let evidence = fromFields.prefix(4).map {
            Evidence(kind: .header, label: "From", value: String($0.unfoldedValue.prefix(300)), firstLine: $0.span.firstLine, lastLine: $0.span.lastLine)
        }
        report.findings += DMARCFindings.findings(for: result, fromEvidence: Array(evidence), fromFieldCount: fromFields.count)
    }
}
