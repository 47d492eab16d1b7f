import MailParsing

extension ContentPart {
    /// What a message carries: its leaf parts, decoded, and the messages inside it (attached `message/rfc822`
    /// parts and attached Outlook `.msg` files, read recursively), with the part number each sits at.
    struct Collected {
        var parts: [ContentPart] = []
        var innerMessages: [(part: String, message: Message)] = []
    }

    /// Attached messages inside attached messages are followed this deep.
    static let maximumNesting = 6

    /// The leaf parts of a message's MIME tree, decoded, inner messages included, numbered as IMAP does
    /// (RFC 3501 §6.4.5: "1", "2.1"; the parts of an attached message continue its number; the parts of an
    /// attached .msg file are numbered under it after a slash: "2/1").
    static func collect(_ message: Message) -> Collected {
        var out = Collected()
        walk(message.mimeTree(), path: "", nesting: 0, into: &out)
        return out
    }

    static func parts(of message: Message) -> [ContentPart] {
        collect(message).parts
    }

    /// True when `path` still needs a part number: the top, or just inside an attached .msg ("2/").
    private static func open(_ path: String) -> Bool { path.isEmpty || path.hasSuffix("/") }

    private static func walk(_ part: MIMEPart, path: String, nesting: Int, insideOutlookItem: Bool = false, into out: inout Collected) {
        guard out.parts.count < ParseLimits.maxMIMEParts else { return }
        if part.contentType.isMultipart {
            for (i, child) in part.children.enumerated() {
                walk(child, path: open(path) ? path + "\(i + 1)" : "\(path).\(i + 1)", nesting: nesting, insideOutlookItem: insideOutlookItem, into: &out)
            }
            return
        }
        if part.contentType.isEncapsulatedMessage, let inner = part.children.first {
            let number = open(path) ? path + "1" : path
            if let message = part.message, nesting < maximumNesting { out.innerMessages.append((number, message)) }
            // The inner message's parts: a multipart continues this number, a single part is ".1".
            walk(inner, path: inner.contentType.isMultipart ? number : number + ".1", nesting: nesting + 1, insideOutlookItem: insideOutlookItem, into: &out)
            return
        }
        let mediaType = part.contentType.mimeType.lowercased()
        var data = part.decodedBody().bytes
        let number = open(path) ? path + "1" : path
        // An attached Outlook item (a user reporting a phish often attaches the .msg): read it like a message.
        if CompoundFile.hasSignature(data), nesting < maximumNesting, case .success(let inner) = OutlookMessage.convert(data) {
            out.parts.append(ContentPart(part: number, mediaType: mediaType, charset: nil, filename: part.filename,
                                         disposition: part.disposition?.kind.lowercased(), data: data))
            out.innerMessages.append((number, inner))
            walk(inner.mimeTree(), path: number + "/", nesting: nesting + 1, insideOutlookItem: true, into: &out)
            return
        }
        // Text is scanned as UTF-8: convert other charsets once here.
        // (`data` is the decoded body: decode the charset from it rather than decoding the body again.)
        if part.contentType.type == "text", let declared = part.contentType.charset, case let charset = declared.lowercased(),
           charset != "utf-8", charset != "us-ascii", charset != "utf8" {
            if part.filename == nil || part.disposition?.kind != "attachment" { data = Array(Charset.decode(data, charset: declared).text.utf8) }
        }
        let lines = insideOutlookItem || part.span.lastLine < part.span.firstLine ? nil : part.span.firstLine...part.span.lastLine
        out.parts.append(ContentPart(part: number, mediaType: mediaType, charset: part.contentType.charset,
                                     filename: part.filename, disposition: part.disposition?.kind.lowercased(), data: data, lines: lines))
    }
}
