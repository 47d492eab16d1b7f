import MailDNS

/// One DNS question asked while evaluating SPF, DMARC or posture records, with a summary of its answer and its origin.
public struct AuthDNSLookup: Sendable, Hashable, Codable {
    /// `name TYPE`.
    public var question: String
    /// The records (joined), or `NXDOMAIN`, `NODATA`, `SERVFAIL`, `timeout`, `unavailable offline`.
    public var answer: String
    public var origin: String?

    public init(question: String, answer: String, origin: String?) {
        self.question = question
        self.answer = answer
        self.origin = origin
    }
}

extension AuthDNSLookup {
    static let unavailableOfflineText = "unavailable offline"

    /// True when the answer was not in the offline data (nothing was learnt).
    public var isUnavailableOffline: Bool { answer == AuthDNSLookup.unavailableOfflineText }

    /// Summarizes `answer` (records of the asked type joined, or the negative outcome).
    init(_ answer: DNSAnswer) {
        self.init(question: answer.question.description, answer: AuthDNSLookup.summary(answer),
                  origin: answer.records.first?.origin.description ?? answer.origin?.description)
    }

    static func summary(_ answer: DNSAnswer) -> String {
        switch answer.outcome {
        case let .records(records):
            let wanted = records.filter { $0.data.type == answer.question.type }
            guard !wanted.isEmpty else { return "NODATA" }
            return wanted.map { record in
                switch record.data {
                case let .txt(strings): return "\"" + strings.joined() + "\""
                case let .a(text), let .aaaa(text): return text
                case let .mx(preference, exchange): return "\(preference) \(exchange)"
                case let .ptr(name), let .cname(name), let .ns(name): return name
                }
            }.joined(separator: ", ")
        case .nxdomain: return "NXDOMAIN"
        case .nodata: return "NODATA"
        case .servfail: return "SERVFAIL"
        case .timeout: return "timeout"
        case .unavailableOffline: return unavailableOfflineText
        }
    }
}
