import Foundation

extension OutlookMessage {
    /// Defect ids added to a message rebuilt from a `.msg` file.
    public static let convertedDefectID = "outlook.converted"
    public static let dkimUnverifiableDefectID = "outlook.dkim-body-unverifiable"

    /// Reads a `.msg` file and rebuilds it as an RFC 5322 message (the transport headers, then a MIME body
    /// made from the stored parts), so everything else analyzes it like any other message.
    /// A reason when the bytes are not a readable Outlook message.
    public static func convert(_ bytes: [UInt8]) -> Result<Message, CompoundFile.ReadError> {
        switch read(bytes) {
        case .failure(let error):
            return .failure(error)
        case .success(let outlook):
            var message = MessageParser.parse(outlook.rfc5322())
            message.defects.append(ParseDefect(
                id: convertedDefectID,
                detail: "This message was read from an Outlook .msg file. Outlook keeps the received header but not the original "
                    + "message body, so the body shown here was rebuilt from the parts Outlook stored."))
            if message.firstField(named: "DKIM-Signature") != nil {
                message.defects.append(ParseDefect(
                    id: dkimUnverifiableDefectID,
                    detail: "DKIM body hashes cannot be re-verified from an Outlook .msg file: Outlook re-encoded the body, so a "
                        + "body-hash mismatch here says nothing about tampering. The header signatures are still reported."))
            }
            for note in outlook.notes {
                message.defects.append(ParseDefect(id: "outlook.damaged-part", detail: note))
            }
            return .success(message)
        }
    }

    /// The item as RFC 5322 bytes (CRLF line endings).
    public func rfc5322() -> [UInt8] {
        var out: [UInt8] = []
        appendMessage(to: &out, depth: 0)
        return out
    }

