import MailParsing

/// Per-message facts shared by all of its DKIM signatures: body hashes, header lookup, From fields (RFC 6376 §5.4.2).
struct MessageContext {
    let message: Message
    let fromFields: [HeaderField]
    /// Field positions by lower-case name, top first.
    let fieldIndex: [String: [Int]]
    /// The domain of the first From address, lower case.
    let fromDomain: String?
    let bodyHashes: BodyHashMemo

    init(message: Message, bodyHashes: BodyHashMemo = BodyHashMemo()) {
        self.message = message
        self.bodyHashes = bodyHashes
        fieldIndex = DKIMHeaderSelection.index(message.header)
        fromFields = (fieldIndex["from"] ?? []).map { message.header[$0] }
        fromDomain = fromFields.first.flatMap(Self.addressDomain)
    }

    /// The body hash for this canonicalization, digest and `l=`, computed once per message.
    func bodyHash(_ canonicalization: DKIMCanonicalization, _ digest: DigestAlgorithm, _ limit: Int?) -> DKIMBodyHash {
        bodyHashes.hash(message.body, canonicalization, digest, limit)
    }

    func selection(_ names: [String]) -> [HeaderField?] {
        DKIMHeaderSelection.select(names, from: message.header, index: fieldIndex)
    }

    /// The domain of the address in a From field, lower case (a small, bounded reader: angle brackets, else the last @).
    static func addressDomain(_ field: HeaderField) -> String? {
        var value = Array(field.unfoldedValue.utf8.prefix(2048))
        if let open = value.lastIndex(of: 0x3C) {
            let rest = value[(open + 1)...]
            value = Array(rest.prefix { $0 != 0x3E })
        }
        guard let at = value.lastIndex(of: 0x40) else { return nil }
        let stops: Set<UInt8> = [0x20, 0x09, 0x3E, 0x3B, 0x2C, 0x29, 0x22]
        var domain = String(decoding: value[(at + 1)...].prefix { !stops.contains($0) }, as: UTF8.self).lowercased()
        if domain.hasSuffix(".") { domain.removeLast() }
        return domain.isEmpty ? nil : domain
    }
}
