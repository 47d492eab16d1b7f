import Foundation
import MailDNS
import MailTestSupport
import Testing

/// End to end: `analyze --live --record` against a loopback dnsmasq, then `analyze --dns-zone` offline,
/// must reach the same DKIM result from the recorded answers.
@Suite(.enabled(if: LoopbackDNSServer.isAvailable, Comment(rawValue: LoopbackDNSServer.absenceNote)))
struct RecordReplayCLITests {
    static var binary: String? {
        let path = Corpus.packageRoot.appendingPathComponent(".build/debug/mailsleuth").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary ?? "/nonexistent")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("mailsleuth-none-\(UUID().uuidString)").path
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: binary != nil, "the mailsleuth binary is not built"))
    func recordedLiveAnswersReplayOffline() throws {
        let zone = try ZoneFile(contentsOf: Corpus.fixture("dns/signed.zone").path)
        guard case let .txt(strings)? = zone.records.first?.data else { Issue.record("no key in the fixture zone"); return }
        let server = try LoopbackDNSServer(arguments: ["--local=/example.com/", "--txt-record=sel2024._domainkey.example.com," + strings.joined(separator: ",")])
        defer { server.stop() }
        let recording = FileManager.default.temporaryDirectory.appendingPathComponent("mailsleuth-case-\(UUID().uuidString).zone").path
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let message = Corpus.fixture("dns/signed.eml").path

        let live = try Self.run(["analyze", "--live", "--dns-server", server.address, "--dns-timeout", "2", "--record", recording, message])
        #expect(live.status == 0)
        #expect(live.stdout.contains("dkim=pass"))
        server.stop()

        let replay = try Self.run(["analyze", "--dns-zone", recording, message])
        #expect(replay.stdout.contains("dkim=pass"))
        let recorded = try ZoneFile(contentsOf: recording)
        #expect(recorded.records.contains { $0.name == "sel2024._domainkey.example.com" })
        #expect(recorded.entries.contains { $0.kind == .nxdomain(name: "_dmarc.example.com") })
    }
}
