/// A small, tolerant scanner of HTML tags and attributes on bytes (no DOM, no scripts): enough to find
/// link targets and the text of anchors in hostile HTML. Comments are skipped, `<script>` and `<style>`
/// content is not treated as text, attribute values have their character references decoded (HTML §13.1.4).
struct HTMLScanner {
    /// One start tag with its attributes (names lower case, values decoded).
    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
        /// Byte offset of the `<`.
        var offset: Int

        func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    /// What the scanner meets, in document order.
    enum Event {
        case start(Tag)
        case end(String)
        /// Text between tags: a byte range of the input, decoded on demand with `text(_:in:)`.
        case text(Range<Int>)
    }

    /// Tags and text of `html`, at most `limit` events (hostile input can hold millions of tags).
    static func scan(_ html: [UInt8], limit: Int = 200_000) -> [Event] {
        var events: [Event] = []
        var i = 0
        let n = html.count
        var textStart = 0
        func flushText(_ end: Int) {
            if end > textStart {
                events.append(.text(textStart..<end))
            }
        }
        while i < n, events.count < limit {
            guard html[i] == 0x3C else { i += 1; continue }  // '<'
            // Comment <!-- ... -->
            if i + 3 < n, html[i + 1] == 0x21, html[i + 2] == 0x2D, html[i + 3] == 0x2D {
                flushText(i)
                i = find([0x2D, 0x2D, 0x3E], in: html, from: i + 4).map { $0 + 3 } ?? n
                textStart = i
                continue
            }
            var j = i + 1
            let closing = j < n && html[j] == 0x2F
            if closing { j += 1 }
            let nameStart = j
            while j < n, isNameByte(html[j]) { j += 1 }
            guard j > nameStart, isASCIILetter(html[nameStart]) || html[nameStart] == 0x21 || html[nameStart] == 0x3F else {
                i += 1
                continue
            }
            flushText(i)
            let name = String(decoding: html[nameStart..<j], as: UTF8.self).lowercased()
            var attributes: [(String, String)] = []
            // Attributes until '>'.
            while j < n, html[j] != 0x3E {
                if isSpace(html[j]) || html[j] == 0x2F { j += 1; continue }
                let aStart = j
                while j < n, !isSpace(html[j]), html[j] != 0x3D, html[j] != 0x3E, !(html[j] == 0x2F && j + 1 < n && html[j + 1] == 0x3E) { j += 1 }
                let aName = String(decoding: html[aStart..<j], as: UTF8.self).lowercased()
                while j < n, isSpace(html[j]) { j += 1 }
                var value = ""
                if j < n, html[j] == 0x3D {
                    j += 1
                    while j < n, isSpace(html[j]) { j += 1 }
                    if j < n, html[j] == 0x22 || html[j] == 0x27 {
                        let quote = html[j]
                        let vStart = j + 1
                        let vEnd = html[vStart...].firstIndex(of: quote) ?? n
                        value = decodeEntities(html[vStart..<vEnd])
                        j = min(n, vEnd + 1)
                    } else {
                        let vStart = j
                        while j < n, !isSpace(html[j]), html[j] != 0x3E { j += 1 }
                        value = decodeEntities(html[vStart..<j])
                    }
                }
                if !aName.isEmpty, attributes.count < 64 { attributes.append((aName, value)) }
                if j == aStart { j += 1 }
            }
            i = min(n, j + 1)
            if closing {
                events.append(.end(name))
            } else {
                events.append(.start(Tag(name: name, attributes: attributes, offset: nameStart - 1)))
                // Raw text elements: skip to their end tag.
                if name == "script" || name == "style" || name == "textarea" || name == "title" {
                    let endTag = Array("</\(name)".utf8)
                    i = findCaseInsensitive(endTag, in: html, from: i) ?? n
                }
            }
            textStart = i
        }
        if events.count < limit { flushText(n) }
        return events
    }

    /// The text of a `.text` event, character references decoded.
    static func text(_ range: Range<Int>, in html: [UInt8]) -> String {
        decodeEntities(html[range.clamped(to: 0..<html.count)])
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    static func isNameByte(_ b: UInt8) -> Bool { !isSpace(b) && b != 0x3E && b != 0x2F && b != 0x3C && b != 0x3D }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i] == needle[0], hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func findCaseInsensitive(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        var i = from
        let lower = needle.map { $0 | (isASCIILetter($0) ? 0x20 : 0) }
        while i + needle.count <= hay.count {
            var k = 0
            while k < lower.count, (isASCIILetter(hay[i + k]) ? hay[i + k] | 0x20 : hay[i + k]) == lower[k] { k += 1 }
            if k == lower.count { return i }
            i += 1
        }
        return nil
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "colon": ":", "sol": "/", "period": ".",
        "tab": "\t", "newline": "\n", "lpar": "(", "rpar": ")", "commat": "@", "quest": "?", "equals": "=", "num": "#",
        "percnt": "%", "semi": ";", "comma": ",", "excl": "!", "dollar": "$", "plus": "+", "hyphen": "-", "lowbar": "_",
    ]

    /// Decodes character references (`&amp;`, `&#47;`, `&#x2F;`, a missing `;` tolerated) in UTF-8 bytes.
    static func decodeEntities(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = ""
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.first {
            scalars = scalars.dropFirst()
            guard c == "&" else { out.unicodeScalars.append(c); continue }
            var name = ""
            var rest = scalars
            while let d = rest.first, name.count < 10, d.properties.isAlphabetic || d.properties.numericType != nil || d == "#" {
                name.unicodeScalars.append(d)
                rest = rest.dropFirst()
            }
            var decoded: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                decoded = namedEntities[name.lowercased()]
            }
            if let decoded {
                out += decoded
                if rest.first == ";" { rest = rest.dropFirst() }
                scalars = rest
            } else {
                out += "&"
            }
        }
        return out
    }
}
