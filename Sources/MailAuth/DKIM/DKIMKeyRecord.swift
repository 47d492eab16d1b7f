/// A DKIM key record published in DNS at `selector._domainkey.domain` (RFC 6376 §3.6.1).
///
/// Two-stage: `try DKIMKeyRecord(text)` checks syntax and tags; using the key for a particular
/// signature (`k=`, `h=`, `s=`, revoked key) is the verifier's job, so each problem gets its own reason.
public struct DKIMKeyRecord: Sendable, Hashable {
    /// Why a key record is unusable as written.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case syntax(TagList.ParseError)
        case badVersion(String)
        case missingKey
        case badBase64

        public var description: String {
            switch self {
            case let .syntax(error): return "key record syntax: \(error)"
            case let .badVersion(v): return "key record v=\(v) is not DKIM1"
            case .missingKey: return "key record has no p= tag"
            case .badBase64: return "key record p= is not valid base64"
            }
        }
    }

    /// `v=`, when present (must be `DKIM1`).
    public var version: String?
    /// `h=`: acceptable hash algorithms, nil when absent (all allowed).
    public var acceptableHashes: [String]?
    /// `k=`: key type as written (default `rsa`).
    public var keyType: String
    /// `n=`: notes for humans.
    public var notes: String?
    /// `p=` decoded; empty means the key was revoked.
    public var publicKeyData: [UInt8]
    /// `p=` as written, white space removed (the cache key for parsed keys).
    public var publicKeyText: String
    /// `s=`: service types (default `*`).
    public var services: [String]
    /// `t=`: flags (`y` testing, `s` strict identity).
    public var flags: [String]
    /// The record text as published.
    public var text: String

    public init(_ text: String) throws(ParseError) {
        let list: TagList
        do {
            list = try TagList(parsing: Array(text.utf8))
        } catch {
            throw .syntax(error)
        }
        if let v = list["v"], v != "DKIM1" { throw .badVersion(v) }
        version = list["v"]
        acceptableHashes = list["h"].map(Self.colonList)
        keyType = list["k"].map { $0.lowercased() } ?? "rsa"
        notes = list["n"]
        guard let p = list["p"] else { throw .missingKey }
        publicKeyText = TagList.removingWhitespace(p)
        guard let decoded = Base64.decode(publicKeyText.utf8) else { throw .badBase64 }
        publicKeyData = decoded
        services = list["s"].map(Self.colonList) ?? ["*"]
        flags = list["t"].map(Self.colonList) ?? []
        self.text = text
    }

    /// True when `p=` is empty (RFC 6376 §3.6.1: the key has been revoked).
    public var isRevoked: Bool { publicKeyData.isEmpty }
    /// `t=y`: the domain is testing DKIM (RFC 6376 §3.6.1).
    public var isTesting: Bool { flags.contains("y") }
    /// `t=s`: the `i=` domain must equal `d=`, no subdomains (RFC 6376 §3.6.1).
    public var isStrict: Bool { flags.contains("s") }
    /// `s=` allows e-mail.
    public var allowsEmail: Bool { services.contains { $0 == "*" || $0.lowercased() == "email" } }

    /// The key kind, nil when `k=` names a type this verifier does not know.
    public var kind: PublicKey.Kind? { PublicKey.Kind(rawValue: keyType) }

    static func colonList(_ value: String) -> [String] {
        TagList.split(value, separator: 0x3A)
    }
}
