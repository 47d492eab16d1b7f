/// Parses address fields (RFC 5322 §3.4 and the obsolete syntax of §4.4): mailbox lists, groups, display
/// names, comments, quoted strings, routes, empty list members. Tolerant: garbage becomes defects.
public enum AddressParser {
    /// Parses the value of an address field (From, To, Cc, Reply-To, Sender, ...).
    public static func parseList(_ field: HeaderField) -> AddressList {
        var list = parseList(bytes: Array(field.rawValue.filter { $0 != 0x0D && $0 != 0x0A }))
        list.defects = list.defects.map { located($0, in: field) }
        return list
    }

    /// A defect of a value parsed on its own, placed at the field it came from and named after it.
    public static func located(_ defect: ParseDefect, in field: HeaderField) -> ParseDefect {
        var located = defect
        located.span = field.span
        located.detail = "\(field.name): " + defect.detail
        return located
    }

    /// Parses an address list given as text.
    public static func parseList(_ text: String) -> AddressList {
        parseList(bytes: Array(text.utf8))
    }

    /// Parses the first mailbox of a text (for Sender, Return-Path and the like).
    public static func parseMailbox(_ text: String) -> Mailbox? {
        parseList(text).mailboxes.first
    }

    /// Parses an address list from raw bytes (no line breaks).
    public static func parseList(bytes: [UInt8]) -> AddressList {
        if let simple = bytes.withUnsafeBufferPointer(SimpleAddress.read) { return simple }
        return parseListFully(bytes: bytes)
    }

    /// `parseList(bytes:)` through the tokenizer and the full grammar, whatever the text.
    static func parseListFully(bytes: [UInt8]) -> AddressList {
        var parser = Parser(tokens: Tokenizer.tokenize(bytes))
        return parser.parseList()
    }

    /// The usual shapes of an address field read straight from the bytes: `local@domain`, `<local@domain>` and
    /// `Name Words <local@domain>` where every word is atoms and dots (no quotes, comments, groups, literals or
    /// 8-bit text). The full parser gives the same list for them; anything else is left to it (nil).
    enum SimpleAddress {
        /// Whether a byte is white space for the tokenizer (space, tab, CR, LF).
        static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

        /// Whether a byte may stand in a dot-atom here: an atom byte (printable ASCII but the specials) or a dot.
        static func isDotAtom(_ b: UInt8) -> Bool { b < 0x80 && (b == UInt8(ascii: ".") || !Tokenizer.endsAtom[Int(b)]) }

        static func read(_ b: UnsafeBufferPointer<UInt8>) -> AddressList? {
            var start = 0, end = b.count
            while start < end, isSpace(b[start]) { start += 1 }
            while end > start, isSpace(b[end - 1]) { end -= 1 }
            guard start < end else { return nil }
            func text(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self) }
            // Where the addr-spec is: after "<" up to a final ">", or the whole text.
            let angled = b[end - 1] == UInt8(ascii: ">")
            var specStart = start
            if angled {
                guard let open = b[start..<end].firstIndex(of: UInt8(ascii: "<")) else { return nil }
                specStart = open + 1
            }
            let specEnd = angled ? end - 1 : end
            guard let at = b[specStart..<specEnd].firstIndex(of: UInt8(ascii: "@")), at > specStart, at + 1 < specEnd,
                  b[specStart..<at].allSatisfy(isDotAtom), b[(at + 1)..<specEnd].allSatisfy(isDotAtom) else { return nil }
            var mailbox = Mailbox(localPart: text(specStart, at), domain: text(at + 1, specEnd))
            if angled, let name = displayName(b, start, specStart - 1) {
                guard !name.isEmpty else { return AddressList(entries: [.mailbox(mailbox)]) }
                mailbox.rawDisplayName = name
                mailbox.displayName = EncodedWords.decode(name)
            } else if angled {
                return nil
            }
            return AddressList(entries: [.mailbox(mailbox)])
        }

