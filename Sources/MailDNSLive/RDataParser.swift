import MailDNS

/// Decodes the rdata libunbound returns (uncompressed wire format, RFC 1035 §3.3) into record data.
/// Total on hostile bytes: anything malformed gives nil.
enum RDataParser {
    static func parse(_ bytes: [UInt8], type: DNSRecordType) -> DNSRecordData? {
        switch type {
        case .txt:
            return characterStrings(bytes).map { .txt($0) }
        case .a:
            guard bytes.count == 4, let address = IPAddress(bytes: bytes) else { return nil }
            return .a(address.description)
        case .aaaa:
            guard bytes.count == 16, let address = IPAddress(bytes: bytes) else { return nil }
            return .aaaa(address.description)
        case .mx:
            guard bytes.count >= 3 else { return nil }
            let preference = Int(bytes[0]) << 8 | Int(bytes[1])
            var index = 2
            guard let exchange = name(bytes, at: &index), index == bytes.count else { return nil }
            return .mx(preference: preference, exchange: exchange)
        case .ptr, .cname, .ns:
            var index = 0
            guard let target = name(bytes, at: &index), index == bytes.count else { return nil }
            switch type {
            case .ptr: return .ptr(target)
            case .cname: return .cname(target)
            default: return .ns(target)
            }
        }
    }

    /// The length-prefixed character-strings of a TXT rdata (RFC 1035 §3.3.14); nil if one overruns.
    static func characterStrings(_ bytes: [UInt8]) -> [String]? {
        var strings: [String] = []
        var index = 0
        while index < bytes.count {
            let length = Int(bytes[index])
            let end = index + 1 + length
            guard end <= bytes.count else { return nil }
            strings.append(String(decoding: bytes[(index + 1)..<end], as: UTF8.self))
            index = end
        }
        return strings.isEmpty ? nil : strings
    }

    /// An uncompressed domain name at `index` (RFC 1035 §3.1), in the presentation form `DNSName` uses:
    /// dots and backslashes inside labels escaped. Compression pointers are refused (libunbound expands them).
    static func name(_ bytes: [UInt8], at index: inout Int) -> String? {
        var labels: [String] = []
        var total = 1
        while true {
            guard index < bytes.count else { return nil }
            let length = Int(bytes[index])
            index += 1
            if length == 0 { break }
            guard length <= 63 else { return nil }
            let end = index + length
            total += length + 1
            guard end <= bytes.count, total <= 255 else { return nil }
            var label: [UInt8] = []
            for byte in bytes[index..<end] {
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "\\") { label.append(UInt8(ascii: "\\")) }
                label.append(byte)
            }
            labels.append(String(decoding: label, as: UTF8.self))
            index = end
        }
        return labels.isEmpty ? "." : DNSQuestion.normalize(labels.joined(separator: "."))
    }
}
