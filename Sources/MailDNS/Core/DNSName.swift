/// Helpers for domain names in presentation form (RFC 1035 §5.1): lower case, no trailing dot,
/// `\.` and `\\` kept escaped inside labels, `.` alone for the root.
public enum DNSName {
    /// The labels of a name, splitting on unescaped dots; empty for the root. Nil when a label is empty
    /// or a backslash escapes anything but `.` or `\\`.
    public static func labels(_ name: String) -> [String]? {
        if name == "." || name.isEmpty { return [] }
        var labels: [String] = []
        var current: [UInt8] = []
        var escaped = false
        for byte in name.utf8 {
            if escaped {
                guard byte == UInt8(ascii: ".") || byte == UInt8(ascii: "\\") else { return nil }
                current.append(byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                current.append(byte)
                escaped = true
            } else if byte == UInt8(ascii: ".") {
                guard !current.isEmpty else { return nil }
                labels.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
        }
        guard !current.isEmpty, !escaped else { return nil }
        labels.append(String(decoding: current, as: UTF8.self))
        return labels
    }

    /// The length of a label on the wire: escape pairs count as one byte.
    static func wireLength(ofLabel label: String) -> Int {
        var length = 0
        var escaped = false
        for byte in label.utf8 {
            if !escaped, byte == UInt8(ascii: "\\") { escaped = true; continue }
            escaped = false
            length += 1
        }
        return length
    }

    /// True when the name can exist in the DNS (RFC 1035 §2.3.4): labels of 1 to 63 bytes, at most 255 bytes in all.
    public static func isValid(_ name: String) -> Bool {
        guard let labels = labels(name) else { return false }
        var total = 1
        for label in labels {
            let length = wireLength(ofLabel: label)
            guard (1...63).contains(length) else { return false }
            total += length + 1
        }
        return total <= 255
    }

    /// True when `name` is `scope` or lies below it; every name is below the root `.`.
    public static func isAtOrBelow(_ name: String, _ scope: String) -> Bool {
        guard let nameLabels = labels(name), let scopeLabels = labels(scope) else { return false }
        guard nameLabels.count >= scopeLabels.count else { return false }
        return Array(nameLabels.suffix(scopeLabels.count)) == scopeLabels
    }

    /// The name and each of its ancestors up to (not including) the root, nearest first.
    public static func selfAndAncestors(_ name: String) -> [String] {
        guard let labels = labels(name), !labels.isEmpty else { return [] }
        return (0..<labels.count).map { labels[$0...].joined(separator: ".") }
    }
}
