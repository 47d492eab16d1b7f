import Foundation
import MailDNS
import Testing

/// Lookups in zone files: records, directives, CNAME chasing, `$COMPLETE` scopes, several files.
@Suite struct OfflineResolverTests {
    static let keys = """
    ; two keys for one selector: the rotated one and the current one
    sel._domainkey.example.com. 300 IN TXT "v=DKIM1; p=OLD"
    sel._domainkey.example.com. 300 IN TXT "v=DKIM1; p=NEW"
    alias._domainkey.example.com. CNAME sel._domainkey.example.com.
    dangling._domainkey.example.com. CNAME gone.example.net.
    loop1.example.com. CNAME loop2.example.com.
    loop2.example.com. CNAME loop1.example.com.
    $NXDOMAIN gone.example.net.
    $NXDOMAIN revoked._domainkey.example.com.
    $NODATA example.com. MX
    $SERVFAIL broken.example.com. TXT
    $TIMEOUT slow.example.com. TXT
    example.org. TXT "v=spf1 -all"
    $COMPLETE example.org.
    """

    static func resolver(_ texts: [String] = [keys]) throws -> OfflineResolver {
        OfflineResolver(files: try texts.enumerated().map { try ZoneFile(text: $1, file: "f\($0).zone") })
    }

    static let table: [(String, DNSRecordType, DNSOutcome, Int?)] = [
        ("revoked._domainkey.example.com", .txt, .nxdomain, 9),
        ("below.revoked._domainkey.example.com", .txt, .nxdomain, 9),
        ("example.com", .mx, .nodata, 10),
        ("broken.example.com", .txt, .servfail, 11),
        ("slow.example.com", .txt, .timeout, 12),
        ("dangling._domainkey.example.com", .txt, .nxdomain, 8),
        ("loop1.example.com", .txt, .servfail, nil),
        ("unknown._domainkey.example.com", .txt, .unavailableOffline, nil),
        ("example.com", .txt, .unavailableOffline, nil),
        ("sel._domainkey.example.com", .a, .unavailableOffline, nil),
        ("other.example.org", .txt, .nxdomain, 14),
        ("example.org", .mx, .nodata, 14),
        ("example.net", .txt, .unavailableOffline, nil),
    ]

