import Foundation

/// Reads DNS master-file text (RFC 1035 §5.1, `$TTL` from RFC 2308 §4) and mailsleuth's directives
/// into entries. Never throws: every problem becomes an issue with its line, and reading goes on.
enum ZoneFileParser {
    struct Result {
        var entries: [ZoneEntry] = []
        var issues: [ZoneFileIssue] = []
    }

    /// Record types seen in `dig` output and zone files that mailsleuth does not use: skipped with a warning.
    static let skippedTypes: Set<String> = [
        "SOA", "RRSIG", "NSEC", "NSEC3", "NSEC3PARAM", "DNSKEY", "DS", "CDS", "CDNSKEY", "SRV", "CAA", "TLSA",
        "SSHFP", "HINFO", "SPF", "NAPTR", "DNAME", "OPT", "SVCB", "HTTPS", "LOC", "RP", "AFSDB", "CERT", "DHCID",
        "SMIMEA", "OPENPGPKEY", "URI", "ZONEMD", "KEY", "SIG", "NULL", "WKS", "MINFO", "MB", "MG", "MR", "KX",
        "IPSECKEY", "APL", "EUI48", "EUI64", "HIP", "CSYNC", "TKEY", "TSIG", "NXT", "A6", "X25", "ISDN", "RT",
    ]

    static func parse(_ bytes: [UInt8], file: String) -> Result {
        let (lines, failures) = ZoneFileLexer.lex(bytes)
        var state = State(file: file)
        state.result.issues = failures.map { ZoneFileIssue(file: file, line: $0.line, message: $0.message) }
        for line in lines {
            do {
                try state.read(line)
            } catch {
                state.result.issues.append(ZoneFileIssue(file: file, line: error.line, message: error.message))
            }
        }
        state.result.issues.sort { $0.line < $1.line }
        return state.result
    }

    /// A problem with one entry.
    struct EntryError: Error {
        var line: Int
        var message: String
    }

    struct State {
        let file: String
        var result = Result()
        var origin: String?
        var defaultTTL: UInt32?
        var lastOwner: String?

        init(file: String) {
            self.file = file
        }

        mutating func read(_ line: ZoneFileLexer.LogicalLine) throws(EntryError) {
            guard let first = line.tokens.first else { return }
            if !line.leadingBlank, !first.quoted, first.plainFirstByte == UInt8(ascii: "$") {
                try readDirective(line)
            } else {
                try readRecord(line)
            }
        }

        // MARK: Directives

        mutating func readDirective(_ line: ZoneFileLexer.LogicalLine) throws(EntryError) {
            let tokens = line.tokens
            let directive = tokens[0].string.uppercased()
            let at = line.line
            func arguments(_ count: ClosedRange<Int>, usage: String) throws(EntryError) {
                guard count.contains(tokens.count - 1) else {
                    throw EntryError(line: at, message: "\(directive) takes \(usage); found \(tokens.count - 1) argument(s)")
                }
            }
            switch directive {
            case "$ORIGIN":
                try arguments(1...1, usage: "one domain name ($ORIGIN example.com.)")
                origin = try name(tokens[1])
            case "$TTL":
                try arguments(1...1, usage: "one TTL ($TTL 3600 or $TTL 1h)")
                defaultTTL = try ttl(tokens[1])
            case "$INCLUDE":
                throw EntryError(line: at, message: "$INCLUDE is not supported: a cache file cannot pull in other files; give each file with --dns-zone")
            case "$NXDOMAIN":
                try arguments(1...1, usage: "one name ($NXDOMAIN old._domainkey.example.com.)")
                result.entries.append(ZoneEntry(.nxdomain(name: try name(tokens[1])), line: at))
            case "$NODATA", "$SERVFAIL", "$TIMEOUT":
                try arguments(2...2, usage: "a name and a type (\(directive) example.com. TXT)")
                let owner = try name(tokens[1])
                let type = try recordType(tokens[2])
                let kind: ZoneEntry.Kind = switch directive {
                case "$NODATA": .nodata(name: owner, type: type)
                case "$SERVFAIL": .servfail(name: owner, type: type)
                default: .timeout(name: owner, type: type)
                }
                result.entries.append(ZoneEntry(kind, line: at))
            case "$COMPLETE":
                try arguments(0...1, usage: "at most one domain ($COMPLETE, or $COMPLETE example.com.)")
                let scope = tokens.count == 2 ? try name(tokens[1]) : (origin ?? ".")
                result.entries.append(ZoneEntry(.complete(scope: scope), line: at))
            default:
                throw EntryError(line: at, message: "unknown directive \(directive) (known: $ORIGIN, $TTL, $NXDOMAIN, $NODATA, $SERVFAIL, $TIMEOUT, $COMPLETE)")
            }
        }

