import MailParsing
import Testing

@Suite struct AddressParserTests {
    struct Case: Sendable, CustomStringConvertible {
        var input: String
        var addresses: [String]
        var names: [String?]
        var description: String { input }
    }

    @Test(arguments: [
        Case(input: "a@example.com", addresses: ["a@example.com"], names: [nil]),
        Case(input: "Alice <a@example.com>", addresses: ["a@example.com"], names: ["Alice"]),
        Case(input: "\"Doe, John\" <john@example.com>, b@example.org", addresses: ["john@example.com", "b@example.org"], names: ["Doe, John", nil]),
        Case(input: "john@example.com (John Doe)", addresses: ["john@example.com"], names: ["John Doe"]),
        Case(input: "=?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>", addresses: ["keld@dkuug.dk"], names: ["Keld Jørn Simonsen"]),
        Case(input: "\"=?utf-8?q?J=C3=B6rg?=\" <j@example.de>", addresses: ["j@example.de"], names: ["Jörg"]),
        Case(input: "A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;", addresses: ["c@a.test", "joe@where.test", "jdoe@one.test"], names: ["Ed Jones", nil, "John"]),
        Case(input: "undisclosed-recipients:;", addresses: [], names: []),
        Case(input: "Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>", addresses: ["pete@silly.test"], names: ["Pete"]),
        Case(input: "<@route.example,@other.example:user@example.com>", addresses: ["user@example.com"], names: [nil]),
        Case(input: "a@example.com,, ,b@example.com", addresses: ["a@example.com", "b@example.com"], names: [nil, nil]),
        Case(input: "Joe Q. Public <john.q.public@example.com>", addresses: ["john.q.public@example.com"], names: ["Joe Q. Public"]),
        Case(input: "\"very.unusual.@.unusual.com\"@example.com", addresses: ["\"very.unusual.@.unusual.com\"@example.com"], names: [nil]),
        Case(input: "user@[192.0.2.1]", addresses: ["user@[192.0.2.1]"], names: [nil]),
        Case(input: "<>", addresses: [""], names: [nil]),
        Case(input: "John Smith <john@example.com", addresses: ["john@example.com"], names: ["John Smith"]),
        Case(input: "user . name @ example . com", addresses: ["user.name@example.com"], names: [nil]),
        Case(input: "Bücher <info@xn--bcher-kva.example>", addresses: ["info@xn--bcher-kva.example"], names: ["Bücher"]),
    ])
    func parses(_ c: Case) {
        let list = AddressParser.parseList(c.input)
        #expect(list.mailboxes.map(\.address) == c.addresses)
        #expect(list.mailboxes.map(\.displayName) == c.names)
    }

    @Test func groupsAreKept() throws {
        let list = AddressParser.parseList("Friends: a@x.example, b@y.example; c@z.example")
        #expect(list.entries.count == 2)
        guard case .group(let group) = list.entries[0] else { Issue.record("not a group"); return }
        #expect(group.name == "Friends")
        #expect(group.members.count == 2)
    }

    @Test func mailsploitLocalPartStaysRaw() throws {
        let input = "=?utf-8?b?cG90dXNAd2hpdGVob3VzZS5nb3Y=?==?utf-8?Q?=00?==?utf-8?b?cG90dXNAd2hpdGVob3VzZS5nb3Y=?=@mailsploit.com"
        let mailbox = try #require(AddressParser.parseMailbox(input))
        #expect(mailbox.domain == "mailsploit.com")
    }

    @Test func internationalDomains() throws {
        let mailbox = try #require(AddressParser.parseMailbox("info@xn--bcher-kva.example"))
        #expect(mailbox.domainUnicode == "bücher.example")
        #expect(mailbox.domainASCII == "xn--bcher-kva.example")
        #expect(mailbox.isInternationalized)
        let unicode = try #require(AddressParser.parseMailbox("Name <info@Bücher.example>"))
        #expect(unicode.domainASCII == "xn--bcher-kva.example")
        #expect(unicode.localPart == "info")
        // Decomposed ü (u + combining diaeresis) and an ideographic full stop give the same A-label.
        #expect(Punycode.asciiDomain("Bu\u{0308}cher\u{3002}example") == "xn--bcher-kva.example")
    }

    @Test(arguments: ["", "<<<<", ">>>", "\"unterminated", "(((((", "@@@", ":;:;", ",,,,", "a@", "<a@b", "\u{0}\u{1}\u{7f}",
                      String(repeating: "(", count: 50_000), String(repeating: "a@b.c,", count: 20_000)])
    func garbageNeverCrashes(_ input: String) {
        let list = AddressParser.parseList(input)
        #expect(list.mailboxes.count <= 20_000)
    }

    @Test func garbageYieldsDefects() {
        #expect(!AddressParser.parseList("John <john@example.com").defects.isEmpty)
        #expect(!AddressParser.parseList("just words").defects.isEmpty)
        #expect(AddressParser.parseList("a@example.com").defects.isEmpty)
    }
}

@Suite struct PunycodeTests {
    // RFC 3492 §7.1 samples (A, B, L) and common IDN labels.
    @Test(arguments: [
        ("\u{0644}\u{064A}\u{0647}\u{0645}\u{0627}\u{0628}\u{062A}\u{0643}\u{0644}\u{0645}\u{0648}\u{0634}\u{0639}\u{0631}\u{0628}\u{064A}\u{061F}", "egbpdaj6bu4bxfgehfvwxn"),
        ("\u{4ED6}\u{4EEC}\u{4E3A}\u{4EC0}\u{4E48}\u{4E0D}\u{8BF4}\u{4E2D}\u{6587}", "ihqwcrb4cv8a8dqg056pqjye"),
        ("\u{0033}\u{5E74}\u{0042}\u{7D44}\u{91D1}\u{516B}\u{5148}\u{751F}", "3B-ww4c5e180e575a65lsy2b"),
        ("bücher", "bcher-kva"),
        ("münchen", "mnchen-3ya"),
        ("пример", "e1afmkfd"),
    ])
    func roundTrips(_ unicode: String, _ encoded: String) {
        #expect(Punycode.encode(unicode) == encoded)
        #expect(Punycode.decode(encoded) == unicode)
    }

    @Test(arguments: ["99999999999", "!!!", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", String(repeating: "a", count: 5000)])
    func badInputIsNil(_ input: String) {
        _ = Punycode.decode(input)
    }
}
