import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// Decodes vendors' spam-filter fields and what the receiving side recorded, and adds their findings.
    func analyzeVendorHeaders(_ message: Message, into report: inout Report) {
        let path = report.path
        let entryLine = path?.trustBoundary?.entryLine
        let receiver = path?.trustBoundary?.receivingOrganization
        var verdicts: [VendorVerdict] = []
        for field in message.header.prefix(1000) {
            guard var verdict = VendorDecoder.decode(field) else { continue }
            // Microsoft strips X-MS-Exchange-Organization-* from outside mail and reorders fields, so its own
            // fields are trusted when Microsoft received the message; others only when written above the boundary.
            let providerField = (verdict.vendor == VendorCodeBook.microsoft && receiver == "Microsoft 365" && field.lowercasedName != "authentication-results")
                || (verdict.vendor == "Google" && receiver == "Google")
            verdict.trusted = providerField || entryLine.map { field.span.firstLine < $0 } ?? false
            verdicts.append(verdict)
        }
        report.vendorVerdicts = verdicts
        let recorded = ReceiverAuthentication(report.authentication.recorded)
        report.findings += VendorFindings.check(verdicts, recorded: recorded, earlier: report.findings)
    }
}
