import Foundation
import MailDNS
import MailParsing

/// Verifies DomainKey-Signature fields, DKIM's historic predecessor (RFC 4870, Historic), so old
/// mail can still be explained. Always rsa-sha1, hence result `policy` unless SHA-1 is accepted (RFC 8301).
/// These results never count as DKIM for DMARC.
public struct DomainKeysVerifier: Sendable {
    public let resolver: any DNSResolver
    public let keyCache: DKIMKeyCache
    public let acceptSHA1: Bool

    public init(resolver: any DNSResolver, keyCache: DKIMKeyCache = DKIMVerifier.sharedKeyCache, acceptSHA1: Bool = false) {
        self.resolver = resolver
        self.keyCache = keyCache
        self.acceptSHA1 = acceptSHA1
    }

    /// One result per DomainKey-Signature field, top first, and the DNS answers consulted.
    public func verify(_ message: Message) async -> DKIMVerifier.Verification {
        var results: [DKIMResult] = []
        var answers: [DNSAnswer] = []
        for (position, field) in message.header.enumerated() where field.lowercasedName == "domainkey-signature" {
            let (result, answer) = await verify(field, position: position, of: message)
            results.append(result)
            if let answer { answers.append(answer) }
        }
        return DKIMVerifier.Verification(results: results, dnsAnswers: answers)
    }

    func verify(_ field: HeaderField, position: Int, of message: Message) async -> (DKIMResult, DNSAnswer?) {
        var result = DKIMResult(domain: "", selector: "", result: .permerror, reason: "syntax", headerLine: field.span.firstLine)
        result.algorithm = "rsa-sha1"
        func invalid(_ reason: String, _ text: String) -> (DKIMResult, DNSAnswer?) {
            result.result = .permerror
            result.reason = reason
            result.diagnosis = "This DomainKeys signature (RFC 4870, the historic predecessor of DKIM) cannot be used: \(text)."
            return (result, nil)
        }
        guard let list = try? TagList(parsing: field.raw[Swift.min(field.colonOffset + 1, field.raw.count)...]) else {
            return invalid("syntax", "it is not a valid tag list")
        }
        result.domain = list["d"] ?? ""
        result.selector = list["s"] ?? ""
        guard let d = list["d"], DKIMSignature.isDomainName(d), let s = list["s"], DKIMSignature.isSelector(s) else {
            return invalid("missing-tag", "d= or s= is missing or invalid")
        }
        guard let signature = list["b"].flatMap({ Base64.decode($0.utf8) }), !signature.isEmpty else {
            return invalid("syntax", "b= is missing or not base64")
        }
        if let a = list["a"], a.lowercased() != "rsa-sha1" { return invalid("unsupported-algorithm", "a=\(a) is not rsa-sha1") }
        // q= absent is read as dns, as Mail::DKIM does (its good_dk_2 has none and passes).
        if let q = list["q"], q.lowercased() != "dns" { return invalid("unsupported-query-method", "q=\(q) is not dns") }
        let c = (list["c"] ?? "simple").lowercased()
        guard c == "simple" || c == "nofws" else { return invalid("unsupported-canonicalization", "c=\(c) is not simple or nofws") }
        result.canonicalization = c
        result.keyName = "\(s)._domainkey.\(d)"

        // The sending address: Sender if it holds an address, else From (RFC 4870 §3.3); d= must be its domain or a parent.
        let sender = message.header.first { $0.lowercasedName == "sender" && MessageContext.addressDomain($0) != nil }
            ?? message.header.first { $0.lowercasedName == "from" }
        guard let sender, let senderDomain = MessageContext.addressDomain(sender) else {
            return invalid("no-sender", "the message has no From or Sender address")
        }
        let domain = d.lowercased()
        guard senderDomain == domain || senderDomain.hasSuffix("." + domain) else {
            return invalid("domain-mismatch", "d=\(d) is not the domain of the sending address \(senderDomain) (\(sender.name) on line \(sender.span.firstLine))")
        }

        // Signed data: the fields below the signature, a blank line, the body. With h=, each named field in
        // h= order, every instance of a name top first (as Mail::DKIM does).
        let below = Array(message.header[(position + 1)...])
        var signed: [HeaderField] = below
        if let h = list["h"] {
            var seen = Set<String>()
            let names = h.split(separator: ":").map { TagList.removingWhitespace(String($0)).lowercased() }.filter { seen.insert($0).inserted }
            signed = names.flatMap { name in below.filter { $0.lowercasedName == name } }
        }
        var data: [UInt8] = []
        for field in signed { Self.appendLine(field.raw, nofws: c == "nofws", to: &data) }
        result.signedHeaders = signed.map { DKIMResult.SignedHeader(name: $0.name, line: $0.span.firstLine) }
        data += [0x0D, 0x0A]
        Self.appendBody(message.body, nofws: c == "nofws", to: &data)

        let answer = await resolver.resolve(DNSQuestion(name: "\(s)._domainkey.\(d)", type: .txt))
        switch answer.outcome {
        case .servfail, .timeout:
            result.result = .temperror
            result.reason = "dns-error"
            result.diagnosis = "The DomainKeys key could not be fetched (temporary DNS failure)."
            return (result, answer)
        case .unavailableOffline:
            result.result = .temperror
            result.reason = "key-unavailable-offline"
            result.diagnosis = "The DomainKeys signature could not be checked offline: the key is not in the DNS cache."
            return (result, answer)
        case .nxdomain, .nodata, .records:
            break
        }
        guard let text = answer.records.compactMap(\.txtJoined).first else {
            var (missing, _) = invalid("no-key", "no key is published at \(s)._domainkey.\(d)")
            missing.keyName = result.keyName
            return (missing, answer)
        }
        let record: DKIMKeyRecord
        switch keyCache.record(text) {
        case let .success(parsed): record = parsed
        case let .failure(error): return (invalid("key-syntax", error.description).0, answer)
        }
        guard !record.isRevoked else { return (invalid("key-revoked", "the key has been revoked (empty p=)").0, answer) }
        guard record.kind == .rsa else { return (invalid("key-type-unknown", "k=\(record.keyType) is not rsa").0, answer) }
        if let granularity = Self.granularity(text), !Self.matches(granularity, localPart: Self.localPart(sender)) {
            return (invalid("key-granularity", "the key's g=\(granularity) does not allow the sender's local part").0, answer)
        }
        guard case let .success(key) = keyCache.key(data: record.publicKeyData, kind: .rsa) else {
            return (invalid("key-unusable", "the key cannot be loaded").0, answer)
        }
        result.keyBits = key.bits
        result.keyOrigin = answer.records.first?.origin.description
        result.keyTesting = record.isTesting
        let valid = SignatureVerifier.verify(signature: signature, data: data, key: key, algorithm: .rsaSHA1)
        result.cryptographicallyValid = valid
        if !valid {
            result.result = .fail
            result.reason = "signature-mismatch"
            result.diagnosis = "The DomainKeys signature does not verify: the signed header fields or the body changed after signing."
        } else if acceptSHA1 {
            result.result = .pass
            result.reason = ""
            result.diagnosis = "The DomainKeys signature (RFC 4870, historic) is valid; accepted although it uses SHA-1 (--accept-sha1)."
        } else {
            result.result = .policy
            result.reason = "sha1"
            result.diagnosis = "The DomainKeys signature (RFC 4870, historic) is mathematically valid, but it uses rsa-sha1, which RFC 8301 forbids accepting."
        }
        return (result, answer)
    }

