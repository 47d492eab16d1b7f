import MailParsing

/// Findings about the words the recipient reads first, Subject and sender name (RFC 5322 §3.6.5, §3.4): hidden
/// characters, letters disguised to dodge filters, and the usual lures of phishing.
enum MessageFindings {
    static let hiddenCharacters = FindingSpec(
        id: "message.hidden-characters", severity: .warning, title: "The subject or sender name contains invisible characters.",
        trigger: "Zero-width, tag, bidirectional-override, soft-hyphen or similar invisible characters in Subject or the From display name.",
        meaning: "Invisible characters split words so that filters do not recognise them, while the reader sees normal text. Legitimate senders have no reason to use them.",
        action: "Treat the message as an attempt to evade filtering.",
        strength: .direct, references: ["Unicode TR #36 §2"])
    static let obfuscatedWords = FindingSpec(
        id: "message.obfuscated-words", severity: .notice, title: "Words in the subject or sender name are disguised.",
        trigger: "Letters replaced by look-alikes (capital I for l, digits for letters) inside words, letters separated by dots, or unreadable replacement characters.",
        meaning: "Spelling \"Account\" as \"Acc0unt\" or \"Called\" as \"C.a.l.l.e.d\" keeps the word readable for people but hides it from filters.",
        action: "Weigh together with the other findings.",
        strength: .correlated)
    static let lure = FindingSpec(
        id: "message.lure-subject", severity: .notice, title: "The subject uses a typical phishing lure.",
        trigger: "Subject words about account suspension, verification, blocked devices, payments, refunds, parcels held, prizes or urgent action.",
        meaning: "Phishing pushes people to act quickly: an account about to be closed, a parcel waiting, money to claim. Legitimate mail uses these words too, so this only adds weight to other signs.",
        action: "Do not follow links in the message; go to the service through its usual address instead.",
        strength: .inference)

    static let specs = [hiddenCharacters, obfuscatedWords, lure]

    /// Invisible or direction-changing characters (format characters and friends).
    static func isHidden(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        guard v >= 0xAD else { return false } // the lowest of them; most text has none
        return (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v) || (0x2060...0x206F).contains(v) || v == 0xFEFF
            || v == 0x00AD || v == 0x034F || v == 0x061C || v == 0x180E || (0xFE00...0xFE0F).contains(v) || (0xE0000...0xE007F).contains(v)
            || (0xE0100...0xE01EF).contains(v)
    }

    /// Lure phrases, lower case, several languages (observed in phishing collections).
    static let lurePhrases = [
        "verify your", "verification required", "account suspended", "account will be", "suspension", "suspended", "unusual sign",
        "unusual activity", "login attempt", "sign-in attempt", "password expire", "password reset", "mailbox full", "mailbox quota",
        "storage is full", "storage full", "payment declined", "payment failed", "payment rejected", "renewal failed", "was failed",
        "update your payment", "billing information", "refund", "invoice overdue", "unpaid invoice", "your package", "delivery failed",
        "parcel", "shipment pending", "delivery suspended", "you have won", "you could win", "winner", "claim your", "gift card",
        "urgent", "action required", "immediate action", "final notice", "last warning", "device may be", "vulnerable",
        "locked", "blocked", "security alert", "confirm your", "reactivate", "restore access",
        "bloqueado", "suspensa", "suspenso", "suspendido", "encomenda", "paquete", "restitu", "pagamento", "reembolso", "premio",
        "gesperrt", "konto", "zahlung", "bloqué", "remboursement", "colis",
    ]

    static func check(_ message: Message, identities: IdentityReport?) -> [Finding] {
        var findings: [Finding] = []
        var texts: [(String, HeaderField)] = []
        if let subject = message.header.first(where: { $0.lowercasedName == "subject" }) { texts.append((String(EncodedWords.decode(subject.unfoldedValue).prefix(2000)), subject)) }
        if let from = message.header.first(where: { $0.lowercasedName == "from" }), let name = identities?.from.first?.displayName { texts.append((String(name.prefix(2000)), from)) }
        func evidence(_ field: HeaderField, _ text: String) -> Evidence {
            Evidence(kind: .header, label: field.name, value: String(text.prefix(300)), firstLine: field.span.firstLine, lastLine: field.span.lastLine)
        }
        let hidden = texts.filter { $0.0.unicodeScalars.contains(where: isHidden) }
        if !hidden.isEmpty {
            let count = hidden.reduce(0) { $0 + $1.0.unicodeScalars.filter(isHidden).count }
            findings.append(hiddenCharacters.finding(
                explanation: "\(count) invisible character\(count == 1 ? "" : "s") found in \(hidden.map { $0.1.name }.joined(separator: " and ")). " + hiddenCharacters.meaning,
                evidence: hidden.map { evidence($0.1, $0.0) }))
        }
        let disguised = texts.filter { isObfuscated($0.0) }
        if !disguised.isEmpty {
            findings.append(obfuscatedWords.finding(evidence: disguised.map { evidence($0.1, $0.0) }))
        }
        if let (subject, field) = texts.first, field.lowercasedName == "subject" {
            if let phrase = lurePhrase(in: subject) {
                findings.append(lure.finding(explanation: "The subject contains \"\(phrase)\". " + lure.meaning, evidence: [evidence(field, subject)]))
            }
        }
        return findings
    }

