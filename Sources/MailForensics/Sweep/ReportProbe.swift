/// Reads facts for the sweep summary from report sections whose exact shape is still growing (RFC 5321 §4.4
/// Received path): looks, by field name, for the connecting IP of the sender without depending on one layout.
enum ReportProbe {
    /// Field names that hold the sender's connecting IP, in order of preference.
    static let ipLabels = ["originatingIP", "originIP", "connectingIP", "sourceIP", "clientIP", "senderIP", "ip"]

    /// The connecting IP of the sender as the report records it (Received path first, then SPF), or nil.
    static func sendingIP(_ report: Report) -> String? {
        if let path = report.path, let ip = firstString(in: path, labels: ipLabels, depth: 2) { return ip }
        if let spf = report.authentication.spf, let ip = firstString(in: spf, labels: ipLabels, depth: 1) { return ip }
        return nil
    }

    /// The first non-empty string stored under one of `labels`, searching `depth` levels of stored properties.
    static func firstString(in value: Any, labels: [String], depth: Int) -> String? {
        let children = Array(Mirror(reflecting: value).children)
        for label in labels {
            for child in children where child.label == label {
                if let text = unwrap(child.value) as? String, !text.isEmpty { return text }
            }
        }
        guard depth > 0 else { return nil }
        for child in children {
            let inner = unwrap(child.value)
            guard !(inner is String), Mirror(reflecting: inner).displayStyle == .struct else { continue }
            if let found = firstString(in: inner, labels: labels, depth: depth - 1) { return found }
        }
        return nil
    }

    /// The wrapped value of an optional, or the value itself.
    static func unwrap(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value ?? Optional<Any>.none as Any
    }
}
