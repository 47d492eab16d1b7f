import Foundation

/// DNSSEC validation status of a live answer.
public enum DNSSECStatus: String, Sendable, Hashable, Codable {
    case secure, insecure, bogus, unknown
}

/// Where a DNS answer came from, so a finding can cite it.
public enum DNSOrigin: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A line of a zone-file cache.
    case cache(file: String, line: Int)
    /// A live lookup.
    case live(server: String, time: Date, ttl: UInt32?, dnssec: DNSSECStatus)
    /// Supplied directly by the caller (tests, a command-line option).
    case supplied(String)

    public var description: String {
        switch self {
        case let .cache(file, line): return "cache \(file):\(line)"
        case let .live(server, time, ttl, dnssec):
            let ttlText = ttl.map { " ttl \($0)" } ?? ""
            return "live \(server) at \(ISO8601DateFormatter().string(from: time))\(ttlText) dnssec \(dnssec.rawValue)"
        case let .supplied(what): return what
        }
    }
}

/// The data of one resource record.
public enum DNSRecordData: Sendable, Hashable, Codable {
    /// TXT: the character-strings in order (concatenate them for DKIM and SPF).
    case txt([String])
    case a(String)
    case aaaa(String)
    case mx(preference: Int, exchange: String)
    case ptr(String)
    case cname(String)
    case ns(String)

    public var type: DNSRecordType {
        switch self {
        case .txt: return .txt
        case .a: return .a
        case .aaaa: return .aaaa
        case .mx: return .mx
        case .ptr: return .ptr
        case .cname: return .cname
        case .ns: return .ns
        }
    }
}

/// One resource record with where it came from.
public struct DNSRecord: Sendable, Hashable, Codable {
    public var name: String
    public var ttl: UInt32?
    public var data: DNSRecordData
    public var origin: DNSOrigin

    public init(name: String, ttl: UInt32? = nil, data: DNSRecordData, origin: DNSOrigin) {
        self.name = DNSQuestion.normalize(name)
        self.ttl = ttl
        self.data = data
        self.origin = origin
    }

    /// For TXT records, the character-strings joined; nil otherwise.
    public var txtJoined: String? {
        if case let .txt(strings) = data { return strings.joined() }
        return nil
    }
}

/// The outcome of one DNS question. An offline miss is never NXDOMAIN.
public enum DNSOutcome: Sendable, Hashable, Codable {
    case records([DNSRecord])
    case nxdomain
    case nodata
    case servfail
    case timeout
    /// Not in any cache and live DNS was not allowed: "could not be checked offline".
    case unavailableOffline
}

/// The answer to one question, with its origin (for negative answers: where that negative came from).
public struct DNSAnswer: Sendable, Hashable, Codable {
    public var question: DNSQuestion
    public var outcome: DNSOutcome
    public var origin: DNSOrigin?

    public init(question: DNSQuestion, outcome: DNSOutcome, origin: DNSOrigin? = nil) {
        self.question = question
        self.outcome = outcome
        self.origin = origin
    }

    /// The records, or an empty array for any negative outcome.
    public var records: [DNSRecord] {
        if case let .records(r) = outcome { return r }
        return []
    }

    /// True for SERVFAIL and timeout (RFC 7208/6376 "temperror" material).
    public var isTemporaryFailure: Bool {
        switch outcome {
        case .servfail, .timeout: return true
        default: return false
        }
    }
}

/// Answers DNS questions. Implementations: offline zone files, live libunbound, recording, tests.
public protocol DNSResolver: Sendable {
    func resolve(_ question: DNSQuestion) async -> DNSAnswer
}
