import MailParsing

/// An ARC-Message-Signature (RFC 8617 §4.1.2) or ARC-Seal (§4.1.3) field, its tags checked.
/// `try ARCSignature(field, kind:)` either gives a usable value or says, in plain words, what is wrong.
struct ARCSignature: Sendable {
    enum Kind: String, Sendable {
        case messageSignature = "ARC-Message-Signature"
        case seal = "ARC-Seal"
    }

    /// Why a field cannot be used.
    struct Problem: Error, Sendable, Hashable {
        var detail: String
    }

    let kind: Kind
    let field: HeaderField
    let tags: TagList
    let instance: Int
    let algorithm: SignatureVerifier.Algorithm
    let signature: [UInt8]
    /// Range of the `b=` value in `field.raw`, emptied when hashing.
    let bValueRange: Range<Int>
    let domain: String
    let selector: String
    let timestamp: Int64?
    let expiry: Int64?
    // AMS only.
    let bodyHash: [UInt8]
    let signedHeaders: [String]
    let headerCanonicalization: DKIMCanonicalization
    let bodyCanonicalization: DKIMCanonicalization
    let bodyLength: Int?
    // AS only.
    let chainValidation: String

    /// The highest instance RFC 8617 §4.2.1 allows.
    static let maximumInstance = 50

    /// Algorithms accepted for ARC: rsa-sha256 (RFC 8617 §4.1.2) and ed25519-sha256 (RFC 8463, used in practice).
    static let acceptedAlgorithms: [String: SignatureVerifier.Algorithm] = [
        "rsa-sha256": .rsaSHA256, "ed25519-sha256": .ed25519SHA256,
    ]

    init(_ field: HeaderField, kind: Kind) throws(Problem) {
        self.kind = kind
        self.field = field
        let raw = field.raw
        let start = Swift.min(field.colonOffset + 1, raw.count)
        do {
            tags = try TagList(parsing: raw[start...])
        } catch {
            throw Problem(detail: "its tag list cannot be read (\(error))")
        }
        let required = kind == .seal ? ["a", "b", "cv", "d", "i", "s"] : ["a", "b", "bh", "d", "h", "i", "s"]
        for name in required where tags[name] == nil {
            throw Problem(detail: "the required \(name)= tag is missing")
        }
        guard let instance = Self.instance(tags["i"]) else {
            throw Problem(detail: "i=\(tags["i"] ?? "") is not an instance number from 1 to \(Self.maximumInstance)")
        }
        self.instance = instance
        let a = tags["a"] ?? ""
        guard let algorithm = Self.acceptedAlgorithms[a] else {
            throw Problem(detail: a == "rsa-sha1" ? "a=rsa-sha1 is not allowed in ARC (only rsa-sha256)" : "a=\(a) is not a supported ARC algorithm")
        }
        self.algorithm = algorithm
        guard let b = tags.tag("b"), let signature = Base64.decode(TagList.removingWhitespace(b.value).utf8), !signature.isEmpty else {
            throw Problem(detail: "b= (the signature) is empty or not base64")
        }
        self.signature = signature
        bValueRange = b.valueRange
        domain = tags["d"] ?? ""
        guard Self.isDomainName(domain) else { throw Problem(detail: "d=\(domain) is not a valid domain name") }
        selector = tags["s"] ?? ""
        guard Self.isDomainName(selector) else { throw Problem(detail: "s=\(selector) is not a valid selector") }
        timestamp = try Self.number(tags, "t")
        expiry = try Self.number(tags, "x")

        switch kind {
        case .seal:
            guard tags["h"] == nil else { throw Problem(detail: "h= is not permitted in an ARC-Seal") }
            let cv = tags["cv"] ?? ""
            guard ["none", "pass", "fail"].contains(cv) else { throw Problem(detail: "cv=\(cv) is not none, pass or fail") }
            chainValidation = cv
            bodyHash = []
            signedHeaders = []
            headerCanonicalization = .relaxed
            bodyCanonicalization = .relaxed
            bodyLength = nil
        case .messageSignature:
            chainValidation = ""
            guard let bh = tags["bh"], let hash = Base64.decode(TagList.removingWhitespace(bh).utf8), !hash.isEmpty else {
                throw Problem(detail: "bh= (the body hash) is empty or not base64")
            }
            bodyHash = hash
            signedHeaders = (tags["h"] ?? "").split(separator: ":", omittingEmptySubsequences: false)
                .map { TagList.removingWhitespace(String($0)) }
            if signedHeaders.contains(where: { $0.lowercased() == "arc-seal" }) {
                throw Problem(detail: "h= signs ARC-Seal, which an ARC-Message-Signature must not do")
            }
            (headerCanonicalization, bodyCanonicalization) = try Self.canonicalization(tags["c"])
            if let l = tags["l"] {
                guard let length = Int(l), length >= 0 else { throw Problem(detail: "l=\(l) is not a number") }
                bodyLength = length
            } else {
                bodyLength = nil
            }
        }
    }

    /// `c=header/body`. Absent means relaxed/relaxed for ARC, as the ARC interoperability suite
    /// (`ams_fields_c_na`), dkimpy and Mail::DKIM have it; DKIM's own default is simple/simple (RFC 6376 §3.5).
    static func canonicalization(_ value: String?) throws(Problem) -> (DKIMCanonicalization, DKIMCanonicalization) {
        guard let value else { return (.relaxed, .relaxed) }
        let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), let header = DKIMCanonicalization(rawValue: parts[0]) else {
            throw Problem(detail: "c=\(value) is not a known canonicalization")
        }
        guard parts.count == 2 else { return (header, .simple) }
        guard let body = DKIMCanonicalization(rawValue: parts[1]) else { throw Problem(detail: "c=\(value) is not a known canonicalization") }
        return (header, body)
    }

    /// The instance number of `i=`: digits only, 1 to 50.
    static func instance(_ value: String?) -> Int? {
        guard let value, !value.isEmpty, value.utf8.count <= 3, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let number = Int(value), (1...maximumInstance).contains(number) else { return nil }
        return number
    }

    static func number(_ tags: TagList, _ name: String) throws(Problem) -> Int64? {
        guard let value = tags[name] else { return nil }
        guard !value.isEmpty, value.utf8.count <= 12, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int64(value) else {
            throw Problem(detail: "\(name)=\(value) is not a number of seconds")
        }
        return number
    }

    /// Labels of letters, digits, hyphens and underscores, none empty (RFC 6376 §3.5 domain-name / selector).
    static func isDomainName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        var labelLength = 0
        for byte in name.utf8 {
            if byte == 0x2E {
                guard labelLength > 0 else { return false }
                labelLength = 0
                continue
            }
            let lower = byte | 0x20
            guard (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x7A) || byte == 0x2D || byte == 0x5F else { return false }
            labelLength += 1
            guard labelLength <= 63 else { return false }
        }
        return labelLength > 0
    }

    /// The DNS name of the key (`s._domainkey.d`).
    var keyName: String { "\(selector)._domainkey.\(domain)" }
}
