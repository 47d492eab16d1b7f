import Foundation
import MailDNS
import MailParsing

/// Gathers the indicators a SOC pastes into its tools: sender addresses and domains, relay IPs from the
/// Received path, link URLs and hosts, attachment hashes. Private, loopback and link-local addresses are
/// left out (they identify nothing outside the receiving network).
enum IOCCollector {
    static let addressFields = ["From", "Sender", "Reply-To", "Return-Path"]
    static let lowercasedAddressFields = addressFields.map { $0.lowercased() }
    static let ipFields = ["Received", "X-Originating-IP", "X-Sender-IP", "X-Forwarded-For", "X-Real-IP"]
    static let maximumURLs = 500

    static func collect(_ message: Message, report: Report, innerMessages: [(part: String, message: Message)] = []) -> IOCList {
        var list = IOCList()
        addAddresses(of: message, where: "", to: &list)
        if let path = report.path, !path.hops.isEmpty {
            // The rebuilt path knows which addresses are public and which hop wrote them.
            if let origin = path.originatingIP, isPublic(origin) { list.add(.ip, origin, context: "originating IP (Received path)") }
            // The name the sending server gave or resolved to, as the receiving organization recorded it.
            if let entry = path.trustBoundary?.entryHop, let hop = path.hops.first(where: { $0.number == entry }) {
                for name in [hop.reverseDNS, hop.helo].compactMap({ $0?.lowercased() })
                where ASCIIText.includes(name, ".") && !name.hasPrefix("[") && !isIPAddress(name) && !name.hasSuffix(".local") && name.count <= 253 {
                    list.add(.domain, name, context: "sending server name, \(hop.field) line \(hop.headerLine)")
                }
            }
            for hop in path.hops.reversed() {
                // Hops past the entry into the receiving organization are its own servers, not indicators.
                if let boundary = path.trustBoundary, hop.number > boundary.entryHop { continue }
                if let ip = hop.ip, hop.ipScope == .global || hop.ipScope == .documentation || hop.ipScope == nil && isPublic(ip) {
                    list.add(.ip, ip, context: "\(hop.field) line \(hop.headerLine)")
                }
            }
            for hint in path.originHints {
                if let ip = hint.ip, hint.ipScope == .global || hint.ipScope == .documentation {
                    list.add(.ip, ip, context: "\(hint.field) line \(hint.headerLine)")
                }
            }
        }
        if report.path?.hops.isEmpty != false { addIPs(of: message, where: "", to: &list) }
        // A phish reported as an attachment: its own sender and relays are the indicators that matter.
        for (part, inner) in innerMessages {
            addAddresses(of: inner, where: " of the message attached as part \(part)", to: &list)
            addIPs(of: inner, where: " of the message attached as part \(part)", to: &list)
        }
        // Counted here rather than by listing the URLs again for every link (a message may carry thousands).
        var urlCount = list.values(.url).count
        for link in report.content?.links ?? [] {
            let context = "\(link.source) in part \(link.part)"
            let lower = link.url.lowercased()
            if lower.hasPrefix("mailto:") {
                let address = link.url.dropFirst(7).split(separator: "?").first.map(String.init) ?? ""
                if let mailbox = AddressParser.parseMailbox(address.removingPercentEncoding ?? address), !mailbox.domain.isEmpty {
                    list.add(.email, mailbox.address, context: context)
                }
                continue
            }
            guard let host = link.host else { continue }
            if urlCount < maximumURLs, list.add(.url, link.url, context: context) { urlCount += 1 }
            if LinkExtractor.isIPLiteral(host) {
                list.add(.ip, host, context: context)
            } else {
                list.add(.domain, host, context: context)
            }
        }
        for attachment in report.content?.attachments ?? [] {
            let context = "attachment " + (attachment.filename.map { "\"\($0)\"" } ?? "in part \(attachment.part)")
            list.add(.sha256, attachment.sha256, context: context)
            list.add(.sha1, attachment.sha1, context: context)
            list.add(.md5, attachment.md5, context: context)
        }
        return list
    }

    static func addAddresses(of message: Message, where place: String, to list: inout IOCList) {
        for name in lowercasedAddressFields {
            for field in message.header where field.lowercasedName == name {
                // Parsed once per message: the summary has already read From and Return-Path.
                for mailbox in message.addressList(field).mailboxes where !mailbox.domain.isEmpty {
                    let context = "\(field.name) line \(field.span.firstLine)\(place)"
                    list.add(.email, mailbox.address, context: context)
                    if !mailbox.domain.hasPrefix("[") { list.add(.domain, mailbox.domain, context: context) }
                }
            }
        }
    }

