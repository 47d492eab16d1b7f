/// A parsed tag=value list (RFC 6376 §3.2), shared by DKIM signatures, DKIM key records and ARC fields.
///
/// Works on bytes. Each tag remembers where its value stood in the input, so a verifier can blank the
/// `b=` value in the exact bytes it hashes. Duplicate tags and bad syntax are errors, as §3.2 requires.
public struct TagList: Sendable, Hashable {
    /// One `name=value` pair: the value with surrounding folding white space removed, and its byte range.
    public struct Tag: Sendable, Hashable {
        public var name: String
        public var value: String
        /// Range of the value in the input, from just after `=` to just before `;` (or the end):
        /// the surrounding white space included, which is what RFC 6376 §3.7 deletes for `b=`.
        public var valueRange: Range<Int>
    }

    /// Why a tag list could not be read.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case duplicateTag(String)
        case badTagName(String)
        case missingEquals(String)
        case badValue(tag: String)

        public var description: String {
            switch self {
            case let .duplicateTag(name): return "tag \(name)= appears more than once"
            case let .badTagName(name): return "malformed tag name \"\(name)\""
            case let .missingEquals(text): return "tag \"\(text)\" has no '='"
            case let .badValue(tag): return "tag \(tag)= has a value with characters not allowed in a tag list"
            }
        }
    }

    /// Tags in the order written.
    public let tags: [Tag]

    /// Parses `bytes[range]`; positions in `valueRange` are indices of `bytes`.
    public init<C: RandomAccessCollection>(parsing bytes: C) throws(ParseError) where C.Element == UInt8, C.Index == Int {
        var tags: [Tag] = []
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            // One tag-spec runs to the next ';' or the end.
            var specEnd = i
            while specEnd < end, bytes[specEnd] != 0x3B { specEnd += 1 }
            var j = i
            while j < specEnd, Self.isFWS(bytes[j]) { j += 1 }
            if j == specEnd {
                // Empty spec: allowed only as a trailing ';' (or an empty list).
                if specEnd < end {
                    var k = specEnd + 1
                    while k < end, Self.isFWS(bytes[k]) { k += 1 }
                    if k < end { throw .badTagName("") }
                }
                break
            }
            let nameStart = j
            while j < specEnd, Self.isNameByte(bytes[j]) { j += 1 }
            let name = String(decoding: bytes[nameStart..<j], as: UTF8.self)
            var k = j
            while k < specEnd, Self.isFWS(bytes[k]) { k += 1 }
            guard j > nameStart, Self.isAlpha(bytes[nameStart]) else {
                throw .badTagName(String(decoding: bytes[nameStart..<specEnd], as: UTF8.self))
            }
            guard k < specEnd, bytes[k] == 0x3D else {
                throw .missingEquals(String(decoding: bytes[nameStart..<specEnd], as: UTF8.self))
            }
            let valueRange = (k + 1)..<specEnd
            var vs = valueRange.lowerBound
            var ve = valueRange.upperBound
            while vs < ve, Self.isFWS(bytes[vs]) { vs += 1 }
            while ve > vs, Self.isFWS(bytes[ve - 1]) { ve -= 1 }
            for p in vs..<ve {
                let b = bytes[p]
                // tval = %x21-3A / %x3C-7E, separated by FWS.
                guard (b >= 0x21 && b <= 0x7E) || Self.isFWS(b) else { throw .badValue(tag: name) }
            }
            guard !tags.contains(where: { $0.name == name }) else { throw .duplicateTag(name) }
            tags.append(Tag(name: name, value: String(decoding: bytes[vs..<ve], as: UTF8.self), valueRange: valueRange))
            i = specEnd < end ? specEnd + 1 : end
        }
        self.tags = tags
    }

    /// The value of a tag (names are case-sensitive, RFC 6376 §3.2).
    public subscript(name: String) -> String? {
        tags.first { $0.name == name }?.value
    }

    /// The tag itself, with its byte range.
    public func tag(_ name: String) -> Tag? {
        tags.first { $0.name == name }
    }

    /// A value with every FWS character removed (for base64 values such as `b=`, `bh=`, `p=`).
    public static func removingWhitespace(_ value: String) -> String {
        guard value.utf8.contains(where: isFWS) else { return value }
        return String(decoding: value.utf8.filter { !isFWS($0) }, as: UTF8.self)
    }

    /// Splits a value at `separator`, each part with FWS removed (for `h=`, `q=`, key `h=`, `s=`, `t=`).
    public static func split(_ value: String, separator: UInt8, omittingEmpty: Bool = true) -> [String] {
        var parts: [String] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty || !omittingEmpty { parts.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for byte in value.utf8 {
            if byte == separator {
                flush()
            } else if !isFWS(byte) {
                current.append(byte)
            }
        }
        flush()
        return parts
    }

    @inline(__always) static func isFWS(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool { isAlpha(b) || (b >= 0x30 && b <= 0x39) || b == 0x5F }
}
