/// Asks the wrapped resolver at most once per question for the life of this value (one run), sharing
/// lookups in flight: a mailbox signed with the same DKIM key costs one query.
public actor MemoizingResolver: DNSResolver {
    public let base: any DNSResolver
    private var answers: [DNSQuestion: Task<DNSAnswer, Never>] = [:]

    public init(_ base: any DNSResolver) {
        self.base = base
    }

    public func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        if let pending = answers[question] { return await pending.value }
        let base = self.base
        let task = Task { await base.resolve(question) }
        answers[question] = task
        return await task.value
    }
}
