import MailParsing

/// One DKIM-Signature header field, parsed and checked for syntax (RFC 6376 §3.5).
///
/// Two-stage: `try DKIMSignature(field)` either yields a whole, well-formed signature or throws a
/// `ParseError` carrying the reason (a permerror); whether it verifies is `DKIMVerifier`'s question.
public struct DKIMSignature: Sendable, Hashable {
    /// Why a DKIM-Signature field is unusable (each is a permerror, RFC 6376 §6.1.1).
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// A short reason code (`syntax`, `missing-tag`, `unsupported-version`, ...).
        public var code: String
        public var detail: String
        /// The tags that could be read despite the error (for reporting `d=` and `s=`).
        public var domain: String?
        public var selector: String?
        public var description: String { detail }
    }

    /// The field this signature was read from.
    public let field: HeaderField
    public let algorithm: SignatureVerifier.Algorithm
    /// `b=` decoded.
    public let signature: [UInt8]
    /// `bh=` decoded.
    public let bodyHash: [UInt8]
    public let headerCanonicalization: DKIMCanonicalization
    public let bodyCanonicalization: DKIMCanonicalization
    /// `d=` as written.
    public let domain: String
    /// `h=` names as written, in order.
    public let signedHeaders: [String]
    /// `i=` decoded (defaults to `@d`).
    public let identity: String
    /// `l=`, when present.
    public let bodyLength: Int?
    /// `s=`.
    public let selector: String
    /// `t=` and `x=`, seconds since 1970.
    public let timestamp: Int64?
    public let expiration: Int64?
    /// `z=` copied header fields, decoded (diagnostics only).
    public let copiedHeaders: [String]
    /// Set when `v=` is missing or not `1`: the signature is readable but must be a permerror (RFC 6376 §6.1.1).
    public let versionProblem: ParseError?
    /// Where the `b=` value stands in `field.raw` (emptied for hashing, §3.7).
    public let bValueRange: Range<Int>

    public init(_ field: HeaderField) throws(ParseError) {
        self.field = field
        let list: TagList
        do {
            list = try TagList(parsing: field.raw[Swift.min(field.colonOffset + 1, field.raw.count)...])
        } catch {
            throw ParseError(code: "syntax", detail: "the signature is not a valid tag list: \(error)")
        }
        let domain = list["d"]
        let selector = list["s"]
        func fail(_ code: String, _ detail: String) -> ParseError {
            ParseError(code: code, detail: detail, domain: domain, selector: selector)
        }
        for required in ["a", "b", "bh", "d", "h", "s"] where list[required] == nil {
            throw fail("missing-tag", "the required tag \(required)= is missing")
        }
        // v= missing or not 1 (pre-RFC 4871 drafts): still read, so the verifier can show whether the
        // signature is mathematically valid, but the outcome is a permerror (RFC 6376 §6.1.1).
        if let version = list["v"] {
            versionProblem = version == "1" ? nil : fail("unsupported-version", "v=\(version) is not 1 (a pre-standard draft signature?)")
        } else {
            versionProblem = fail("missing-tag", "the required tag v= is missing (a pre-standard draft signature?)")
        }
        guard let aText = list["a"], let algorithm = SignatureVerifier.Algorithm(rawValue: aText.lowercased()) else {
            throw fail("unsupported-algorithm", "a=\(list["a"] ?? "") is not an algorithm this verifier knows (rsa-sha256, rsa-sha1, ed25519-sha256)")
        }
        self.algorithm = algorithm
        let raw = field.raw
        guard let bTag = list.tag("b"), let signature = Base64.decode(raw[bTag.valueRange]), !signature.isEmpty else {
            throw fail("syntax", "b= is empty or not valid base64")
        }
        self.signature = signature
        self.bValueRange = bTag.valueRange
        guard let bhTag = list.tag("bh"), let bodyHash = Base64.decode(raw[bhTag.valueRange]), !bodyHash.isEmpty else {
            throw fail("syntax", "bh= is empty or not valid base64")
        }
        self.bodyHash = bodyHash
        // c=: header[/body], default simple/simple.
        let c = TagList.removingWhitespace(list["c"] ?? "simple/simple").lowercased()
        let parts = c.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let header = DKIMCanonicalization(rawValue: String(parts[0])),
              let body = parts.count == 2 ? DKIMCanonicalization(rawValue: String(parts[1])) : .simple
        else { throw fail("unsupported-canonicalization", "c=\(c) is not simple or relaxed") }
        headerCanonicalization = header
        bodyCanonicalization = body
        guard let d = domain, Self.isDomainName(d) else {
            throw fail("syntax", "d=\(domain ?? "") is not a valid domain name")
        }
        self.domain = d
        guard let s = selector, Self.isSelector(s) else {
            throw fail("syntax", "s=\(selector ?? "") is not a valid selector")
        }
        self.selector = s
        let names = TagList.split(list["h"] ?? "", separator: 0x3A, omittingEmpty: false)
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty && Self.isFieldName($0) }) else {
            throw fail("syntax", "h= is not a colon-separated list of header field names")
        }
        guard names.contains(where: { $0.lowercased() == "from" }) else {
            throw fail("from-not-signed", "h= does not include From, which RFC 6376 §5.4 requires")
        }
        signedHeaders = names
        // i=: dkim-quoted-printable, must be within d=.
        let identity = list["i"].map { Self.decodeQuotedPrintable(TagList.removingWhitespace($0)) } ?? "@\(d)"
        let identityBytes = Array(identity.utf8)
        guard let at = identityBytes.lastIndex(of: 0x40) else {
            throw fail("bad-identity", "i=\(identity) has no @domain part")
        }
        let identityDomain = String(decoding: identityBytes[(at + 1)...], as: UTF8.self).lowercased()
        let lowerD = d.lowercased()
        guard identityDomain == lowerD || identityDomain.hasSuffix("." + lowerD) else {
            throw fail("identity-outside-domain", "i=\(identity) is not within d=\(d) (RFC 6376 §3.5)")
        }
        self.identity = identity
        // l=
        if let l = list["l"] {
            let digits = TagList.removingWhitespace(l)
            guard !digits.isEmpty, digits.count <= 76, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw fail("syntax", "l=\(l) is not a decimal number")
            }
            bodyLength = Int(digits.prefix(18)) ?? Int.max
        } else {
            bodyLength = nil
        }
        // q=: must offer dns/txt.
        if let q = list["q"] {
            let methods = TagList.split(q, separator: 0x3A).map { $0.lowercased() }
            guard methods.contains(where: { $0 == "dns/txt" || $0 == "dns" }) else {
                throw fail("unsupported-query-method", "q=\(q) offers no query method this verifier knows (dns/txt)")
            }
        }
        timestamp = try Self.seconds(list["t"], tag: "t", fail: fail)
        expiration = try Self.seconds(list["x"], tag: "x", fail: fail)
        if let t = timestamp, let x = expiration, x < t {
            throw fail("syntax", "x= (\(x)) is earlier than t= (\(t)) (RFC 6376 §3.5)")
        }
        copiedHeaders = list["z"].map { z in
            z.split(separator: "|").map { Self.decodeQuotedPrintable(TagList.removingWhitespace(String($0))) }
        } ?? []
    }

    /// The key record's DNS name (RFC 6376 §3.6.2.1).
    public var keyName: String { "\(selector)._domainkey.\(domain)" }

    private static func seconds(_ text: String?, tag: String, fail: (String, String) -> ParseError) throws(ParseError) -> Int64? {
        guard let text else { return nil }
        let digits = TagList.removingWhitespace(text)
        guard !digits.isEmpty, digits.count <= 40, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw fail("syntax", "\(tag)=\(text) is not a number of seconds")
        }
        // Values beyond Int64 are far in the future (RFC 6376 §3.5 allows 12+ digits).
        return Int64(digits.prefix(18)) ?? Int64.max
    }

    /// A domain name made of letters, digits, hyphens and underscores, or non-ASCII (internationalized) labels.
    static func isDomainName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        var labelLength = 0
        for b in name.utf8 {
            if b == 0x2E {
                guard labelLength > 0 else { return false }
                labelLength = 0
                continue
            }
            guard (b >= 0x30 && b <= 0x39) || TagList.isAlpha(b) || b == 0x2D || b == 0x5F || b >= 0x80 else { return false }
            labelLength += 1
            guard labelLength <= 63 else { return false }
        }
        return labelLength > 0
    }

    static func isSelector(_ name: String) -> Bool { isDomainName(name) }

    /// RFC 5322 field name: printable ASCII except colon.
    static func isFieldName(_ name: String) -> Bool {
        name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 0x3A }
    }

    /// Decodes DKIM quoted-printable (RFC 6376 §2.11): `=XX` hex escapes.
    static func decodeQuotedPrintable(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(0x3D) else { return text }
        var out: [UInt8] = []
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x41 + 10
            case 0x61...0x66: return b - 0x61 + 10
            default: return nil
            }
        }
        while i < bytes.count {
            if bytes[i] == 0x3D, i + 2 < bytes.count, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
