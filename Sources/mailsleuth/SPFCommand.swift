import ArgumentParser
import Foundation
import MailAuth
import MailDNS
import MailReport

/// `mailsleuth spf`: evaluates SPF (RFC 7208) for one connection, without a message.
struct SPFCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spf",
        abstract: "Check whether a server (IP) may send mail for a sender's domain, by the domain's SPF record.",
        discussion: """
        SPF is the list of servers a domain allows to send its mail, published in DNS. Give the connecting server's IP and the envelope sender (MAIL FROM, the Return-Path address). The result (pass, fail, softfail, neutral, none, temperror, permerror) comes with a plain explanation and the trace of every SPF term tried and every DNS answer used.

        A null sender (<>, as bounces use) is checked as postmaster@HELO, so give --helo with it.

        Offline by default: DNS answers come from --dns-zone files. An answer that is not there makes the result temperror ("could not be checked offline"), never "none".

        Examples:
          mailsleuth spf --ip 192.0.2.25 --mail-from a@service.example --dns-zone c.zone
          mailsleuth spf --ip 2001:db8::25 --mail-from '<>' --helo mta1.example --live
          mailsleuth spf --ip 192.0.2.25 --mail-from a@b.example --format json
        """
    )

    @Option(help: ArgumentHelp("IP address of the server that connected (IPv4 or IPv6).", valueName: "IP"))
    var ip: String

    @Option(name: .customLong("mail-from"), help: ArgumentHelp("Envelope sender (MAIL FROM / Return-Path); <> for a bounce.", valueName: "ADDRESS"))
    var mailFrom: String

    @Option(help: ArgumentHelp("The name the server gave in HELO/EHLO; also checked on its own when it is a domain name.", valueName: "NAME"))
    var helo: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: text or json ({result, explanation, lookups, trace}).", valueName: "FORMAT"))
    var format: OutputFormat = .text

    @OptionGroup(title: "DNS")
    var dns: DNSOptionsGroup

    func validate() throws {
        guard IPAddress(ip) != nil else { throw ValidationError("--ip: '\(ip)' is not an IPv4 or IPv6 address.") }
        guard format == .text || format == .json else { throw ValidationError("--format: spf prints text or json.") }
    }

    mutating func run() async throws {
        guard let address = IPAddress(ip) else { throw ValidationError("--ip: '\(ip)' is not an IP address.") }
        let result = await SPFEvaluator(resolver: try dns.makeResolver()).evaluate(ip: address, mailFrom: mailFrom, helo: helo)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(SPFCommandOutput(result))
            Console.output(String(decoding: data, as: UTF8.self))
        default:
            Console.output(SPFCommand.text(result).split(separator: "\n", omittingEmptySubsequences: false).map { Console.safe(String($0)) }.joined(separator: "\n"))
        }
    }

    /// The terminal text: result, explanation, then the trace indented by depth.
    static func text(_ result: SPFResult) -> String {
        var lines = ["SPF \(result.result.rawValue) for \(result.domain) (\(result.identity)), IP \(result.ip ?? "?")",
                     result.explanation,
                     "DNS-querying terms: \(result.lookups) of 10; lookups that found nothing: \(result.voidLookups) of 2"]
        if let helo = result.heloResult { lines.append("HELO \(result.helo ?? "") checked on its own: \(helo.rawValue)") }
        lines.append("")
        lines.append("Trace:")
        for step in result.trace {
            let indent = String(repeating: "  ", count: step.depth + 1)
            let target = step.target.map { $0 == step.domain && step.term == "record" ? "" : " -> \($0)" } ?? ""
            lines.append("\(indent)[\(step.domain)] \(step.term)\(target): \(step.outcome)")
            for lookup in step.dns {
                let origin = lookup.origin.map { " (\($0))" } ?? ""
                lines.append("\(indent)    \(lookup.question) = \(lookup.answer)\(origin)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The JSON shape of `mailsleuth spf --format json`.
struct SPFCommandOutput: Encodable {
    var result: String
    var domain: String
    var identity: String
    var ip: String?
    var helo: String?
    var heloResult: String?
    var explanation: String
    var reason: String
    var authorityExplanation: String?
    var lookups: Int
    var voidLookups: Int
    var trace: [SPFTraceStep]

    init(_ spf: SPFResult) {
        result = spf.result.rawValue
        domain = spf.domain
        identity = spf.identity
        ip = spf.ip
        helo = spf.helo
        heloResult = spf.heloResult?.rawValue
        explanation = spf.explanation
        reason = spf.reason
        authorityExplanation = spf.authorityExplanation
        lookups = spf.lookups
        voidLookups = spf.voidLookups
        trace = spf.trace
    }
}
