/// The catalogue entry of one finding: what triggers it, what it means, what to do.
/// Each check declares its specs beside the code that emits them; `FindingCatalogue.all` gathers them and
/// Docs/findings.md is generated from it (a test keeps the two in step).
public struct FindingSpec: Sendable, Hashable {
    public var id: String
    public var severity: Severity
    public var title: String
    /// What makes the check emit it.
    public var trigger: String
    /// What it means, for a help-desk analyst.
    public var meaning: String
    /// What to do about it.
    public var action: String
    public var strength: EvidenceStrength
    public var references: [String]

    public init(id: String, severity: Severity, title: String, trigger: String, meaning: String, action: String,
                strength: EvidenceStrength = .direct, references: [String] = []) {
        self.id = id
        self.severity = severity
        self.title = title
        self.trigger = trigger
        self.meaning = meaning
        self.action = action
        self.strength = strength
        self.references = references
    }

    /// A finding of this kind; `explanation` defaults to the catalogue's meaning, `severity` may be raised or lowered.
    public func finding(explanation: String? = nil, evidence: [Evidence] = [], severity: Severity? = nil, title: String? = nil) -> Finding {
        Finding(id: id, severity: severity ?? self.severity, title: title ?? self.title, explanation: explanation ?? meaning,
                evidence: evidence, strength: strength, references: references)
    }
}
