import Foundation

/// Answers from zone files only (RFC 1035 §5 master files plus mailsleuth's directives); never touches the network.
/// A name the files say nothing about is "unavailable offline", never NXDOMAIN, unless a `$COMPLETE` covers it.
public struct OfflineResolver: DNSResolver {
    /// The merged contents of the files, later files adding to earlier ones.
    let index: ZoneIndex
    public let files: [ZoneFile]

    /// Builds the resolver over parsed files; later files add to earlier ones.
    public init(files: [ZoneFile]) {
        self.files = files
        self.index = ZoneIndex(files: files)
    }

    /// Reads each path; throws every error of every file, each with file and line.
    public init(paths: [String]) throws(ZoneFileError) {
        var files: [ZoneFile] = []
        var issues: [ZoneFileIssue] = []
        for path in paths {
            do {
                files.append(try ZoneFile(contentsOf: path))
            } catch {
                issues += error.issues
            }
        }
        guard issues.isEmpty else { throw ZoneFileError(issues: issues) }
        self.init(files: files)
    }

    public func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        answer(question)
    }

    /// The synchronous lookup behind `resolve`.
    public func answer(_ question: DNSQuestion) -> DNSAnswer {
        let (outcome, origin) = index.lookup(question.name, question.type, depth: 0)
        return DNSAnswer(question: question, outcome: outcome, origin: origin)
    }
}

/// The records and negative answers of several zone files, by name and type.
struct ZoneIndex: Sendable {
    var records: [DNSQuestion: [DNSRecord]] = [:]
    var negatives: [DNSQuestion: (DNSOutcome, DNSOrigin)] = [:]
    var nxdomains: [String: DNSOrigin] = [:]
    /// Every owner name and its ancestors (empty non-terminals exist too, RFC 8020 §2).
    var existingNames: Set<String> = []
    var completeScopes: [(scope: String, origin: DNSOrigin)] = []

    /// Longest CNAME chain followed inside the cache.
    static let maximumChain = 8

    init(files: [ZoneFile]) {
        var seenData: [DNSQuestion: Set<DNSRecordData>] = [:]
        for file in files {
            for entry in file.entries {
                let origin = DNSOrigin.cache(file: file.file, line: entry.line)
                switch entry.kind {
                case let .record(name, ttl, data):
                    let key = DNSQuestion(name: name, type: data.type)
                    guard seenData[key, default: []].insert(data).inserted else { continue }
                    records[key, default: []].append(DNSRecord(name: name, ttl: ttl, data: data, origin: origin))
                    existingNames.formUnion(DNSName.selfAndAncestors(name))
                case let .nxdomain(name):
                    if nxdomains[name] == nil { nxdomains[name] = origin }
                case let .nodata(name, type):
                    setNegative(DNSQuestion(name: name, type: type), .nodata, origin)
                    existingNames.formUnion(DNSName.selfAndAncestors(name))
                case let .servfail(name, type):
                    setNegative(DNSQuestion(name: name, type: type), .servfail, origin)
                case let .timeout(name, type):
                    setNegative(DNSQuestion(name: name, type: type), .timeout, origin)
                case let .complete(scope):
                    completeScopes.append((scope, origin))
                }
            }
        }
    }

    private mutating func setNegative(_ question: DNSQuestion, _ outcome: DNSOutcome, _ origin: DNSOrigin) {
        if negatives[question] == nil { negatives[question] = (outcome, origin) }
    }

    /// Records first, then an explicit negative, then NXDOMAIN (also below an NXDOMAIN name, RFC 8020),
    /// then a CNAME to follow, then `$COMPLETE`; otherwise unavailable offline.
    func lookup(_ name: String, _ type: DNSRecordType, depth: Int) -> (DNSOutcome, DNSOrigin?) {
        let question = DNSQuestion(name: name, type: type)
        if let found = records[question], let first = found.first {
            return (.records(found), first.origin)
        }
        if let (outcome, origin) = negatives[question] {
            return (outcome, origin)
        }
        let exists = existingNames.contains(name)
        if !exists {
            for ancestor in DNSName.selfAndAncestors(name) {
                if let origin = nxdomains[ancestor] { return (.nxdomain, origin) }
            }
        }
        if type != .cname, let alias = records[DNSQuestion(name: name, type: .cname)]?.first, case let .cname(target) = alias.data {
            guard depth < Self.maximumChain else { return (.servfail, alias.origin) }
            let (outcome, origin) = lookup(target, type, depth: depth + 1)
            if case let .records(targetRecords) = outcome {
                return (.records([alias] + targetRecords), alias.origin)
            }
            return (outcome, origin)
        }
        if let scope = completeScopes.first(where: { DNSName.isAtOrBelow(name, $0.scope) }) {
            return (exists ? .nodata : .nxdomain, scope.origin)
        }
        return (.unavailableOffline, nil)
    }
}
