/// Repairs a header block pasted from a mail client or a web page (RFC 5322 §2.2 folding lost in the copy):
/// leading blank lines, indentation on every line or on the first one, and continuation lines that lost
/// their leading white space. Returns nil when the input needs no repair.
enum PastedInput {
    /// The repaired bytes and one note per repair.
    struct Repaired {
        var bytes: [UInt8]
        var notes: [String]
    }

    static func repair(_ input: [UInt8]) -> Repaired? {
        // Pasted header blocks are small; larger inputs are left as they are (and line arrays stay bounded).
        guard input.count <= 1024 * 1024 else { return nil }
        var lines = splitLines(input)
        var notes: [String] = []
        // 1. Leading blank lines.
        var leading = 0
        while leading < lines.count, isBlank(lines[leading]) { leading += 1 }
        if leading > 0, leading < lines.count {
            lines.removeFirst(leading)
            notes.append("\(leading) blank line(s) before the header were removed.")
        }
        guard !lines.isEmpty else { return nil }
        let headerEnd = lines.firstIndex(where: isBlank) ?? lines.count
        // 2. Indentation: the whole header indented by the same amount, or only the first line.
        let headerLines = lines[..<headerEnd]
        let common = headerLines.map(indentation).min() ?? 0
        if common > 0 {
            for i in lines.indices where !isBlank(lines[i]) {
                let strip = min(common, indentation(lines[i]))
                lines[i].removeFirst(strip)
            }
            notes.append("Every line was indented by \(common) character(s), as in a copy from a mail client; the indentation was removed.")
        } else if let first = lines.first, indentation(first) > 0, fieldName(lines[0].dropFirst(indentation(first))) != nil {
            lines[0].removeFirst(indentation(first))
            notes.append("The first line started with white space; it was removed.")
        }
        // 3. Continuation lines that lost their indentation: a non-field line inside the header, followed
        //    later by more fields, belongs to the field above it.
        if let lastField = headerLines.indices.last(where: { fieldName(lines[$0]) != nil }) {
            var refolded = 0
            var sawField = false
            for i in lines.indices where i < lastField {
                if fieldName(lines[i]) != nil { sawField = true; continue }
                guard sawField, indentation(lines[i]) == 0, !isBlank(lines[i]) else { continue }
                lines[i].insert(0x20, at: 0)
                refolded += 1
            }
            if refolded > 0 {
                notes.append("\(refolded) header line(s) had lost their folding indentation (a copy-and-paste artefact); they were joined to the field above.")
            }
        }
        // Only a repair that yields a header block is one: other text (a licence, a web page) is left alone.
        guard !notes.isEmpty, let first = lines.first, fieldName(first) != nil else { return nil }
        return Repaired(bytes: Array(lines.joined()), notes: notes)
    }

    static func splitLines(_ input: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for i in input.indices where input[i] == 0x0A {
            lines.append(Array(input[start...i]))
            start = i + 1
        }
        if start < input.count { lines.append(Array(input[start...])) }
        return lines
    }

    static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }
    }

    static func indentation(_ line: [UInt8]) -> Int {
        var n = 0
        while n < line.count, line[n] == 0x20 || line[n] == 0x09 { n += 1 }
        return n == line.count || isBlank(line) ? Int.max : n
    }

    /// The field name when the line looks like `Name: value` (no white space or `=` in the name).
    static func fieldName<C: Collection>(_ line: C) -> String? where C.Element == UInt8 {
        var name: [UInt8] = []
        for byte in line {
            if byte == 0x3A { return name.isEmpty ? nil : String(decoding: name, as: UTF8.self) }
            if byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "=") || name.count > 76 { return nil }
            name.append(byte)
        }
        return nil
    }
}
