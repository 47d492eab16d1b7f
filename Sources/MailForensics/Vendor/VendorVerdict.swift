/// A spam or phishing verdict recorded by a vendor's filter, decoded (Microsoft, SpamAssassin, rspamd, Proofpoint,
/// Mimecast, Barracuda, Cisco, Google). The meaning of each code comes from `VendorCodeBook`.
public struct VendorVerdict: Sendable, Hashable, Codable {
    /// What the filter concluded, in one word.
    public enum Assessment: String, Sendable, Hashable, Codable {
        case phishing, malware, spam, bulk, suspicious, clean, allowlisted, informational
    }

    public var vendor: String
    public var field: String
    public var headerLine: Int
    public var lastLine: Int?
    /// The field value as written (unfolded, shortened to 1,000 characters).
    public var raw: String
    public var assessment: Assessment
    /// One sentence in plain language.
    public var summary: String
    /// True when the receiving organization (or its filter) wrote the field; false when it sits where the sender
    /// could have written it, so it proves nothing.
    public var trusted: Bool
    /// Each code decoded, in the order written.
    public var codes: [VendorCode]

    public init(vendor: String, field: String, headerLine: Int) {
        self.vendor = vendor
        self.field = field
        self.headerLine = headerLine
        self.raw = ""
        self.assessment = .informational
        self.summary = ""
        self.trusted = true
        self.codes = []
    }
}

/// One code of a vendor header (`SCL:5`, `SFV:SPM`, `BAYES_99`) and what it means.
public struct VendorCode: Sendable, Hashable, Codable {
    /// Where the meaning of a code comes from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// The vendor's published documentation.
        case documentation
        /// Observed in the field (vendor does not document it, or documents it vaguely).
        case observed
    }

    public var key: String
    public var value: String
    /// What it means, in plain language; nil when the code is not in the code book.
    public var meaning: String?
    public var source: Source?
    /// How this code weighs: nil neutral, else the severity it suggests on its own.
    public var signal: Severity?

    public init(key: String, value: String, meaning: String? = nil, source: Source? = nil, signal: Severity? = nil) {
        self.key = key
        self.value = value
        self.meaning = meaning
        self.source = source
        self.signal = signal
    }
}
