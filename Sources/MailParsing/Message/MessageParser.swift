/// Splits bytes into header fields and body (RFC 5322 §2.1), keeping every byte and its position.
public enum MessageParser {
    /// Parses a message; never fails: anything odd becomes a `ParseDefect`.
    public static func parse(_ bytes: [UInt8]) -> Message {
        var fields: [HeaderField] = []
        var defects: [ParseDefect] = []
        var offset = 0
        var line = 1
        let count = bytes.count

        /// Returns the end of the line starting at `start` (index after its LF, or `count`).
        func lineEnd(from start: Int) -> Int {
            var i = start
            while i < count {
                if bytes[i] == 0x0A { return i + 1 }
                i += 1
            }
            return count
        }
        func isBlank(_ start: Int, _ end: Int) -> Bool {
            let len = end - start
            if len == 0 { return false }
            if len == 1 { return bytes[start] == 0x0A }
            if len == 2 { return bytes[start] == 0x0D && bytes[start + 1] == 0x0A }
            return false
        }

        // A leading mbox "From " line is not a header field.
        if count >= 5, bytes[0] == 0x46, bytes[1] == 0x72, bytes[2] == 0x6F, bytes[3] == 0x6D, bytes[4] == 0x20 {
            let end = lineEnd(from: 0)
            defects.append(ParseDefect(id: "header.mbox-from-line", detail: "The input starts with an mbox \"From \" separator line; it was skipped.",
                                       span: SourceSpan(byteStart: 0, byteEnd: end, firstLine: 1, lastLine: 1)))
            offset = end
            line = 2
        }

        var bodyOffset = count
        var bodyLine = line
        var hasBody = false
        while offset < count {
            let end = lineEnd(from: offset)
            if isBlank(offset, end) {
                bodyOffset = end
                bodyLine = line + 1
                hasBody = true
                break
            }
            // Field name: printable ASCII except colon, then optional WSP, then colon.
            var i = offset
            while i < end, bytes[i] > 0x20, bytes[i] < 0x7F, bytes[i] != 0x3A { i += 1 }
            let nameEnd = i
            while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            guard nameEnd > offset, i < end, bytes[i] == 0x3A else {
                let span = SourceSpan(byteStart: offset, byteEnd: end, firstLine: line, lastLine: line)
                if bytes[offset] == 0x20 || bytes[offset] == 0x09, fields.isEmpty {
                    defects.append(ParseDefect(id: "header.leading-continuation", detail: "The header starts with a folded (indented) line that belongs to no field.", span: span))
                    offset = end
                    line += 1
                    continue
                }
                defects.append(ParseDefect(id: "header.missing-separator", detail: "A line in the header is not a field (no name and colon); the body is taken to start there.", span: span))
                bodyOffset = offset
                bodyLine = line
                hasBody = true
                break
            }
            let colon = i
            // Continuation lines start with SP or HTAB.
            var fieldEnd = end
            var lastLine = line
            while fieldEnd < count, bytes[fieldEnd] == 0x20 || bytes[fieldEnd] == 0x09 {
                let next = lineEnd(from: fieldEnd)
                fieldEnd = next
                lastLine += 1
            }
            let name = String(decoding: bytes[offset..<nameEnd], as: UTF8.self)
            let span = SourceSpan(byteStart: offset, byteEnd: fieldEnd, firstLine: line, lastLine: lastLine)
            fields.append(HeaderField(raw: Array(bytes[offset..<fieldEnd]), name: name, colonOffset: colon - offset, span: span))
            offset = fieldEnd
            line = lastLine + 1
        }
        if !hasBody {
            bodyOffset = count
            bodyLine = line
        }
        return Message(bytes: bytes, header: fields, bodyOffset: bodyOffset, bodyFirstLine: bodyLine, hasBody: hasBody, defects: defects)
    }
}
