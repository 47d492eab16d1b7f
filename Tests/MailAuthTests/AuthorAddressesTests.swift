import Testing
@testable import MailAuth

/// The ASCII byte reader of From addresses must agree with the Character reader on every input.
@Suite struct AuthorAddressesTests {
    static let tricky = [
        "\"Test, User\" <test@example.com>", "a@b.example, c@D.Example.", "friends: a@x.example, b@Y.Example.;",
        "x (comment, with @ and <>) <y@z.example>", "\"quoted \\\" escape\" <q@e.example>", "\\<esc@x.example>",
        "a@b.example\r\n, c@d.example", "\r\n\"x\r\n\" <a\r\n@b.example>", "(unclosed comment <a@b.example>",
        "\"unclosed quote <a@b.example>", "<<a@b.example>>", "group:;", "a@b.example.", "a@", "@b.example",
        "a @ b.example", "\t a@b.example \t", "x: y <a@b.example>", "a@b c.example", "", ",,,", "a@b.example;c@d.example",
    ]

    @Test(arguments: tricky)
    func bytesAgreeWithCharacters(_ value: String) {
        #expect(AuthorAddresses.parse(value) == AuthorAddresses.parseCharacters(value))
    }

    @Test func randomASCIIAgrees() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab@.<>,\"\\():; \t\r\nXY".utf8)
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            let value = String(decoding: bytes, as: UTF8.self)
            #expect(AuthorAddresses.parse(value) == AuthorAddresses.parseCharacters(value), "\(bytes)")
        }
    }

    @Test func lengthLimitCountsCRLFOnce() {
        let value = String(repeating: "\r\n", count: 16_380) + "a@b.example, c@d.example"
        #expect(AuthorAddresses.parse(value) == AuthorAddresses.parseCharacters(value))
    }
}
