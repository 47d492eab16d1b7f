/// What the message carries: attachments by what they really are, links by where they really go.
public struct ContentReport: Sendable, Hashable, Codable {
    /// Every leaf part that is an attachment or inline non-text content, inner messages included, in message order.
    public var attachments: [AttachmentInfo] = []
    /// Every link found in text and HTML parts (and HTML attachments), deduplicated by target and place.
    public var links: [LinkInfo] = []
    /// Where attachments were written when the analyst asked for it (`--extract`); nil otherwise.
    public var extractedTo: String?
    /// What could not be done (an attachment that could not be written), in plain words.
    public var problems: [String] = []

    public init() {}
}

/// One attachment or inline non-text part (RFC 2183 disposition; RFC 2045 content type).
public struct AttachmentInfo: Sendable, Hashable, Codable {
    /// Position in the MIME tree ("2", "2.1", "3/1.2" for a part inside an attached message).
    public var part: String
    /// The file name, RFC 2231 / RFC 2047 decoded; nil when the part has none.
    public var filename: String?
    /// The declared media type (Content-Type), lower case, without parameters.
    public var declaredType: String?
    /// `attachment`, `inline`, or nil when the part has no Content-Disposition.
    public var disposition: String?
    /// What the bytes really are (libmagic).
    public var realType: FileType
    /// Decoded size in bytes.
    public var size: Int
    public var sha256: String
    public var sha1: String
    public var md5: String
    /// Kinds of concern found (`executable`, `double-extension`, `type-mismatch`...); the findings explain them.
    public var concerns: [String] = []
    /// For ZIP archives: the member names from the central directory (never decompressed).
    public var archiveMembers: [ArchiveMember]?
    /// Where `--extract` wrote the decoded bytes.
    public var extractedPath: String?

    public init(part: String, filename: String?, declaredType: String?, disposition: String?, realType: FileType, size: Int,
                sha256: String, sha1: String, md5: String) {
        self.part = part
        self.filename = filename
        self.declaredType = declaredType
        self.disposition = disposition
        self.realType = realType
        self.size = size
        self.sha256 = sha256
        self.sha1 = sha1
        self.md5 = md5
    }
}

/// One member of an archive, as its directory lists it.
public struct ArchiveMember: Sendable, Hashable, Codable {
    public var name: String
    public var size: Int?
    public var encrypted: Bool

    public init(name: String, size: Int?, encrypted: Bool) {
        self.name = name
        self.size = size
        self.encrypted = encrypted
    }
}

/// One link: where it goes and, for HTML links, what the reader sees.
public struct LinkInfo: Sendable, Hashable, Codable {
    /// The target as written (entities decoded).
    public var url: String
    /// The host of the target, lower case; nil for `mailto:`, `data:`, `javascript:` and relative links.
    public var host: String?
    /// Visible text of an HTML anchor, white space collapsed.
    public var text: String?
    /// Where it was found: `href`, `src`, `form-action`, `meta-refresh`, `text`.
    public var source: String
    /// The part it was found in (same numbering as attachments).
    public var part: String
    /// Kinds of concern found (`text-mismatch`, `shortener`, `ip-host`, `punycode`...).
    public var concerns: [String] = []

    public init(url: String, host: String?, text: String?, source: String, part: String) {
        self.url = url
        self.host = host
        self.text = text
        self.source = source
        self.part = part
    }
}
