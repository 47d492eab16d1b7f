/// Parameters of a structured MIME field (`type/subtype; name=value`, RFC 2045 §5.1), with RFC 2231
/// continuations (`name*0=`, `name*1=`) and charset/language (`name*=utf-8'en'%E2%82%AC`).
public struct MIMEParameters: Sendable, Hashable {
    /// Parameter names (lower case) in the order first seen, with decoded values.
    public var entries: [(name: String, value: String)] {
        items.map { ($0.name, $0.value) }
    }
    /// Each parameter once, in the order first seen: its lower-case name, its decoded value, and its value exactly
    /// as written (quotes removed) for values that must not be decoded (boundary). A part has a handful of
    /// parameters, so a list searched from the front costs less than two dictionaries built for every part.
    private(set) var items: [(name: String, value: String, raw: String)] = []

    public init() {}

    public subscript(name: String) -> String? { item(name)?.value }

    /// The value as written, without RFC 2231/2047 decoding.
    public func raw(_ name: String) -> String? { item(name)?.raw }

    private func item(_ name: String) -> (name: String, value: String, raw: String)? {
        let wanted = Message.lowercasedFieldName(name)
        return items.first { $0.name == wanted }
    }

    /// Adds a parameter not yet listed.
    mutating func append(_ name: String, value: String, raw: String) {
        items.append((name, value, raw))
    }

    public static func == (lhs: MIMEParameters, rhs: MIMEParameters) -> Bool {
        lhs.items.count == rhs.items.count
            && zip(lhs.items, rhs.items).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(items.count)
        for item in items { hasher.combine(item.name) }
    }

    /// Splits `value` into the leading token (before the first `;`) and its parameters.
    static func split(_ bytes: [UInt8]) -> (head: String, parameters: MIMEParameters, problems: [String]) {
        split(bytes[...])
    }

