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
        var text = text
        self.init(utf8: text.withUTF8 { Array($0) })
    }

    /// Parses the list's bytes (UTF-8), line by line. Read once per process, but the list has some 10,000
    /// lines, so the scan works on bytes rather than on `Character`s.
    init(utf8 bytes: [UInt8]) {
        var section = Section.icann
        let count = bytes.count
        var lineStart = 0
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var i = lineStart
            while i < lineEnd, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            if lineEnd - i >= 2, bytes[i] == 0x2F, bytes[i + 1] == 0x2F {
                let comment = bytes[i..<lineEnd]
                if Self.contains(comment, Self.privateMarker) { section = .private }
                if Self.contains(comment, Self.icannMarker) { section = .icann }
                continue
            }
            // A rule is the first white-space separated word of the line.
            var wordEnd = i
            while wordEnd < lineEnd, bytes[wordEnd] != 0x20, bytes[wordEnd] != 0x09 { wordEnd += 1 }
            var isException = false, isWildcard = false
            if i < wordEnd, bytes[i] == 0x21 { isException = true; i += 1 }
            if wordEnd - i >= 2, bytes[i] == 0x2A, bytes[i + 1] == 0x2E { isWildcard = true; i += 2 }
            guard i < wordEnd else { continue }
            let word = bytes[i..<wordEnd]
            let forms: [String]
            if word.allSatisfy({ $0 < 0x80 }) {
                forms = [String(decoding: word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)]
            } else {
                let rule = String(decoding: word, as: UTF8.self).lowercased()
                forms = [rule, PublicSuffixList.punycodeForm(rule)]
            }
            for form in forms {
                if isException { exceptions[form] = section } else if isWildcard { wildcards[form] = section } else { rules[form] = section }
            }
        }
    }

    private static let privateMarker = Array("===BEGIN PRIVATE DOMAINS===".utf8)
    private static let icannMarker = Array("===BEGIN ICANN DOMAINS===".utf8)

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        var start = haystack.startIndex
        while start + needle.count <= haystack.endIndex {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
            start += 1
        }
        return false
    }

    /// Reads the list from a file; nil when it cannot be read.
    public init?(contentsOf path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        self.init(utf8: [UInt8](data))
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
