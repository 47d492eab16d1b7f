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
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        for byte in rawValue where byte != 0x0D && byte != 0x0A {
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self).trimmingASCIIWhitespace()
    }
}

/// White-space trimming used by header views (RFC 5322 §2.2.3 WSP plus CR and LF).
extension String {
    /// Removes leading and trailing spaces, tabs, CR and LF.
    public func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\r" || s == "\n" }
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
