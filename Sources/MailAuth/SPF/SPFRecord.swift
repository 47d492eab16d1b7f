import MailDNS

/// One parsed `v=spf1` record: its directives and modifiers (RFC 7208 §4.6, §5, §6).
public struct SPFRecord: Sendable, Hashable {
    /// A mechanism (RFC 7208 §5) with its parsed arguments.
    enum Mechanism: Sendable, Hashable {
        case all
        case include(SPFMacroString)
        case a(SPFMacroString?, ip4Prefix: Int, ip6Prefix: Int)
        case mx(SPFMacroString?, ip4Prefix: Int, ip6Prefix: Int)
        case ptr(SPFMacroString?)
        case ip4(IPAddress, prefix: Int)
        case ip6(IPAddress, prefix: Int)
        case exists(SPFMacroString)

        /// True for the terms that count towards the limit of 10 DNS-querying terms (§4.6.4).
        var queriesDNS: Bool {
            switch self {
            case .include, .a, .mx, .ptr, .exists: return true
            case .all, .ip4, .ip6: return false
            }
        }
    }

    /// A qualifier and a mechanism, with the text it was parsed from.
    struct Directive: Sendable, Hashable {
        var qualifier: AuthResultCode
        var mechanism: Mechanism
        var text: String
    }

    /// The record as published (TXT strings joined).
    public let text: String
    let directives: [Directive]
    let redirect: SPFMacroString?
    let explanation: SPFMacroString?

    /// Parses a record that starts with `v=spf1`. Returns the reason on a syntax error (the result is then permerror).
    static func parse(_ text: String) -> Result<SPFRecord, SPFSyntaxError> {
        // A sweep meets the same few records in message after message: parse each text once.
        memo.value(for: text, compute: parseUncached)
    }

    private static let memo = MemoCache<Result<SPFRecord, SPFSyntaxError>>()

    static func parseUncached(_ text: String) -> Result<SPFRecord, SPFSyntaxError> {
        guard text.unicodeScalars.allSatisfy({ $0.isASCII }) else {
            return .failure(SPFSyntaxError(term: nil, reason: "the record contains characters outside 7-bit ASCII"))
        }
        let terms = text.split(separator: " ", omittingEmptySubsequences: true).dropFirst()
        var directives = [Directive]()
        var redirect: SPFMacroString?
        var explanation: SPFMacroString?
        for term in terms {
            let termText = String(term)
            if let equals = SPFRecord.modifierNameEnd(term) {
                let name = term[..<equals].lowercased()
                let value = String(term[term.index(after: equals)...])
                switch name {
                case "redirect", "exp":
                    guard let spec = SPFMacroString(value), SPFRecord.isDomainSpec(spec) else {
                        return .failure(SPFSyntaxError(term: termText, reason: "\(name)= needs a domain name"))
                    }
                    if name == "redirect" {
                        guard redirect == nil else { return .failure(SPFSyntaxError(term: termText, reason: "redirect= appears twice")) }
                        redirect = spec
                    } else {
                        guard explanation == nil else { return .failure(SPFSyntaxError(term: termText, reason: "exp= appears twice")) }
                        explanation = spec
                    }
                default:
                    guard SPFMacroString(value) != nil else {
                        return .failure(SPFSyntaxError(term: termText, reason: "the value of the unknown modifier \(name)= is malformed"))
                    }
                }
                continue
            }
            switch parseDirective(term) {
            case let .success(directive): directives.append(directive)
            case let .failure(error): return .failure(error)
            }
        }
        return .success(SPFRecord(text: text, directives: directives, redirect: redirect, explanation: explanation))
    }

