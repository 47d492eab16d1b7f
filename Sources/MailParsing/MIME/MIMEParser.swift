#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the MIME part tree of a message (RFC 2045, RFC 2046 §5.1 boundaries, §5.2 message/rfc822),
/// bounded by `ParseLimits` (depth, part count, bytes copied for encapsulated messages).
enum MIMEParser {
    /// Bytes copied out for encapsulated messages in one tree; beyond this, inner messages are not built.
    static let encapsulatedCopyBudget = 2 * ParseLimits.maxDecodedBytes

    static func tree(of message: Message) -> MIMEPart {
        var builder = Builder(source: message.bytes)
        return builder.part(header: message.header, start: 0, bodyStart: message.bodyOffset, end: message.bytes.count,
                            depth: message.nestingDepth, inDigest: false)
    }

    /// A value that is one ASCII token between white space (`base64`), lower-cased: what `MIMEParameters.split`
    /// would give as its head, read without splitting. Nil for anything with a quote, a comment, a parameter, a
    /// folded line or a byte outside ASCII, which `split` reads in full.
    static func plainToken(_ value: ArraySlice<UInt8>) -> String? {
        let token = MIMEParameters.trimmingASCIIWhitespace(value)
        guard !token.contains(where: { $0 >= 0x80 || $0 == 0x0D || $0 == 0x0A || $0 == 0x22 || $0 == 0x28 || $0 == 0x3B }) else { return nil }
        return MIMEParameters.asciiLowercased(token)
    }

    /// Walks the part tree of one byte buffer, counting parts and copied bytes against the limits.
    struct Builder {
        let source: [UInt8]
        let lines: LineIndex
        var partCount = 1
        var copiedBytes = 0

        init(source: [UInt8], partCount: Int = 1, copiedBytes: Int = 0) {
            self.source = source
            self.lines = LineIndex(source)
            self.partCount = partCount
            self.copiedBytes = copiedBytes
        }

        func defect(_ id: String, _ detail: String, _ start: Int, _ end: Int) -> ParseDefect {
            ParseDefect(id: id, detail: detail, span: lines.span(start, max(start, end)))
        }

        /// Parses the part in `start..<end` of `source`: its header block, then its body.
        mutating func parsePart(start: Int, end: Int, depth: Int, inDigest: Bool) -> MIMEPart {
            let block = HeaderBlockParser.parse(source, start: start, end: end, firstLine: lines.line(of: start))
            var part = self.part(header: block.fields, start: start, bodyStart: block.bodyOffset, end: end, depth: depth, inDigest: inDigest)
            part.defects.insert(contentsOf: block.defects, at: 0)
            return part
        }

