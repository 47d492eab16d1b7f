/// One mailbox of an address field (RFC 5322 §3.4): display name (RFC 2047 decoded), local part and domain,
/// the domain also shown in Unicode and in ASCII (IDNA A-labels, RFC 5891).
public struct Mailbox: Sendable, Hashable, Codable {
    /// The display name decoded for reading, or a trailing comment in the old `user@host (Name)` form.
    public var displayName: String?
    /// The display name as written (quotes removed, encoded words left alone).
    public var rawDisplayName: String?
    /// The local part, unquoted.
    public var localPart: String
    /// The domain as written (an `[address literal]` keeps its brackets); empty when there was none.
    public var domain: String
    /// Comments found in the mailbox, decoded.
    public var comments: [String]

    public init(displayName: String? = nil, rawDisplayName: String? = nil, localPart: String, domain: String, comments: [String] = []) {
        self.displayName = displayName
        self.rawDisplayName = rawDisplayName
        self.localPart = localPart
        self.domain = domain
        self.comments = comments
    }

    /// `local@domain`, the local part quoted when it needs quotes; empty for the null path `<>`.
    public var address: String {
        if localPart.isEmpty, domain.isEmpty { return "" }
        let local = Mailbox.needsQuotes(localPart) ? "\"" + localPart.replacingQuotes() + "\"" : localPart
        return domain.isEmpty ? local : local + "@" + domain
    }

    /// The domain with "xn--" labels shown in Unicode.
    public var domainUnicode: String { Punycode.unicodeDomain(domain) }

    /// The domain in ASCII (lower case, non-ASCII labels as "xn--" A-labels); nil when it cannot be encoded.
    public var domainASCII: String? { Punycode.asciiDomain(domain) }

    /// True when the domain has "xn--" labels or non-ASCII characters.
    public var isInternationalized: Bool {
        domainUnicode != (domainASCII ?? domain) || domain.lowercased().contains("xn--")
    }

    static func needsQuotes(_ local: String) -> Bool {
        guard !local.isEmpty else { return false }
        // On the bytes: an ASCII scalar is one byte. The dot tests are Character tests, which bytes answer alike
        // unless some character is not ASCII (a combining mark after a dot makes it another Character).
        let utf8 = local.utf8
        var ascii = true
        var previous: UInt8 = 0
        var doubleDot = false
        for byte in utf8 {
            if byte >= 0x80 { ascii = false }
            else if byte <= 0x20 || quotedSpecials[Int(byte)] { return true }
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: ".") { doubleDot = true }
            previous = byte
        }
        guard ascii else { return local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") }
        return utf8.first == UInt8(ascii: ".") || utf8.last == UInt8(ascii: ".") || doubleDot
    }

    /// The ASCII characters that force a quoted local part (RFC 5322 §3.2.3 specials but the dot).
    static let quotedSpecials: [Bool] = (0..<128).map { "()<>[]:;@\\,\"".utf8.contains(UInt8($0)) }
}

/// Quoted-pair escaping for quoted local parts (RFC 5322 §3.2.4).
extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for ch in self {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}

/// A named group of mailboxes (RFC 5322 §3.4 `group`), for example `undisclosed-recipients:;`.
public struct AddressGroup: Sendable, Hashable, Codable {
    public var name: String
    public var members: [Mailbox]

    public init(name: String, members: [Mailbox]) {
        self.name = name
        self.members = members
    }
}

/// An address list as parsed: its entries in order, and what was wrong with it.
public struct AddressList: Sendable, Hashable {
    /// One member of an address list: a mailbox or a group (RFC 5322 §3.4).
    public enum Entry: Sendable, Hashable {
        case mailbox(Mailbox)
        case group(AddressGroup)
    }

    public var entries: [Entry]
    public var defects: [ParseDefect]

    public init(entries: [Entry] = [], defects: [ParseDefect] = []) {
        self.entries = entries
        self.defects = defects
    }

    /// Every mailbox, group members included, in order.
    public var mailboxes: [Mailbox] {
        entries.flatMap { entry -> [Mailbox] in
            switch entry {
            case .mailbox(let mailbox): return [mailbox]
            case .group(let group): return group.members
            }
        }
    }
}
