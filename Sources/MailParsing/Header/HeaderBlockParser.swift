#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits one header block (RFC 5322 §2.2, also a MIME part's header, RFC 2045 §3) into fields, finding
/// where the body starts; bounded by `ParseLimits`. Spans are absolute offsets into `bytes`.
enum HeaderBlockParser {
    /// The fields of one header block and where its body starts.
    struct Result {
        var fields: [HeaderField] = []
        var bodyOffset: Int
        var bodyFirstLine: Int
        var hasBody = false
        var defects: [ParseDefect] = []
    }

    /// Index after the LF ending the line that starts at `start`, or `end` when the line is not terminated.
    static func lineEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        guard start < end, let base = buffer.baseAddress else { return end }
        guard let found = memchr(base + start, 0x0A, end - start) else { return end }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
    }

    static func parse(_ bytes: [UInt8], start: Int, end: Int, firstLine: Int) -> Result {
        bytes.withUnsafeBufferPointer { buffer in
            parse(buffer, bytes: bytes, start: start, end: end, firstLine: firstLine)
        }
    }

    static func parse(_ buffer: UnsafeBufferPointer<UInt8>, bytes: [UInt8], start: Int, end: Int, firstLine: Int) -> Result {
        var result = Result(bodyOffset: end, bodyFirstLine: firstLine)
        var offset = start
        var line = firstLine
        var reportedLongLine = false
        var reportedNUL = false

        func isBlank(_ s: Int, _ e: Int) -> Bool {
            let length = e - s
            if length == 1 { return buffer[s] == 0x0A }
            if length == 2 { return buffer[s] == 0x0D && buffer[s + 1] == 0x0A }
            return s == e
        }
        func checkLine(_ s: Int, _ e: Int, lineNumber: Int) {
            if !reportedLongLine, e - s > ParseLimits.maxLineLength + 2 {
                reportedLongLine = true
                result.defects.append(ParseDefect(id: "line.too-long",
                    detail: "A header line is longer than \(ParseLimits.maxLineLength) characters (RFC 5322 §2.1.1).",
                    span: SourceSpan(byteStart: s, byteEnd: e, firstLine: lineNumber, lastLine: lineNumber)))
            }
            if !reportedNUL, let base = buffer.baseAddress, memchr(base + s, 0, e - s) != nil {
                reportedNUL = true
                result.defects.append(ParseDefect(id: "header.nul-byte", detail: "A header line contains a NUL byte.",
                    span: SourceSpan(byteStart: s, byteEnd: e, firstLine: lineNumber, lastLine: lineNumber)))
            }
        }

        while offset < end {
            let lineStop = lineEnd(buffer, from: offset, end: end)
            if isBlank(offset, lineStop) {
                result.bodyOffset = lineStop
                result.bodyFirstLine = line + 1
                result.hasBody = true
                return result
            }
            if result.fields.count >= ParseLimits.maxHeaderFields || offset - start >= ParseLimits.maxHeaderBytes {
                let limitID = result.fields.count >= ParseLimits.maxHeaderFields ? "header.too-many-fields" : "header.too-large"
                result.defects.append(ParseDefect(id: limitID,
                    detail: "The header is larger than this tool reads (\(ParseLimits.maxHeaderFields) fields, \(ParseLimits.maxHeaderBytes) bytes); the rest was taken as body.",
                    span: SourceSpan(byteStart: offset, byteEnd: lineStop, firstLine: line, lastLine: line)))
                result.bodyOffset = offset
                result.bodyFirstLine = line
                result.hasBody = true
                return result
            }
            checkLine(offset, lineStop, lineNumber: line)
            // Field name: printable ASCII except colon, then optional WSP (obsolete, RFC 5322 §4.5), then colon.
            var i = offset
            while i < lineStop, buffer[i] > 0x20, buffer[i] < 0x7F, buffer[i] != 0x3A { i += 1 }
            let nameEnd = i
            while i < lineStop, buffer[i] == 0x20 || buffer[i] == 0x09 { i += 1 }
            guard nameEnd > offset, i < lineStop, buffer[i] == 0x3A else {
                let span = SourceSpan(byteStart: offset, byteEnd: lineStop, firstLine: line, lastLine: line)
                if buffer[offset] == 0x20 || buffer[offset] == 0x09, result.fields.isEmpty {
                    result.defects.append(ParseDefect(id: "header.leading-continuation",
                        detail: "The header starts with a folded (indented) line that belongs to no field.", span: span))
                    offset = lineStop
                    line += 1
                    continue
                }
                result.defects.append(ParseDefect(id: "header.missing-separator",
                    detail: "A line in the header is not a field (no name and colon); the body is taken to start there.", span: span))
                result.bodyOffset = offset
                result.bodyFirstLine = line
                result.hasBody = true
                return result
            }
            let colon = i
            var fieldEnd = lineStop
            var lastLine = line
            while fieldEnd < end, buffer[fieldEnd] == 0x20 || buffer[fieldEnd] == 0x09 {
                let next = lineEnd(buffer, from: fieldEnd, end: end)
                lastLine += 1
                checkLine(fieldEnd, next, lineNumber: lastLine)
                // A white-space-only continuation followed by nothing else ends the header in lenient readers; keep going.
                fieldEnd = next
                if fieldEnd - offset > ParseLimits.maxHeaderBytes { break }
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<nameEnd]), as: UTF8.self)
            let span = SourceSpan(byteStart: offset, byteEnd: fieldEnd, firstLine: line, lastLine: lastLine)
            result.fields.append(HeaderField(raw: Array(bytes[offset..<fieldEnd]), name: name, colonOffset: colon - offset, span: span))
            offset = fieldEnd
            line = lastLine + 1
        }
        result.bodyOffset = end
        result.bodyFirstLine = line
        return result
    }
}
