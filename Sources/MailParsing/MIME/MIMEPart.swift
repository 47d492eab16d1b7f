/// One node of a message's MIME tree (RFC 2045 §3, RFC 2046 §5): its header, content type, disposition,
/// transfer encoding, where its body lies in the message's bytes, its children, and an encapsulated message.
public struct MIMEPart: Sendable {
    /// The part's own header fields (for the root part, the message header). Spans are offsets into `source`.
    public var header: [HeaderField]
    public var contentType: ContentType
    public var disposition: ContentDisposition?
    /// Lower case; `7bit` when absent (RFC 2045 §6.1).
    public var transferEncoding: String
    /// The whole part, header and body.
    public var span: SourceSpan
    /// The body (for a multipart: preamble, parts and epilogue).
    public var bodySpan: SourceSpan
    /// Child parts of a multipart; the parts of the encapsulated message for message/rfc822.
    public var children: [MIMEPart]
    /// For message/rfc822 and message/global: the inner message, analyzable on its own.
    public var message: Message?
    /// Problems in this part (missing boundary, bad encoding, limits reached).
    public var defects: [ParseDefect]
    /// 0 for the root part.
    public var depth: Int
    /// The bytes the spans refer to (the enclosing message's bytes, shared, not copied).
    public let source: [UInt8]

    /// The body bytes as written (still transfer-encoded).
    public var body: ArraySlice<UInt8> {
        let range = bodySpan.byteRange.clamped(to: 0..<source.count)
        return source[range]
    }

    /// The file name, decoded: Content-Disposition `filename`, else Content-Type `name` (RFC 2183, RFC 2231).
    public var filename: String? {
        if let name = disposition?.filename, !name.isEmpty { return name }
        if let name = contentType.parameters["name"], !name.isEmpty { return name }
        return nil
    }

    /// True for a part meant to be saved rather than shown: `attachment` disposition or a file name on a non-text part.
    public var isAttachment: Bool {
        if disposition?.kind == "attachment" { return true }
        return filename != nil && !contentType.isMultipart && contentType.type != "text"
    }

    /// The body with its transfer encoding undone (base64, quoted-printable; 7bit, 8bit and binary as is),
    /// at most `ParseLimits.maxDecodedBytes` bytes.
    public func decodedBody(limit: Int = ParseLimits.maxDecodedBytes) -> TransferDecoding.Result {
        switch transferEncoding {
        case "base64": return TransferDecoding.base64(body, limit: limit)
        case "quoted-printable": return TransferDecoding.quotedPrintable(body, limit: limit)
        default:
            let bytes = body
            let truncated = bytes.count > limit
            return TransferDecoding.Result(bytes: Array(bytes.prefix(limit)), hadErrors: false, truncated: truncated)
        }
    }

    /// The decoded body as text in its charset (UTF-8 or Windows-1252 when none is given); nil for
    /// multiparts and encapsulated messages.
    public func text(limit: Int = ParseLimits.maxDecodedBytes) -> Charset.Decoded? {
        guard !contentType.isMultipart, !contentType.isEncapsulatedMessage else { return nil }
        let decoded = decodedBody(limit: limit)
        if let charset = contentType.charset {
            return Charset.decode(decoded.bytes, charset: charset)
        }
        return Charset.Decoded(text: Charset.decodeRawHeader(decoded.bytes), clean: true, unknownCharset: false)
    }

    /// This part and all parts below it, depth first, parents before children.
    public func allParts() -> [MIMEPart] {
        var out: [MIMEPart] = []
        var stack: [MIMEPart] = [self]
        while let part = stack.popLast() {
            out.append(part)
            stack.append(contentsOf: part.children.reversed())
        }
        return out
    }

    /// Defects of this part and every part below it.
    public var allDefects: [ParseDefect] {
        allParts().flatMap(\.defects)
    }

    /// The first header field with this name (case-insensitive).
    public func firstField(named name: String) -> HeaderField? {
        let wanted = Message.lowercasedFieldName(name)
        return header.first { $0.lowercasedName == wanted }
    }
}