        // MARK: Records

        mutating func readRecord(_ line: ZoneFileLexer.LogicalLine) throws(EntryError) {
            let tokens = line.tokens
            var index = 0
            let owner: String
            if line.leadingBlank {
                guard let lastOwner else {
                    throw EntryError(line: line.line, message: "this line starts with a space or tab, which repeats the previous record's name, but there is no previous record")
                }
                owner = lastOwner
            } else {
                let first = tokens[0]
                if first.quoted || first.string.contains("=") {
                    throw EntryError(line: line.line, message: "a record line starts with its name; this looks like a bare TXT value: write NAME TXT \"...\", or use 'mailsleuth dns import --name NAME'")
                }
                owner = try name(first)
                index = 1
            }
            lastOwner = owner
            var recordTTL: UInt32?
            var sawClass = false
            while index < tokens.count, !tokens[index].quoted, recordTTL == nil || !sawClass {
                let token = tokens[index]
                let upper = token.string.uppercased()
                if let byte = token.text.first, byte >= 48, byte <= 57 {
                    guard recordTTL == nil else { throw EntryError(line: token.line, message: "two TTLs in one record ('\(token.string)')") }
                    recordTTL = try ttl(token)
                } else if upper == "IN" {
                    guard !sawClass else { throw EntryError(line: token.line, message: "the class IN is given twice") }
                    sawClass = true
                } else if ["CH", "CS", "HS", "ANY", "NONE"].contains(upper) || (upper.hasPrefix("CLASS") && upper.count > 5) {
                    throw EntryError(line: token.line, message: "class \(upper): only class IN is supported")
                } else {
                    break
                }
                index += 1
            }
            guard index < tokens.count else {
                throw EntryError(line: line.line, message: "the record has no type (expected e.g. TXT, A, AAAA, MX, PTR, CNAME or NS after the name)")
            }
            let typeToken = tokens[index]
            let typeName = typeToken.string.uppercased()
            let rdata = Array(tokens[(index + 1)...])
            guard !typeToken.quoted, let type = DNSRecordType(rawValue: typeName) else {
                if !typeToken.quoted, Self.isSkippedType(typeName) {
                    result.issues.append(ZoneFileIssue(file: file, line: line.line, severity: .warning,
                                                       message: "skipped a \(typeName) record (mailsleuth uses TXT, A, AAAA, MX, PTR, CNAME and NS)"))
                    return
                }
                throw EntryError(line: typeToken.line, message: "unknown record type '\(typeToken.string)' (supported: TXT, A, AAAA, MX, PTR, CNAME, NS)")
            }
            let data = try recordData(type, rdata, line: typeToken.line)
            result.entries.append(ZoneEntry(.record(name: owner, ttl: recordTTL ?? defaultTTL, data: data), line: line.line))
        }

        static func isSkippedType(_ name: String) -> Bool {
            if skippedTypes.contains(name) { return true }
            return name.hasPrefix("TYPE") && name.count > 4 && name.dropFirst(4).allSatisfy(\.isASCIIDigitCharacter)
        }

