import MailAuth
import MailParsing

/// Detects domains made to look like another: IDN homoglyphs and mixed scripts (RFC 3492 punycode decoded,
/// UTS #39 confusable skeletons, abridged), and small edit distances to a target domain.
enum Lookalike {
    /// The Unicode form of an IDNA A-label domain (`xn--...`), or the input when nothing is encoded or it is invalid.
    static func unicode(_ domain: String) -> String {
        // Most domains have no A-label; then the decoded form is the input itself.
        if ASCIIText.isSimple(domain), !hasALabel(domain) { return domain }
        return Punycode.unicodeDomain(domain)
    }

    /// True when a label of an ASCII domain starts with `xn--` in any case.
    static func hasALabel(_ domain: String) -> Bool {
        let prefix = aLabelPrefix
        var atLabelStart = true
        var matched = 0
        for b in domain.utf8 {
            if atLabelStart || matched > 0 {
                if ASCIIText.lower(b) == prefix[matched] {
                    matched += 1
                    if matched == 4 { return true }
                } else {
                    matched = 0
                }
            }
            atLabelStart = b == 0x2E
        }
        return false
    }

    private static let aLabelPrefix = Array("xn--".utf8)

    /// Confusable characters mapped to the Latin letters they imitate (UTS #39, abridged), plus digit tricks.
    static let confusables: [Character: String] = [
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h",
        "ӏ": "l", "ԛ": "q", "ԝ": "w", "ɡ": "g", "ο": "o", "α": "a", "ν": "v", "τ": "t", "ι": "i", "κ": "k", "ρ": "p", "ε": "e",
        "0": "o", "1": "l", "3": "e", "5": "s", "ı": "i", "ł": "l", "ä": "a", "ö": "o", "ü": "u", "é": "e", "è": "e", "à": "a",
        "á": "a", "í": "i", "ó": "o", "ú": "u", "ç": "c", "ñ": "n",
    ]

    /// A comparison form: Unicode decoded, lower case, confusables folded, `rn`→`m`, `vv`→`w`.
    static func skeleton(_ domain: String) -> String {
        skeletonMemo.value(for: domain) { computeSkeleton($0) }
    }

    /// Skeletons already computed (the lookalike targets come back for every message).
    private static let skeletonMemo = MemoCache<String>()

    private static func computeSkeleton(_ domain: String) -> String {
        var s = ""
        for c in unicode(DomainName.normalize(domain)).lowercased() { s += confusables[c] ?? String(c) }
        return s.replacingOccurrences(of: "rn", with: "m").replacingOccurrences(of: "vv", with: "w")
    }

    /// The scripts of the letters in a domain (Latin, Cyrillic, Greek, other), for mixed-script detection.
    static func scripts(_ text: String) -> Set<String> {
        var out: Set<String> = []
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: out.insert("Latin")
            case 0x370...0x3FF: out.insert("Greek")
            case 0x400...0x52F: out.insert("Cyrillic")
            default: out.insert("other")
            }
        }
        return out
    }

    /// Levenshtein distance, bounded: returns `limit + 1` as soon as it must exceed `limit`.
    static func distance(_ a: String, _ b: String, limit: Int = 3) -> Int {
        // Cheap window first: scalar counts differing by more than `limit` cannot be within it.
        let ac = a.unicodeScalars.count, bc = b.unicodeScalars.count
        guard abs(ac - bc) <= limit, ac < 256, bc < 256 else { return limit + 1 }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard abs(x.count - y.count) <= limit, x.count < 256, y.count < 256 else { return limit + 1 }
        var previous = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            var rowMin = current[0]
            for j in 1...max(1, y.count) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            previous = current
        }
        return x.isEmpty ? y.count : y.isEmpty ? x.count : previous[y.count]
    }

    /// The target `domain` imitates, if any: same skeleton but different, or an edit distance of 1 (2 for long names)
    /// between the registrable labels.
    static func imitatedTarget(_ domain: String, targets: [String]) -> String? {
        let known = WellKnownDomains.lookalikeTargets
        guard targets.count >= known.count, targets.prefix(known.count).elementsEqual(known) else {
            return uncachedImitatedTarget(domain, targets: targets[...])
        }
        return imitatedTarget(domain, extraTargets: Array(targets.dropFirst(known.count)))
    }

    /// The target `domain` imitates among the well-known targets followed by `extraTargets` (the recipient's domains).
    static func imitatedTarget(_ domain: String, extraTargets: [String]) -> String? {
        // The well-known targets come first and never change: their answer is remembered per domain. The message's
        // extra targets are checked next, remembered per domain and target list. Same first match as checking in order.
        func known(_ domain: String) -> String {
            knownTargetMemo.value(for: domain) { uncachedImitatedTarget($0, targets: WellKnownDomains.lookalikeTargets[...]) ?? "" }
        }
        guard !extraTargets.isEmpty else {
            let answer = known(domain)
            return answer.isEmpty ? nil : answer
        }
        // The whole answer by domain and targets, each part prefixed with its length so that no two pairs share a key.
        var key = "\(domain.utf8.count):\(domain)"
        for target in extraTargets { key += "\(target.utf8.count):\(target)" }
        let answer = extraTargetMemo.value(for: key) { _ in
            let fromKnown = known(domain)
            return fromKnown.isEmpty ? uncachedImitatedTarget(domain, targets: extraTargets[...]) ?? "" : fromKnown
        }
        return answer.isEmpty ? nil : answer
    }

    /// Answers against the well-known targets only, by domain ("" for none).
    private static let knownTargetMemo = MemoCache<String>()
    /// Answers against the well-known targets followed by a message's extra targets, by domain and targets ("" for none).
    private static let extraTargetMemo = MemoCache<String>()

    private static func uncachedImitatedTarget(_ domain: String, targets: ArraySlice<String>) -> String? {
        let org = DomainName.organizational(domain)
        let orgSkeleton = skeleton(org)
        let label = orgSkeleton.split(separator: ".").first.map(String.init) ?? orgSkeleton
        for target in targets {
            let t = DomainName.normalize(target)
            guard org != t, !DomainName.sameOrganization(domain, t) else { continue }
            if orgSkeleton == skeleton(t) { return t }
            let targetLabel = t.split(separator: ".").first.map(String.init) ?? t
            guard targetLabel.count >= 5 else { continue }
            if label == targetLabel { continue } // same name under another suffix is judged by the brand check
            let limit = targetLabel.count >= 9 ? 2 : 1
            if distance(label, targetLabel, limit: limit) <= limit { return t }
            // The brand name embedded with a hyphenated or added word: paypal-secure.com, microsoftonline-verify.net.
            if label.hasPrefix(targetLabel + "-") || label.hasSuffix("-" + targetLabel) { return t }
        }
        return nil
    }
}
