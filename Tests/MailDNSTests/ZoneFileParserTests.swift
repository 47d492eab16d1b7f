import MailDNS
import Testing

/// The zone-file grammar (RFC 1035 §5.1, RFC 2308 `$TTL`) and mailsleuth's directives, as a table.
@Suite struct ZoneFileParserTests {
    typealias Kind = ZoneEntry.Kind

    static let grammarCases: [(String, String, [Kind])] = [
        ("absolute name, TTL, class, TXT", "sel._domainkey.example.com. 300 IN TXT \"v=DKIM1; p=abc\"\n",
         [.record(name: "sel._domainkey.example.com", ttl: 300, data: .txt(["v=DKIM1; p=abc"]))]),
        ("class before TTL", "example.com. IN 60 TXT \"x\"\n", [.record(name: "example.com", ttl: 60, data: .txt(["x"]))]),
        ("no TTL and no class", "example.com. TXT \"x\"\n", [.record(name: "example.com", ttl: nil, data: .txt(["x"]))]),
        ("lower-case type and class, upper-case name", "EXAMPLE.com. in txt \"x\"\n", [.record(name: "example.com", ttl: nil, data: .txt(["x"]))]),
        ("TTL units", "example.com. 1h30m TXT \"x\"\n", [.record(name: "example.com", ttl: 5400, data: .txt(["x"]))]),
        ("several strings per TXT", "example.com. TXT \"v=DKIM1; \" \"p=AB\" \"CD\"\n",
         [.record(name: "example.com", ttl: nil, data: .txt(["v=DKIM1; ", "p=AB", "CD"]))]),
        ("unquoted TXT word", "example.com. TXT v=spf1\n", [.record(name: "example.com", ttl: nil, data: .txt(["v=spf1"]))]),
        ("escaped quote, backslash and \\DDD", #"example.com. TXT "say \"hi\" \\ \059 \255""# + "\n",
         [.record(name: "example.com", ttl: nil, data: .txt(["say \"hi\" \\ ; " + String(decoding: [255], as: UTF8.self)]))]),
        ("semicolon inside quotes is not a comment", "example.com. TXT \"a; b\" ; comment\n",
         [.record(name: "example.com", ttl: nil, data: .txt(["a; b"]))]),
        ("empty character-string", "example.com. TXT \"\"\n", [.record(name: "example.com", ttl: nil, data: .txt([""]))]),
        ("$ORIGIN, relative names and @", "$ORIGIN example.com.\n@ TXT \"apex\"\nsel._domainkey TXT \"key\"\nwww CNAME @\n",
         [.record(name: "example.com", ttl: nil, data: .txt(["apex"])),
          .record(name: "sel._domainkey.example.com", ttl: nil, data: .txt(["key"])),
          .record(name: "www.example.com", ttl: nil, data: .cname("example.com"))]),
        ("relative name without $ORIGIN is taken as absolute", "sel._domainkey.example.com TXT \"k\"\n",
         [.record(name: "sel._domainkey.example.com", ttl: nil, data: .txt(["k"]))]),
        ("$TTL default and explicit TTL", "$TTL 1d\na.example. TXT \"a\"\nb.example. 5 TXT \"b\"\n",
         [.record(name: "a.example", ttl: 86400, data: .txt(["a"])), .record(name: "b.example", ttl: 5, data: .txt(["b"]))]),
        ("leading blank repeats the owner", "example.com. TXT \"one\"\n  TXT \"two\"\n\t300 MX 10 mx.example.com.\n",
         [.record(name: "example.com", ttl: nil, data: .txt(["one"])), .record(name: "example.com", ttl: nil, data: .txt(["two"])),
          .record(name: "example.com", ttl: 300, data: .mx(preference: 10, exchange: "mx.example.com"))]),
        ("parentheses span lines, with comments inside", "k.example. 300 IN TXT ( \"v=DKIM1; \" ; first\n   \"p=XYZ\" ) ; end\nn.example. A 192.0.2.1\n",
         [.record(name: "k.example", ttl: 300, data: .txt(["v=DKIM1; ", "p=XYZ"])), .record(name: "n.example", ttl: nil, data: .a("192.0.2.1"))]),
        ("every record type", """
         $ORIGIN example.com.
         @ A 192.0.2.1
         @ AAAA 2001:DB8:0:0::1
         @ MX 0 .
         1.2.0.192.in-addr.arpa. PTR host
         alias CNAME host.example.net.
         @ NS ns1
         """,
         [.record(name: "example.com", ttl: nil, data: .a("192.0.2.1")), .record(name: "example.com", ttl: nil, data: .aaaa("2001:db8::1")),
          .record(name: "example.com", ttl: nil, data: .mx(preference: 0, exchange: ".")),
          .record(name: "1.2.0.192.in-addr.arpa", ttl: nil, data: .ptr("host.example.com")),
          .record(name: "alias.example.com", ttl: nil, data: .cname("host.example.net")),
          .record(name: "example.com", ttl: nil, data: .ns("ns1.example.com"))]),
        ("escaped dot stays inside a label", "a\\.b.example. TXT \"x\"\n", [.record(name: "a\\.b.example", ttl: nil, data: .txt(["x"]))]),
        ("directives", """
         $ORIGIN example.com.
         $NXDOMAIN old._domainkey
         $NODATA example.com. MX
         $SERVFAIL broken TXT
         $TIMEOUT slow.example.net. TXT
         $COMPLETE
         $COMPLETE example.org.
         """,
         [.nxdomain(name: "old._domainkey.example.com"), .nodata(name: "example.com", type: .mx), .servfail(name: "broken.example.com", type: .txt),
          .timeout(name: "slow.example.net", type: .txt), .complete(scope: "example.com"), .complete(scope: "example.org")]),
        ("$COMPLETE without $ORIGIN covers every name", "$COMPLETE\n", [.complete(scope: ".")]),
        ("CRLF line ends", "a.example. TXT \"x\"\r\nb.example. TXT \"y\"\r\n",
         [.record(name: "a.example", ttl: nil, data: .txt(["x"])), .record(name: "b.example", ttl: nil, data: .txt(["y"]))]),
        ("pasted dig output with its comment lines", """
         ; <<>> DiG 9.18.28 <<>> TXT sel._domainkey.example.com
         ;; global options: +cmd
         ;; Got answer:
         ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4242
         ;; flags: qr rd ra; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1

         ;; OPT PSEUDOSECTION:
         ; EDNS: version: 0, flags:; udp: 1232
         ;; QUESTION SECTION:
         ;sel._domainkey.example.com.\tIN\tTXT

         ;; ANSWER SECTION:
         sel._domainkey.example.com. 3600 IN\tCNAME\tsel.keys.example.net.
         sel.keys.example.net.\t300\tIN\tTXT\t"v=DKIM1; k=rsa; " "p=MIIBIjAN"
         sel.keys.example.net.\t300\tIN\tRRSIG\tTXT 13 3 300 20240101000000 20231201000000 12345 example.net. abc=

         ;; Query time: 20 msec
         ;; SERVER: 127.0.0.53#53(127.0.0.53) (UDP)
         ;; WHEN: Tue May 14 09:12:04 UTC 2024
         ;; MSG SIZE  rcvd: 500
         """,
         [.record(name: "sel._domainkey.example.com", ttl: 3600, data: .cname("sel.keys.example.net")),
          .record(name: "sel.keys.example.net", ttl: 300, data: .txt(["v=DKIM1; k=rsa; ", "p=MIIBIjAN"]))]),
        ("dig +multiline output", "k.example.com.\t\t300 IN TXT ( \"v=DKIM1; k=rsa; \"\n\t\t\t\t\"p=QUJD\" )\n",
         [.record(name: "k.example.com", ttl: 300, data: .txt(["v=DKIM1; k=rsa; ", "p=QUJD"]))]),
        ("comments and blank lines only", "; nothing\n\n   ; still nothing\n", []),
    ]

