import Foundation

/// The Public Suffix List (publicsuffix.org format: rules, wildcards, exceptions, ICANN and private sections)
/// and the organizational domain it yields (RFC 7489 §3.2).
public struct PublicSuffixList: Sendable {
    /// Debian's `publicsuffix` package.
    public static let systemPath = "/usr/share/publicsuffix/public_suffix_list.dat"

    /// Which part of the list a rule comes from.
    public enum Section: String, Sendable, Hashable, Codable {
        case icann, `private`
    }

    /// Plain rules (`com`, `co.uk`), by their lower-cased text.
    private var rules: [String: Section] = [:]
    /// Wildcard rules `*.ck`, stored as the part after `*.`.
    private var wildcards: [String: Section] = [:]
    /// Exception rules `!www.ck`, stored without the `!`.
    private var exceptions: [String: Section] = [:]
    /// Organizational domains already computed, by the name asked about.
    private let organizationalMemo = MemoCache<String>()

    /// Number of rules read.
    public var ruleCount: Int { rules.count + wildcards.count + exceptions.count }

    /// Parses the list's text. Unicode rules are also stored in their punycode (`xn--`) form.
    public init(text: String) {
        var section = Section.icann
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("//") {
                if line.contains("===BEGIN PRIVATE DOMAINS===") { section = .private }
                if line.contains("===BEGIN ICANN DOMAINS===") { section = .icann }
                continue
            }
            // A rule is the first white-space separated word of the line.
            guard let word = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first else { continue }
            var rule = String(word).lowercased()
            var isException = false, isWildcard = false
            if rule.hasPrefix("!") { isException = true; rule.removeFirst() }
            if rule.hasPrefix("*.") { isWildcard = true; rule.removeFirst(2) }
            guard !rule.isEmpty else { continue }
            let forms = rule.utf8.allSatisfy({ $0 < 0x80 }) ? [rule] : [rule, PublicSuffixList.punycodeForm(rule)]
            for form in forms {
                if isException { exceptions[form] = section } else if isWildcard { wildcards[form] = section } else { rules[form] = section }
            }
        }
    }

    /// Reads the list from a file; nil when it cannot be read.
    public init?(contentsOf path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        self.init(text: String(decoding: data, as: UTF8.self))
    }

    /// The public suffix of `domain` and the section of the rule that decided it (nil section: the default `*` rule).
    /// Nil for names that are not domain names (empty labels, a leading dot).
    public func publicSuffix(of domain: String) -> (suffix: String, section: Section?)? {
        guard let labels = PublicSuffixList.labels(of: domain) else { return nil }
        for index in labels.indices {
            let candidate = labels[index...].joined(separator: ".")
            if let section = exceptions[candidate] {
                return (labels[(index + 1)...].joined(separator: "."), section)
            }
        }
        for index in labels.indices {
            let candidate = labels[index...].joined(separator: ".")
            if let section = rules[candidate] { return (candidate, section) }
            if index + 1 < labels.count, let section = wildcards[labels[(index + 1)...].joined(separator: ".")] {
                return (candidate, section)
            }
        }
        return (labels[labels.count - 1], nil)
    }

    /// The registrable domain: the public suffix plus one label; nil when `domain` is itself a public suffix.
    public func registrableDomain(_ domain: String) -> String? {
        guard let labels = PublicSuffixList.labels(of: domain), let suffix = publicSuffix(of: domain) else { return nil }
        let suffixCount = suffix.suffix.split(separator: ".").count
        guard labels.count > suffixCount else { return nil }
        return labels.suffix(suffixCount + 1).joined(separator: ".")
    }

    /// The organizational domain of RFC 7489 §3.2: the registrable domain, or the name itself when it is a public suffix.
    public func organizationalDomain(_ domain: String) -> String {
        organizationalMemo.value(for: domain) { computeOrganizationalDomain($0) }
    }

    private func computeOrganizationalDomain(_ domain: String) -> String {
        registrableDomain(domain) ?? PublicSuffixList.labels(of: domain)?.joined(separator: ".") ?? domain.lowercased()
    }

    /// True when `domain` is a public suffix (a listed rule or a bare unlisted top-level name).
    public func isPublicSuffix(_ domain: String) -> Bool {
        guard let labels = PublicSuffixList.labels(of: domain), let suffix = publicSuffix(of: domain) else { return false }
        return suffix.suffix == labels.joined(separator: ".")
    }

    /// Lower-cased labels, one trailing dot dropped; nil for empty labels.
    static func labels(of domain: String) -> [String]? {
        var name = domain.lowercased()
        if name.hasSuffix("."), name.count > 1 { name.removeLast() }
        guard !name.isEmpty, name.utf8.count <= 253 else { return nil }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard labels.allSatisfy({ !$0.isEmpty }) else { return nil }
        return labels
    }

    // MARK: - Shared instances

    /// The list at `path` (the system's copy when nil), read once per path and shared; nil when unreadable.
    public static func shared(path: String? = nil) -> PublicSuffixList? {
        guard let path, path != systemPath else { return system }
        return cache.list(at: path)
    }

    /// The system's list, read once (the common case: no lock, no path lookup per message).
    private static let system = cache.list(at: systemPath)

    private static let cache = Cache()

    /// Lists already read, by path.
    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var lists: [String: PublicSuffixList?] = [:]

        func list(at path: String) -> PublicSuffixList? {
            lock.lock()
            defer { lock.unlock() }
            if let known = lists[path] { return known }
            let loaded = PublicSuffixList(contentsOf: path)
            lists[path] = .some(loaded)
            return loaded
        }
    }
}
