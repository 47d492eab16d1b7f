/// Resource limits that keep hostile input bounded (documented in Docs/parsing.md). Hitting one records a
/// `ParseDefect` (or an input note) and parsing goes on with what was read so far; none is ever fatal.
public enum ParseLimits {
    /// Header fields per header block; later fields are left unparsed (`header.too-many-fields`).
    public static let maxHeaderFields = 10_000
    /// Bytes in one header block; the rest is treated as body (`header.too-large`).
    public static let maxHeaderBytes = 8 * 1024 * 1024
    /// RFC 5322 §2.1.1 line length limit (998 characters plus CRLF); longer lines are reported once (`line.too-long`).
    public static let maxLineLength = 998
    /// Nesting depth of MIME multiparts and message/rfc822 parts; deeper parts are left opaque (`mime.too-deep`).
    public static let maxMIMEDepth = 64
    /// MIME parts in one message; later parts are not split out (`mime.too-many-parts`).
    public static let maxMIMEParts = 10_000
    /// Bytes produced by decoding one part (base64, quoted-printable); the rest is dropped (`mime.decoded-too-large`).
    public static let maxDecodedBytes = 64 * 1024 * 1024
    /// Bytes of one message read from an mbox or file; the rest is skipped with a note (`input.message-too-large`).
    public static let maxMessageBytes = 256 * 1024 * 1024
    /// Addresses in one address list; more are not parsed (`address.too-many`).
    public static let maxAddresses = 10_000
    /// Nesting of comments in structured fields; deeper comments are skipped as text.
    public static let maxCommentDepth = 64
    /// Encoded words decoded in one field value; the rest is left as written.
    public static let maxEncodedWords = 10_000
    /// Size of the chunks an mbox is read in.
    public static let readChunkSize = 1024 * 1024
}