    @Test(arguments: table.indices)
    func negativeAnswers(_ index: Int) throws {
        let (name, type, outcome, line) = Self.table[index]
        let answer = try Self.resolver().answer(DNSQuestion(name: name, type: type))
        #expect(answer.outcome == outcome, "\(name) \(type)")
        if let line { #expect(answer.origin == .cache(file: "f0.zone", line: line), "\(name) \(type)") }
    }

    @Test func everyKeyOfASelectorIsReturnedWithItsOwnLine() async throws {
        let answer = await (try Self.resolver()).resolve(DNSQuestion(name: "SEL._domainkey.example.com.", type: .txt))
        #expect(answer.records.compactMap(\.txtJoined) == ["v=DKIM1; p=OLD", "v=DKIM1; p=NEW"])
        #expect(answer.records.map(\.origin) == [.cache(file: "f0.zone", line: 2), .cache(file: "f0.zone", line: 3)])
    }

    @Test func cnamesAreFollowedForTXT() throws {
        let answer = try Self.resolver().answer(DNSQuestion(name: "alias._domainkey.example.com", type: .txt))
        #expect(answer.records.map(\.data) == [.cname("sel._domainkey.example.com"), .txt(["v=DKIM1; p=OLD"]), .txt(["v=DKIM1; p=NEW"])])
        #expect(answer.origin == .cache(file: "f0.zone", line: 4))
    }

    @Test func laterFilesAddToEarlierOnes() throws {
        let resolver = try Self.resolver([
            "k._domainkey.example.com. TXT \"v=DKIM1; p=A\"\n",
            "k._domainkey.example.com. TXT \"v=DKIM1; p=B\"\nk._domainkey.example.com. TXT \"v=DKIM1; p=A\"\n",
        ])
        let answer = resolver.answer(DNSQuestion(name: "k._domainkey.example.com", type: .txt))
        // The duplicate in the second file is dropped: replaying a recording twice must not double an SPF record.
        #expect(answer.records.map(\.origin) == [.cache(file: "f0.zone", line: 1), .cache(file: "f1.zone", line: 1)])
    }

    @Test func completeFileNamesAreNXDOMAINAndExistingNamesNODATA() throws {
        let resolver = try Self.resolver(["$ORIGIN example.com.\nsel._domainkey TXT \"v=DKIM1; p=A\"\n$COMPLETE\n"])
        let cases: [(String, DNSRecordType, DNSOutcome)] = [
            ("other._domainkey.example.com", .txt, .nxdomain),
            ("_domainkey.example.com", .txt, .nodata),  // an empty non-terminal exists (RFC 8020)
            ("sel._domainkey.example.com", .mx, .nodata),
            ("example.net", .txt, .unavailableOffline),  // outside the scope
        ]
        for (name, type, outcome) in cases {
            #expect(resolver.answer(DNSQuestion(name: name, type: type)).outcome == outcome, "\(name) \(type)")
        }
    }

    @Test func filesAreReadFromDiskAndErrorsNameEveryFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailsleuth-offline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.zone").path
        let bad = directory.appendingPathComponent("bad.zone").path
        try Data("a.example. TXT \"x\"\n".utf8).write(to: URL(fileURLWithPath: good))
        try Data("a.example. TXT \"x\"\nb.example. A 1.2.3\n".utf8).write(to: URL(fileURLWithPath: bad))
        let resolver = try OfflineResolver(paths: [good])
        #expect(resolver.answer(DNSQuestion(name: "a.example", type: .txt)).origin == .cache(file: good, line: 1))
        #expect(throws: ZoneFileError.self) { try OfflineResolver(paths: [good, bad, directory.appendingPathComponent("missing.zone").path]) }
        do {
            _ = try OfflineResolver(paths: [bad, directory.appendingPathComponent("missing.zone").path])
        } catch {
            #expect(error.issues.map(\.file) == [bad, directory.appendingPathComponent("missing.zone").path])
            #expect(error.issues.first?.line == 2)
        }
    }

    @Test func memoizingAsksOncePerQuestion() async {
        actor Counter: DNSResolver {
            var count = 0
            func resolve(_ question: DNSQuestion) async -> DNSAnswer {
                count += 1
                return DNSAnswer(question: question, outcome: .nxdomain)
            }
        }
        let counter = Counter()
        let memo = MemoizingResolver(counter)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { _ = await memo.resolve(DNSQuestion(name: "k.example", type: .txt)) } }
        }
        #expect(await counter.count == 1)
    }

    @Test func fallbackAsksTheSecondOnlyForOfflineMisses() async throws {
        let primary = try Self.resolver()
        let fallback = StaticResolver(txt: ["unknown._domainkey.example.com": "v=DKIM1; p=LIVE"])
        let layered = FallbackResolver(primary: primary, fallback: fallback)
        #expect(await layered.resolve(DNSQuestion(name: "unknown._domainkey.example.com", type: .txt)).records.first?.txtJoined == "v=DKIM1; p=LIVE")
        #expect(await layered.resolve(DNSQuestion(name: "revoked._domainkey.example.com", type: .txt)).outcome == .nxdomain)
    }

    @Test func defaultCacheLocationFollowsXDG() {
        #expect(DNSCacheLocation.defaultFile(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/a"]) == "/x/cache/mailsleuth/cache.zone")
        #expect(DNSCacheLocation.defaultFile(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/a"]) == "/home/a/.cache/mailsleuth/cache.zone")
        #expect(DNSCacheLocation.defaultFile(environment: [:]) == nil)
    }
}
