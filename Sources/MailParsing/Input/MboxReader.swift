import Foundation

/// Splits an mbox stream into messages (RFC 4155 and its flavours): mboxo and mboxrd (`>From ` lines
/// unescaped), mboxcl/mboxcl2 (a Content-Length that lands on the next separator is trusted, so unescaped
/// `From ` lines inside the body do not split). Reads line by line through `ChunkedReader`.
final class MboxReader {
    private let reader: ChunkedReader
    private let path: String
    private let kind: InputKind
    private var index = 0
    /// The separator line that starts the next message, already read, and its offset.
    private var pendingSeparator: (line: [UInt8], offset: Int)?
    private var finished = false
    /// Body lines between interesting ones are taken as runs (false: strictly line by line; tests compare the two).
    var takesRuns = true

    init(reader: ChunkedReader, path: String, kind: InputKind = .mbox) {
        self.reader = reader
        self.path = path
        self.kind = kind
    }

    /// Whether `line` is an envelope line: `From ` then a sender and an asctime-like date (a time and a year).
    static func isSeparator<C: Collection>(_ line: C) -> Bool where C.Element == UInt8, C.Index == Int {
        guard line.count >= 5, line.count < 1024 else { return false }
        let s = line.startIndex
        guard line[s] == 0x46, line[s + 1] == 0x72, line[s + 2] == 0x6F, line[s + 3] == 0x6D, line[s + 4] == 0x20 else { return false }
        var sawTime = false, sawYear = false
        var digits = 0
        var i = s + 5
        while i < line.endIndex {
            let c = line[i]
            if c >= 0x30, c <= 0x39 {
                digits += 1
            } else {
                if c == 0x3A, digits >= 1, digits <= 2, i + 2 < line.endIndex, line[i + 1] >= 0x30, line[i + 1] <= 0x39 { sawTime = true }
                if digits == 4 { sawYear = true }
                digits = 0
            }
            i += 1
        }
        if digits == 4 { sawYear = true }
        return sawTime && sawYear
    }

    func next() -> InputItem? {
        guard !finished else { return nil }
        var messageOffset: Int
        if let pending = pendingSeparator {
            messageOffset = pending.offset
            pendingSeparator = nil
        } else {
            // First message: skip blank lines before the first separator.
            guard let first = reader.nextLine() else { finished = true; return nil }
            messageOffset = first.offset
            if !(first.bytes.starts(with: MboxReader.fromSpace)) {
                // Not an mbox line after all: read it as the start of the message.
                return readMessage(startingWith: Array(first.bytes), offset: messageOffset)
            }
        }
        return readMessage(startingWith: nil, offset: messageOffset)
    }

