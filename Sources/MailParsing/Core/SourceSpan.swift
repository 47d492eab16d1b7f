/// Where a parsed value came from in the input: a byte range and a 1-based, inclusive line range.
public struct SourceSpan: Sendable, Hashable, Codable {
    /// Byte offsets into the message's bytes, half-open.
    public var byteStart: Int
    public var byteEnd: Int
    /// 1-based line numbers, inclusive.
    public var firstLine: Int
    public var lastLine: Int

    public init(byteStart: Int, byteEnd: Int, firstLine: Int, lastLine: Int) {
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.firstLine = firstLine
        self.lastLine = lastLine
    }

    public var byteRange: Range<Int> { byteStart..<byteEnd }
}
