/// Something in the input that does not follow the standards; parsing went on regardless.
public struct ParseDefect: Sendable, Hashable, Codable {
    /// Stable dotted identifier, for example `header.no-colon` or `mime.missing-boundary`.
    public var id: String
    /// Plain-language description, safe to show (no raw message bytes).
    public var detail: String
    /// Where in the message, when known.
    public var span: SourceSpan?

    public init(id: String, detail: String, span: SourceSpan? = nil) {
        self.id = id
        self.detail = detail
        self.span = span
    }
}