    /// Appends one header line canonicalized: `simple` as is (LF read as CRLF), `nofws` without any white space.
    static func appendLine(_ raw: [UInt8], nofws: Bool, to out: inout [UInt8]) {
        guard nofws else {
            DKIMCanonicalization.appendSimpleHeader(raw, to: &out)
            return
        }
        for byte in raw where byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0A { out.append(byte) }
        out += [0x0D, 0x0A]
    }

    /// Appends the body: lines with CRLF, trailing empty lines dropped; `nofws` also drops all white space.
    static func appendBody(_ body: ArraySlice<UInt8>, nofws: Bool, to out: inout [UInt8]) {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in body {
            if byte == 0x0A {
                if current.last == 0x0D { current.removeLast() }
                lines.append(current)
                current = []
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if nofws { lines = lines.map { $0.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D } } }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        for line in lines {
            out += line
            out += [0x0D, 0x0A]
        }
    }

    /// The raw `g=` of a key record, nil when absent (DomainKeys: an empty g= allows every local part).
    static func granularity(_ record: String) -> String? {
        (try? TagList(parsing: Array(record.utf8)))?["g"]
    }

    static func localPart(_ field: HeaderField) -> String {
        var value = field.unfoldedValue
        if let open = value.lastIndex(of: "<") { value = String(value[value.index(after: open)...].prefix { $0 != ">" }) }
        return String(value.split(separator: "@").first ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// `g=` with one optional `*` wildcard; empty matches everything (RFC 4870 §3.2.3).
    static func matches(_ pattern: String, localPart: String) -> Bool {
        guard !pattern.isEmpty else { return true }
        guard let star = pattern.firstIndex(of: "*") else { return pattern == localPart }
        let prefix = pattern[..<star]
        let suffix = pattern[pattern.index(after: star)...]
        return localPart.count >= prefix.count + suffix.count && localPart.hasPrefix(prefix) && localPart.hasSuffix(suffix)
    }
}