    @Test(arguments: grammarCases.indices)
    func grammar(_ index: Int) throws {
        let (label, text, expected) = Self.grammarCases[index]
        let zone = try ZoneFile(text: text, file: "t.zone")
        #expect(zone.entries.map(\.kind) == expected, "\(label)")
    }

    @Test func recordsCarryTheirFileAndLine() throws {
        let zone = try ZoneFile(text: "; header\nsel._domainkey.example.com. TXT \"old\"\n\nsel._domainkey.example.com. TXT (\n \"new\" )\n", file: "keys.zone")
        #expect(zone.records.map(\.origin) == [.cache(file: "keys.zone", line: 2), .cache(file: "keys.zone", line: 4)])
    }

    @Test func unusedTypesAreSkippedWithAWarning() throws {
        let zone = try ZoneFile(text: "example.com. 300 IN SOA ns. host. 1 2 3 4 5\nexample.com. TYPE65534 \\# 0\nexample.com. TXT \"kept\"\n", file: "w.zone")
        #expect(zone.entries.map(\.kind) == [.record(name: "example.com", ttl: nil, data: .txt(["kept"]))])
        #expect(zone.warnings.map(\.line) == [1, 2])
    }

    static let errorCases: [(String, String, [Int])] = [
        ("unterminated quote", "a.example. TXT \"abc\nb.example. TXT \"ok\"\n", [1]),
        ("unclosed parenthesis is reported where it opens", "a.example. TXT \"ok\"\nb.example. TXT ( \"x\"\n\"y\"\n", [2]),
        ("')' without '('", "a.example. TXT \"x\" )\n", [1]),
        ("nested parentheses", "a.example. TXT ( ( \"x\" ) )\n", [1]),
        ("bad \\DDD", "a.example. TXT \"\\25\"\n", [1]),
        ("\\DDD above 255", "a.example. TXT \"\\256\"\n", [1]),
        ("unknown type", "a.example. 300 IN TEXT \"x\"\n", [1]),
        ("missing type", "a.example. 300 IN\n", [1]),
        ("bad TTL", "a.example. 3x0 TXT \"x\"\n", [1]),
        ("other class", "a.example. CH TXT \"x\"\n", [1]),
        ("bad IPv4", "a.example. A 300.1.2.3\n", [1]),
        ("bad IPv6", "a.example. AAAA 2001:db8::g\n", [1]),
        ("MX without host", "a.example. MX 10\n", [1]),
        ("MX preference too big", "a.example. MX 70000 mx.example.\n", [1]),
        ("A with two addresses", "a.example. A 192.0.2.1 192.0.2.2\n", [1]),
        ("TXT without strings", "a.example. TXT\n", [1]),
        ("empty label", "a..example. TXT \"x\"\n", [1]),
        ("label longer than 63", String(repeating: "a", count: 64) + ".example. TXT \"x\"\n", [1]),
        ("@ without $ORIGIN", "@ TXT \"x\"\n", [1]),
        ("leading blank with no previous name", "  TXT \"x\"\n", [1]),
        ("bare dig +short value", "\"v=DKIM1; p=abc\"\n", [1]),
        ("bare key without a name", "v=DKIM1; k=rsa; p=abc\n", [1]),
        ("unknown directive", "$GENERATE 1-2 a$ TXT \"x\"\n", [1]),
        ("$INCLUDE is refused", "$INCLUDE /etc/passwd\n", [1]),
        ("$NODATA without type", "$NODATA a.example.\n", [1]),
        ("$NODATA with unknown type", "$NODATA a.example. SOA\n", [1]),
        ("several errors, each on its line", "ok.example. TXT \"x\"\nbad.example. A nope\nok2.example. TXT \"y\"\n$TTL soon\n", [2, 4]),
        ("error inside parentheses skips to the close", "a.example. TXT ( \"x\" \\25 \n \"y\" )\nb.example. TXT \"fine\"\n", [1]),
    ]

    @Test(arguments: errorCases.indices)
    func errorsNameFileAndLine(_ index: Int) {
        let (label, text, lines) = Self.errorCases[index]
        do {
            _ = try ZoneFile(text: text, file: "bad.zone")
            Issue.record("\(label): no error")
        } catch {
            #expect(error.issues.map(\.line) == lines, "\(label): \(error)")
            #expect(error.issues.allSatisfy { $0.file == "bad.zone" && $0.description.hasPrefix("bad.zone:\($0.line): ") }, "\(label)")
        }
    }

    @Test func arbitraryBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("\"\\();$@ \t\n\rAaTXT0123456789.IN".utf8) + [0, 255, 128]
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            _ = try? ZoneFile(text: String(decoding: bytes, as: UTF8.self), file: "fuzz.zone")
        }
    }
}
