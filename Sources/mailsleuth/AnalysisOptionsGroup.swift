import ArgumentParser
import Foundation
import MailForensics

/// Options that change how messages are judged; shared by `analyze` and `sweep`.
struct AnalysisOptionsGroup: ParsableArguments {
    @Option(help: ArgumentHelp("Judge signatures and policies at this time (ISO 8601, e.g. 2024-05-01T12:00:00Z, or Unix seconds) instead of the delivery time.", valueName: "TIME"))
    var at: String?

    @Flag(help: "Let rsa-sha1 signatures and RSA keys under 1024 bits pass, as older verifiers do (RFC 8301 forbids it).")
    var acceptSHA1 = false

    @Option(name: .customLong("trusted-sealer"), help: ArgumentHelp("Believe what this ARC sealer recorded (repeatable).", valueName: "DOMAIN"))
    var trustedSealers: [String] = []

    @Option(name: .customLong("trusted-authserv"), help: ArgumentHelp("Believe Authentication-Results written by this authserv-id (repeatable).", valueName: "ID"))
    var trustedAuthserv: [String] = []

    @Option(name: .customLong("internal-host"), help: ArgumentHelp("A host name of your own organization's mail servers; marks the trust boundary (repeatable).", valueName: "HOST"))
    var internalHosts: [String] = []

    @Option(help: ArgumentHelp("Connecting IP for SPF, instead of the one found in the Received path.", valueName: "IP"))
    var ip: String?

    @Option(help: ArgumentHelp("HELO/EHLO name for SPF, instead of the one found in the Received path.", valueName: "NAME"))
    var helo: String?

    @Option(name: .customLong("mail-from"), help: ArgumentHelp("Envelope sender (MAIL FROM) for SPF, instead of Return-Path.", valueName: "ADDRESS"))
    var mailFrom: String?

    @Option(help: ArgumentHelp("Public Suffix List file (default: the system's copy).", valueName: "FILE"))
    var psl: String?

    @Flag(name: .customLong("dmarc-tree-walk"), help: "Find the From domain's organization by walking up its _dmarc records (DMARCbis) instead of the Public Suffix List.")
    var dmarcTreeWalk = false

    @Option(help: ArgumentHelp("Write each attachment, decoded, into this directory (created if missing), e.g. to submit it to a sandbox. Names are made safe (no path separators, '..', control or bidi characters), files are never overwritten and never executable. Off by default: nothing is written unless you ask.", valueName: "DIR"))
    var extract: String?

    func validate() throws {
        if let at, parseTime(at) == nil {
            throw ValidationError("--at: '\(at)' is not a time; use ISO 8601 (2024-05-01T12:00:00Z) or Unix seconds.")
        }
    }

    func analyzerOptions() -> AnalyzerOptions {
        var options = AnalyzerOptions()
        options.evaluationTime = at.flatMap(parseTime)
        options.acceptSHA1 = acceptSHA1
        options.trustedSealers = trustedSealers
        options.trustedAuthservIDs = trustedAuthserv
        options.internalHosts = internalHosts
        options.connectingIP = ip
        options.helo = helo
        options.mailFrom = mailFrom
        options.publicSuffixListPath = psl
        options.dmarcTreeWalk = dmarcTreeWalk
        options.extractDirectory = extract
        return options
    }

    private func parseTime(_ text: String) -> Date? {
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }
}
