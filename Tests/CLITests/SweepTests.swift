import Foundation
import MailTestSupport
import Testing

/// Mailboxes written by the tests themselves, in a fresh temporary directory.
struct SweepScratch {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// A small message; its size varies with `number` so that analyses take different times.
    static func message(_ number: Int, subject: String? = nil) -> String {
        var text = "From: Sender \(number) <sender\(number)@example.com>\nTo: user@example.net\n"
        text += "Subject: \(subject ?? "message \(number)")\nDate: Mon, 1 Jan 2024 00:00:\(String(format: "%02d", number % 60)) +0000\n"
        text += "Message-ID: <\(number)@example.com>\n\nBody of message \(number).\n"
        text += String(repeating: "Some more text for the body of this message.\n", count: (number * 37) % 400)
        return text
    }

    /// An mbox of `count` messages; returns its path.
    func mbox(_ name: String, count: Int, tail: String = "") throws -> String {
        var text = ""
        for number in 0..<count {
            text += "From sender\(number)@example.com Mon Jan  1 00:00:00 2024\n" + Self.message(number) + "\n"
        }
        return try write(name, text + tail)
    }

    /// A directory of `count` .eml files.
    func directory(_ name: String, count: Int) throws -> String {
        let dir = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for number in 0..<count {
            try Data(Self.message(number).utf8).write(to: dir.appendingPathComponent(String(format: "m%04d.eml", number)))
        }
        return dir.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The sweep summary written with `--summary FILE.json`, the fields the tests read.
struct SweepSummaryFile: Decodable {
    var total: Int
    var analyzed: Int
    var unreadable: Int
    var written: Int
    var interrupted: Bool
    var notes: [String]
    var failures: [Failure]
    struct Failure: Decodable {
        var path: String
        var index: Int
        var reason: String
    }

    static func read(_ path: String) throws -> SweepSummaryFile {
        try JSONDecoder().decode(SweepSummaryFile.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// The source of each JSON Lines row, in output order.
func rowSources(_ jsonl: String) throws -> [String] {
    struct Row: Decodable {
        struct Source: Decodable { var path: String; var index: Int }
        var source: Source
    }
    return try jsonl.split(separator: "\n").map {
        let row = try JSONDecoder().decode(Row.self, from: Data($0.utf8))
        return "\(row.source.path)#\(row.source.index)"
    }
}

@Suite(.serialized) struct SweepTests {
    static let fixedTime = ["--at", "2024-05-01T00:00:00Z"]

    @Test(arguments: ["jsonl", "csv", "text"])
    func outputOrderIsInputOrderWhateverTheParallelism(format: String) throws {
        let scratch = try SweepScratch()
        defer { scratch.remove() }
        let dir = try scratch.directory("maildir", count: 24)
        let single = try scratch.write("single.eml", SweepScratch.message(999))
        let arguments = ["sweep", "--format", format, "--quiet"] + Self.fixedTime + [dir, single]
        let one = try CLI.run(arguments + ["--jobs", "1"])
        let four = try CLI.run(arguments + ["--jobs", "4"])
        #expect(one.status == 0)
        #expect(four.status == 0)
        #expect(one.stdout == four.stdout)
        #expect(one.stdout.utf8.filter { $0 == UInt8(ascii: "\n") }.count == 25 + (format == "csv" ? 1 : 0))
        if format == "jsonl" {
            let expected = (0..<24).map { "\(dir)/" + String(format: "m%04d.eml", $0) + "#0" } + ["\(single)#0"]
            #expect(try rowSources(four.stdout) == expected)
        }
    }

    @Test func everyInputIsAccountedForAndUnreadableOnesAreRows() throws {
        let scratch = try SweepScratch()
        defer { scratch.remove() }
        let dir = try scratch.directory("folder", count: 5)
        let summaryPath = scratch.root.appendingPathComponent("summary.json").path
        let missing = scratch.root.appendingPathComponent("missing.mbox").path
        let result = try CLI.run(["sweep", "--format", "jsonl", "--summary", summaryPath, dir, missing])
        #expect(result.status == 2)
        let sources = try rowSources(result.stdout)
        #expect(sources.count == 6)
        #expect(sources.last == "\(missing)#0")
        let summary = try SweepSummaryFile.read(summaryPath)
        #expect(summary.total == 6)
        #expect(summary.analyzed == 5)
        #expect(summary.unreadable == 1)
        #expect(summary.failures.map(\.path) == [missing])
        #expect(result.stderr.contains("Sweep summary: 6 messages"))
        #expect(result.stderr.contains(missing))
    }

    @Test func onlyKeepsRowsAtOrAboveTheLevelButTheSummaryCountsAll() throws {
        let scratch = try SweepScratch()
        defer { scratch.remove() }
        let dir = try scratch.directory("folder", count: 8)
        let missing = scratch.root.appendingPathComponent("missing.eml").path
        let summaryPath = scratch.root.appendingPathComponent("summary.json").path
        let all = try CLI.run(["sweep", "--format", "jsonl", "--quiet", "--only", "clean", dir])
        #expect(try rowSources(all.stdout).count == 8)
        // The generated messages are unremarkable: none reaches high-risk; the unreadable row is always written.
        let high = try CLI.run(["sweep", "--format", "jsonl", "--quiet", "--only", "high-risk", "--summary", summaryPath, dir, missing])
        #expect(try rowSources(high.stdout) == ["\(missing)#0"])
        let summary = try SweepSummaryFile.read(summaryPath)
        #expect(summary.total == 9)
        #expect(summary.written == 1)
        let bad = try CLI.run(["sweep", "--only", "dangerous", dir])
        #expect(bad.status == 64)
    }

    @Test func csvNeutralizesHostileSubjects() throws {
        let scratch = try SweepScratch()
        defer { scratch.remove() }
        let hostile = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "@import", "-1+2", "a \"quoted\", comma", "esc \u{1B}[2J bell \u{7}"]
        let dir = scratch.root.appendingPathComponent("hostile")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (number, subject) in hostile.enumerated() {
            try Data(SweepScratch.message(number, subject: subject).utf8).write(to: dir.appendingPathComponent("h\(number).eml"))
        }
        let result = try CLI.run(["sweep", "--format", "csv", "--quiet", dir.path])
        #expect(result.status == 0)
        let records = result.stdout.components(separatedBy: "\r\n").dropLast()
        #expect(records.count == hostile.count + 1)
        // The subject cell as written: formulas neutralized with ', quotes doubled inside a quoted cell, escapes visible.
        let subjectCells = [",'=cmd|' /C calc'!A0,", ",\"'+SUM(1,2)\",", ",'@import,", ",'-1+2,", ",\"a \"\"quoted\"\", comma\",",
                            ",esc \\u{1B}[2J bell \\u{7},"]
        for (record, cell) in zip(records.dropFirst(), subjectCells) {
            #expect(record.contains(cell), "\(record)")
        }
        #expect(!result.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" })
    }

    @Test func aMessageThatTakesTooLongBecomesAnErrorRowAndTheSweepGoesOn() throws {
        let scratch = try SweepScratch()
        defer { scratch.remove() }
        let dir = try scratch.directory("folder", count: 30)
        let summaryPath = scratch.root.appendingPathComponent("summary.json").path
        // A limit no analysis can meet: every message that was not finished in time is an error row.
        let result = try CLI.run(["sweep", "--format", "csv", "--quiet", "--message-timeout", "0.000001", "--summary", summaryPath, dir])
        let records = result.stdout.components(separatedBy: "\r\n").dropFirst().dropLast()
        #expect(records.count == 30)
        let summary = try SweepSummaryFile.read(summaryPath)
        #expect(summary.total == 30)
        #expect(summary.analyzed + summary.unreadable == 30)
        #expect(summary.failures.allSatisfy { $0.reason.contains("--message-timeout") })
        #expect(records.filter { $0.contains("sweep.timed-out") }.count == summary.unreadable)
        #expect(result.status == (summary.unreadable > 0 ? 2 : 0))
    }

    @Test func summaryFileIsMarkdownWhenItEndsInMd() throws {
        let scratch = try SweepScratch()
        defer { scratch.remove() }
        let dir = try scratch.directory("folder", count: 3)
        let path = scratch.root.appendingPathComponent("summary.md").path
        let result = try CLI.run(["sweep", "--format", "csv", "--quiet", "--summary", path, dir])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        #expect(markdown.hasPrefix("# Mailbox sweep summary"))
        #expect(markdown.contains("Messages given: **3**"))
    }

    @Test
    func mboxOrderIsStableAcrossJobs() throws {
        let scratch = try SweepScratch()
        defer { scratch.remove() }
        let path = try scratch.mbox("box.mbox", count: 120)
        let one = try CLI.run(["sweep", "--format", "jsonl", "--quiet", "--jobs", "1"] + Self.fixedTime + [path])
        let four = try CLI.run(["sweep", "--format", "jsonl", "--quiet", "--jobs", "4"] + Self.fixedTime + [path])
        #expect(one.stdout == four.stdout)
        #expect(try rowSources(four.stdout) == (0..<120).map { "\(path)#\($0)" })
    }

    /// A truncated mbox (cut inside the last message's headers) and a corrupt one (binary junk, NULs, invalid
    /// UTF-8, an empty message, an unterminated header) still give one row per message, and the truncation is noted.
    @Test
    func truncatedAndCorruptMboxesLoseNothing() throws {
        let scratch = try SweepScratch()
        defer { scratch.remove() }
        let full = try String(contentsOfFile: scratch.mbox("full.mbox", count: 10), encoding: .utf8)
        let cut = full.index(full.endIndex, offsetBy: -(SweepScratch.message(9).count - 30))
        let truncated = try scratch.write("truncated.mbox", String(full[..<cut]))
        var junk = "From junk@example.com Mon Jan  1 00:00:00 2024\n" + SweepScratch.message(0) + "\n"
        junk += "From junk@example.com Mon Jan  1 00:00:00 2024\n\u{0}\u{1}\u{FFFD}binary\u{0}\n\n"
        junk += "From junk@example.com Mon Jan  1 00:00:00 2024\n\n"
        junk += "From junk@example.com Mon Jan  1 00:00:00 2024\nSubject: no end of headers" + String(repeating: " x", count: 5000) + "\n"
        var corruptBytes = Data(junk.utf8)
        corruptBytes.append(contentsOf: [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0A])
        let corrupt = scratch.root.appendingPathComponent("corrupt.mbox").path
        try corruptBytes.write(to: URL(fileURLWithPath: corrupt))
        let summaryPath = scratch.root.appendingPathComponent("summary.json").path
        let result = try CLI.run(["sweep", "--format", "jsonl", "--summary", summaryPath, truncated, corrupt])
        let sources = try rowSources(result.stdout)
        #expect(sources == (0..<10).map { "\(truncated)#\($0)" } + (0..<4).map { "\(corrupt)#\($0)" })
        let summary = try SweepSummaryFile.read(summaryPath)
        #expect(summary.total == 14)
        #expect(summary.analyzed + summary.unreadable == 14)
        let said = (summary.notes + summary.failures.map(\.reason)).joined(separator: " ").lowercased()
        #expect(said.contains("truncat"))
    }

    @Test func ctrlCStopsCleanlyWithTheSummary() throws {
        let scratch = try SweepScratch()
        defer { scratch.remove() }
        let dir = try scratch.directory("big", count: 1500)
        let outputPath = scratch.root.appendingPathComponent("rows.jsonl").path
        let summaryPath = scratch.root.appendingPathComponent("summary.json").path
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["sweep", "--format", "jsonl", "--jobs", "1", "--output", outputPath, "--summary", summaryPath, dir]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Interrupt once the first block of rows is out: the Ctrl-C handler is in place by then.
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline,
              ((try? FileManager.default.attributesOfItem(atPath: outputPath)[.size] as? Int) ?? 0) == 0 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.interrupt()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let summary = try SweepSummaryFile.read(summaryPath)
        let rows = try rowSources(String(contentsOfFile: outputPath, encoding: .utf8))
        if summary.interrupted {
            #expect(process.terminationStatus == 130)
            #expect(stderr.contains("INTERRUPTED"))
            #expect(rows.count == summary.total)
            #expect(summary.total < 1500)
            #expect(summary.notes.contains { $0.contains("Ctrl-C") })
        } else {
            // The machine was fast enough to finish before the signal: still every message accounted for.
            #expect(summary.total == 1500)
        }
        #expect(rows == (0..<rows.count).map { "\(dir)/" + String(format: "m%04d.eml", $0) + "#0" })
    }
}
