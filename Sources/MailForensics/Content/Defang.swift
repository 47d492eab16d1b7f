import Foundation

/// Defangs indicators so a note can be pasted into a ticket without creating live links
/// (`hxxps://evil[.]example/`, `203[.]0[.]113[.]5`, `user[@]evil[.]example`), in the common SOC convention.
public enum Defang {
    /// Defangs any indicator by its kind.
    public static func ioc(_ ioc: IOC) -> String {
        switch ioc.type {
        case .url: return url(ioc.value)
        case .domain: return domain(ioc.value)
        case .ip: return ip(ioc.value)
        case .email: return email(ioc.value)
        case .sha256, .sha1, .md5: return ioc.value
        }
    }

    /// `http` becomes `hxxp`, `://` is kept, every dot of the host becomes `[.]`.
    public static func url(_ value: String) -> String {
        var rest = Substring(value)
        var scheme = ""
        if let range = value.range(of: "://") {
            scheme = String(value[..<range.lowerBound])
            rest = value[range.upperBound...]
            let lower = scheme.lowercased()
            if lower.hasPrefix("http") || lower.hasPrefix("ftp") {
                scheme = lower.replacingOccurrences(of: "tt", with: "xx").replacingOccurrences(of: "ftp", with: "fxp")
            }
            scheme += "[://]"
        } else if let colon = value.firstIndex(of: ":") {
            // mailto:, javascript:, data: -- break the scheme so nothing turns it into a link.
            return String(value[..<colon]) + "[:]" + domain(String(value[value.index(after: colon)...]))
        }
        let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let host = rest[..<hostEnd].replacingOccurrences(of: ".", with: "[.]")
        return scheme + host + rest[hostEnd...]
    }

    public static func domain(_ value: String) -> String {
        value.replacingOccurrences(of: ".", with: "[.]")
    }

    public static func ip(_ value: String) -> String {
        value.contains(":") ? value.replacingOccurrences(of: ":", with: "[:]") : value.replacingOccurrences(of: ".", with: "[.]")
    }

    public static func email(_ value: String) -> String {
        domain(value).replacingOccurrences(of: "@", with: "[@]")
    }
}