        /// The phrase before "<" as `Parser.displayText` writes it (its words joined by one space where white
        /// space stood); nil when it holds anything but atoms, dots and white space.
        static func displayName(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String? {
            var raw: [UInt8] = []
            var space = false
            var i = start
            while i < end {
                let c = b[i]
                if isSpace(c) { space = true; i += 1; continue }
                guard isDotAtom(c) else { return nil }
                if space, !raw.isEmpty { raw.append(0x20) }
                space = false
                if c == UInt8(ascii: ".") { raw.append(c); i += 1; continue }
                while i < end, isDotAtom(b[i]), b[i] != UInt8(ascii: ".") { raw.append(b[i]); i += 1 }
            }
            return String(decoding: raw, as: UTF8.self)
        }
    }

    /// A lexical token of RFC 5322 §3.2 (atom, quoted string, comment, domain literal, special).
    enum Token: Equatable {
        case atom(String, spaceBefore: Bool)
        case quoted(String, spaceBefore: Bool)
        case comment(String)
        case literal(String, spaceBefore: Bool)
        case special(UInt8, spaceBefore: Bool)
        case unterminated(String)
    }

    /// Splits an address field into `Token`s; never fails (unterminated syntax becomes a token of its own).
    enum Tokenizer {
        static let specials: Set<UInt8> = Set("()<>[]:;@\\,.\"".utf8)

        /// For each byte, whether it ends an atom: a special, white space, a control, DEL (a table, not a set
        /// lookup, as this runs for every byte of every address field).
        static let endsAtom: [Bool] = (0...255).map { byte in
            byte <= 0x20 || byte == 0x7F || specials.contains(UInt8(byte))
        }

        static func tokenize(_ bytes: [UInt8]) -> [Token] {
            var tokens: [Token] = []
            // About one token per three bytes in a usual field: one allocation instead of growing from empty.
            tokens.reserveCapacity(Swift.min(bytes.count / 3 + 4, 256))
            var i = 0
            let n = bytes.count
            var space = false
            while i < n {
                let b = bytes[i]
                if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { space = true; i += 1; continue }
                switch b {
                case UInt8(ascii: "\""):
                    var out: [UInt8] = []
                    var j = i + 1
                    var closed = false
                    while j < n {
                        if bytes[j] == UInt8(ascii: "\\"), j + 1 < n { out.append(bytes[j + 1]); j += 2; continue }
                        if bytes[j] == UInt8(ascii: "\"") { closed = true; j += 1; break }
                        out.append(bytes[j])
                        j += 1
                    }
                    let text = Charset.decodeRawHeader(out)
                    tokens.append(closed ? .quoted(text, spaceBefore: space) : .unterminated("quoted string"))
                    if !closed { tokens.append(.quoted(text, spaceBefore: space)) }
                    i = j
                case UInt8(ascii: "("):
                    var depth = 1
                    var out: [UInt8] = []
                    var j = i + 1
                    while j < n, depth > 0 {
                        let c = bytes[j]
                        if c == UInt8(ascii: "\\"), j + 1 < n { out.append(bytes[j + 1]); j += 2; continue }
                        if c == UInt8(ascii: "(") { depth += 1 }
                        if c == UInt8(ascii: ")") { depth -= 1 }
                        if depth > 0 { out.append(c) }
                        j += 1
                    }
                    if depth > 0 { tokens.append(.unterminated("comment")) }
                    tokens.append(.comment(EncodedWords.decode(bytes: out).trimmingASCIIWhitespace()))
                    i = j
                case UInt8(ascii: "["):
                    var j = i + 1
                    while j < n, bytes[j] != UInt8(ascii: "]") { j += 1 }
                    let inner = Charset.decodeRawHeader(bytes[(i + 1)..<min(j, n)])
                    if j >= n { tokens.append(.unterminated("domain literal")) }
                    tokens.append(.literal("[" + inner + "]", spaceBefore: space))
                    i = min(j + 1, n)
                default:
                    if endsAtom[Int(b)] {
                        // Not white space (skipped above): a special, a control or DEL.
                        tokens.append(.special(b, spaceBefore: space))
                        i += 1
                    } else {
                        var j = i
                        while j < n, !endsAtom[Int(bytes[j])] { j += 1 }
                        tokens.append(.atom(Charset.decodeRawHeader(bytes[i..<j]), spaceBefore: space))
                        i = j
                    }
                }
                space = false
            }
            return tokens
        }
    }

