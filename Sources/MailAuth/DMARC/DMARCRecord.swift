import Foundation

/// One parsed DMARC policy record (RFC 7489 §6.3, with the DMARCbis tags `np`, `psd` and `t`).
public struct DMARCRecord: Sendable, Hashable, Codable {
    /// What the domain owner asks receivers to do with failing mail (RFC 7489 §6.3 `p`).
    public enum Policy: String, Sendable, Hashable, Codable, Comparable {
        case none, quarantine, reject

        var rank: Int {
            switch self {
            case .none: return 0
            case .quarantine: return 1
            case .reject: return 2
            }
        }

        public static func < (lhs: Policy, rhs: Policy) -> Bool { lhs.rank < rhs.rank }
    }

    /// Identifier alignment mode (RFC 7489 §3.1): `r` relaxed (same organizational domain) or `s` strict (same name).
    public enum AlignmentMode: String, Sendable, Hashable, Codable {
        case relaxed = "r", strict = "s"
    }

    /// The record as published.
    public var text: String
    /// `p`; nil when missing or invalid (RFC 7489 §6.6.3 then decides from `rua`).
    public var policy: Policy?
    /// `sp`: for subdomains of the organizational domain.
    public var subdomainPolicy: Policy?
    /// `np` (DMARCbis): for subdomains that do not exist.
    public var nonExistentPolicy: Policy?
    /// `pct`: the percentage of failing mail the policy applies to (0-100, default 100).
    public var percent: Int = 100
    public var dkimAlignment: AlignmentMode = .relaxed
    public var spfAlignment: AlignmentMode = .relaxed
    /// `rua`: where aggregate reports go.
    public var aggregateReportURIs: [String] = []
    /// `ruf`: where failure reports go.
    public var failureReportURIs: [String] = []
    /// `fo`: failure reporting options (`0`, `1`, `d`, `s`).
    public var failureOptions: [String] = ["0"]
    /// `ri`: the requested aggregate report interval in seconds.
    public var reportInterval: Int = 86400
    /// `psd` (DMARCbis): `y` the record is a public suffix domain's, `n` it is an organizational domain's, `u` unknown.
    public var publicSuffixDomain: String?
    /// `t=y` (DMARCbis): the owner is testing; receivers apply one level less than the policy.
    public var testing = false
    /// Tag values that were invalid and fell back to their default, in plain words.
    public var problems: [String] = []

    /// Parses a record that starts with `v=DMARC1`; a malformed tag list is an error (the result is then permerror).
    public static func parse(_ text: String) -> Result<DMARCRecord, DMARCRecordError> {
        // A sweep meets the same few records in message after message: parse each text once.
        memo.value(for: text, compute: parseUncached)
    }

    private static let memo = MemoCache<Result<DMARCRecord, DMARCRecordError>>()

    static func parseUncached(_ text: String) -> Result<DMARCRecord, DMARCRecordError> {
        var record = DMARCRecord(text: text)
        var parts = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.last?.isEmpty == true { parts.removeLast() }
        guard let first = parts.first, DMARCRecord.isVersionTag(first) else {
            return .failure(DMARCRecordError(reason: "the record does not start with v=DMARC1"))
        }
        var seen = Set<String>()
        for part in parts.dropFirst() {
            guard !part.isEmpty else { continue }
            guard let equals = part.firstIndex(of: "=") else {
                return .failure(DMARCRecordError(reason: "missing tag or value: '\(part)'"))
            }
            let name = part[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = part[part.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                return .failure(DMARCRecordError(reason: "malformed tag name in '\(part)'"))
            }
            guard seen.insert(name).inserted else { continue }
            record.apply(name: name, value: value)
        }
        return .success(record)
    }

    /// `v=DMARC1` with optional white space around `=`.
    static func isVersionTag(_ part: String) -> Bool {
        let squeezed = part.filter { $0 != " " && $0 != "\t" }
        return squeezed == "v=DMARC1"
    }

    private mutating func apply(name: String, value: String) {
        let lowered = value.lowercased()
        switch name {
        case "p":
            policy = Policy(rawValue: lowered)
            if policy == nil { problems.append("p=\(value) is not none, quarantine or reject") }
        case "sp":
            subdomainPolicy = Policy(rawValue: lowered)
            if subdomainPolicy == nil { problems.append("sp=\(value) is not none, quarantine or reject") }
        case "np":
            nonExistentPolicy = Policy(rawValue: lowered)
            if nonExistentPolicy == nil { problems.append("np=\(value) is not none, quarantine or reject") }
        case "pct":
            if let number = Int(value), (0...100).contains(number) { percent = number } else { problems.append("pct=\(value) is not 0-100") }
        case "adkim", "aspf":
            guard let mode = AlignmentMode(rawValue: lowered) else { problems.append("\(name)=\(value) is not r or s"); return }
            if name == "adkim" { dkimAlignment = mode } else { spfAlignment = mode }
        case "rua", "ruf":
            let uris = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if name == "rua" { aggregateReportURIs = uris } else { failureReportURIs = uris }
        case "fo":
            failureOptions = value.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
        case "ri":
            if let seconds = Int(value), seconds >= 0 { reportInterval = seconds } else { problems.append("ri=\(value) is not a number") }
        case "psd":
            if ["y", "n", "u"].contains(lowered) { publicSuffixDomain = lowered } else { problems.append("psd=\(value) is not y, n or u") }
        case "t":
            if lowered == "y" { testing = true } else if lowered != "n" { problems.append("t=\(value) is not y or n") }
        default:
            break
        }
    }

    /// True when at least one `rua` URI is syntactically a URI (RFC 7489 §6.6.3 step 6).
    var hasValidAggregateURI: Bool {
        aggregateReportURIs.contains { uri in
            guard let colon = uri.firstIndex(of: ":") else { return false }
            return colon != uri.startIndex && uri[..<colon].allSatisfy { $0.isASCII && $0.isLetter }
        }
    }
}

/// Why a DMARC record could not be parsed (the result is permerror).
public struct DMARCRecordError: Error, Sendable, Hashable {
    public var reason: String
}