        func recordData(_ type: DNSRecordType, _ tokens: [ZoneFileLexer.Token], line: Int) throws(EntryError) -> DNSRecordData {
            func exactly(_ count: Int, _ usage: String) throws(EntryError) {
                if tokens.first?.text == Array("\\#".utf8) {
                    throw EntryError(line: line, message: "the generic \\# form (RFC 3597) is not supported; write the \(type.rawValue) data in its usual form")
                }
                guard tokens.count == count else {
                    let found = tokens.count > count ? "unexpected '\(tokens[count].string)'" : "it is missing"
                    throw EntryError(line: line, message: "\(type.rawValue) data is \(usage); \(found)")
                }
            }
            switch type {
            case .txt:
                guard !tokens.isEmpty else { throw EntryError(line: line, message: "TXT needs at least one character-string (\"...\")") }
                return .txt(tokens.map(\.string))
            case .a:
                try exactly(1, "one IPv4 address (192.0.2.1)")
                guard let address = IPAddress(tokens[0].string, family: .ipv4)?.description else {
                    throw EntryError(line: line, message: "'\(tokens[0].string)' is not an IPv4 address")
                }
                return .a(address)
            case .aaaa:
                try exactly(1, "one IPv6 address (2001:db8::1)")
                guard let address = IPAddress(tokens[0].string, family: .ipv6)?.description else {
                    throw EntryError(line: line, message: "'\(tokens[0].string)' is not an IPv6 address")
                }
                return .aaaa(address)
            case .mx:
                try exactly(2, "a preference and a host (10 mx.example.com.)")
                guard !tokens[0].quoted, let preference = UInt16(tokens[0].string) else {
                    throw EntryError(line: line, message: "'\(tokens[0].string)' is not an MX preference (0 to 65535)")
                }
                return .mx(preference: Int(preference), exchange: try name(tokens[1]))
            case .ptr:
                try exactly(1, "one host name")
                return .ptr(try name(tokens[0]))
            case .cname:
                try exactly(1, "one host name")
                return .cname(try name(tokens[0]))
            case .ns:
                try exactly(1, "one host name")
                return .ns(try name(tokens[0]))
            }
        }

        // MARK: Values

        /// A name token made absolute against `$ORIGIN` and normalized.
        func name(_ token: ZoneFileLexer.Token) throws(EntryError) -> String {
            guard !token.quoted else { throw EntryError(line: token.line, message: "a name cannot be quoted ('\"\(token.string)\"')") }
            var text = token.nameText
            if token.plainFirstByte == UInt8(ascii: "@"), text.count == 1 {
                guard let origin else { throw EntryError(line: token.line, message: "'@' stands for the $ORIGIN, but no $ORIGIN line comes before it") }
                return origin
            }
            let absolute = Self.endsWithUnescapedDot(text)
            var name: String
            if absolute {
                if text.count == 1 { return "." }
                text.removeLast()
                name = String(decoding: text, as: UTF8.self)
            } else {
                name = String(decoding: text, as: UTF8.self)
                if let origin, origin != "." { name += "." + origin }
            }
            name = DNSQuestion.normalize(name)
            guard DNSName.isValid(name) else {
                throw EntryError(line: token.line, message: "'\(token.string)' is not a valid domain name (labels of 1 to 63 bytes, 255 in all, no empty label)")
            }
            return name
        }

        static func endsWithUnescapedDot(_ text: [UInt8]) -> Bool {
            guard text.last == UInt8(ascii: ".") else { return false }
            var backslashes = 0
            var index = text.count - 2
            while index >= 0, text[index] == UInt8(ascii: "\\") { backslashes += 1; index -= 1 }
            return backslashes % 2 == 0
        }

        func recordType(_ token: ZoneFileLexer.Token) throws(EntryError) -> DNSRecordType {
            guard !token.quoted, let type = DNSRecordType(rawValue: token.string.uppercased()) else {
                throw EntryError(line: token.line, message: "unknown record type '\(token.string)' (supported: TXT, A, AAAA, MX, PTR, CNAME, NS)")
            }
            return type
        }

        /// A TTL in seconds, or with BIND units (`1h30m`, `2d`, `1w`).
        func ttl(_ token: ZoneFileLexer.Token) throws(EntryError) -> UInt32 {
            guard !token.quoted, let value = Self.parseTTL(token.string) else {
                throw EntryError(line: token.line, message: "'\(token.string)' is not a TTL (seconds, or units such as 1h30m)")
            }
            return value
        }

        static func parseTTL(_ text: String) -> UInt32? {
            if let plain = UInt32(text) { return plain }
            var total: UInt64 = 0
            var number: UInt64?
            for character in text.lowercased() {
                if let digit = character.wholeNumberValue, character.isASCII {
                    number = (number ?? 0) * 10 + UInt64(digit)
                    guard let current = number, current <= UInt64(UInt32.max) else { return nil }
                    continue
                }
                let unit: UInt64
                switch character {
                case "s": unit = 1
                case "m": unit = 60
                case "h": unit = 3600
                case "d": unit = 86400
                case "w": unit = 604_800
                default: return nil
                }
                guard let value = number else { return nil }
                total += value * unit
                number = nil
                guard total <= UInt64(UInt32.max) else { return nil }
            }
            guard number == nil, !text.isEmpty else { return nil }
            return UInt32(total)
        }
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
