import ArgumentParser
import Foundation
import MailDNS

/// `mailsleuth dns lookup NAME [TYPE]`: one question, answered from the cache (or live with --live), with its origin.
struct DNSLookupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Answer one DNS question from the cache (or the network with --live) and say where the answer came from.",
        discussion: """
        Offline by default: the answer comes from the default cache and any
        --dns-zone files. --live asks the network (the system's resolvers, or
        --dns-server), with DNSSEC validation when the root trust anchor is
        installed (Debian package dns-root-data); the origin then says secure,
        insecure or bogus.

        Exit status: 0 records were found; 1 any other answer (does not exist,
        no data, failure, not cached).

        Examples:
          mailsleuth dns lookup sel._domainkey.example.com
          mailsleuth dns lookup example.com MX --dns-zone case-42.zone
          mailsleuth dns lookup --live _dmarc.example.com TXT --format json
          mailsleuth dns lookup --live --dns-server 127.0.0.1@5353 \\
              --record case-42.zone sel._domainkey.example.com
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("The domain name to look up, e.g. selector._domainkey.example.com or _dmarc.example.com.", valueName: "NAME"))
    var name: String

    @Argument(help: ArgumentHelp("The record type: TXT (default), A, AAAA, MX, PTR, CNAME or NS.", valueName: "TYPE"))
    var type: DNSRecordType = .txt

    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: text or json.", valueName: "FORMAT"))
    var format: Format = .text

    @OptionGroup(title: "DNS")
    var dns: DNSOptionsGroup

    mutating func run() async throws {
        let question = DNSQuestion(name: name, type: type)
        let answer = await (try dns.makeResolver()).resolve(question)
        switch format {
        case .text: Console.output(Self.text(answer, live: dns.live))
        case .json: Console.output(try Self.json(answer))
        }
        if answer.records.isEmpty { throw ExitCode(1) }
    }

    /// The answer in plain words, every line safe for the terminal.
    static func text(_ answer: DNSAnswer, live: Bool) -> String {
        let question = answer.question
        let asked = "\(ZoneFileWriter.presentationName(question.name)) \(question.type.rawValue)"
        var lines: [String] = []
        switch answer.outcome {
        case let .records(records):
            lines.append("\(asked): \(records.count) record\(records.count == 1 ? "" : "s")")
            for record in records {
                lines.append("  " + ZoneFileWriter.line(.record(name: record.name, ttl: record.ttl, data: record.data)))
                lines.append("      from \(record.origin)")
            }
        case .unavailableOffline:
            lines.append("\(asked): could not be checked offline (no zone file mentions this name and type).")
            if !live {
                lines.append("  Ask the network:      mailsleuth dns lookup --live \(question.name) \(question.type.rawValue)")
                lines.append("  Or paste the record:  mailsleuth dns import --name \(question.name)")
            }
        default:
            lines.append("\(asked): \(describe(answer.outcome, type: question.type))")
        }
        if let origin = answer.origin, answer.records.isEmpty { lines.append("  from \(origin)") }
        return lines.map(Console.safe).joined(separator: "\n")
    }

    static func describe(_ outcome: DNSOutcome, type: DNSRecordType) -> String {
        switch outcome {
        case let .records(records): return "\(records.count) records"
        case .nxdomain: return "the name does not exist (NXDOMAIN)."
        case .nodata: return "the name exists but has no \(type.rawValue) record (NODATA)."
        case .servfail: return "the DNS server failed to answer (SERVFAIL); try again later."
        case .timeout: return "no answer came before the deadline (timeout)."
        case .unavailableOffline: return "could not be checked offline."
        }
    }

    /// The JSON shape of one answer: question, outcome word, records with presentation data and origin.
    struct AnswerJSON: Encodable {
        struct RecordJSON: Encodable {
            var name: String
            var ttl: UInt32?
            var type: String
            var data: String
            var strings: [String]?
            var origin: String
        }
        var name: String
        var type: String
        var outcome: String
        var records: [RecordJSON]
        var origin: String?
    }

    static func json(_ answer: DNSAnswer) throws -> String {
        let outcome: String = switch answer.outcome {
        case .records: "records"
        case .nxdomain: "nxdomain"
        case .nodata: "nodata"
        case .servfail: "servfail"
        case .timeout: "timeout"
        case .unavailableOffline: "unavailableOffline"
        }
        let records = answer.records.map { record -> AnswerJSON.RecordJSON in
            var strings: [String]?
            if case let .txt(parts) = record.data { strings = parts }
            return .init(name: record.name, ttl: record.ttl, type: record.data.type.rawValue,
                         data: ZoneFileWriter.presentation(record.data), strings: strings, origin: record.origin.description)
        }
        let value = AnswerJSON(name: answer.question.name, type: answer.question.type.rawValue, outcome: outcome,
                               records: records, origin: answer.origin?.description)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
