import Foundation
import MailAuth
import MailParsing

extension Analyzer {
    /// What the message carries: attachments by their real type, links by where they go, and the indicators
    /// (IOCs) from the header, the path and the content. Writes attachments only when `--extract` asked for it.
    func analyzeContent(_ message: Message, into report: inout Report) {
        let collected = ContentPart.collect(message)
        let tag = report.source.sha256.isEmpty ? "message" : String(report.source.sha256.prefix(12))
        let (content, findings) = ContentScanner.scan(collected.parts, extractTo: options.extractDirectory, messageTag: tag,
                                                      psl: PublicSuffixList.shared(path: options.publicSuffixListPath))
        report.content = content
        report.findings += findings
        report.iocs = IOCCollector.collect(message, report: report, innerMessages: collected.innerMessages)
    }
}
