import Foundation

/// Small nasty messages written here: terminal escapes, bidi overrides, invalid UTF-8 and NUL bytes in every
/// place a renderer quotes (Subject, From display name, attachment names, links), and formula starters.
enum NastyCorpus {
    /// ESC [ (CSI), OSC with BEL, a bare BEL, C1 CSI (U+009B) and a right-to-left override.
    static let escapes = "\u{1B}[31mRED\u{1B}[0m \u{1B}]0;pwned\u{07} bell\u{07} c1\u{9B}2J rlo\u{202E}gpj.exe"

    /// The bytes that must never reach a terminal raw, as UTF-8 scalars and as single raw bytes.
    static let forbiddenScalars: Set<UInt32> = [0x1B, 0x07, 0x00, 0x9B, 0x202E, 0x202D, 0x2066, 0x200F]

    static func header(subject: String, from: String = "Alice <alice@example.com>") -> String {
        "From: \(from)\r\nTo: bob@example.net\r\nSubject: \(subject)\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMessage-ID: <n@example.com>\r\n"
    }

    /// Percent-encodes for RFC 2231 `filename*=utf-8''...`.
    static func rfc2231(_ text: String) -> String {
        text.utf8.map { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E
                ? String(UnicodeScalar(b)) : String(format: "%%%02X", b)
        }.joined()
    }

    /// RFC 2047 Q-encoding of arbitrary UTF-8 (every byte as =XX).
    static func encodedWord(_ text: String) -> String {
        "=?utf-8?q?" + text.utf8.map { String(format: "=%02X", $0) }.joined() + "?="
    }

    static func attachment(named name: String, boundary: String = "n") -> String {
        "--\(boundary)\r\nContent-Type: application/octet-stream; name*=utf-8''\(rfc2231(name))\r\n"
            + "Content-Disposition: attachment; filename*=utf-8''\(rfc2231(name))\r\nContent-Transfer-Encoding: base64\r\n\r\nSGVsbG8=\r\n"
    }

    /// Names of attachments that try to leave the extraction directory or hide what they are.
    static let hostileFileNames = ["../../x", "/etc/passwd", "..\\..\\x", "a\u{0}b.txt", String(repeating: "L", count: 5_000) + ".pdf",
                                   "invoice\u{202E}fdp.exe", "\u{1B}]0;x\u{07}.txt", ".."]

    /// The messages, by name.
    static var messages: [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        // Escapes raw in Subject and display name (a sender may put any byte there).
        out.append(("raw-escapes", Array((header(subject: "Urgent " + escapes, from: "\"\(escapes)\" <ceo@example.com>")
            + "\r\nClick http://evil.example.com/\u{1B}[2Jlogin now\r\n").utf8)))
        // The same escapes hidden in RFC 2047 encoded words, which a naive decoder turns into raw bytes.
        out.append(("encoded-escapes", Array((header(subject: encodedWord(escapes), from: "\(encodedWord(escapes)) <ceo@example.com>")
            + "\r\nbody\r\n").utf8)))
        // Attachment names with escapes, bidi override, traversal and NUL.
        var multipart = header(subject: "files") + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"n\"\r\n\r\n"
        multipart += "--n\r\nContent-Type: text/html\r\n\r\n<a href=\"https://phish.example.net/a?b=1\">x</a><img src=\"http://tracker.example.org/p.gif\">\r\n"
        for name in hostileFileNames { multipart += attachment(named: name) }
        out.append(("file-names", Array((multipart + "--n--\r\n").utf8)))
        // Invalid UTF-8 everywhere: lone continuation bytes, overlongs, surrogates, raw C1 and 0xFF.
        let junk: [UInt8] = [0xC0, 0xAF, 0xED, 0xA0, 0x80, 0x9B, 0x32, 0x4A, 0xFF, 0xFE, 0x80, 0xE2, 0x80]
        var invalid = Array("From: ".utf8) + junk + Array(" <x@example.com>\r\nSubject: ".utf8) + junk
        invalid += Array("\r\nTo: ".utf8) + junk + Array("@example.net\r\nDate: ".utf8) + junk
        invalid += Array("\r\nMessage-ID: <".utf8) + junk + Array(">\r\nContent-Type: text/plain; charset=\"".utf8) + junk
        invalid += Array("\"\r\n".utf8) + junk + Array(": value\r\n\r\n".utf8) + junk + Array("\r\n".utf8)
        out.append(("invalid-utf8", invalid))
        // NUL bytes in the header name, value and body.
        out.append(("nul-bytes", Array("From: a\u{0}b <a@example.com>\r\nSubject: nul\u{0}here\r\nX-\u{0}: v\r\n\r\nbody\u{0}\u{0}\r\n".utf8)))
        // Spreadsheet formulas at the start of every quoted field.
        out.append(("formulas", Array((header(subject: "=HYPERLINK(\"http://evil.example\",\"x\")", from: "\"+cmd|' /C calc'!A0\" <a@example.com>")
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"n\"\r\n\r\n" + attachment(named: "@SUM(1+1).xlsx")
            + attachment(named: "-2+3.csv") + "--n--\r\n").utf8)))
        // Markdown and HTML injection in what the Markdown report quotes.
        out.append(("markdown", Array((header(subject: "[click](javascript:alert(1)) <script>alert(1)</script> | a | `b` *c*")
            + "\r\nhttps://login.example.com/reset\r\n").utf8)))
        return out
    }

    /// A zone whose TXT records carry escapes (RFC 1035 §5.1 `\DDD`): ESC, BEL and a C1 byte in DNS data.
    static let zone = """
        example.com. 3600 IN TXT "v=spf1 \\027[31mred\\027]0;x\\007 \\194\\155 -all"
        _dmarc.example.com. 3600 IN TXT "v=DMARC1; p=\\027[2Jreject"
        sel._domainkey.example.com. 3600 IN TXT "v=DKIM1; k=rsa; p=\\027[31m"

        """

    /// A message that makes the analyzer quote those DNS records.
    static let dnsMessage = "Return-Path: <a@example.com>\r\nDKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel; h=from; bh=AAAA; b=AAAA\r\n"
        + header(subject: "dns data", from: "a@example.com") + "\r\nbody\r\n"
}
