import Foundation
import MailAuth
import MailDNS
import MailParsing

/// Analyzes one message: path, identities, authentication, content, vendor verdicts, findings, verdict.
/// The outside world (DNS, the version string) is injected; nothing here reads the clock or opens a socket.
public struct Analyzer: Sendable {
    public let resolver: any DNSResolver
    public let options: AnalyzerOptions
    public let toolVersion: String

    public init(resolver: any DNSResolver, options: AnalyzerOptions = AnalyzerOptions(), toolVersion: String = "dev") {
        self.resolver = resolver
        self.options = options
        self.toolVersion = toolVersion
    }

    /// Analyzes one parsed message read from `location`.
    public func analyze(_ message: Message, location: MessageLocation) async -> Report {
        let source = SourceInfo(path: location.path, index: location.index, byteOffset: location.byteOffset, kind: location.kind,
                                sha256: Digest.hex(Digest.hash(.sha256, message.bytes)), bytes: message.bytes.count)
        let dates = DateMemo()
        var report = Report(tool: ToolInfo(version: toolVersion), source: source, message: summarize(message, dates: dates))
        report.defects = message.defects
        report.structure = structure(of: message)
        report.defects += message.mimeTree().allDefects
        analyzePath(message, into: &report)
        let at = evaluationTime(message, report: report)
        report.evaluationTime = EvaluationTime(time: UTCTimestamp.string(from: at.date), basis: at.basis)
        let bodyHashes = BodyHashMemo()
        await analyzeDKIM(message, at: at.date, bodyHashes: bodyHashes, into: &report)
        await analyzeARC(message, at: at.date, bodyHashes: bodyHashes, into: &report)
        await analyzeSPF(message, into: &report)
        await analyzeDMARC(message, into: &report)
        await analyzePosture(message, into: &report)
        analyzeRecorded(message, into: &report)
        analyzeIdentities(message, dates: dates, into: &report)
        analyzeContent(message, into: &report)
        analyzeVendorHeaders(message, into: &report)
        report.authentication.authenticationResults = OwnAuthenticationResults.line(report.authentication, mailFrom: report.identities?.envelopeFrom?.address,
                                                                                     fromDomain: report.identities?.from.first?.domain)
        report.verdict = Verdict.rollUp(report.findings)
        return report
    }

    /// Parses and analyzes one input item; an unreadable item becomes a report with an error finding.
    public func analyze(_ item: InputItem) async -> Report {
        guard let bytes = item.bytes else {
            let source = SourceInfo(path: item.location.path, index: item.location.index, byteOffset: item.location.byteOffset,
                                    kind: item.location.kind, sha256: "", bytes: 0)
            var report = Report(tool: ToolInfo(version: toolVersion), source: source, message: MessageSummary())
            report.findings.append(InputFindings.unreadable.finding(explanation: item.error ?? "The input could not be read."))
            report.verdict = Verdict(level: .notice, score: 0, summary: "The message could not be read: \(item.error ?? "unknown reason").")
            return report
        }
        if item.location.kind == .outlookMSG || CompoundFile.hasSignature(bytes) {
            switch OutlookMessage.convert(bytes) {
            case .success(let message):
                // The source is the .msg file as given, not the message rebuilt from it.
                var report = await analyze(message, location: item.location)
                report.source.sha256 = Digest.hex(Digest.hash(.sha256, bytes))
                report.source.bytes = bytes.count
                return report
            case .failure(let error):
                return await analyze(InputItem(location: item.location, bytes: nil, error: "This Outlook .msg file could not be read: \(error.reason)", notes: item.notes))
            }
        }
        return await analyze(MessageParser.parse(item), location: item.location)
    }
}
