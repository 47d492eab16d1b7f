/// A Content-Type field (RFC 2045 §5): type, subtype and parameters; `text/plain; charset=us-ascii` when absent.
public struct ContentType: Sendable, Hashable {
    /// Lower case, for example `multipart`.
    public var type: String
    /// Lower case, for example `mixed`.
    public var subtype: String
    public var parameters: MIMEParameters
    /// False when the part had no (usable) Content-Type and the RFC 2045 §5.2 default applies.
    public var isExplicit: Bool

    public init(type: String, subtype: String, parameters: MIMEParameters = MIMEParameters(), isExplicit: Bool = true) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
        self.isExplicit = isExplicit
    }

    /// `type/subtype`.
    public var mimeType: String { "\(type)/\(subtype)" }
    public var charset: String? { parameters["charset"] }
    /// The boundary exactly as written.
    public var boundary: String? { parameters.raw("boundary") }
    public var isMultipart: Bool { type == "multipart" }
    /// message/rfc822 and message/global (RFC 6532) carry a whole message.
    public var isEncapsulatedMessage: Bool { type == "message" && (subtype == "rfc822" || subtype == "global") }

    /// The RFC 2045 §5.2 default (`message/rfc822` inside multipart/digest, RFC 2046 §5.1.5).
    static func defaultType(inDigest: Bool) -> ContentType {
        inDigest ? ContentType(type: "message", subtype: "rfc822", isExplicit: false)
            : ContentType(type: "text", subtype: "plain", isExplicit: false)
    }

    /// Parses a field value; nil with a problem when there is no `type/subtype`.
    static func parse(_ bytes: [UInt8]) -> (ContentType?, [String]) {
        parse(bytes[...])
    }

    static func parse(_ bytes: ArraySlice<UInt8>) -> (ContentType?, [String]) {
        let (head, parameters, problems) = MIMEParameters.split(bytes)
        if let (type, subtype) = asciiTypeAndSubtype(head) {
            return (ContentType(type: type, subtype: subtype, parameters: parameters), problems)
        }
        let pieces = head.lowercased().split(separator: "/", maxSplits: 1).map { String($0).trimmingASCIIWhitespace() }
        guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty,
              pieces.allSatisfy({ $0.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } }) else {
            return (nil, problems + ["the type \"\(head.prefix(40))\" is not type/subtype"])
        }
        return (ContentType(type: pieces[0], subtype: pieces[1], parameters: parameters), problems)
    }
}

extension ContentType {
    /// The usual head, `text/plain`: printable ASCII around one "/" with something on either side. Read on the bytes
    /// (lower-cased and trimmed as `parse` does); nil sends anything else through `parse`'s general reading.
    static func asciiTypeAndSubtype(_ head: String) -> (String, String)? {
        head.utf8.withContiguousStorageIfAvailable { bytes -> (String, String)? in
            guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), slash > 0, slash < bytes.count - 1 else { return nil }
            var type = bytes[..<slash], subtype = bytes[(slash + 1)...]
            while let last = type.last, String.isASCIIWhitespace(last) { type = type.dropLast() }
            while let first = subtype.first, String.isASCIIWhitespace(first) { subtype = subtype.dropFirst() }
            // Both halves non-empty, printable ASCII without spaces (as `parse` demands of the pieces).
            guard !type.isEmpty, !subtype.isEmpty, !type.contains(where: { $0 <= 0x20 || $0 >= 0x7F }),
                  !subtype.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) else { return nil }
            return (MIMEParameters.asciiLowercased(type), MIMEParameters.asciiLowercased(subtype))
        } ?? nil
    }
}

/// A Content-Disposition field (RFC 2183): `inline` or `attachment`, with the file name decoded (RFC 2231).
public struct ContentDisposition: Sendable, Hashable {
    /// Lower case: `inline`, `attachment`, or what the sender wrote.
    public var kind: String
    public var parameters: MIMEParameters

    public init(kind: String, parameters: MIMEParameters = MIMEParameters()) {
        self.kind = kind
        self.parameters = parameters
    }

    public var filename: String? { parameters["filename"] }

    static func parse(_ bytes: [UInt8]) -> ContentDisposition {
        parseReportingProblems(bytes[...]).disposition
    }

    /// The disposition and what was wrong with its parameters (a repeated `filename`, for example).
    static func parseReportingProblems(_ bytes: ArraySlice<UInt8>) -> (disposition: ContentDisposition, problems: [String]) {
        let (head, parameters, problems) = MIMEParameters.split(bytes)
        return (ContentDisposition(kind: head.lowercased(), parameters: parameters), problems)
    }
}
