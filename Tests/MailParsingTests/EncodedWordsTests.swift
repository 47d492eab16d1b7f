import MailParsing
import MailTestSupport
import Testing

@Suite struct EncodedWordsTests {
    @Test func vectorCount() {
        guard Corpus.isAvailable else { print(Corpus.absenceNote); return }
        #expect(MHAVectors.decodeCases.count == 45)
    }

    @Test(.enabled(if: Corpus.isAvailable), arguments: MHAVectors.decodeCases)
    func mhaVector(_ vector: MHAVectors.Decode) {
        #expect(EncodedWords.decode(vector.input) == vector.expected, "case \(vector.index)")
    }

    @Test(arguments: [
        ("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "日本語"),
        ("=?Shift_JIS?B?k/qWe4zq?=", "日本語"),
        ("=?EUC-JP?B?xvzL3Ljs?=", "日本語"),
        ("=?KOI8-R?B?8NLJ18XU?=", "Привет"),
        ("=?Big5?B?pKSk5Q==?=", "中文"),
        ("=?GBK?B?1tDOxA==?=", "中文"),
        ("=?windows-1252?Q?=80?=", "€"),
        ("=?iso-8859-15?q?=A4?=", "€"),
        ("=?utf-8*en?q?hi?=", "hi"),
        ("a =?utf-8?q?b?= c", "a b c"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("=?utf-8?q?a?= x =?utf-8?q?b?=", "a x b"),
        ("=?utf-8?B?w6k=?==?utf-8?B?w6k=?=", "éé"),
        ("=?utf-8?B?4pq=?= =?utf-8?B?vQ==?=", "⚽"),
        ("=?bogus?q?abc?=", "abc"),
        ("=?utf-8?x?abc?=", "=?utf-8?x?abc?="),
        ("=?utf-8?q?unterminated", "=?utf-8?q?unterminated"),
    ])
    func decodes(_ input: String, _ expected: String) {
        #expect(EncodedWords.decode(input) == expected)
    }

    @Test func reportsUnknownCharset() {
        let decoded = EncodedWords.decodeDetailed(Array("=?x-nonsense?q?abc?=".utf8))
        #expect(decoded.text == "abc")
        #expect(!decoded.problems.isEmpty)
    }

    @Test func rawLatin1FallsBackToWindows1252() {
        #expect(EncodedWords.decode(bytes: [0x63, 0x61, 0x66, 0xE9]) == "café")
    }
}