    /// Recursive-descent reader of RFC 5322 §3.4 `address-list` over tokens, collecting defects.
    struct Parser {
        let tokens: [Token]
        var position = 0
        var defects: [ParseDefect] = []
        var pendingComments: [String] = []
        var mailboxCount = 0

        init(tokens: [Token]) {
            self.tokens = tokens
        }

        var current: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func defect(_ id: String, _ detail: String) {
            guard defects.count < 20 else { return }
            defects.append(ParseDefect(id: id, detail: detail))
        }

        /// Advances past comments (kept for a display name) and tokens that report unterminated syntax.
        mutating func skipComments() {
            while let token = current {
                if case .comment(let text) = token {
                    if !text.isEmpty { pendingComments.append(text) }
                    position += 1
                } else if case .unterminated(let what) = token {
                    defect("address.unterminated", "an unterminated \(what)")
                    position += 1
                } else {
                    return
                }
            }
        }

        func isSpecial(_ token: Token?, _ char: Unicode.Scalar) -> Bool {
            guard case .special(let b, _)? = token else { return false }
            return b == UInt8(ascii: char)
        }

        mutating func parseList() -> AddressList {
            var entries: [AddressList.Entry] = []
            while position < tokens.count {
                skipComments()
                guard let token = current else { break }
                if isSpecial(token, ",") { position += 1; continue }
                if mailboxCount >= ParseLimits.maxAddresses {
                    defect("address.too-many", "more than \(ParseLimits.maxAddresses) addresses; the rest were not read")
                    break
                }
                let before = position
                if let entry = parseAddress(inGroup: false) { entries.append(entry) }
                if position == before {
                    defect("address.unexpected", "an unexpected character was skipped")
                    position += 1
                }
            }
            return AddressList(entries: entries, defects: defects)
        }

        /// Reads one address (mailbox or group); leaves `position` after it.
        mutating func parseAddress(inGroup: Bool) -> AddressList.Entry? {
            pendingComments = []
            var phrase: [Token] = []
            skipComments()
            while let token = current {
                switch token {
                case .atom, .quoted: phrase.append(token); position += 1
                case .special(let b, _) where b == UInt8(ascii: "."): phrase.append(token); position += 1
                case .comment, .unterminated: skipComments()
                default:
                    return finishAddress(phrase: phrase, inGroup: inGroup)
                }
            }
            return finishAddress(phrase: phrase, inGroup: inGroup)
        }

        mutating func finishAddress(phrase: [Token], inGroup: Bool) -> AddressList.Entry? {
            let token = current
            if isSpecial(token, ":"), !inGroup {
                position += 1
                let name = displayText(phrase)
                var members: [Mailbox] = []
                while position < tokens.count {
                    skipComments()
                    guard let next = current else { break }
                    if isSpecial(next, ";") { position += 1; return .group(AddressGroup(name: name.decoded, members: members)) }
                    if isSpecial(next, ",") { position += 1; continue }
                    let before = position
                    if case .mailbox(let mailbox)? = parseAddress(inGroup: true) { members.append(mailbox) }
                    if position == before { defect("address.unexpected", "an unexpected character in a group was skipped"); position += 1 }
                }
                defect("address.group-unterminated", "the group \"\(name.decoded.prefix(40))\" has no closing semicolon")
                return .group(AddressGroup(name: name.decoded, members: members))
            }
            if isSpecial(token, "<") {
                position += 1
                guard var mailbox = parseAngleAddress() else { return nil }
                let name = displayText(phrase)
                if !name.raw.isEmpty {
                    mailbox.rawDisplayName = name.raw
                    mailbox.displayName = name.decoded
                }
                skipComments()
                mailbox.comments = pendingComments
                mailboxCount += 1
                return .mailbox(mailbox)
            }
            if isSpecial(token, "@") {
                position += 1
                let local = localText(phrase)
                let domain = parseDomain()
                if domain.isEmpty { defect("address.no-domain", "an address has an @ but no domain") }
                skipComments()
                var mailbox = Mailbox(localPart: local, domain: domain, comments: pendingComments)
                if let comment = pendingComments.last { mailbox.displayName = comment }
                mailboxCount += 1
                return .mailbox(mailbox)
            }
            guard !phrase.isEmpty else { return nil }
            // A word with no @: a local name (obsolete) or just a name with no address.
            let local = localText(phrase)
            defect("address.no-domain", "\"\(local.prefix(40))\" is not a complete address (no @domain)")
            mailboxCount += 1
            return .mailbox(Mailbox(localPart: local, domain: "", comments: pendingComments))
        }

