/// A resolver over records given in memory; any other question is "unavailable offline",
/// or NXDOMAIN when `complete` is set. Used by tests and as the building block of the offline cache.
public struct StaticResolver: DNSResolver {
    public let answers: [DNSQuestion: DNSOutcome]
    public let complete: Bool

    public init(answers: [DNSQuestion: DNSOutcome], complete: Bool = false) {
        self.answers = answers
        self.complete = complete
    }

    /// Convenience: TXT records by name.
    public init(txt: [String: String], complete: Bool = true) {
        var map: [DNSQuestion: DNSOutcome] = [:]
        for (name, value) in txt {
            let q = DNSQuestion(name: name, type: .txt)
            map[q] = .records([DNSRecord(name: name, data: .txt([value]), origin: .supplied("test data"))])
        }
        self.init(answers: map, complete: complete)
    }

    public func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        if let outcome = answers[question] {
            return DNSAnswer(question: question, outcome: outcome, origin: .supplied("test data"))
        }
        return DNSAnswer(question: question, outcome: complete ? .nxdomain : .unavailableOffline)
    }
}
