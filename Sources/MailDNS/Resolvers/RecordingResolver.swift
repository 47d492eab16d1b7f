import Foundation

/// Wraps a live resolver and appends every answer, negative ones too, to a zone file so the investigation
/// can be replayed offline (`OfflineResolver` reads the file back to the same answers). An actor: lookups may
/// run concurrently, lines are written one answer at a time.
public actor RecordingResolver: DNSResolver {
    public let base: any DNSResolver
    public let appender: ZoneFileAppender
    private var written: Set<DNSQuestion> = []
    /// Answers that could not be written (disk full, file removed), for the caller to report.
    public private(set) var failures: [String] = []

    /// Opens (or creates) `path` and writes a capture header naming `source` and `time`.
    public init(wrapping base: any DNSResolver, path: String, source: String, time: Date) throws {
        self.base = base
        self.appender = ZoneFileAppender(path: path)
        try appender.begin(source: source, time: time)
    }

    public func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        let answer = await base.resolve(question)
        record(answer)
        return answer
    }

    private func record(_ answer: DNSAnswer) {
        guard let text = Self.text(for: answer), written.insert(answer.question).inserted else { return }
        do {
            try appender.append(text)
        } catch {
            failures.append("\(answer.question): \(error.localizedDescription)")
        }
    }

    /// The lines recording one answer: a comment with its live origin, then records or a directive.
    /// Nil for what cannot be replayed (an offline miss, or a name that is not a valid DNS name).
    public static func text(for answer: DNSAnswer) -> String? {
        let question = answer.question
        guard DNSName.isValid(question.name) else { return nil }
        let kinds: [ZoneEntry.Kind]
        switch answer.outcome {
        case let .records(records):
            let valid = records.filter { DNSName.isValid($0.name) && $0.data.isWritable }
            guard !valid.isEmpty else { return nil }
            kinds = valid.map { .record(name: $0.name, ttl: $0.ttl, data: $0.data) }
        case .nxdomain: kinds = [.nxdomain(name: question.name)]
        case .nodata: kinds = [.nodata(name: question.name, type: question.type)]
        case .servfail: kinds = [.servfail(name: question.name, type: question.type)]
        case .timeout: kinds = [.timeout(name: question.name, type: question.type)]
        case .unavailableOffline: return nil
        }
        let comment = "; \(ZoneFileWriter.commentSafe(question.description))" + (answer.origin.map { ": \(ZoneFileWriter.commentSafe($0.description))" } ?? "")
        return comment + "\n" + ZoneFileWriter.text(kinds)
    }
}

extension DNSRecordData {
    /// True when the data can be written to and read back from a zone file unchanged.
    var isWritable: Bool {
        switch self {
        case let .txt(strings): return !strings.isEmpty
        case .a, .aaaa: return true
        case let .mx(_, name), let .ptr(name), let .cname(name), let .ns(name): return DNSName.isValid(name)
        }
    }
}
