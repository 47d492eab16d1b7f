import Foundation

/// Decodes RFC 2047 encoded words (`=?UTF-8?B?...?=`) in display names so that lookalike and brand checks see
/// what the recipient sees. INTERIM: UTF-8, US-ASCII, ISO-8859-1 and windows-1252 only, until the parsing work's
/// decoder is on main; other charsets are read as UTF-8 with replacement characters.
enum EncodedWord {
    static func decode(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        var out = ""
        var rest = Substring(text)
        var lastWasEncoded = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            guard let decoded = decodeOne(rest[start.lowerBound...]) else {
                out += before + "=?"
                rest = rest[start.upperBound...]
                lastWasEncoded = false
                continue
            }
            // White space between two encoded words is dropped (RFC 2047 §6.2).
            if !(lastWasEncoded && before.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })) { out += before }
            out += decoded.text
            rest = decoded.rest
            lastWasEncoded = true
        }
        return out + rest
    }

    static func decodeOne(_ s: Substring) -> (text: String, rest: Substring)? {
        let parts = s.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[3].hasPrefix("="), parts[1].count == 1 else { return nil }
        let charset = parts[0].lowercased().split(separator: "*").first.map(String.init) ?? ""
        let payload = parts[2]
        guard payload.count < 2000, !payload.contains(" ") else { return nil }
        var bytes: [UInt8]
        switch parts[1].uppercased() {
        case "B":
            var b64 = String(payload)
            while b64.count % 4 != 0 { b64 += "=" }
            guard let data = Data(base64Encoded: b64) else { return nil }
            bytes = [UInt8](data)
        case "Q":
            bytes = []
            let u = Array(payload.utf8)
            var i = 0
            while i < u.count {
                if u[i] == UInt8(ascii: "_") { bytes.append(0x20); i += 1; continue }
                if u[i] == UInt8(ascii: "="), i + 2 < u.count, let v = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    bytes.append(v); i += 3; continue
                }
                bytes.append(u[i]); i += 1
            }
        default:
            return nil
        }
        let text: String
        switch charset {
        case "iso-8859-1", "latin1", "windows-1252", "cp1252", "us-ascii":
            text = String(bytes.map { Character(Unicode.Scalar($0)) })
        default:
            text = String(decoding: bytes, as: UTF8.self)
        }
        return (text, parts[3].dropFirst())
    }
}
