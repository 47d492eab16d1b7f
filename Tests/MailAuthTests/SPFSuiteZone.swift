import MailDNS

/// The zone data of one conformance scenario, answering as the suites' own drivers do:
/// names absent are NXDOMAIN; `TIMEOUT` entries time out queries that found nothing before them;
/// CNAMEs are followed (a loop is a server failure).
struct SPFSuiteZone: DNSResolver {
    enum Entry: Sendable {
        case timeout
        case record(DNSRecordData)
    }

    var entries: [String: [Entry]] = [:]

    mutating func add(_ name: String, _ entry: Entry) {
        entries[DNSQuestion.normalize(name), default: []].append(entry)
    }

    /// Replaces the records of one type at `name` (later declarations win, as in a cache).
    mutating func replace(_ name: String, _ type: DNSRecordType, with records: [DNSRecordData]) {
        let key = DNSQuestion.normalize(name)
        var list = entries[key, default: []].filter { if case let .record(data) = $0 { return data.type != type }; return true }
        list += records.map { .record($0) }
        entries[key] = list
    }

    func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        var name = question.name
        var visited = Set<String>()
        while true {
            guard let list = entries[name] else {
                return DNSAnswer(question: question, outcome: visited.isEmpty ? .nxdomain : .nodata, origin: .supplied("test zone"))
            }
            var found = [DNSRecord]()
            var cname: String?
            for entry in list {
                switch entry {
                case .timeout:
                    if found.isEmpty && cname == nil { return DNSAnswer(question: question, outcome: .timeout, origin: .supplied("test zone")) }
                case let .record(data):
                    if data.type == question.type {
                        found.append(DNSRecord(name: name, data: data, origin: .supplied("test zone")))
                    } else if case let .cname(target) = data {
                        cname = DNSQuestion.normalize(target)
                    }
                }
                if case .timeout = entry, !found.isEmpty || cname != nil { break }
            }
            if !found.isEmpty { return DNSAnswer(question: question, outcome: .records(found), origin: .supplied("test zone")) }
            guard let next = cname else { return DNSAnswer(question: question, outcome: .nodata, origin: .supplied("test zone")) }
            visited.insert(name)
            if visited.contains(next) || visited.count > 8 {
                return DNSAnswer(question: question, outcome: .servfail, origin: .supplied("test zone"))
            }
            name = next
        }
    }
}
