import Foundation

/// Validates and canonicalizes IPv4 and IPv6 address text (RFC 4291 §2.2, RFC 5952 canonical form) with inet_pton.
public enum IPAddressText {
    /// The canonical text of an address of `family` (AF_INET or AF_INET6); nil when it is not one.
    public static func canonical(_ text: String, family: Int32) -> String? {
        var storage = [UInt8](repeating: 0, count: 16)
        guard text.utf8.count < 64, inet_pton(family, text, &storage) == 1 else { return nil }
        return format(Array(storage.prefix(family == AF_INET ? 4 : 16)))
    }

    /// Formats 4 or 16 address bytes; nil for any other length.
    public static func format(_ bytes: [UInt8]) -> String? {
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var buffer = [CChar](repeating: 0, count: 64)
        let ok = bytes.withUnsafeBufferPointer { address in
            inet_ntop(family, address.baseAddress, &buffer, socklen_t(buffer.count)) != nil
        }
        guard ok else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
