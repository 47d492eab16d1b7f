import Foundation
import MailAuth
import MailTestSupport
import Testing

/// One `checkPublicSuffix(input, expected)` line of the list's own test file.
struct PSLCase: Sendable, CustomStringConvertible {
    var input: String
    var expected: String?
    var description: String { "\(input) -> \(expected ?? "null")" }
}

@Suite struct PublicSuffixListTests {
    /// The test file assumes the list of the same date: the corpus carries both.
    static let list = PublicSuffixList(contentsOf: Corpus.url("publicsuffix/public_suffix_list.dat").path)

    static let cases: [PSLCase] = {
        guard let data = FileManager.default.contents(atPath: Corpus.url("publicsuffix/test_psl.txt").path) else { return [] }
        var out = [PSLCase]()
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("checkPublicSuffix(") {
            let inner = line.dropFirst("checkPublicSuffix(".count).prefix { $0 != ")" }
            let arguments = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard arguments.count == 2 else { continue }
            func value(_ text: String) -> String? { text == "null" ? nil : String(text.dropFirst().dropLast()) }
            guard let input = value(arguments[0]) else { continue }
            out.append(PSLCase(input: input, expected: value(arguments[1])))
        }
        return out
    }()

    @Test(.enabled(if: Corpus.isAvailable), arguments: cases)
    func registrableDomain(_ testCase: PSLCase) throws {
        let list = try #require(Self.list)
        #expect(list.registrableDomain(testCase.input) == testCase.expected)
    }

    @Test(.enabled(if: Corpus.isAvailable)) func caseCount() {
        print("PSL test cases: \(Self.cases.count)")
        #expect(Self.cases.count >= 70)
    }

    @Test func punycodeOfKnownLabels() {
        #expect(PublicSuffixList.punycodeForm("公司.cn") == "xn--55qx5d.cn")
        #expect(PublicSuffixList.punycodeForm("中国") == "xn--fiqs8s")
        #expect(PublicSuffixList.punycodeForm("bücher") == "xn--bcher-kva")
    }

    @Test func wildcardAndExceptionRules() {
        let list = PublicSuffixList(text: "// ===BEGIN ICANN DOMAINS===\nck\n*.ck\n!www.ck\n// ===BEGIN PRIVATE DOMAINS===\nblogspot.com\ncom\n")
        #expect(list.registrableDomain("a.b.test.ck") == "b.test.ck")
        #expect(list.registrableDomain("www.www.ck") == "www.ck")
        #expect(list.publicSuffix(of: "x.blogspot.com")?.section == .private)
        #expect(list.organizationalDomain("mail.bank.example.com") == "example.com")
        #expect(list.organizationalDomain("com") == "com")
        #expect(list.registrableDomain("") == nil)
    }

    /// The byte-level reader: comments and markers, leading white space, words after the rule, upper case,
    /// Unicode rules (kept and in punycode), CRLF and bare CR line ends, empty rules.
    @Test(arguments: ["\n", "\r\n", "\r"])
    func readsTheListFormat(lineEnd: String) {
        let lines = ["// comment: BEGIN PRIVATE DOMAINS is not the marker", "", "  \tUK  trailing words", "CO.uk",
                     "\t*.Kawasaki.JP", "!City.kawasaki.jp", "公司.cn", "!", "*.", "// ===BEGIN PRIVATE DOMAINS===",
                     "   github.io"]
        let list = PublicSuffixList(text: lines.joined(separator: lineEnd) + lineEnd)
        #expect(list.ruleCount == 7)
        #expect(list.publicSuffix(of: "www.example.co.uk")?.suffix == "co.uk")
        #expect(list.publicSuffix(of: "www.example.co.uk")?.section == .icann)
        #expect(list.registrableDomain("a.b.kawasaki.jp") == "a.b.kawasaki.jp")
        #expect(list.registrableDomain("www.city.kawasaki.jp") == "city.kawasaki.jp")
        #expect(list.registrableDomain("a.b.公司.cn") == "b.公司.cn")
        #expect(list.registrableDomain("a.b.xn--55qx5d.cn") == "b.xn--55qx5d.cn")
        #expect(list.publicSuffix(of: "me.github.io")?.section == .private)
    }

    @Test func systemListLoadsOnce() {
        let first = PublicSuffixList.shared()
        #expect(first != nil)
        #expect((first?.ruleCount ?? 0) > 5000)
        #expect(PublicSuffixList.shared()?.ruleCount == first?.ruleCount)
    }
}