    private func appendMessage(to out: inout [UInt8], depth: Int) {
        out += headerBlock()
        // S/MIME signed items keep the whole signed entity (its own MIME header included) as the one attachment.
        if let signed = attachments.first(where: { ($0.mimeTag ?? "").lowercased().hasPrefix("multipart/signed") }),
           attachments.count == 1, let data = signed.data, (messageClass ?? "").uppercased().contains("SMIME") {
            out += data
            return
        }
        let boundary = "=_mailsleuth-msg-\(depth)-mixed"
        let alternative = "=_mailsleuth-msg-\(depth)-alt"
        Self.line(&out, "MIME-Version: 1.0")
        Self.line(&out, "Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
        Self.line(&out, "")
        Self.line(&out, "--\(boundary)")
        Self.line(&out, "Content-Type: multipart/alternative; boundary=\"\(alternative)\"")
        Self.line(&out, "")
        if let text = bodyText {
            Self.line(&out, "--\(alternative)")
            Self.line(&out, "Content-Type: text/plain; charset=utf-8")
            Self.line(&out, "Content-Transfer-Encoding: base64")
            Self.line(&out, "")
            Self.base64(&out, Array(text.utf8))
        }
        if let html = bodyHTML {
            Self.line(&out, "--\(alternative)")
            Self.line(&out, "Content-Type: text/html" + (htmlCharset(html).map { "; charset=\($0)" } ?? ""))
            Self.line(&out, "Content-Transfer-Encoding: base64")
            Self.line(&out, "")
            Self.base64(&out, html)
        }
        if bodyText == nil, bodyHTML == nil {
            Self.line(&out, "--\(alternative)")
            Self.line(&out, "Content-Type: text/plain; charset=utf-8")
            Self.line(&out, "")
        }
        Self.line(&out, "--\(alternative)--")
        for attachment in attachments {
            Self.line(&out, "--\(boundary)")
            let name = Self.headerSafe(attachment.name ?? "attachment")
            if let inner = attachment.embedded {
                Self.line(&out, "Content-Type: message/rfc822")
                Self.line(&out, "Content-Disposition: attachment; filename*=utf-8''\(Self.percentEncoded(name))")
                Self.line(&out, "")
                inner.appendMessage(to: &out, depth: depth + 1)
                Self.line(&out, "")
                continue
            }
            let type = Self.headerSafe(attachment.mimeTag ?? "application/octet-stream")
            let mediaType = type.contains("/") && !type.contains(";") ? type : "application/octet-stream"
            Self.line(&out, "Content-Type: \(mediaType); name*=utf-8''\(Self.percentEncoded(name))")
            let inline = attachment.contentID != nil
            Self.line(&out, "Content-Disposition: \(inline ? "inline" : "attachment"); filename*=utf-8''\(Self.percentEncoded(name))")
            if let cid = attachment.contentID {
                Self.line(&out, "Content-ID: <\(Self.headerSafe(cid).filter { $0 != "<" && $0 != ">" })>")
            }
            Self.line(&out, "Content-Transfer-Encoding: base64")
            Self.line(&out, "")
            Self.base64(&out, attachment.data ?? [])
        }
        Self.line(&out, "--\(boundary)--")
    }

    /// The transport headers as header fields only, CRLF line endings: lines that are neither a field nor
    /// the continuation of one (Exchange's "Microsoft Mail Internet Headers Version 2.0" banner, stray text)
    /// are left out, and the block ends at the first blank line. Nil when the item has no transport headers.
    public var internetHeader: [UInt8]? {
        guard let headers = transportHeaders else { return nil }
        var out: [UInt8] = []
        var sawField = false
        var skipping = false
        for rawLine in Array(headers.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) {
            var line = rawLine
            if line.last == 0x0D { line.removeLast() }
            if line.isEmpty {
                if sawField { break } else { continue }
            }
            if line.first == 0x20 || line.first == 0x09 {
                if sawField, !skipping { out += line; out += [0x0D, 0x0A] }
                continue
            }
            var i = line.startIndex
            while i < line.endIndex, line[i] > 0x20, line[i] < 0x7F, line[i] != 0x3A { i += 1 }
            // A field name, a colon; never a line that could pass for a MIME boundary of the rebuilt body.
            guard i > line.startIndex, i < line.endIndex, line[i] == 0x3A, line.first != 0x2D else {
                skipping = true
                continue
            }
            sawField = true
            skipping = false
            out += line
            out += [0x0D, 0x0A]
        }
        return sawField ? out : nil
    }

    /// The transport headers without their MIME fields (the body is rebuilt), or a header made from the
    /// MAPI properties when the item has none (a draft, an item never sent over the Internet).
    private func headerBlock() -> [UInt8] {
        var out: [UInt8] = []
        if let header = internetHeader {
            for field in MessageParser.parse(header + [0x0D, 0x0A]).header {
                let name = field.lowercasedName
                if name == "content-type" || name == "content-transfer-encoding" || name == "mime-version" { continue }
                out += field.raw
            }
            return out
        }
        if let sender = senderAddress ?? senderName {
            Self.line(&out, "From: " + Self.mailbox(name: senderName, address: senderAddress ?? sender))
        }
        for (kind, field) in [(Recipient.Kind.to, "To"), (.cc, "Cc")] {
            let list = recipients.filter { $0.kind == kind }.map { Self.mailbox(name: $0.name, address: $0.address) }
            if !list.isEmpty { Self.line(&out, "\(field): " + list.joined(separator: ", ")) }
        }
        if let subject { Self.line(&out, "Subject: " + Self.headerSafe(subject)) }
        if let submitTime { Self.line(&out, "Date: " + Self.rfc5322Date(submitTime)) }
        if let messageID { Self.line(&out, "Message-ID: " + Self.headerSafe(messageID)) }
        return out
    }

    private func htmlCharset(_ html: [UInt8]) -> String? {
        if String(bytes: html, encoding: .utf8) != nil { return "utf-8" }
        return nil
    }

    static func mailbox(name: String?, address: String?) -> String {
        let address = address.map(headerSafe)
        guard let name = name.map(headerSafe), !name.isEmpty, name != address else { return address.map { "<\($0)>" } ?? "" }
        let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return address.map { "\(quoted) <\($0)>" } ?? quoted
    }

    /// Removes control characters (line breaks included) so a value stays on its header line.
    static func headerSafe(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }

    /// RFC 2231 / RFC 3986 percent-encoding of a parameter value.
    static func percentEncoded(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let c = Character(Unicode.Scalar(b))
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "-._~".contains(c) {
                out.append(c)
            } else {
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    static func line(_ out: inout [UInt8], _ s: String) {
        out += Array(s.utf8)
        out += [0x0D, 0x0A]
    }

    static func base64(_ out: inout [UInt8], _ data: [UInt8]) {
        let encoded = Array(Data(data).base64EncodedString().utf8)
        var i = 0
        while i < encoded.count {
            let end = min(i + 76, encoded.count)
            out += encoded[i..<end]
            out += [0x0D, 0x0A]
            i = end
        }
    }
}
