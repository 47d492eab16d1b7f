/// How serious a finding is; ordered info < notice < warning < critical.
public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case info, notice, warning, critical

    var rank: Int {
        switch self {
        case .info: return 0
        case .notice: return 1
        case .warning: return 2
        case .critical: return 3
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// How a finding is known: seen directly, correlated from several facts, or inferred.
public enum EvidenceStrength: String, Sendable, Hashable, Codable {
    case direct, correlated, inference
}

/// One piece of evidence: a header line range with an excerpt, a DNS answer with its origin, or a computed value.
public struct Evidence: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case header, dns, computed, body }
    public var kind: Kind
    /// What this evidence shows, in a few words ("DKIM-Signature d=", "SPF record").
    public var label: String
    /// The value or excerpt (sanitized by renderers before display).
    public var value: String
    /// 1-based line range in the message, for header and body evidence.
    public var firstLine: Int?
    public var lastLine: Int?
    /// Where a DNS answer came from (cache file and line, or live server).
    public var origin: String?

    public init(kind: Kind, label: String, value: String, firstLine: Int? = nil, lastLine: Int? = nil, origin: String? = nil) {
        self.kind = kind
        self.label = label
        self.value = value
        self.firstLine = firstLine
        self.lastLine = lastLine
        self.origin = origin
    }
}

/// One observation about a message, written for a help-desk analyst; the detail is in `evidence`.
public struct Finding: Sendable, Hashable, Codable {
    /// Stable dotted identifier, for example `dkim.body-hash-mismatch`.
    public var id: String
    public var severity: Severity
    /// One line, plain language.
    public var title: String
    /// A few sentences for a non-expert: what it means and why it matters.
    public var explanation: String
    public var evidence: [Evidence]
    public var strength: EvidenceStrength
    /// RFC sections or documentation that back the finding.
    public var references: [String]

    public init(id: String, severity: Severity, title: String, explanation: String, evidence: [Evidence] = [],
                strength: EvidenceStrength = .direct, references: [String] = []) {
        self.id = id
        self.severity = severity
        self.title = title
        self.explanation = explanation
        self.evidence = evidence
        self.strength = strength
        self.references = references
    }
}
