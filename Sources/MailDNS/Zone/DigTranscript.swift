import Foundation

/// Reads the comment lines of pasted `dig` output (the `->>HEADER<<-` status and the QUESTION SECTION)
/// to record negative answers, which dig shows only in comments (RFC 1035 §4.1.1 RCODE).
public enum DigTranscript {
    /// One question dig asked and the status it got.
    public struct Exchange: Sendable, Hashable {
        public var status: String
        public var question: DNSQuestion
    }

    /// Every (status, question) pair in the text, in order.
    public static func exchanges(in text: String) -> [Exchange] {
        var exchanges: [Exchange] = []
        var status: String?
        var expectQuestion = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.contains("->>HEADER<<-"), let range = line.range(of: "status: ") {
                status = String(line[range.upperBound...].prefix { $0.isLetter || $0.isNumber }).uppercased()
                continue
            }
            if line.hasPrefix(";; QUESTION SECTION:") { expectQuestion = true; continue }
            guard expectQuestion, line.hasPrefix(";"), !line.hasPrefix(";;") else { continue }
            expectQuestion = false
            let fields = line.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let status, fields.count >= 2, let type = DNSRecordType(rawValue: fields[fields.count - 1].uppercased()) else { continue }
            exchanges.append(Exchange(status: status, question: DNSQuestion(name: String(fields[0]), type: type)))
        }
        return exchanges
    }

    /// The directives for the negative answers in the transcript: NXDOMAIN, SERVFAIL, and NODATA (NOERROR
    /// with no record of the asked type, nor a CNAME, among `records`).
    public static func negativeEntries(in text: String, records: [ZoneEntry.Kind]) -> [ZoneEntry.Kind] {
        var entries: [ZoneEntry.Kind] = []
        for exchange in exchanges(in: text) {
            let question = exchange.question
            let kind: ZoneEntry.Kind?
            switch exchange.status {
            case "NXDOMAIN":
                kind = .nxdomain(name: question.name)
            case "SERVFAIL":
                kind = .servfail(name: question.name, type: question.type)
            case "NOERROR":
                let answered = records.contains {
                    guard case let .record(name, _, data) = $0 else { return false }
                    return name == question.name && (data.type == question.type || data.type == .cname)
                }
                kind = answered ? nil : .nodata(name: question.name, type: question.type)
            default:
                kind = nil
            }
            if let kind, !entries.contains(kind) { entries.append(kind) }
        }
        return entries
    }
}
