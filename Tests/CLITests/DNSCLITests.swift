import Foundation
import MailTestSupport
import Testing

/// The DNS side of the command line: offline by default (no socket at all), replay from zone files,
/// import, check, and the usage errors that teach.
@Suite struct DNSCLITests {
    static let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let unshare = ["/usr/bin/unshare", "/bin/unshare"].first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary with an empty cache directory (so no cache file is read), optionally under a wrapper.
    static func run(_ arguments: [String], wrapper: [String] = [], stdin: String? = nil, cache: URL? = nil) throws -> Run {
        let process = Process()
        let binary = CLI.binary.path
        process.executableURL = URL(fileURLWithPath: wrapper.first ?? binary)
        process.arguments = Array(wrapper.dropFirst()) + (wrapper.isEmpty ? [] : [binary]) + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = (cache ?? FileManager.default.temporaryDirectory.appendingPathComponent("mailsleuth-empty-\(UUID().uuidString)")).path
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailsleuth-dnscli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static let signed = Corpus.fixture("dns/signed.eml").path
    static let zone = Corpus.fixture("dns/signed.zone").path

    @Test(.enabled(if: strace != nil, "strace is not installed: the no-socket proof by system-call trace is skipped"))
    func offlineByDefaultNoSocketIsOpened() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appendingPathComponent("trace").path
        let wrapper = [Self.strace ?? "", "-f", "-e", "trace=socket", "-o", trace]

        let analyze = try Self.run(["analyze", Self.signed], wrapper: wrapper)
        #expect(analyze.status == 0, "\(analyze.stderr)")
        #expect(analyze.stdout.contains("could not be checked offline"))
        #expect(!analyze.stdout.contains("NXDOMAIN"))
        #expect(!(try String(contentsOfFile: trace, encoding: .utf8)).contains("socket("), "analyze opened a socket without --live")

        let lookup = try Self.run(["dns", "lookup", "sel2024._domainkey.example.com"], wrapper: wrapper)
        #expect(lookup.status == 1)
        #expect(lookup.stdout.contains("could not be checked offline"))
        #expect(!lookup.stdout.contains("NXDOMAIN"))
        #expect(!(try String(contentsOfFile: trace, encoding: .utf8)).contains("socket("), "dns lookup opened a socket without --live")

        // The control: with --live the same trace does see the socket (nothing listens on that port).
        let live = try Self.run(["dns", "lookup", "--live", "--dns-server", "127.0.0.1@9", "--dns-timeout", "0.3", "sel2024._domainkey.example.com"], wrapper: wrapper)
        #expect(live.status == 1)
        #expect((try String(contentsOfFile: trace, encoding: .utf8)).contains("socket(AF_INET"))
    }

    @Test(.enabled(if: unshare != nil, "unshare is not installed"))
    func offlineWithoutAnyNetworkSaysUnavailableNotNXDOMAIN() throws {
        let probe = try Self.run(["--version"], wrapper: [Self.unshare ?? "", "-n"])
        guard probe.status == 0 else { return }  // no permission to make a network namespace here
        let lookup = try Self.run(["dns", "lookup", "--format", "json", "sel2024._domainkey.example.com"], wrapper: [Self.unshare ?? "", "-n"])
        #expect(lookup.stdout.contains("\"outcome\" : \"unavailableOffline\""))
        let analyze = try Self.run(["analyze", "--format", "json", Self.signed], wrapper: [Self.unshare ?? "", "-n"])
        #expect(analyze.status == 0)
    }

    @Test func zoneFilesAnswerOfflineWithTheirLine() throws {
        let found = try Self.run(["dns", "lookup", "--dns-zone", Self.zone, "SEL2024._domainkey.example.com.", "txt"])
        #expect(found.status == 0)
        #expect(found.stdout.contains("signed.zone:3"))
        #expect(found.stdout.contains("\"v=DKIM1; k=rsa; p=MIIB"))
        let revoked = try Self.run(["dns", "lookup", "--dns-zone", Self.zone, "old._domainkey.example.com"])
        #expect(revoked.status == 1)
        #expect(revoked.stdout.contains("NXDOMAIN"))
        #expect(revoked.stdout.contains("signed.zone:5"))
        let analyze = try Self.run(["analyze", "--dns-zone", Self.zone, Self.signed])
        #expect(analyze.stdout.contains("dkim=pass"))
    }

    @Test func usageErrorsTeach() throws {
        let record = try Self.run(["analyze", "--record", "x.zone", Self.signed])
        #expect(record.status == 64)
        #expect(record.stderr.contains("--live"))
        let server = try Self.run(["dns", "lookup", "--dns-server", "192.0.2.53", "example.com"])
        #expect(server.status == 64)
        let badServer = try Self.run(["dns", "lookup", "--live", "--dns-server", "dns.example.com", "example.com"])
        #expect(badServer.status == 64)
        #expect(badServer.stderr.contains("IP address"))
    }

    @Test func badZoneFilesAreNamedWithTheirLine() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("bad.zone").path
        try Data("a.example. TXT \"x\"\nb.example. A 1.2.3\n".utf8).write(to: URL(fileURLWithPath: bad))
        let check = try Self.run(["dns", "check", bad, Self.zone])
        #expect(check.status == 1)
        #expect(check.stderr.contains("bad.zone:2: '1.2.3' is not an IPv4 address"))
        #expect(check.stdout.contains("signed.zone: OK"))
        let analyze = try Self.run(["analyze", "--dns-zone", bad, Self.signed])
        #expect(analyze.status == 2)
        #expect(analyze.stderr.contains("bad.zone:2:"))
    }

    @Test func importedRecordsLandInTheCacheAndAreListed() throws {
        let cache = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        let dig = """
        ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1
        ;; QUESTION SECTION:
        ;k1._domainkey.example.org.\tIN\tTXT

        ;; ANSWER SECTION:
        k1._domainkey.example.org. 300\tIN\tTXT\t"v=DKIM1; p=AAAA"

        ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 2
        ;; QUESTION SECTION:
        ;k0._domainkey.example.org.\tIN\tTXT
        """
        let imported = try Self.run(["dns", "import"], stdin: dig, cache: cache)
        #expect(imported.status == 0, "\(imported.stderr)")
        let bare = try Self.run(["dns", "import", "--name", "k2._domainkey.example.org"], stdin: "v=DKIM1; k=rsa;\n p=BBBB\n", cache: cache)
        #expect(bare.status == 0, "\(bare.stderr)")
        let list = try Self.run(["dns", "list"], cache: cache)
        #expect(list.stdout.contains("2 records, 1 directive"))
        let key = try Self.run(["dns", "lookup", "k2._domainkey.example.org"], cache: cache)
        #expect(key.stdout.contains("\"v=DKIM1; k=rsa;p=BBBB\""))
        let gone = try Self.run(["dns", "lookup", "k0._domainkey.example.org"], cache: cache)
        #expect(gone.stdout.contains("NXDOMAIN"))
        let bypass = try Self.run(["dns", "lookup", "--no-dns-cache", "k2._domainkey.example.org"], cache: cache)
        #expect(bypass.stdout.contains("could not be checked offline"))
    }
}
