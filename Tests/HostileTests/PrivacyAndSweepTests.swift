import Foundation
import Testing

/// Offline by default: `sweep` and the Markdown report open no socket, so no URL or host named in a
/// message (links, tracking pixels, DKIM domains) is ever contacted. And a slow message cannot stall a sweep.
@Suite struct PrivacyAndSweepTests {
    static func traced(_ arguments: [String], in scratch: Scratch) throws -> (MailsleuthProcess.Run, String) {
        let trace = scratch.root.appendingPathComponent("trace-\(UUID().uuidString)").path
        let run = try MailsleuthProcess.run(arguments, wrapper: [MailsleuthProcess.strace ?? "", "-f", "-e", "trace=socket,connect,sendto,sendmsg", "-o", trace],
                                            in: scratch.root)
        return (run, (try? String(contentsOfFile: trace, encoding: .utf8)) ?? "")
    }

    @Test(.enabled(if: MailsleuthProcess.strace != nil, "strace is not installed: the no-socket proof is skipped"))
    func sweepAndMarkdownOpenNoSocket() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let files = try NastyCorpus.messages.map { try scratch.write("\($0.name).eml", $0.bytes) }
        var mbox: [UInt8] = []
        for (_, bytes) in NastyCorpus.messages { mbox += Array("From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n".utf8) + bytes + [10] }
        let mboxPath = try scratch.write("nasty.mbox", mbox)
        let folder = scratch.root.appendingPathComponent("folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, bytes) in NastyCorpus.messages { try Data(bytes).write(to: folder.appendingPathComponent("\(name).eml")) }
        let runs: [[String]] = [
            ["sweep", "--format", "jsonl", "--quiet"] + files,
            ["sweep", "--format", "text", "--quiet", folder.path, mboxPath],
            ["sweep", "--format", "csv", "--quiet", "--jobs", "2"] + files,
            ["analyze", "--format", "markdown"] + files,
            ["analyze", "--format", "iocs"] + files,
        ]
        for arguments in runs {
            let (run, trace) = try Self.traced(arguments, in: scratch)
            #expect(run.status != 127 && !run.stdout.isEmpty, "\(arguments.prefix(3)): \(run.stderr)")
            #expect(!trace.isEmpty, "strace wrote no trace")
            #expect(!trace.contains("socket("), "\(arguments.prefix(3)) opened a socket without --live: \(trace.split(separator: "\n").filter { $0.contains("socket(") }.prefix(3))")
            #expect(!trace.contains("connect("))
        }
        // The control: the same trace sees a socket when --live is given (nothing listens on port 9).
        let (_, live) = try Self.traced(["analyze", "--live", "--dns-server", "127.0.0.1@9", "--dns-timeout", "0.3", files[0]], in: scratch)
        #expect(live.contains("socket("))
    }

    @Test func slowMessagesAreReportedAndTheSweepGoesOn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // Five ordinary messages and two slow ones (100,000 Received fields each) with a 0.02 s limit (each slow one takes about 0.3 s in a debug build).
        var files: [String] = []
        for i in 0..<5 { files.append(try scratch.write("ok\(i).eml", Array(NastyCorpus.header(subject: "ok \(i)").utf8) + Array("\r\nbody\r\n".utf8))) }
        for i in 0..<2 { files.append(try scratch.write("slow\(i).eml", Hostile.receivedFlood(count: 100_000))) }
        let summary = scratch.root.appendingPathComponent("summary.json").path
        let run = try MailsleuthProcess.run(["sweep", "--format", "jsonl", "--quiet", "--message-timeout", "0.02", "--summary", summary] + files, in: scratch.root)
        print("sweep with two slow messages and --message-timeout 0.02: \(String(format: "%.1f", run.seconds)) s, exit \(run.status)")
        let rows = run.text.split(separator: "\n")
        #expect(rows.count == files.count, "every message is a row")
        let timedOut = rows.filter { $0.contains("sweep.timed-out") }
        // Both slow messages are stopped (a sanitizer build on a busy machine may stop small ones too).
        #expect(timedOut.filter { $0.contains("slow") }.count == 2, "\(timedOut.count) rows timed out")
        let counts = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summary))) as? [String: Any]
        #expect(counts?["total"] as? Int == files.count)
        #expect(run.status == 2)
        #expect(run.seconds < 30)
    }
}
