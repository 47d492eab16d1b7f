import MailAuth
import MailDNS

/// Domain name helpers for comparing identities: normalization and the organizational domain (RFC 7489 §3.2).
/// The organizational domain comes from the Public Suffix List (the system's copy, via MailAuth); when the list is
/// unreadable, a naive fallback (last two labels, three under a known two-level suffix) is used.
public enum DomainName {
    /// Lower case, no trailing dot, no surrounding brackets or angle brackets.
    public static func normalize(_ domain: String) -> String {
        ASCIIText.isSimple(domain) ? normalizeASCII(domain) : normalizeCharacters(domain)
    }

    /// `normalize` for any text, Character by Character.
    static func normalizeCharacters(_ domain: String) -> String {
        var d = Substring(domain.lowercased())
        while let f = d.first, f == "<" || f == "[" || f == " " { d = d.dropFirst() }
        while let l = d.last, l == ">" || l == "]" || l == "." || l == " " { d = d.dropLast() }
        return String(d)
    }

    /// `normalize` for simple ASCII text, on bytes; the input itself when nothing changes (the usual case).
    static func normalizeASCII(_ domain: String) -> String {
        func leading(_ b: UInt8) -> Bool { b == UInt8(ascii: "<") || b == UInt8(ascii: "[") || b == UInt8(ascii: " ") }
        func trailing(_ b: UInt8) -> Bool { b == UInt8(ascii: ">") || b == UInt8(ascii: "]") || b == UInt8(ascii: ".") || b == UInt8(ascii: " ") }
        return ASCIIText.withBytes(domain) { bytes in
            var start = 0, end = bytes.count
            while start < end, leading(bytes[start]) { start += 1 }
            while start < end, trailing(bytes[end - 1]) { end -= 1 }
            let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if start == 0, end == bytes.count, !trimmed.contains(where: ASCIIText.isUpper) { return domain }
            return String(unsafeUninitializedCapacity: trimmed.count) { out in
                for (i, b) in trimmed.enumerated() { out[i] = ASCIIText.lower(b) }
                return trimmed.count
            }
        }
    }

    /// Second-level labels under which registrations happen at the third level (abridged, naive).
    static let twoLevelSuffixes: Set<String> = [
        "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "com.au", "net.au", "org.au", "edu.au", "gov.au",
        "co.nz", "org.nz", "co.jp", "ne.jp", "or.jp", "ac.jp", "co.kr", "or.kr", "com.br", "net.br", "org.br", "gov.br",
        "com.cn", "net.cn", "org.cn", "gov.cn", "com.mx", "org.mx", "com.ar", "com.tr", "com.tw", "com.hk", "com.sg",
        "com.my", "co.in", "net.in", "org.in", "co.za", "org.za", "co.il", "com.ua", "com.pl", "com.co", "com.pe",
        "com.vn", "com.ph", "co.id", "or.id", "com.eg", "com.sa", "com.ng", "co.ke", "co.th", "in.th", "com.pk", "gob.mx",
    ]

    /// The organizational domain: the registrable part of `domain` (RFC 7489 §3.2).
    public static func organizational(_ domain: String) -> String {
        organizationalMemo.value(for: domain) { computeOrganizational($0) }
    }

    /// Organizational domains already computed, by the text asked about.
    private static let organizationalMemo = MemoCache<String>()

    private static func computeOrganizational(_ domain: String) -> String {
        let d = normalize(domain)
        if let list = PublicSuffixList.shared(), !d.isEmpty, IPAddress(d, accepting: .header) == nil { return list.organizationalDomain(d) }
        return naiveOrganizational(d)
    }

    /// The fallback when no Public Suffix List can be read.
    static func naiveOrganizational(_ d: String) -> String {
        let labels = d.split(separator: ".", omittingEmptySubsequences: true)
        guard labels.count > 2 else { return d }
        let lastTwo = labels.suffix(2).joined(separator: ".")
        if twoLevelSuffixes.contains(lastTwo) { return labels.suffix(3).joined(separator: ".") }
        return lastTwo
    }

    /// True when both names share an organizational domain.
    public static func sameOrganization(_ a: String, _ b: String) -> Bool {
        let oa = organizational(a), ob = organizational(b)
        return !oa.isEmpty && oa == ob
    }

    /// True when the text looks like a host name (letters, digits, hyphens, dots; at least one dot).
    public static func looksLikeHostName(_ text: String) -> Bool {
        guard text.contains("."), text.count <= 253 else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "." || $0 == "_" }
    }
}
