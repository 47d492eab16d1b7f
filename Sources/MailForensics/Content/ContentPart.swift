/// One leaf MIME part with its decoded bytes, as the content checks see it (RFC 2045 §5, RFC 2183).
struct ContentPart: Sendable {
    /// Position in the MIME tree ("1", "2.1"; "3/1.2" inside an attached message).
    var part: String
    /// Media type, lower case, without parameters (`text/html`).
    var mediaType: String
    var charset: String?
    /// File name, decoded (RFC 2231 / RFC 2047).
    var filename: String?
    /// `attachment` or `inline`, lower case, when given.
    var disposition: String?
    /// The bytes after transfer decoding.
    var data: [UInt8]
    /// Lines of the part (its MIME header and body) in the analyzed message; nil inside an attached .msg,
    /// whose lines belong to a rebuilt message.
    var lines: ClosedRange<Int>? = nil

    /// Attachments and inline non-text content; readable text and HTML body parts are not.
    var isAttachment: Bool {
        if disposition == "attachment" { return true }
        if mediaType.hasPrefix("multipart/") { return false }
        if mediaType == "text/plain" || mediaType == "text/html" || mediaType == "text/enriched" {
            return filename != nil && disposition != "inline"
        }
        return true
    }

    /// Whether links should be looked for in this part.
    var isHTML: Bool { mediaType == "text/html" || mediaType == "application/xhtml+xml" }
    var isPlainText: Bool { mediaType == "text/plain" && !isAttachment }
}
