import Foundation

/// Where the default DNS cache lives: `$XDG_CACHE_HOME/mailsleuth/cache.zone`, or `~/.cache/mailsleuth/cache.zone`
/// (XDG Base Directory Specification: a relative `XDG_CACHE_HOME` is ignored).
public enum DNSCacheLocation {
    public static let fileName = "cache.zone"

    /// The default cache path for the given environment, or nil when neither variable gives a directory.
    public static func defaultFile(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("mailsleuth").appendingPathComponent(fileName).path
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/mailsleuth").appendingPathComponent(fileName).path
    }
}
