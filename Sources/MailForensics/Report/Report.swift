import MailAuth
import MailParsing

/// Everything the analyzer found about one message. A plain `Codable` value; renderers lay it out.
/// The JSON schema is documented in Docs/json-schema.md; bump `Report.schemaVersion` on any breaking change.
public struct Report: Sendable, Codable {
    public static let schemaVersion = "1.0"

    public var schemaVersion: String = Report.schemaVersion
    public var tool: ToolInfo
    public var source: SourceInfo
    public var message: MessageSummary
    /// The MIME part tree, top part first.
    public var structure: MIMEPartSummary?
    public var defects: [ParseDefect]
    public var path: ReceivedPath?
    public var identities: IdentityReport?
    public var authentication: AuthenticationReport
    public var posture: PostureReport?
    public var vendorVerdicts: [VendorVerdict]
    public var content: ContentReport?
    public var iocs: IOCList?
    public var findings: [Finding]
    public var verdict: Verdict
    /// Every DNS answer the analysis used, with its origin.
    public var dnsUsed: [DNSUse]
    /// When signatures and policies were judged (ISO 8601, UTC), and why that time.
    public var evaluationTime: EvaluationTime?

    public init(tool: ToolInfo, source: SourceInfo, message: MessageSummary) {
        self.tool = tool
        self.source = source
        self.message = message
        self.structure = nil
        self.defects = []
        self.path = nil
        self.identities = nil
        self.authentication = AuthenticationReport()
        self.posture = nil
        self.vendorVerdicts = []
        self.content = nil
        self.iocs = nil
        self.findings = []
        self.verdict = Verdict(level: .clean, score: 0, summary: "")
        self.dnsUsed = []
        self.evaluationTime = nil
    }
}

/// The program that wrote the report.
public struct ToolInfo: Sendable, Hashable, Codable {
    public var name: String
    public var version: String
    public init(name: String = "mailsleuth", version: String) {
        self.name = name
        self.version = version
    }
}

/// Where the analyzed message came from.
public struct SourceInfo: Sendable, Hashable, Codable {
    public var path: String
    public var index: Int
    public var byteOffset: Int
    public var kind: InputKind
    public var sha256: String
    public var bytes: Int

    public init(path: String, index: Int, byteOffset: Int, kind: InputKind, sha256: String, bytes: Int) {
        self.path = path
        self.index = index
        self.byteOffset = byteOffset
        self.kind = kind
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// The headline facts of the message, decoded for reading.
public struct MessageSummary: Sendable, Hashable, Codable {
    public var from: String?
    public var to: String?
    public var subject: String?
    /// The Date: field as written.
    public var dateRaw: String?
    /// The Date: field normalized to UTC, ISO 8601; nil when it could not be read.
    public var date: String?
    public var messageId: String?
    public var returnPath: String?

    public init(from: String? = nil, to: String? = nil, subject: String? = nil, dateRaw: String? = nil, date: String? = nil,
                messageId: String? = nil, returnPath: String? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.dateRaw = dateRaw
        self.date = date
        self.messageId = messageId
        self.returnPath = returnPath
    }
}

/// One node of the MIME tree.
public struct MIMEPartSummary: Sendable, Hashable, Codable {
    public var contentType: String
    public var filename: String?
    public var transferEncoding: String?
    public var bytes: Int
    public var children: [MIMEPartSummary]
    /// The charset parameter, when the part has one.
    public var charset: String?
    /// `inline`, `attachment`, or what the sender wrote; nil without Content-Disposition.
    public var disposition: String?
    /// 1-based line range of the part in the message.
    public var firstLine: Int?
    public var lastLine: Int?

    public init(contentType: String, filename: String? = nil, transferEncoding: String? = nil, bytes: Int, children: [MIMEPartSummary] = [],
                charset: String? = nil, disposition: String? = nil, firstLine: Int? = nil, lastLine: Int? = nil) {
        self.contentType = contentType
        self.filename = filename
        self.transferEncoding = transferEncoding
        self.bytes = bytes
        self.children = children
        self.charset = charset
        self.disposition = disposition
        self.firstLine = firstLine
        self.lastLine = lastLine
    }
}

/// Results of re-verification and what the receivers recorded.
public struct AuthenticationReport: Sendable, Codable {
    public var dkim: [DKIMResult] = []
    /// DomainKey-Signature fields (RFC 4870, historic), verified for explanation only; never used by DMARC.
    public var domainKeys: [DKIMResult] = []
    public var arc: ARCResult?
    public var spf: SPFResult?
    public var dmarc: DMARCResult?
    public var recorded: [RecordedAuthentication] = []
    /// Our own re-verification as an RFC 8601 Authentication-Results field value.
    public var authenticationResults: String?

    public init() {}
}

/// One DNS answer the analysis relied on.
public struct DNSUse: Sendable, Hashable, Codable {
    public var question: String
    public var outcome: String
    public var origin: String?

    public init(question: String, outcome: String, origin: String?) {
        self.question = question
        self.outcome = outcome
        self.origin = origin
    }
}

/// The time at which signatures and policies were judged.
public struct EvaluationTime: Sendable, Hashable, Codable {
    public var time: String
    /// `option` (--at), `delivery` (Received path), `date-header`, or `now`.
    public var basis: String

    public init(time: String, basis: String) {
        self.time = time
        self.basis = basis
    }
}
