/// Splits bytes into header fields and body (RFC 5322 §2.1), keeping every byte and its position.
public enum MessageParser {
    /// Parses a message; never fails: anything odd becomes a `ParseDefect`.
    public static func parse(_ bytes: [UInt8]) -> Message {
        parse(bytes, nestingDepth: 0)
    }

    /// Parses the bytes of an input item; the reader's notes (pasted input normalized, mbox truncation)
    /// become `input.*` defects of the message.
    public static func parse(_ item: InputItem) -> Message {
        var message = parse(item.bytes ?? [])
        message.defects.insert(contentsOf: item.notes.map { ParseDefect(id: "input.note", detail: $0) }, at: 0)
        return message
    }

    /// The end of an mbox envelope line (`From sender date`) starting at `start`, or nil when there is
    /// none there. `From : x` (white space before the colon, RFC 5322 §4.5.4) is a header field, not an envelope.
    static func mboxFromLineEnd(_ bytes: [UInt8], at start: Int) -> Int? {
        guard bytes.count - start >= 5, bytes[start..<start + 5].elementsEqual("From ".utf8) else { return nil }
        var i = start + 4
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        guard i >= bytes.count || bytes[i] != UInt8(ascii: ":") else { return nil }
        let newline = bytes[start...].firstIndex(of: 0x0A)
        return newline.map { $0 + 1 } ?? bytes.count
    }

    static func parse(_ bytes: [UInt8], nestingDepth: Int) -> Message {
        var defects: [ParseDefect] = []
        var offset = 0
        var line = 1
        // A leading mbox "From " line is not a header field.
        if let end = mboxFromLineEnd(bytes, at: 0) {
            defects.append(ParseDefect(id: "header.mbox-from-line", detail: "The input starts with an mbox \"From \" separator line; it was skipped.",
                                       span: SourceSpan(byteStart: 0, byteEnd: end, firstLine: 1, lastLine: 1)))
            offset = end
            line = 2
        }
        let block = HeaderBlockParser.parse(bytes, start: offset, end: bytes.count, firstLine: line)
        defects += block.defects
        if block.fields.isEmpty, offset < bytes.count {
            defects.append(ParseDefect(id: "header.none", detail: "No header field was found: this input does not look like an e-mail message.",
                                       span: SourceSpan(byteStart: offset, byteEnd: offset, firstLine: line, lastLine: line)))
        }
        var message = Message(bytes: bytes, header: block.fields, bodyOffset: block.bodyOffset, bodyFirstLine: block.bodyFirstLine,
                              hasBody: block.hasBody, defects: defects)
        message.nestingDepth = nestingDepth
        return message
    }
}
