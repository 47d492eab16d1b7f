/// Decoded views of a header field: unfolded (RFC 5322 §2.2.3) with encoded words decoded (RFC 2047),
/// parsed as an address list (§3.4) or as a date (§3.3).
extension HeaderField {
    /// The value unfolded, encoded words decoded, trimmed. Raw 8-bit bytes are read as UTF-8, or as
    /// Windows-1252 when they are not valid UTF-8.
    public var decodedValue: String {
        let unfolded = rawValue.filter { $0 != 0x0D && $0 != 0x0A }
        guard !EncodedWords.mayHoldEncodedWord(unfolded) else { return EncodedWords.decode(bytes: unfolded).trimmingASCIIWhitespace() }
        // No encoded word: raw header text, trimmed on its bytes first. The white space is ASCII, reads the same in
        // UTF-8 and Windows-1252, and does not change whether the rest is valid UTF-8, so this is the same text.
        var start = unfolded.startIndex, end = unfolded.endIndex
        while start < end, String.isASCIIWhitespace(unfolded[start]) { start += 1 }
        while end > start, String.isASCIIWhitespace(unfolded[end - 1]) { end -= 1 }
        return Charset.decodeRawHeader(unfolded[start..<end])
    }

    /// The value parsed as an address list (From, To, Cc, Reply-To, Sender, Return-Path, ...).
    public var addressList: AddressList { AddressParser.parseList(self) }

    /// The value read as a date (Date, Resent-Date); for Received, use `DateParser.parseReceived(unfoldedValue)`.
    public var date: MailDate? { DateParser.parse(unfoldedValue) }
}
