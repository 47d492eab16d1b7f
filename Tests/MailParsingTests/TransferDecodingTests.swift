import Foundation
@testable import MailParsing
import Testing

/// The base64 decoder (whole groups of four at a time into one buffer) agrees with the one-symbol-at-a-time
/// decoder it replaced, kept here as the reference: same bytes, same error and truncation flags.
@Suite struct TransferDecodingTests {
    static func referenceBase64(_ input: [UInt8], limit: Int) -> TransferDecoding.Result {
        var out = [UInt8]()
        var accumulator: UInt32 = 0
        var bits = 0
        var hadErrors = false
        var sawPadding = false
        for byte in input {
            let value = TransferDecoding.base64Table[Int(byte)]
            if value < 0 {
                if byte == UInt8(ascii: "=") { sawPadding = true; continue }
                if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { continue }
                hadErrors = true
                continue
            }
            if sawPadding { hadErrors = true; sawPadding = false }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                if out.count >= limit { return TransferDecoding.Result(bytes: out, hadErrors: hadErrors, truncated: true) }
                out.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
            }
        }
        if bits >= 6 { hadErrors = true }
        return TransferDecoding.Result(bytes: out, hadErrors: hadErrors, truncated: false)
    }

    @Test(arguments: ["", "QQ==", "QUI=", "QUJD", "QUJDRA", "QUJDR", "QU=JD", "Q\r\nU\tJ D", "QUJD!RA==", "-_-_", "====", "QUJD\r\nRA==\r\n",
                      "QUJDRA==QUJD", "\u{00E9}QUJD", "QUJ\nDQUJD\nQUJDQ"])
    func decodesLikeTheReference(_ text: String) {
        let input = Array(text.utf8)
        for limit in [0, 1, 2, 3, 4, 5, 6, 100] {
            #expect(TransferDecoding.base64(input, limit: limit) == Self.referenceBase64(input, limit: limit), "\(text) limit \(limit)")
        }
        #expect(TransferDecoding.base64(input[...]) == Self.referenceBase64(input, limit: ParseLimits.maxDecodedBytes))
    }

    /// Random input from a small alphabet rich in padding, white space and stray bytes, at random limits,
    /// through contiguous and non-contiguous collections.
    @Test(arguments: 0..<6)
    func decodesRandomInputLikeTheReference(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        func next() -> Int { Int(generator.next() % 1_000_003) }
        let alphabet = Array("ABCDabcd0189+/-_=\r\n \t!*".utf8) + [0x00, 0xFF]
        for _ in 0..<300 {
            let count = next() % 120
            let input = (0..<count).map { _ in next() % 5 == 0 ? alphabet[next() % alphabet.count] : alphabet[next() % 8] }
            let limit = next() % 3 == 0 ? next() % 80 : ParseLimits.maxDecodedBytes
            let expected = Self.referenceBase64(input, limit: limit)
            #expect(TransferDecoding.base64(input, limit: limit) == expected)
            #expect(TransferDecoding.base64(input.lazy.map { $0 }, limit: limit) == expected)
        }
    }

    @Test func decodesALargeAttachmentLikeFoundation() {
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) }
        let encoded = Data(data).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let result = TransferDecoding.base64(Array(encoded.utf8))
        #expect(result.bytes == data)
        #expect(!result.hadErrors && !result.truncated)
    }
}

/// Line numbers come from counting line feeds eight bytes at a time; the count must be exact at every offset.
@Suite struct LineIndexTests {
    @Test(arguments: 0..<4)
    func countsLineFeedsLikeAPlainLoop(seed: Int) {
        var generator = SplitMix64(seed: UInt64(seed))
        let alphabet: [UInt8] = [0x0A, 0x0A, 0x0D, 0x41, 0x00, 0xFF, 0x8A, 0x0B, 0x09, 0x7F]
        let bytes = (0..<(9000 + seed * 37)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        for _ in 0..<300 {
            let a = Int(generator.next() % UInt64(bytes.count + 1)), b = Int(generator.next() % UInt64(bytes.count + 1))
            let (start, end) = (min(a, b), max(a, b))
            #expect(LineIndex.countNewlines(bytes, from: start, to: end) == bytes[start..<end].filter { $0 == 0x0A }.count)
        }
        let index = LineIndex(bytes)
        for offset in stride(from: 0, through: bytes.count, by: 97) {
            #expect(index.line(of: offset) == 1 + bytes[..<offset].filter { $0 == 0x0A }.count)
        }
    }
}

/// Parameter values are trimmed and unquoted as RFC 2045 §5.1 says, whichever path (one part each, or RFC 2231
/// continuations) decodes them.
@Suite struct MIMEParameterValueTests {
    @Test(arguments: [
        ("text/plain; a=  \"q\\\"x\"  ", "q\"x"), ("text/plain; a=\" spaced \"", " spaced "), ("text/plain; a=\"unterminated", "unterminated"),
        ("text/plain; a=\tplain\t", "plain"), ("text/plain; a=\"\"", ""), ("text/plain; a=\"x\\", "x\\"), ("text/plain; a=\"x\" tail", "x"),
        ("text/plain; A=(comment)v", "v"), ("text/plain; a=1; a=2", "1"), ("text/plain; a*1=b; a*0=a", "ab"),
        ("text/plain; a*=utf-8''%E2%82%AC", "€"), ("text/plain; a==?utf-8?q?caf=C3=A9?=", "café"),
    ])
    func valueIsTrimmedAndUnquoted(_ field: String, _ expected: String) {
        let (head, parameters, _) = MIMEParameters.split(Array(field.utf8))
        #expect(head == "text/plain")
        #expect(parameters["a"] == expected)
    }
}