        /// After "<": an optional obsolete route, then addr-spec, then ">".
        mutating func parseAngleAddress() -> Mailbox? {
            skipComments()
            if isSpecial(current, ">") { position += 1; return Mailbox(localPart: "", domain: "") }
            if isSpecial(current, "@") {
                // obs-route: "@a,@b:" (RFC 5322 §4.4), ignored.
                while let token = current, !isSpecial(token, ":"), !isSpecial(token, ">") { position += 1 }
                if isSpecial(current, ":") { position += 1 }
                defect("address.obsolete-route", "an address carries an obsolete source route")
            }
            var local: [Token] = []
            while let token = current {
                if case .atom = token { local.append(token); position += 1; continue }
                if case .quoted = token { local.append(token); position += 1; continue }
                if isSpecial(token, ".") { local.append(token); position += 1; continue }
                if case .comment = token { skipComments(); continue }
                if case .unterminated = token { skipComments(); continue }
                break
            }
            var domain = ""
            if isSpecial(current, "@") {
                position += 1
                domain = parseDomain()
                if domain.isEmpty { defect("address.no-domain", "an address has an @ but no domain") }
            } else if !local.isEmpty {
                defect("address.no-domain", "an address in angle brackets has no @domain")
            }
            skipComments()
            if isSpecial(current, ">") {
                position += 1
            } else {
                defect("address.unclosed-angle", "an address has no closing \">\"")
                while let token = current, !isSpecial(token, ">"), !isSpecial(token, ","), !isSpecial(token, ";") { position += 1 }
                if isSpecial(current, ">") { position += 1 }
            }
            return Mailbox(localPart: localText(local), domain: domain)
        }

        mutating func parseDomain() -> String {
            var text = ""
            skipComments()
            while let token = current {
                switch token {
                case .atom(let a, _): text += a
                case .literal(let l, _): text += l
                case .special(let b, _) where b == UInt8(ascii: "."): text += "."
                case .comment, .unterminated: skipComments(); continue
                default: return text
                }
                position += 1
            }
            return text
        }

        /// A local part: atoms, quoted strings and dots joined without the white space around them.
        func localText(_ phrase: [Token]) -> String {
            var text = ""
            for token in phrase {
                switch token {
                case .atom(let a, _), .quoted(let a, _), .literal(let a, _): text += a
                case .special(let b, _): text.unicodeScalars.append(UnicodeScalar(b))
                default: break
                }
            }
            return text
        }

        /// A display name: words joined with single spaces where the input had white space, then decoded.
        func displayText(_ phrase: [Token]) -> (raw: String, decoded: String) {
            var raw = ""
            for token in phrase {
                switch token {
                case .atom(let text, let space), .quoted(let text, let space):
                    if space, !raw.isEmpty { raw += " " }
                    raw += text
                case .special(let b, let space):
                    if space, !raw.isEmpty { raw += " " }
                    raw.unicodeScalars.append(UnicodeScalar(b))
                default: break
                }
            }
            return (raw, EncodedWords.decode(raw))
        }
    }
}