    private func readMessage(startingWith firstLine: [UInt8]?, offset: Int) -> InputItem? {
        var bytes: [UInt8] = firstLine ?? []
        // Room for a typical message up front: growing from empty copied each message several times over.
        bytes.reserveCapacity(16 * 1024)
        var notes: [String] = []
        var inHeader = true
        var contentLength: Int?
        var unescaped = 0
        var skipped = 0
        var previousBlank = false
        var endedWithoutNewline = false
        let limit = ParseLimits.maxMessageBytes

        func append<C: Collection>(_ line: C) where C.Element == UInt8 {
            if bytes.count + line.count <= limit {
                bytes.append(contentsOf: line)
            } else {
                skipped += line.count
            }
        }

        while true {
            // In the body, only lines starting with "F" (a separator) or ">" (an escaped ">From ") need a look of
            // their own: the lines in between are taken as one run, with the same effect as one by one.
            if !inHeader, takesRuns {
                let run = reader.takeLines(untilLineStartingWith: 0x46, or: 0x3E)
                if !run.isEmpty {
                    if bytes.count + run.count <= limit {
                        bytes.append(contentsOf: run)
                    } else {
                        var start = run.startIndex
                        while let lf = run[start...].firstIndex(of: 0x0A) {
                            append(run[start...lf])
                            start = lf + 1
                        }
                    }
                    previousBlank = MboxReader.endsWithBlankLine(run)
                    endedWithoutNewline = false
                    continue
                }
            }
            guard let line = reader.nextLine() else { break }
            let content = line.bytes
            endedWithoutNewline = content.last != 0x0A
            if line.startsLine, MboxReader.isSeparator(content) {
                pendingSeparator = (Array(content), line.offset)
                break
            }
            let isBlank = content.count == 1 ? content.first == 0x0A : (content.count == 2 && content.first == 0x0D && content.last == 0x0A)
            if inHeader {
                if isBlank {
                    inHeader = false
                    append(content)
                    if let length = contentLength, let body = trustedBody(length: length) {
                        append(body)
                        previousBlank = false
                        if reader.available == 0 && reader.atEOF { break }
                        continue
                    }
                    previousBlank = true
                    continue
                }
                if line.startsLine, content.count > 15, MboxReader.startsWithContentLength(content) {
                    let value = String(decoding: content.dropFirst(15), as: UTF8.self).trimmingASCIIWhitespace()
                    contentLength = Int(value)
                }
            }
            // mboxrd / mboxo: a quoted ">From " (any number of ">") loses one ">".
            if line.startsLine, content.first == UInt8(ascii: ">") {
                var i = content.startIndex
                while i < content.endIndex, content[i] == UInt8(ascii: ">") { i += 1 }
                if content[i...].starts(with: MboxReader.fromSpace) {
                    unescaped += 1
                    append(content.dropFirst())
                    previousBlank = false
                    continue
                }
            }
            append(content)
            previousBlank = isBlank
        }
        // The blank line that the mbox writer adds before the next separator is not part of the message.
        if pendingSeparator != nil, previousBlank {
            if bytes.last == 0x0A { bytes.removeLast() }
            if bytes.last == 0x0D { bytes.removeLast() }
        }
        if pendingSeparator == nil {
            finished = true
            if let error = reader.readError { notes.append("The mbox could not be read to its end (\(error)); this message may be incomplete.") }
            if endedWithoutNewline { notes.append("The mbox ends in the middle of a line: the file looks truncated, so this last message may be incomplete.") }
        }
        if unescaped > 0 { notes.append("\(unescaped) quoted \">From \" line(s) were unescaped (mboxrd).") }
        if skipped > 0 {
            notes.append("The message is larger than \(limit) bytes; only the first \(limit) bytes were read (\(skipped) bytes skipped).")
        }
        let location = MessageLocation(path: path, index: index, byteOffset: offset, kind: kind)
        index += 1
        return InputItem(location: location, bytes: bytes, notes: notes)
    }

    private static let fromSpace = Array("From ".utf8)

    /// Whether the last line of `run` (complete lines, each ending in LF) is blank: LF or CR LF alone.
    static func endsWithBlankLine(_ run: ArraySlice<UInt8>) -> Bool {
        let end = run.endIndex
        guard run.count >= 1, run[end - 1] == 0x0A else { return false }
        if run.count == 1 || run[end - 2] == 0x0A { return true }
        return run[end - 2] == 0x0D && (run.count == 2 || run[end - 3] == 0x0A)
    }
    private static let contentLength = Array("content-length:".utf8)

    /// Whether a header line starts with `Content-Length:` in any case (no allocation: this runs on every line).
    static func startsWithContentLength(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.count >= contentLength.count else { return false }
        return zip(line, contentLength).allSatisfy { $0 | 0x20 == $1 }
    }

    /// mboxcl/mboxcl2: when `length` body bytes are followed by the end of input or by a separator (after
    /// optional blank lines), they are the body, taken verbatim. Otherwise nil, and line mode goes on.
    private func trustedBody(length: Int) -> ArraySlice<UInt8>? {
        guard length > 0, length <= ParseLimits.maxMessageBytes else { return nil }
        let window = reader.peek(length + 2048)
        guard window.count >= length else { return nil }
        var after = window.startIndex + length
        while after < window.endIndex, window[after] == 0x0A || window[after] == 0x0D { after += 1 }
        if after == window.endIndex, reader.atEOF, window.count < length + 2048 {
            return reader.take(length)
        }
        let rest = window[after...]
        let lineEnd = rest.firstIndex(of: 0x0A) ?? rest.endIndex
        guard MboxReader.isSeparator(rest[rest.startIndex..<lineEnd]) else { return nil }
        return reader.take(length)
    }
}
