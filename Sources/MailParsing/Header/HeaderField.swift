/// One header field exactly as it stood in the message (RFC 5322 §2.2), with derived views.
public struct HeaderField: Sendable, Hashable {
    /// The exact bytes: name, colon, folded value and the line ending(s), never rewritten.
    public let raw: [UInt8]
    /// The field name as written (case preserved, no trailing white space).
    public let name: String
    /// Number of bytes of `raw` before the colon (the name plus any white space before the colon).
    public let colonOffset: Int
    /// Where the field stood in the message.
    public let span: SourceSpan

    public init(raw: [UInt8], name: String, colonOffset: Int, span: SourceSpan) {
        self.raw = raw
        self.name = name
        self.lowercasedName = name.lowercased()
        self.colonOffset = colonOffset
        self.span = span
    }

    /// The name in lower case, for comparisons (field names are case-insensitive).
    public let lowercasedName: String

    /// The bytes after the colon, folding and the final line ending included.
    public var rawValue: ArraySlice<UInt8> {
        let start = Swift.min(colonOffset + 1, raw.count)
        return raw[start...]
    }

    /// The value unfolded (CRLF/LF before white space removed), trimmed, decoded as UTF-8 with
    /// invalid bytes replaced. Encoded words are not decoded here; see `decodedValue`.
    public var unfoldedValue: String {
        // Trimmed on the bytes: the white space is ASCII, which never takes part in a replaced sequence, so this
        // equals trimming the decoded text.
        let value = rawValue
        var start = value.startIndex, end = value.endIndex
        while start < end, String.isASCIIWhitespace(value[start]) { start += 1 }
        while end > start, String.isASCIIWhitespace(value[end - 1]) { end -= 1 }
        let trimmed = value[start..<end]
        guard trimmed.contains(where: { $0 == 0x0D || $0 == 0x0A }) else {
            return trimmed.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        }
        var out = [UInt8]()
        out.reserveCapacity(trimmed.count)
        for byte in trimmed where byte != 0x0D && byte != 0x0A {
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// White-space trimming used by header views (RFC 5322 §2.2.3 WSP plus CR and LF).
extension String {
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// Removes leading and trailing spaces, tabs, CR and LF.
    public func trimmingASCIIWhitespace() -> String {
        // On the UTF-8 bytes: the four characters are single ASCII bytes, each its own scalar.
        let utf8 = self.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, String.isASCIIWhitespace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, String.isASCIIWhitespace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        if start == utf8.startIndex, end == utf8.endIndex { return self }
        return String(self[start..<end])
    }
}
