import Foundation

/// Writes zone-file text in DNS presentation format (RFC 1035 §5.1) that `ZoneFile` reads back to the
/// same entries: absolute names, no `$ORIGIN` or `$TTL`, every unusual byte escaped as `\DDD`.
public enum ZoneFileWriter {
    /// The comment block that opens a new cache file.
    public static func fileHeader(source: String, time: Date) -> String {
        """
        ; mailsleuth DNS cache: DNS master-file syntax (RFC 1035 section 5) plus the directives
        ; $NXDOMAIN name, $NODATA name TYPE, $SERVFAIL name TYPE, $TIMEOUT name TYPE and $COMPLETE [domain].
        ; Check it with: mailsleuth dns check FILE

        """ + captureHeader(source: source, time: time)
    }

    /// The comment that starts each capture (a recording session or an import) appended to a file.
    public static func captureHeader(source: String, time: Date) -> String {
        "; captured \(timestamp(time)) from \(commentSafe(source))\n"
    }

    /// The text of several entries, one line each.
    public static func text(_ kinds: [ZoneEntry.Kind]) -> String {
        kinds.map { line($0) + "\n" }.joined()
    }

    /// One entry as one line (no newline).
    public static func line(_ kind: ZoneEntry.Kind) -> String {
        switch kind {
        case let .record(name, ttl, data):
            let ttlText = ttl.map { " \($0)" } ?? ""
            return "\(presentationName(name))\(ttlText) IN \(data.type.rawValue) \(presentation(data))"
        case let .nxdomain(name):
            return "$NXDOMAIN \(presentationName(name))"
        case let .nodata(name, type):
            return "$NODATA \(presentationName(name)) \(type.rawValue)"
        case let .servfail(name, type):
            return "$SERVFAIL \(presentationName(name)) \(type.rawValue)"
        case let .timeout(name, type):
            return "$TIMEOUT \(presentationName(name)) \(type.rawValue)"
        case let .complete(scope):
            return scope == "." ? "$COMPLETE" : "$COMPLETE \(presentationName(scope))"
        }
    }

    /// The record data in presentation format (`"v=spf1 -all"`, `10 mx.example.com.`).
    public static func presentation(_ data: DNSRecordData) -> String {
        switch data {
        case let .txt(strings): return strings.map(characterString).joined(separator: " ")
        case let .a(address), let .aaaa(address): return address
        case let .mx(preference, exchange): return "\(preference) \(presentationName(exchange))"
        case let .ptr(name), let .cname(name), let .ns(name): return presentationName(name)
        }
    }

    /// A character-string in quotes: `"` and `\` escaped, bytes outside printable ASCII as `\DDD`.
    public static func characterString(_ string: String) -> String {
        var out = "\""
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += decimalEscape(byte)
            }
        }
        return out + "\""
    }

    /// An absolute name with its trailing dot; bytes that would end or change a token are escaped.
    public static func presentationName(_ name: String) -> String {
        if name == "." { return "." }
        let bytes = Array(name.utf8)
        var out = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ".") || bytes[index + 1] == UInt8(ascii: "\\") {
                    out += "\\" + String(UnicodeScalar(bytes[index + 1]))
                    index += 2
                    continue
                }
                out += decimalEscape(byte)
            } else if byte <= 0x20 || byte >= 0x7F || [UInt8(ascii: ";"), UInt8(ascii: "\""), UInt8(ascii: "("), UInt8(ascii: ")")].contains(byte)
                        || (index == 0 && (byte == UInt8(ascii: "$") || (byte == UInt8(ascii: "@") && bytes.count == 1))) {
                out += decimalEscape(byte)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
            index += 1
        }
        return out + "."
    }

    static func decimalEscape(_ byte: UInt8) -> String {
        let digits = String(byte)
        return "\\" + String(repeating: "0", count: 3 - digits.count) + digits
    }

    static func timestamp(_ time: Date) -> String {
        ISO8601DateFormatter().string(from: time)
    }

    /// Text for a comment: control characters become spaces so a comment stays on its line.
    static func commentSafe(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }
}
