import MailAuth

/// Our own re-verification written as an RFC 8601 Authentication-Results field value (RFC 8601 §2.2, §2.7),
/// with authserv-id `mailsleuth`, so it can be compared with what the receivers recorded.
enum OwnAuthenticationResults {
    static let authservID = "mailsleuth"

    static func line(_ authentication: AuthenticationReport, mailFrom: String? = nil, fromDomain: String? = nil) -> String {
        var parts: [String] = []
        for dkim in authentication.dkim {
            var p = "dkim=\(dkim.result.rawValue)"
            if !dkim.reason.isEmpty, dkim.result != .pass, dkim.result != .none { p += " reason=\(quoted(dkim.reason))" }
            if !dkim.domain.isEmpty { p += " header.d=\(token(dkim.domain))" }
            if !dkim.selector.isEmpty { p += " header.s=\(token(dkim.selector))" }
            parts.append(p)
        }
        if let arc = authentication.arc {
            var p = "arc=\(arc.result.rawValue)"
            if !arc.reason.isEmpty, arc.result != .pass, arc.result != .none { p += " reason=\(quoted(arc.reason))" }
            parts.append(p)
        }
        if let spf = authentication.spf {
            var p = "spf=\(spf.result.rawValue)"
            if let mailFrom = spf.mailFrom ?? mailFrom ?? (spf.domain.isEmpty ? nil : spf.domain) { p += " smtp.mailfrom=\(token(mailFrom))" }
            parts.append(p)
        }
        if let dmarc = authentication.dmarc {
            var p = "dmarc=\(dmarc.result.rawValue)"
            if let domain = fromDomain ?? (dmarc.domain.isEmpty ? nil : dmarc.domain) { p += " header.from=\(token(domain))" }
            parts.append(p)
        }
        guard !parts.isEmpty else { return "\(authservID); none" }
        return "\(authservID); " + parts.joined(separator: ";\n\t")
    }

    /// A quoted-string (RFC 5322 §3.2.4): backslash and quote escaped, controls dropped, at most 120 characters.
    static func quoted(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(120) where scalar.value >= 0x20 && scalar.value != 0x7F {
            if scalar == "\"" || scalar == "\\" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return "\"\(out)\""
    }

    /// A property value: kept as is when it is a plain token, quoted otherwise.
    static func token(_ text: String) -> String {
        // On the UTF-8 bytes: a scalar outside ASCII is made of bytes 0x80 and up, which the table refuses too.
        let plain = !text.isEmpty && text.utf8.allSatisfy { tokenByte[Int($0)] }
        return plain ? text : quoted(text)
    }

    /// For each byte, whether it may stand in a plain token: printable ASCII (DEL included) but for the tspecials.
    static let tokenByte: [Bool] = (0...255).map { byte in
        byte > 0x20 && byte < 0x80 && !"()<>,;:\\\"/[]?=".utf8.contains(UInt8(byte))
    }
}
