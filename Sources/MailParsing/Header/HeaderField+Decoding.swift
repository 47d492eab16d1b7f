/// Decoded views of a header field: unfolded (RFC 5322 §2.2.3) with encoded words decoded (RFC 2047),
/// parsed as an address list (§3.4) or as a date (§3.3).
extension HeaderField {
    /// The value unfolded, encoded words decoded, trimmed. Raw 8-bit bytes are read as UTF-8, or as
    /// Windows-1252 when they are not valid UTF-8.
    public var decodedValue: String {
        EncodedWords.decode(bytes: rawValue.filter { $0 != 0x0D && $0 != 0x0A }).trimmingASCIIWhitespace()
    }

    /// The value parsed as an address list (From, To, Cc, Reply-To, Sender, Return-Path, ...).
    public var addressList: AddressList { AddressParser.parseList(self) }

    /// The value read as a date (Date, Resent-Date); for Received, use `DateParser.parseReceived(unfoldedValue)`.
    public var date: MailDate? { DateParser.parse(unfoldedValue) }
}