    /// The first lure phrase (in table order) in the subject folded by `fold`.
    static func lurePhrase(in subject: String) -> String? {
        if ASCIIText.isSimple(subject) {
            // One byte per Character: fold and search on bytes. A phrase with non-ASCII letters cannot occur here.
            let folded = foldASCII(Array(subject.utf8))
            // One pass over the subject: at each byte, only the phrases starting with it; the lowest index wins.
            var best = Int.max
            let byFirstByte = lurePhrasesByFirstByte, phrases = lurePhraseBytes
            folded.withUnsafeBufferPointer { text in
                for start in text.indices {
                    for index in byFirstByte[Int(text[start])] where index < best
                        && ASCIIText.hasPrefix(UnsafeBufferPointer(rebasing: text[start...]), phrases[index]) {
                        best = index
                    }
                }
            }
            return best == Int.max ? nil : lurePhrases[best]
        }
        let folded = fold(subject)
        return lurePhrases.first(where: { folded.contains($0) })
    }

    /// `lurePhrases` as UTF-8 bytes, in the same order.
    static let lurePhraseBytes = lurePhrases.map { Array($0.utf8) }

    /// The indices of `lurePhraseBytes` by their first byte, in table order.
    static let lurePhrasesByFirstByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (index, phrase) in lurePhraseBytes.enumerated() { table[Int(phrase[0])].append(index) }
        return table
    }()

    /// `fold` for simple ASCII text (one byte per Character, so no hidden characters), on bytes.
    static func foldASCII(_ chars: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chars.count)
        for (i, c) in chars.enumerated() {
            let prevLetter = i > 0 && ASCIIText.isLetter(chars[i - 1])
            if c == UInt8(ascii: "I"), prevLetter, ASCIIText.isLower(chars[i - 1]) { out.append(UInt8(ascii: "l")); continue }
            if c == UInt8(ascii: "."), prevLetter, i + 1 < chars.count, ASCIIText.isLetter(chars[i + 1]), i >= 2,
               chars[i - 2] == UInt8(ascii: ".") || chars[i - 2] == UInt8(ascii: " ") { continue }
            out.append(ASCIIText.lower(c))
        }
        return out
    }

    /// Lower case with look-alike tricks undone (capital I inside a word read as l, digits as letters, dots between letters removed).
    static func fold(_ text: String) -> String {
        var out = ""
        let chars = Array(text.filter { !$0.unicodeScalars.contains(where: isHidden) })
        for (i, c) in chars.enumerated() {
            let prevLetter = i > 0 && chars[i - 1].isLetter
            if c == "I", prevLetter, chars[i - 1].isLowercase { out.append("l"); continue }
            if c == ".", prevLetter, i + 1 < chars.count, chars[i + 1].isLetter, i >= 2, chars[i - 2] == "." || chars[i - 2] == " " { continue }
            out += String(c).lowercased()
        }
        return out
    }

    static func isObfuscated(_ text: String) -> Bool {
        if ASCIIText.isSimple(text) {
            let scan = scanASCII(Array(text.utf8))
            return scan.lookalike || scan.dottedLetters >= 3 && hasDottedLetterWord(text)
        }
        return isObfuscatedCharacters(text)
    }

    /// `isObfuscated` for any text, Character by Character.
    static func isObfuscatedCharacters(_ text: String) -> Bool {
        if text.contains("\u{FFFD}") { return true }
        let chars = Array(text)
        var dottedLetters = 0
        for i in chars.indices.dropFirst().dropLast() {
            let (p, c, n) = (chars[i - 1], chars[i], chars[i + 1])
            // "faIIida": a capital I between lower-case letters.
            if c == "I", p.isLowercase, n.isLowercase || n == "I" { return true }
            // "Acc0unt": a digit 0, 1 or 3 between letters.
            if "013".contains(c), p.isLetter, n.isLetter { return true }
            if c == ".", p.isLetter, n.isLetter { dottedLetters += 1 }
        }
        return dottedLetters >= 3 && hasDottedLetterWord(text)
    }

    /// A word spelled with dots between single letters ("C.a.l.l.e.d"), not an address.
    static func hasDottedLetterWord(_ text: String) -> Bool {
        text.split(separator: " ").contains { word in
            word.split(separator: ".").filter { $0.count == 1 && $0.allSatisfy(\.isLetter) }.count >= 3 && !word.contains("@")
        }
    }

    /// The letter loop of `isObfuscated` for simple ASCII text (no U+FFFD there), on bytes: whether a look-alike
    /// letter stands inside a word, else how many dots stand between letters.
    static func scanASCII(_ chars: [UInt8]) -> (lookalike: Bool, dottedLetters: Int) {
        guard chars.count >= 3 else { return (false, 0) }
        var dottedLetters = 0
        for i in 1..<(chars.count - 1) {
            let (p, c, n) = (chars[i - 1], chars[i], chars[i + 1])
            if c == UInt8(ascii: "I"), ASCIIText.isLower(p), ASCIIText.isLower(n) || n == UInt8(ascii: "I") { return (true, dottedLetters) }
            if c == UInt8(ascii: "0") || c == UInt8(ascii: "1") || c == UInt8(ascii: "3"), ASCIIText.isLetter(p), ASCIIText.isLetter(n) {
                return (true, dottedLetters)
            }
            if c == UInt8(ascii: "."), ASCIIText.isLetter(p), ASCIIText.isLetter(n) { dottedLetters += 1 }
        }
        return (false, dottedLetters)
    }
}
