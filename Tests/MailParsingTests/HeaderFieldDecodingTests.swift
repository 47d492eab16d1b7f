import MailParsing
import Testing

/// Field views computed on bytes give the text of the earlier String-level computations, on generated values with
/// folding, white space at both ends, invalid UTF-8, Windows-1252 bytes and encoded words.
@Suite struct HeaderFieldDecodingTests {
    static func generated(count: Int) -> [[UInt8]] {
        let pieces: [[UInt8]] = [Array(" ".utf8), Array("\t".utf8), Array("\r\n ".utf8), Array("\n\t".utf8), Array("Re:".utf8), Array("hello".utf8),
                                 Array("=?utf-8?q?caf=C3=A9?=".utf8), Array("=?iso-8859-1?b?SGVsbG8=?=".utf8), Array("=?".utf8), Array("?=".utf8),
                                 Array("=\r\n ?".utf8), Array("é".utf8), [0xE9], [0x80], [0xC3], [0xE2, 0x82], [0x9D], [0xFF], Array("\u{FFFD}".utf8),
                                 Array("a@b.example".utf8), Array("\"quoted\"".utf8), [0x0D], [0x0A]]
        var state: UInt64 = 0xDEAD_BEEF_1234_5678
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in (0..<(next() % 10)).flatMap { _ in pieces[next() % pieces.count] } }
    }

    @Test func viewsAgreeWithStringLevelReading() {
        for value in Self.generated(count: 20_000) {
            let raw = Array("Subject:".utf8) + value + Array("\r\n".utf8)
            let field = HeaderField(raw: raw, name: "Subject", colonOffset: 7,
                                    span: SourceSpan(byteStart: 0, byteEnd: raw.count, firstLine: 1, lastLine: 1))
            let unfolded = field.rawValue.filter { $0 != 0x0D && $0 != 0x0A }
            #expect(field.decodedValue == EncodedWords.decode(bytes: unfolded).trimmingASCIIWhitespace(), "\(value)")
            let trimmedScalars = String(decoding: unfolded, as: UTF8.self).unicodeScalars
                .drop(while: { " \t\r\n".unicodeScalars.contains($0) })
            var text = String(String.UnicodeScalarView(trimmedScalars))
            while let last = text.unicodeScalars.last, " \t\r\n".unicodeScalars.contains(last) { text.unicodeScalars.removeLast() }
            #expect(field.unfoldedValue == text, "\(value)")
        }
    }
}