    /// `split` of a field value read in place (no copy of the field's bytes).
    static func split(_ bytes: ArraySlice<UInt8>) -> (head: String, parameters: MIMEParameters, problems: [String]) {
        // The segments between unquoted ";" (comments and line breaks left out) are gathered in one buffer,
        // segment k starting at cuts[k], rather than in an array per segment.
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var cuts = [0]
        var inQuotes = false
        var escaped = false
        var depth = 0
        for byte in bytes where byte != 0x0D && byte != 0x0A {
            if escaped { kept.append(byte); escaped = false; continue }
            if inQuotes {
                if byte == UInt8(ascii: "\\") { escaped = true }
                if byte == UInt8(ascii: "\"") { inQuotes = false }
                kept.append(byte)
                continue
            }
            if depth > 0 {
                if byte == UInt8(ascii: "(") { depth += 1 }
                if byte == UInt8(ascii: ")") { depth -= 1 }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inQuotes = true; kept.append(byte)
            case UInt8(ascii: "("): depth = 1
            case UInt8(ascii: ";"):
                if cuts.count < 1000 { cuts.append(kept.count) }
            default: kept.append(byte)
            }
        }
        var problems: [String] = []
        if inQuotes { problems.append("an unterminated quoted string") }
        // Trimmed on the bytes, then decoded: the white space is ASCII, which takes no part in a multi-byte sequence,
        // so this is the text of decoding first and trimming after.
        let head = Charset.decodeRawHeader(trimmingASCIIWhitespace(kept[0..<(cuts.count > 1 ? cuts[1] : kept.count)]))
        var collected: [(name: String, index: Int?, extended: Bool, value: [UInt8])] = []
        collected.reserveCapacity(cuts.count - 1)
        for k in cuts.indices.dropFirst() {
            let segment = kept[cuts[k]..<(k + 1 < cuts.count ? cuts[k + 1] : kept.count)]
            guard let equals = segment.firstIndex(of: UInt8(ascii: "=")) else {
                if !segment.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { problems.append("a parameter without a value") }
                continue
            }
            let nameBytes = trimmingASCIIWhitespace(segment[..<equals])
            let asciiName = !nameBytes.contains { $0 >= 0x80 }
            let name = asciiName ? asciiLowercased(nameBytes)
                : String(decoding: nameBytes, as: UTF8.self).lowercased()
            guard !name.isEmpty else { problems.append("a parameter without a name"); continue }
            // Trimmed and unquoted on the slice, copied once.
            var trimmed = segment[(equals + 1)...]
            while let first = trimmed.first, first == 0x20 || first == 0x09 { trimmed = trimmed.dropFirst() }
            while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
            var value: [UInt8] = []
            if trimmed.first == UInt8(ascii: "\"") {
                value.reserveCapacity(trimmed.count)
                var i = trimmed.startIndex + 1
                while i < trimmed.endIndex {
                    if trimmed[i] == UInt8(ascii: "\\"), i + 1 < trimmed.endIndex { value.append(trimmed[i + 1]); i += 2; continue }
                    if trimmed[i] == UInt8(ascii: "\"") { break }
                    value.append(trimmed[i])
                    i += 1
                }
            } else {
                value = Array(trimmed)
            }
            // RFC 2231 §3-§4: name*N, name*N*, name*.
            var base = name
            var index: Int?
            var extended = false
            // Most names have no "*" at all: nothing to look for then.
            let hasStar = !asciiName || nameBytes.contains(UInt8(ascii: "*"))
            if hasStar, base.hasSuffix("*") { extended = true; base.removeLast() }
            if hasStar, let star = base.lastIndex(of: "*"), let n = Int(base[base.index(after: star)...]), n >= 0, n < 1000 {
                index = n
                base = String(base[..<star])
            }
            collected.append((base, index, extended, value))
        }
        var parameters = MIMEParameters()
        // Common case: a few parameters, each once, none split or encoded by RFC 2231. Each value is then its
        // only part, which the general grouping below would decode the same way.
        if collected.count <= 8, collected.allSatisfy({ $0.index == nil && !$0.extended }),
           collected.indices.allSatisfy({ i in !collected[..<i].contains { $0.name == collected[i].name } }) {
            parameters.items.reserveCapacity(collected.count)
            for entry in collected {
                parameters.append(entry.name, value: EncodedWords.decode(bytes: entry.value), raw: String(decoding: entry.value, as: UTF8.self))
            }
            return (head, parameters, problems)
        }
        var grouped: [String: [(index: Int?, extended: Bool, value: [UInt8])]] = [:]
        var names: [String] = []
        for entry in collected {
            if grouped[entry.name] == nil { names.append(entry.name) }
            grouped[entry.name, default: []].append((entry.index, entry.extended, entry.value))
        }
        for name in names {
            guard var parts = grouped[name] else { continue }
            // The same parameter (or the same RFC 2231 section) given twice is ambiguous: mail clients disagree
            // on which one counts, and `filename="a.pdf"; filename="a.exe"` is an old filter-evasion trick. The
            // first is used and the repetition is reported, never the two run together.
            var seenSections = Set<Int>()
            let count = parts.count
            parts = parts.filter { seenSections.insert($0.index ?? -1).inserted }
            if parts.count < count { problems.append("the parameter '\(name.prefix(64))' is given more than once (the first value is used)") }
            let sorted = parts.sorted { ($0.index ?? -1) < ($1.index ?? -1) }
            var charset: String?
            var bytes: [UInt8] = []
            var raw = ""
            for (position, part) in sorted.enumerated() {
                raw += String(decoding: part.value, as: UTF8.self)
                guard part.extended else { bytes += part.value; continue }
                var value = part.value[...]
                if position == 0 {
                    let quotes = value.indices.filter { value[$0] == UInt8(ascii: "'") }
                    if quotes.count >= 2 {
                        charset = String(decoding: value[..<quotes[0]], as: UTF8.self)
                        value = value[(quotes[1] + 1)...]
                    }
                }
                bytes += percentDecode(value)
            }
            let decoded: String
            if let charset, !charset.isEmpty {
                decoded = Charset.decode(bytes, charset: charset).text
            } else {
                decoded = EncodedWords.decode(bytes: bytes)
            }
            parameters.append(name, value: decoded, raw: raw)
        }
        return (head, parameters, problems)
    }

    /// The bytes without leading and trailing spaces, tabs, CR and LF.
    static func trimmingASCIIWhitespace(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, String.isASCIIWhitespace(bytes[start]) { start += 1 }
        while end > start, String.isASCIIWhitespace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// ASCII bytes as a string with the capitals folded (what `lowercased()` gives for ASCII).
    static func asciiLowercased<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            for byte in bytes {
                out[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                count += 1
            }
            return count
        }
    }

    static func percentDecode(_ value: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var i = value.startIndex
        while i < value.endIndex {
            if value[i] == UInt8(ascii: "%"), i + 2 < value.endIndex,
               let hi = TransferDecoding.hexValue(at: 0, in: [value[i + 1]]), let lo = TransferDecoding.hexValue(at: 0, in: [value[i + 2]]) {
                out.append(hi << 4 | lo)
                i += 3
                continue
            }
            out.append(value[i])
            i += 1
        }
        return out
    }
}
