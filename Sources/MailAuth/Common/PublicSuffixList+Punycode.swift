import MailParsing

extension PublicSuffixList {
    /// The name with each non-ASCII label in its `xn--` punycode form (RFC 3492, RFC 5891 §4.4).
    public static func punycodeForm(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false).map { label -> String in
            guard !label.unicodeScalars.allSatisfy(\.isASCII), let encoded = Punycode.encode(String(label)) else { return String(label) }
            return "xn--" + encoded
        }.joined(separator: ".")
    }
}