        mutating func part(header: [HeaderField], start: Int, bodyStart: Int, end: Int, depth: Int, inDigest: Bool) -> MIMEPart {
            var defects: [ParseDefect] = []
            var contentType = ContentType.defaultType(inDigest: inDigest)
            if let first = header.firstIndex(where: { $0.lowercasedName == "content-type" }) {
                let field = header[first]
                let (parsed, problems) = ContentType.parse(field.rawValue)
                if let parsed { contentType = parsed }
                for problem in problems {
                    defects.append(ParseDefect(id: "mime.bad-content-type", detail: "Content-Type: \(problem).", span: field.span))
                }
                if let second = header[(first + 1)...].first(where: { $0.lowercasedName == "content-type" }) {
                    defects.append(ParseDefect(id: "mime.duplicate-content-type", detail: "The part has more than one Content-Type field; the first is used.", span: second.span))
                }
            }
            var encoding = "7bit"
            if let field = header.first(where: { $0.lowercasedName == "content-transfer-encoding" }) {
                encoding = MIMEParser.plainToken(field.rawValue) ?? MIMEParameters.split(field.rawValue).head.lowercased()
                if !["7bit", "8bit", "binary", "base64", "quoted-printable"].contains(encoding) {
                    defects.append(ParseDefect(id: "mime.unknown-transfer-encoding",
                        detail: "Unknown Content-Transfer-Encoding \"\(encoding.prefix(40))\"; the body is taken as is.", span: field.span))
                    if encoding.isEmpty { encoding = "7bit" }
                }
            }
            var disposition: ContentDisposition?
            if let field = header.first(where: { $0.lowercasedName == "content-disposition" }) {
                let (parsed, problems) = ContentDisposition.parseReportingProblems(field.rawValue)
                disposition = parsed
                for problem in problems {
                    defects.append(ParseDefect(id: "mime.bad-content-disposition", detail: "Content-Disposition: \(problem).", span: field.span))
                }
            }
            let bodyStart = min(max(bodyStart, start), end)
            var part = MIMEPart(header: header, contentType: contentType, disposition: disposition, transferEncoding: encoding,
                                span: lines.span(start, end), bodySpan: lines.span(bodyStart, end), children: [], message: nil,
                                defects: defects, depth: depth, source: source)
            if contentType.isMultipart || contentType.isEncapsulatedMessage, depth >= ParseLimits.maxMIMEDepth {
                part.defects.append(defect("mime.too-deep", "MIME parts are nested more than \(ParseLimits.maxMIMEDepth) deep; deeper parts were not opened.", start, end))
                return part
            }
            if contentType.isMultipart {
                splitMultipart(&part, bodyStart: bodyStart, end: end)
            } else if contentType.isEncapsulatedMessage {
                openEncapsulated(&part, bodyStart: bodyStart, end: end)
            } else if end - bodyStart > ParseLimits.maxDecodedBytes, decodesPastLimit(part, bodyStart: bodyStart, end: end) {
                part.defects.append(defect("mime.decoded-too-large", "This part decodes to more than \(ParseLimits.maxDecodedBytes) bytes; only the first \(ParseLimits.maxDecodedBytes) bytes were examined.", bodyStart, end))
            }
            return part
        }

        /// True when decoding the leaf body would pass `ParseLimits.maxDecodedBytes` (a base64 or decompression
        /// bomb). Only asked for bodies larger than the limit; base64 is counted, not decoded.
        func decodesPastLimit(_ part: MIMEPart, bodyStart: Int, end: Int) -> Bool {
            switch part.transferEncoding {
            case "base64":
                var symbols = 0
                source.withUnsafeBufferPointer { buffer in
                    for i in bodyStart..<end where TransferDecoding.base64Table[Int(buffer[i])] >= 0 { symbols += 1 }
                }
                return symbols / 4 * 3 > ParseLimits.maxDecodedBytes
            case "quoted-printable": return part.decodedBody().truncated
            default: return true
            }
        }