    /// The index of `=` when the term is a modifier: `name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )`.
    private static func modifierNameEnd(_ term: Substring) -> Substring.Index? {
        guard let first = term.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return nil }
        var index = term.startIndex
        while index < term.endIndex {
            let char = term[index]
            if char == "=" { return index }
            guard char.isASCII, char.isLetter || char.isNumber || char == "-" || char == "_" || char == "." else { return nil }
            index = term.index(after: index)
        }
        return nil
    }

    private static func parseDirective(_ term: Substring) -> Result<Directive, SPFSyntaxError> {
        let termText = String(term)
        var rest = term
        var qualifier = AuthResultCode.pass
        switch rest.first {
        case "+": qualifier = .pass; rest = rest.dropFirst()
        case "-": qualifier = .fail; rest = rest.dropFirst()
        case "~": qualifier = .softfail; rest = rest.dropFirst()
        case "?": qualifier = .neutral; rest = rest.dropFirst()
        default: break
        }
        let nameEnd = rest.firstIndex { $0 == ":" || $0 == "/" } ?? rest.endIndex
        let name = rest[..<nameEnd].lowercased()
        let argument = rest[nameEnd...]
        func fail(_ reason: String) -> Result<Directive, SPFSyntaxError> { .failure(SPFSyntaxError(term: termText, reason: reason)) }
        func domainSpec(_ text: Substring) -> SPFMacroString? {
            guard let spec = SPFMacroString(String(text)), isDomainSpec(spec) else { return nil }
            return spec
        }
        let mechanism: Mechanism
        switch name {
        case "all":
            guard argument.isEmpty else { return fail("all takes no argument") }
            mechanism = .all
        case "include", "exists":
            guard argument.first == ":", let spec = domainSpec(argument.dropFirst()) else { return fail("\(name) needs a domain name") }
            mechanism = name == "include" ? .include(spec) : .exists(spec)
        case "a", "mx":
            guard let (domainText, ip4Prefix, ip6Prefix) = splitDualCIDR(argument) else { return fail("malformed CIDR length") }
            var spec: SPFMacroString?
            if let domainText {
                guard let parsed = domainSpec(domainText) else { return fail("\(name) has a malformed domain name") }
                spec = parsed
            }
            mechanism = name == "a" ? .a(spec, ip4Prefix: ip4Prefix, ip6Prefix: ip6Prefix) : .mx(spec, ip4Prefix: ip4Prefix, ip6Prefix: ip6Prefix)
        case "ptr":
            if argument.isEmpty {
                mechanism = .ptr(nil)
            } else {
                guard argument.first == ":", let spec = domainSpec(argument.dropFirst()) else { return fail("ptr has a malformed domain name") }
                mechanism = .ptr(spec)
            }
        case "ip4", "ip6":
            guard argument.first == ":" else { return fail("\(name) needs an address") }
            var network = argument.dropFirst()
            var prefix = name == "ip4" ? 32 : 128
            if let slash = network.firstIndex(of: "/") {
                guard let length = cidrLength(network[network.index(after: slash)...], max: prefix) else { return fail("malformed CIDR length") }
                prefix = length
                network = network[..<slash]
            }
            if name == "ip4" {
                guard let address = IPAddress(network, family: .ipv4) else { return fail("malformed IPv4 address") }
                mechanism = .ip4(address, prefix: prefix)
            } else {
                guard let address = IPAddress(network, family: .ipv6) else { return fail("malformed IPv6 address") }
                mechanism = .ip6(address, prefix: prefix)
            }
        default:
            return fail("unknown mechanism '\(name)'")
        }
        return .success(Directive(qualifier: qualifier, mechanism: mechanism, text: termText))
    }

    /// Splits `[":" domain-spec] [dual-cidr-length]`; nil when the lengths are malformed or out of range.
    private static func splitDualCIDR(_ argument: Substring) -> (Substring?, Int, Int)? {
        var rest = argument
        var ip4 = 32, ip6 = 128
        if let range = rest.range(of: "//", options: .backwards) {
            let digits = rest[range.upperBound...]
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                guard let length = cidrLength(digits, max: 128) else { return nil }
                ip6 = length
                rest = rest[..<range.lowerBound]
            }
        }
        if let slash = rest.lastIndex(of: "/") {
            let digits = rest[rest.index(after: slash)...]
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                guard let length = cidrLength(digits, max: 32) else { return nil }
                ip4 = length
                rest = rest[..<slash]
            }
        }
        if rest.isEmpty { return (nil, ip4, ip6) }
        guard rest.first == ":" else { return nil }
        return (rest.dropFirst(), ip4, ip6)
    }

    /// `cidr-length = "0" / %x31-39 0*DIGIT`, at most `max`.
    private static func cidrLength(_ text: Substring, max: Int) -> Int? {
        guard !text.isEmpty, text.count <= 3, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              !(text.count > 1 && text.first == "0"), let value = Int(text), value <= max else { return nil }
        return value
    }

    /// `domain-spec = macro-string domain-end`; `domain-end = ( "." toplabel [ "." ] ) / macro-expand` (§7.1).
    static func isDomainSpec(_ spec: SPFMacroString) -> Bool {
        guard let last = spec.parts.last else { return false }
        guard case let .literal(text) = last else { return true }
        var tail = Substring(text)
        if tail.hasSuffix(".") { tail = tail.dropLast() }
        guard let dot = tail.lastIndex(of: ".") else { return false }
        return isTopLabel(tail[tail.index(after: dot)...])
    }

    /// `toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )`.
    static func isTopLabel(_ label: Substring) -> Bool {
        guard let first = label.first, let last = label.last else { return false }
        let ascii = label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        guard ascii else { return false }
        if label.contains("-") {
            return first != "-" && last != "-"
        }
        return label.contains { $0.isLetter }
    }
}

/// Why a record could not be parsed (the result is permerror, RFC 7208 §4.6).
public struct SPFSyntaxError: Error, Sendable, Hashable {
    /// The offending term, when one is to blame.
    public var term: String?
    public var reason: String
}
