import MailAuth
import MailParsing

/// Pulls display names and addresses out of originator fields (RFC 5322 §3.4) with MailParsing's `AddressParser`,
/// falling back to a minimal reader (angle-addr, else a bare addr-spec) that also reads archive-obfuscated
/// "user at example.com".
enum AddressExtractor {
    struct Mailbox: Sendable, Hashable {
        var displayName: String?
        var address: String?
    }

    /// The mailboxes of an address field: MailParsing's RFC 5322 parser first; this reader when it finds no address.
    static func mailboxes(_ value: String) -> [Mailbox] {
        // The same From and To values come back message after message in a mailbox.
        mailboxMemo.value(for: value, compute: parseMailboxes)
    }

    /// Mailboxes already read, by field value.
    private static let mailboxMemo = MemoCache<[Mailbox]>()

    private static func parseMailboxes(_ value: String) -> [Mailbox] {
        let parsed = AddressParser.parseList(String(value.prefix(4000))).mailboxes.filter { !$0.domain.isEmpty }
        if !parsed.isEmpty {
            return parsed.prefix(50).map { Mailbox(displayName: $0.displayName.flatMap { $0.isEmpty ? nil : $0 }, address: $0.address) }
        }
        return fallbackMailboxes(value)
    }

    /// A forgiving reader for what the RFC parser rejects (archive-obfuscated or broken fields).
    static func fallbackMailboxes(_ value: String) -> [Mailbox] {
        var out: [Mailbox] = []
        var current = ""
        var inQuotes = false
        var angle = 0
        var paren = 0
        var escaped = false
        for c in value.prefix(4000) {
            if escaped { current.append(c); escaped = false; continue }
            switch c {
            case "\\" where inQuotes: escaped = true; current.append(c); continue
            case "\"" where paren == 0: inQuotes.toggle()
            case "<" where !inQuotes && paren == 0: angle += 1
            case ">" where !inQuotes && paren == 0: angle = max(0, angle - 1)
            case "(" where !inQuotes: paren += 1
            case ")" where !inQuotes: paren = max(0, paren - 1)
            case "," where !inQuotes && angle == 0 && paren == 0:
                if let m = mailbox(current) { out.append(m) }
                current = ""
                continue
            default: break
            }
            current.append(c)
        }
        if let m = mailbox(current) { out.append(m) }
        return Array(out.prefix(50))
    }

    static func mailbox(_ text: String) -> Mailbox? {
        let t = text.trimmingCharacters(inSet: " \t\r\n")
        guard !t.isEmpty else { return nil }
        if let open = t.lastIndex(of: "<") {
            let rest = t[t.index(after: open)...]
            let address = String(rest.prefix { $0 != ">" }).trimmingCharacters(inSet: " \t")
            var display = String(t[..<open]).trimmingCharacters(inSet: " \t")
            if display.hasPrefix("\""), display.hasSuffix("\""), display.count >= 2 { display = String(display.dropFirst().dropLast()) }
            display = display.replacingOccurrences(of: "\\\"", with: "\"")
            display = EncodedWords.decode(display).trimmingCharacters(inSet: " \t")
            return Mailbox(displayName: display.isEmpty ? nil : display, address: address.isEmpty ? nil : address)
        }
        // addr-spec, possibly followed by a comment holding the name: a@b (Name).
        var address = t
        var display: String?
        if let p = t.firstIndex(of: "(") {
            address = String(t[..<p]).trimmingCharacters(inSet: " \t")
            display = String(t[t.index(after: p)...].prefix { $0 != ")" })
        }
        if !address.contains("@") {
            // Mail archives (Pipermail) write "user at example.com" to hide addresses from harvesters.
            let words = address.split(separator: " ")
            guard words.count == 3, words[1] == "at", words[2].contains(".") else { return Mailbox(displayName: EncodedWords.decode(t), address: nil) }
            address = "\(words[0])@\(words[2])"
        }
        return Mailbox(displayName: display.map(EncodedWords.decode), address: address)
    }

    /// The addr-spec of a Return-Path or Message-ID style field (`<a@b>` or bare).
    static func angleAddress(_ value: String) -> String? {
        ASCIIText.isSimple(value) ? angleAddressASCII(value) : angleAddressCharacters(value)
    }

    /// `angleAddress` for any text, Character by Character.
    static func angleAddressCharacters(_ value: String) -> String? {
        let t = value.trimmingCharacters(inSet: " \t\r\n")
        if let open = t.firstIndex(of: "<") {
            let inner = t[t.index(after: open)...].prefix { $0 != ">" }
            return String(inner).trimmingCharacters(inSet: " \t")
        }
        let word = t.split(separator: " ").first.map(String.init)
        return word?.isEmpty == false ? word : nil
    }

    /// The last non-empty part between "@" signs (`text.split(separator: "@").last`); nil when there is none.
    static func lastPart(_ text: String) -> String? {
        guard ASCIIText.isSimple(text) else { return text.split(separator: "@").last.map(String.init) }
        return ASCIIText.withBytes(text) { b in
            var end = b.count
            while end > 0, b[end - 1] == UInt8(ascii: "@") { end -= 1 }
            guard end > 0 else { return nil }
            var start = end
            while start > 0, b[start - 1] != UInt8(ascii: "@") { start -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        }
    }

    /// `angleAddress` for simple ASCII text, on bytes. There the trimmed characters are space and tab only (the
    /// general code trims the Characters of " \t\r\n", whose last one is the pair CR LF, never a lone CR or LF).
    static func angleAddressASCII(_ value: String) -> String? {
        ASCIIText.withBytes(value) { b in
            func blank(_ x: UInt8) -> Bool { x == UInt8(ascii: " ") || x == UInt8(ascii: "\t") }
            func text(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self) }
            var start = 0, end = b.count
            while start < end, blank(b[start]) { start += 1 }
            while end > start, blank(b[end - 1]) { end -= 1 }
            if let open = b[start..<end].firstIndex(of: UInt8(ascii: "<")) {
                var from = open + 1
                var to = from
                while to < end, b[to] != UInt8(ascii: ">") { to += 1 }
                while from < to, blank(b[from]) { from += 1 }
                while to > from, blank(b[to - 1]) { to -= 1 }
                return text(from, to)
            }
            // The first word between spaces.
            var from = start
            while from < end, b[from] == UInt8(ascii: " ") { from += 1 }
            guard from < end else { return nil }
            var to = from
            while to < end, b[to] != UInt8(ascii: " ") { to += 1 }
            return text(from, to)
        }
    }
}
