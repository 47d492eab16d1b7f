@testable import MailParsing
import Testing

/// The byte-level reader of the usual address shapes must give exactly what the tokenizer and full grammar give.
@Suite struct AddressFastPathTests {
    static let texts: [String] = [
        "a@example.com", " a@example.com ", "<a@example.com>", "\t<bounce-7@bench-a.example.com>\r\n",
        "Sender 0 <sender0@bench-a.example.com>", "Joe Q. Public <john.q.public@example.com>", "Joe  Q .Public<j@x.test>",
        "  Name\r\n\tFolded   <n@x.test>  ", "=?utf-8?q?J=C3=B6rg?= <j@example.de>", "=?ISO-8859-1?Q?Keld_J=F8rn?= <k@d.dk>",
        ". <a@b>", "a . b <c@d>", "<.a@b>", "<a..b@c.>", "a@.", ".@.", "<a@b.c.>", "a.@b", "x!#$%&'*+/=?^_`{|}~-@y",
        // Shapes left to the full parser: each must still come out the same.
        "<>", "<@b>", "<a@>", "a@", "@b", "a b@c", "a@b c", "a@b, c@d", "\"Doe, John\" <j@e.com>", "John <j@e.com", "j@e.com>",
        "<a@b> x", "x <a@b> <c@d>", "<a@b@c>", "a@b@c", "Pete(chap) <p@s.test>", "p@s.test (Pete)", "user@[192.0.2.1]",
        "<user@[192.0.2.1]>", "Group: a@b;", "undisclosed-recipients:;", "Bücher <info@xn--bcher-kva.example>", "<ü@b>",
        "a\u{7F}b <c@d>", "a\u{1}b <c@d>", "<a@b>>", "<<a@b>", "Name <a@b>\r\n", "", "   ", "<a b@c>", "<a@b c>",
        "<@route.example:user@example.com>", "a@example.com,, ,b@example.com", "Name: <a@b>", "N;ame <a@b>", "N,ame <a@b>",
        "N[a]me <a@b>", "N\\ame <a@b>", "N\"ame <a@b>", "=?utf-8?b?w7w=?= . x <a@b>",
    ]

    @Test(arguments: texts) func fastPathAgreesWithTheGrammar(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(AddressParser.parseList(bytes: bytes) == AddressParser.parseListFully(bytes: bytes))
    }

    @Test func usualShapesTakeTheFastPath() {
        for text in ["a@b.c", "<a@b.c>", "Sender 0 <s0@b.example>", "Joe Q. Public <j.q@e.com>"] {
            let read = Array(text.utf8).withUnsafeBufferPointer(AddressParser.SimpleAddress.read)
            #expect(read != nil, "\(text)")
        }
        for text in ["\"Q\" <a@b>", "a@b (c)", "<>", "G: a@b;", "a@b, c@d"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer(AddressParser.SimpleAddress.read) == nil, "\(text)")
        }
    }

    /// Random texts over the bytes that matter (atoms, dots, white space, angle brackets, "@", a few specials).
    @Test func randomTextsAgree() {
        let alphabet = Array("ab.@<> \t\r\n=?,;:\"()[]\\!x-".utf8) + [0xC3, 0xBC, 0x7F, 0x01]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 59) + 1
            var bytes: [UInt8] = []
            var s = state
            for _ in 0..<length {
                s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int((s >> 33) % UInt64(alphabet.count))])
            }
            #expect(AddressParser.parseList(bytes: bytes) == AddressParser.parseListFully(bytes: bytes), "\(bytes)")
        }
    }
}
