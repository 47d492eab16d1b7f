import MailParsing

extension Analyzer {
    /// The headline facts (From, To, Subject, Date, Message-ID, Return-Path), decoded for reading:
    /// RFC 2047 words decoded, addresses parsed (RFC 5322 §3.4), the date normalized to UTC (ISO 8601).
    func summarize(_ message: Message, dates: DateMemo = DateMemo()) -> MessageSummary {
        let dateField = message.firstField(named: "Date")
        let dateRaw = dateField.map { Self.decodedValue($0) }
        // Address lists are parsed through the message's cache: the indicator list reads From and Return-Path again.
        let addresses = { (field: HeaderField) in Self.addresses(field, in: message) }
        return MessageSummary(from: message.firstField(named: "From").map(addresses),
                              to: Self.addresses(message.fields(named: "To"), in: message),
                              subject: message.firstField(named: "Subject").map { Self.decodedValue($0) },
                              dateRaw: dateRaw,
                              date: dateRaw.flatMap(dates.parse)?.iso8601,
                              messageId: message.firstField(named: "Message-ID")?.unfoldedValue,
                              returnPath: message.firstField(named: "Return-Path").map(addresses))
    }

    /// The MIME part tree (RFC 2045-2046), message/rfc822 parts opened.
    func structure(of message: Message) -> MIMEPartSummary? {
        Self.summary(of: message.mimeTree())
    }

    static func summary(of part: MIMEPart) -> MIMEPartSummary {
        MIMEPartSummary(contentType: part.contentType.mimeType, filename: part.filename,
                        transferEncoding: part.firstField(named: "Content-Transfer-Encoding") == nil ? nil : part.transferEncoding,
                        bytes: part.bodySpan.byteEnd - part.bodySpan.byteStart,
                        children: part.children.map(summary(of:)),
                        charset: part.contentType.charset, disposition: part.disposition?.kind,
                        firstLine: part.span.firstLine, lastLine: part.span.lastLine)
    }

    /// Longest summary value shown; a hostile 50 MB Subject is cut with a note of its length.
    static let maxSummaryCharacters = 2_000

    /// A field value unfolded (RFC 5322 §2.2.3) with its encoded words decoded (RFC 2047), cut to a readable length.
    static func decodedValue(_ field: HeaderField) -> String {
        let raw = field.rawValue
        guard raw.count > maxSummaryCharacters * 8 else { return field.decodedValue }
        let text = EncodedWords.decode(bytes: raw.prefix(maxSummaryCharacters * 8).filter { $0 != 0x0D && $0 != 0x0A }).trimmingASCIIWhitespace()
        return String(text.prefix(maxSummaryCharacters)) + " … (\(raw.count) bytes in all)"
    }

    /// Address fields as `Name <local@domain>, ...`; the decoded text when no address can be read.
    static func addresses(_ fields: [HeaderField], in message: Message) -> String? {
        guard !fields.isEmpty else { return nil }
        return fields.map { addresses($0, in: message) }.joined(separator: ", ")
    }

    static func addresses(_ field: HeaderField, in message: Message) -> String {
        let list = message.addressList(field)
        var text = ""
        var any = false
        for mailbox in list.mailboxes {
            let address = mailbox.address
            guard !mailbox.domain.isEmpty || address.isEmpty else { continue }
            if any { text += ", " }
            any = true
            if let name = mailbox.displayName?.trimmingASCIIWhitespace(), !name.isEmpty {
                text += name + " <" + address + ">"
            } else {
                text += address.isEmpty ? "<>" : address
            }
        }
        return any ? text : decodedValue(field)
    }
}