        /// RFC 2046 §5.1.1: parts sit between delimiter lines `--boundary`, closed by `--boundary--`.
        mutating func splitMultipart(_ part: inout MIMEPart, bodyStart: Int, end: Int) {
            guard let boundary = part.contentType.boundary, !boundary.isEmpty else {
                part.defects.append(defect("mime.missing-boundary", "A multipart has no boundary parameter; its parts cannot be found.", bodyStart, end))
                return
            }
            if part.transferEncoding == "base64" || part.transferEncoding == "quoted-printable" {
                part.defects.append(defect("mime.encoded-multipart", "A multipart declares a transfer encoding other than 7bit/8bit/binary (RFC 2045 §6.4).", bodyStart, end))
            }
            let delimiter = Array(("--" + boundary).utf8)
            var ranges: [(Int, Int)] = []
            var found = false
            var closed = false
            var tooMany = false
            source.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var current: Int?
                // Delimiter lines are found by their first "-" (memchr) rather than line by line: a base64 body has
                // no "-" at all and is skipped in one call. A "-" counts only at the start of a line.
                var searchFrom = bodyStart
                while searchFrom < end, let dash = memchr(base + searchFrom, 0x2D, end - searchFrom) {
                    let lineStart = base.distance(to: dash.assumingMemoryBound(to: UInt8.self))
                    guard lineStart == bodyStart || buffer[lineStart - 1] == 0x0A else { searchFrom = lineStart + 1; continue }
                    let lineStop = HeaderBlockParser.lineEnd(buffer, from: lineStart, end: end)
                    searchFrom = lineStop
                    guard lineStop - lineStart >= delimiter.count, memcmp(base + lineStart, delimiter, delimiter.count) == 0 else { continue }
                    var after = lineStart + delimiter.count
                    var isClose = false
                    if after + 1 < lineStop, buffer[after] == 0x2D, buffer[after + 1] == 0x2D { isClose = true; after += 2 }
                    var onlySpace = true
                    for i in after..<lineStop where !(buffer[i] == 0x20 || buffer[i] == 0x09 || buffer[i] == 0x0D || buffer[i] == 0x0A) {
                        onlySpace = false
                        break
                    }
                    guard onlySpace else { continue }
                    found = true
                    if let partStart = current {
                        // The line break before a delimiter belongs to the delimiter.
                        var partEnd = lineStart
                        if partEnd > partStart, buffer[partEnd - 1] == 0x0A { partEnd -= 1 }
                        if partEnd > partStart, buffer[partEnd - 1] == 0x0D { partEnd -= 1 }
                        ranges.append((partStart, partEnd))
                    }
                    if isClose { closed = true; current = nil; break }
                    if partCount + ranges.count >= ParseLimits.maxMIMEParts { tooMany = true; current = nil; break }
                    current = lineStop
                }
                if !closed, let partStart = current { ranges.append((partStart, end)) }
            }
            guard found else {
                part.defects.append(defect("mime.boundary-not-found", "The multipart's boundary never occurs in its body; it was read as one opaque part.", bodyStart, end))
                return
            }
            if tooMany {
                part.defects.append(defect("mime.too-many-parts", "The message has more than \(ParseLimits.maxMIMEParts) MIME parts; the rest were not split out.", bodyStart, end))
            } else if !closed {
                part.defects.append(defect("mime.missing-close-boundary", "The multipart is not closed by its final boundary; the message may be truncated.", bodyStart, end))
            }
            let inDigest = part.contentType.subtype == "digest"
            for (start, stop) in ranges {
                guard partCount < ParseLimits.maxMIMEParts else { break }
                partCount += 1
                part.children.append(parsePart(start: start, end: stop, depth: part.depth + 1, inDigest: inDigest))
            }
        }

        /// RFC 2046 §5.2.1: the body is a whole message, parsed in place and also built as a `Message`.
        mutating func openEncapsulated(_ part: inout MIMEPart, bodyStart: Int, end: Int) {
            let identity = ["7bit", "8bit", "binary"].contains(part.transferEncoding)
            if !identity {
                part.defects.append(defect("mime.encoded-message", "A message/rfc822 part is \(part.transferEncoding)-encoded, which RFC 2046 §5.2.1 does not allow; it was decoded.", bodyStart, end))
            }
            let innerBytes: [UInt8] = identity ? Array(source[bodyStart..<end]) : part.decodedBody().bytes
            guard copiedBytes + innerBytes.count <= MIMEParser.encapsulatedCopyBudget else {
                part.defects.append(defect("mime.decoded-too-large", "Encapsulated messages exceed \(MIMEParser.encapsulatedCopyBudget) bytes in all; this one was not opened.", bodyStart, end))
                return
            }
            copiedBytes += innerBytes.count
            partCount += 1
            let inner = MessageParser.parse(innerBytes, nestingDepth: part.depth + 1)
            if identity {
                // A forwarded message saved from an mbox may keep its envelope line; it is not a header field.
                let headerStart = MessageParser.mboxFromLineEnd(source, at: bodyStart).map { min($0, end) } ?? bodyStart
                part.children = [parsePart(start: headerStart, end: end, depth: part.depth + 1, inDigest: false)]
            } else {
                var nested = Builder(source: innerBytes, partCount: partCount, copiedBytes: copiedBytes)
                let root = nested.part(header: inner.header, start: 0, bodyStart: inner.bodyOffset, end: innerBytes.count,
                                       depth: part.depth + 1, inDigest: false)
                partCount = nested.partCount
                copiedBytes = nested.copiedBytes
                _ = inner.mimeCache.value { root }
                part.children = [root]
            }
            part.message = inner
        }
    }
}