    /// Public IPs named in Received and origin-hint fields, when no rebuilt path is at hand.
    static func addIPs(of message: Message, where place: String, to list: inout IOCList) {
        for name in ipFields {
            for field in message.fields(named: name) {
                for ip in ipAddresses(in: field.unfoldedValue) where isPublic(ip) {
                    list.add(.ip, ip, context: "\(field.name) line \(field.span.firstLine)\(place)")
                }
            }
        }
    }

    /// IPv4 dotted quads and IPv6 addresses (in brackets, or after "IPv6:") found in a header value.
    static func ipAddresses(in text: String) -> [String] {
        var out: [String] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            // IPv4: digits and dots, four octets, not part of a longer token.
            if bytes[i] >= 0x30, bytes[i] <= 0x39, i == 0 || !(isToken(bytes[i - 1])) {
                var j = i
                while j < bytes.count, (bytes[j] >= 0x30 && bytes[j] <= 0x39) || bytes[j] == 0x2E { j += 1 }
                let candidate = String(decoding: bytes[i..<j], as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "."))
                if j >= bytes.count || !isToken(bytes[j]) || bytes[j] == 0x2E, isIPv4(candidate) { out.append(candidate) }
                i = j
                continue
            }
            // IPv6 in brackets: [2001:db8::1] or [IPv6:2001:db8::1].
            if bytes[i] == 0x5B, let close = bytes[i...].firstIndex(of: 0x5D), close - i < 60 {
                var inner = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
                if inner.lowercased().hasPrefix("ipv6:") { inner = String(inner.dropFirst(5)) }
                if inner.contains(":"), inner.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) {
                    if IPAddress(inner, family: .ipv6) != nil { out.append(inner.lowercased()) }
                }
            }
            i += 1
        }
        return out
    }

    /// `IPAddress(name) != nil`, answered from the bytes for a host name (no colon, no bracket, a byte other than
    /// a digit or a dot): without a colon or brackets only a dotted quad of digits parses.
    static func isIPAddress(_ name: String) -> Bool {
        let utf8 = name.utf8
        if utf8.first != 0x5B, !utf8.contains(0x3A), utf8.contains(where: { !($0 >= 0x30 && $0 <= 0x39) && $0 != 0x2E }) { return false }
        return IPAddress(name) != nil
    }

    private static func isToken(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || HTMLScanner.isASCIILetter(b) || b == 0x2D || b == 0x5F
    }

    static func isIPv4(_ s: String) -> Bool {
        IPAddress(s, accepting: .lenient)?.isIPv4 == true
    }

    /// The four numbers of a plain dotted quad ("192.0.2.1": one to three digits each), read from the bytes;
    /// nil for anything else, which `isPublic` then splits as before.
    static func dottedQuad(_ ip: String) -> [Int]? {
        var octets: [Int] = []
        octets.reserveCapacity(4)
        var value = 0, digits = 0
        for b in ip.utf8 {
            if b >= 0x30, b <= 0x39, digits < 3 {
                value = value * 10 + Int(b - 0x30)
                digits += 1
            } else if b == 0x2E, digits > 0, octets.count < 3 {
                octets.append(value)
                value = 0
                digits = 0
            } else {
                return nil
            }
        }
        guard digits > 0, octets.count == 3 else { return nil }
        octets.append(value)
        return octets
    }

    /// False for private (RFC 1918, RFC 6598, ULA), loopback, link-local, unspecified and multicast addresses.
    static func isPublic(_ ip: String) -> Bool {
        if ASCIIText.includes(ip, ":") {
            let l = ip.lowercased()
            return !(l == "::1" || l == "::" || l.hasPrefix("fe80:") || l.hasPrefix("fc") || l.hasPrefix("fd") || l.hasPrefix("ff"))
        }
        let o = dottedQuad(ip) ?? ip.split(separator: ".").compactMap { Int($0) }
        guard o.count == 4 else { return false }
        switch (o[0], o[1]) {
        case (10, _), (127, _), (0, _): return false
        case (172, 16...31), (192, 168), (169, 254), (100, 64...127): return false
        case (224...255, _): return false
        default: return true
        }
    }
}
