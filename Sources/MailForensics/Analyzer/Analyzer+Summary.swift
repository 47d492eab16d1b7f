import MailParsing

extension Analyzer {
    /// The headline facts (From, To, Subject, Date, Message-ID, Return-Path). Owned by the parsing work:
    /// decodes RFC 2047 words, addresses and dates once MailParsing provides them.
    func summarize(_ message: Message) -> MessageSummary {
        MessageSummary(from: message.firstField(named: "From")?.unfoldedValue,
                       to: message.firstField(named: "To")?.unfoldedValue,
                       subject: message.firstField(named: "Subject")?.unfoldedValue,
                       dateRaw: message.firstField(named: "Date")?.unfoldedValue,
                       date: nil,
                       messageId: message.firstField(named: "Message-ID")?.unfoldedValue,
                       returnPath: message.firstField(named: "Return-Path")?.unfoldedValue)
    }

    /// The MIME part tree. Owned by the parsing work.
    func structure(of message: Message) -> MIMEPartSummary? {
        nil
    }
}
