/// The outcome of verifying one DKIM-Signature field (RFC 6376 §6.1), in header order, with the
/// facts an analyst needs to see why: key, hashes, what is signed, what is not.
public struct DKIMResult: Sendable, Hashable, Codable {
    /// `d=` and `s=` (empty when the field was too broken to read them).
    public var domain: String
    public var selector: String
    /// RFC 8601 result word: pass, fail, neutral, none, temperror, permerror, policy.
    public var result: AuthResultCode
    /// A short reason code (`body-hash-mismatch`, `signature-mismatch`, `no-key`, `key-revoked`,
    /// `key-unavailable-offline`, `sha1`, `short-key`, `duplicate-from`, `signature-expired`, ...); empty for a plain pass.
    public var reason: String
    /// 1-based line of the DKIM-Signature field.
    public var headerLine: Int
    /// `a=` as written, e.g. `rsa-sha256`.
    public var algorithm: String?
    /// `c=` in full, e.g. `relaxed/simple`.
    public var canonicalization: String?
    /// `i=` (the agent or user identifier).
    public var identity: String?
    /// Size of the key that was used, in bits.
    public var keyBits: Int?
    /// The DNS name of the key record.
    public var keyName: String?
    /// Where the key used came from (cache file and line, or live lookup).
    public var keyOrigin: String?
    /// How many key records the selector published, and which one (1-based) verified.
    public var keyCandidates: Int?
    public var keyUsed: Int?
    /// The key record is flagged `t=y` (the domain says it is testing DKIM).
    public var keyTesting: Bool?
    /// Whether the signature is mathematically valid over the current headers, whatever the policy says;
    /// nil when it could not be checked (no key, unreadable signature).
    public var cryptographicallyValid: Bool?
    /// The body hash from `bh=` and the one computed from the message now.
    public var bodyHash: BodyHashCheck?
    /// Each name in `h=` with where it was found (nil line: absent, signed as empty).
    public var signedHeaders: [SignedHeader]
    /// `l=` and how many canonical body bytes it leaves outside the signature.
    public var bodyLengthLimit: Int?
    public var unsignedBodyBytes: Int?
    /// True when `h=` names From more times than the message has From fields (no From can be added unnoticed).
    public var fromOversigned: Bool?
    /// How `d=` relates to the From address's domain: `exact`, `subdomain` (d= under From's domain),
    /// `parent` (d= is a parent of From's domain), `unrelated`, or `no-from`.
    public var fromAlignment: String?
    /// Signed header names that also occur on more lines than the signature covers (added later, unsigned).
    public var unsignedDuplicates: [UnsignedDuplicate]
    /// `t=` and `x=` as ISO 8601, and how far the evaluation time is past `x=` or before `t=`, in seconds.
    public var signedAt: String?
    public var expiresAt: String?
    public var timeSkewSeconds: Int64?
    /// Plain-language account of the outcome.
    public var diagnosis: String

    public init(domain: String, selector: String, result: AuthResultCode, reason: String, headerLine: Int) {
        self.domain = domain
        self.selector = selector
        self.result = result
        self.reason = reason
        self.headerLine = headerLine
        self.signedHeaders = []
        self.unsignedDuplicates = []
        self.diagnosis = ""
    }

    /// Expected (`bh=`) and computed body hashes, base64.
    public struct BodyHashCheck: Sendable, Hashable, Codable {
        public var expected: String
        public var computed: String
        public var matches: Bool { expected == computed }

        public init(expected: String, computed: String) {
            self.expected = expected
            self.computed = computed
        }
    }

    /// One name from `h=`: the line of the field it covers, nil when absent (hashed as empty).
    public struct SignedHeader: Sendable, Hashable, Codable {
        public var name: String
        public var line: Int?

        public init(name: String, line: Int?) {
            self.name = name
            self.line = line
        }
    }

    /// A header field instance the signature does not cover although its name is signed.
    public struct UnsignedDuplicate: Sendable, Hashable, Codable {
        public var name: String
        public var line: Int

        public init(name: String, line: Int) {
            self.name = name
            self.line = line
        }
    }
}
