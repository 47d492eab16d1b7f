import MailParsing

extension ContentPart {
    /// The leaf parts of a message's MIME tree, decoded, inner messages included, numbered as IMAP does
    /// (RFC 3501 §6.4.5: "1", "2.1"; the parts of an attached message continue its number).
    static func parts(of message: Message) -> [ContentPart] {
        var out: [ContentPart] = []
        walk(message.mimeTree(), path: "", into: &out)
        return out
    }

    private static func walk(_ part: MIMEPart, path: String, into out: inout [ContentPart]) {
        guard out.count < ParseLimits.maxMIMEParts else { return }
        if part.contentType.isMultipart {
            for (i, child) in part.children.enumerated() {
                walk(child, path: path.isEmpty ? "\(i + 1)" : "\(path).\(i + 1)", into: &out)
            }
            return
        }
        if part.contentType.isEncapsulatedMessage, let inner = part.children.first {
            // The inner message's parts: a multipart continues this number, a single part is ".1".
            walk(inner, path: inner.contentType.isMultipart ? (path.isEmpty ? "1" : path) : (path.isEmpty ? "1" : path) + ".1", into: &out)
            return
        }
        let mediaType = part.contentType.mimeType.lowercased()
        var data = part.decodedBody().bytes
        // Text is scanned as UTF-8: convert other charsets once here.
        if part.contentType.type == "text", let charset = part.contentType.charset?.lowercased(),
           charset != "utf-8", charset != "us-ascii", charset != "utf8", let text = part.text() {
            if part.filename == nil || part.disposition?.kind != "attachment" { data = Array(text.text.utf8) }
        }
        out.append(ContentPart(part: path.isEmpty ? "1" : path, mediaType: mediaType, charset: part.contentType.charset,
                               filename: part.filename, disposition: part.disposition?.kind.lowercased(), data: data))
    }
}
