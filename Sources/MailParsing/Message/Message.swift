/// One RFC 5322 message: the exact bytes, the header fields in order, and the body.
public struct Message: Sendable {
    /// The whole message exactly as read (after any mbox unescaping done by the reader).
    public let bytes: [UInt8]
    /// Header fields in the order they appear (top first).
    public let header: [HeaderField]
    /// Offset in `bytes` where the body starts (after the blank line); `bytes.count` when there is none.
    public let bodyOffset: Int
    /// 1-based line number of the first body line.
    public let bodyFirstLine: Int
    /// Whether a blank line separated header and body (false for pasted header blocks).
    public let hasBody: Bool
    /// Problems found while parsing; never fatal.
    public var defects: [ParseDefect]
    /// How many message/rfc822 or multipart levels enclose this message (0 for a top-level message);
    /// keeps `ParseLimits.maxMIMEDepth` across encapsulated messages.
    public internal(set) var nestingDepth = 0
    /// The MIME tree, built on first use by `mimeTree()`; shared by copies of this value.
    let mimeCache = MIMETreeCache()
    /// Address lists parsed by `addressList(_:)`; shared by copies of this value.
    let addressCache = AddressListCache()

    public init(bytes: [UInt8], header: [HeaderField], bodyOffset: Int, bodyFirstLine: Int, hasBody: Bool, defects: [ParseDefect]) {
        self.bytes = bytes
        self.header = header
        self.bodyOffset = bodyOffset
        self.bodyFirstLine = bodyFirstLine
        self.hasBody = hasBody
        self.defects = defects
    }

    /// The body bytes exactly as in the message. Note: an `ArraySlice` keeps the indices of `bytes`.
    public var body: ArraySlice<UInt8> { bytes[Swift.min(bodyOffset, bytes.count)...] }

    /// All fields with this name (case-insensitive), top first.
    public func fields(named name: String) -> [HeaderField] {
        let wanted = Message.lowercasedFieldName(name)
        return header.filter { $0.lowercasedName == wanted }
    }

    /// The topmost field with this name (case-insensitive).
    public func firstField(named name: String) -> HeaderField? {
        let wanted = Message.lowercasedFieldName(name)
        return header.first { $0.lowercasedName == wanted }
    }

    /// `name.lowercased()`, without building a new string when the name is already lower-case ASCII (most callers
    /// pass a name such as "From" or "received"; only the capitals need folding then).
    static func lowercasedFieldName(_ name: String) -> String {
        var needsFolding = false
        for byte in name.utf8 {
            if byte >= 0x80 { return name.lowercased() }
            if byte >= 0x41, byte <= 0x5A { needsFolding = true }
        }
        guard needsFolding else { return name }
        return String(unsafeUninitializedCapacity: name.utf8.count) { buffer in
            var count = 0
            for byte in name.utf8 {
                buffer[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                count += 1
            }
            return count
        }
    }
}
