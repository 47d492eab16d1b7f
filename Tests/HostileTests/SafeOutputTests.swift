import Foundation
import MailTestSupport
import Testing

/// Every renderer, fed the nasty corpus through the real command line: nothing from a message reaches the
/// terminal raw, Markdown is escaped and defanged, CSV cells cannot run as formulas, JSON is always valid,
/// and `--extract` writes only inside its directory.
@Suite struct SafeOutputTests {
    /// The scalars in `output` that must not be there (raw control, C1 or bidi characters), and raw bytes
    /// that are not UTF-8 at all.
    static func unsafe(_ output: [UInt8]) -> [String] {
        var problems: [String] = []
        if output.contains(0x1B) { problems.append("raw ESC byte") }
        if output.contains(0x07) { problems.append("raw BEL byte") }
        if output.contains(0x00) { problems.append("raw NUL byte") }
        if String(validating: output, as: UTF8.self) == nil { problems.append("invalid UTF-8") }
        for scalar in String(decoding: output, as: UTF8.self).unicodeScalars {
            let v = scalar.value
            if NastyCorpus.forbiddenScalars.contains(v) || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) {
                problems.append(String(format: "U+%04X", v))
            }
        }
        return problems
    }

    static func corpusFiles(_ scratch: Scratch) throws -> [String] {
        try NastyCorpus.messages.map { try scratch.write("\($0.name).eml", $0.bytes) }
    }

    @Test(arguments: ["text", "markdown", "json", "iocs"])
    func analyzeOutputHasNoRawControlsWhateverTheMessage(format: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for (name, bytes) in NastyCorpus.messages {
            let path = try scratch.write("\(name).eml", bytes)
            let run = try MailsleuthProcess.run(["analyze", "--format", format, path], in: scratch.root)
            #expect(run.status == 0 || run.status == 1, "\(name): exit \(run.status) \(run.stderr)")
            #expect(!run.stdout.isEmpty, "\(name): no output")
            let problems = Self.unsafe(run.stdout)
            #expect(problems.isEmpty, "\(format) output of \(name) carries \(Set(problems).sorted())")
            #expect(Self.unsafe(Array(run.stderr.utf8)).isEmpty, "\(name): standard error carries raw controls")
            if format == "json" {
                #expect((try? JSONSerialization.jsonObject(with: Data(run.stdout))) != nil, "\(name): JSON output does not parse")
            }
        }
    }

    @Test func dnsDataIsNeverPrintedRaw() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let zone = try scratch.write("nasty.zone", Array(NastyCorpus.zone.utf8))
        let eml = try scratch.write("dns.eml", Array(NastyCorpus.dnsMessage.utf8))
        for format in ["text", "markdown", "json"] {
            let run = try MailsleuthProcess.run(["analyze", "--format", format, "--dns-zone", zone, "--ip", "192.0.2.1", eml], in: scratch.root)
            #expect(run.status == 0 || run.status == 1, "exit \(run.status) \(run.stderr)")
            #expect(Self.unsafe(run.stdout).isEmpty, "\(format) output carries \(Set(Self.unsafe(run.stdout)).sorted())")
            if format == "json" { #expect((try? JSONSerialization.jsonObject(with: Data(run.stdout))) != nil) }
        }
        // The record was really read and quoted (escaped), so the check above saw DNS data.
        let text = try MailsleuthProcess.run(["analyze", "--format", "json", "--dns-zone", zone, "--ip", "192.0.2.1", eml], in: scratch.root)
        #expect(text.text.contains("spf1"))
        for command in [["dns", "lookup", "--dns-zone", zone, "example.com", "txt"], ["dns", "list", zone]] {
            let run = try MailsleuthProcess.run(command, in: scratch.root)
            #expect(Self.unsafe(run.stdout).isEmpty, "\(command) output carries \(Set(Self.unsafe(run.stdout)).sorted())")
        }
    }

    @Test func markdownEscapesAndDefangs() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for (name, bytes) in NastyCorpus.messages {
            let path = try scratch.write("\(name).eml", bytes)
            let run = try MailsleuthProcess.run(["analyze", "--format", "markdown", path], in: scratch.root)
            let text = run.text
            #expect(!text.contains("<script>"), "\(name): raw HTML in Markdown")
            #expect(!text.contains("[click](javascript:"), "\(name): live Markdown link")
            for live in ["http://evil.example.com", "https://phish.example.net", "http://tracker.example.org", "https://login.example.com"] {
                #expect(!text.contains(live), "\(name): live link \(live) in Markdown")
            }
        }
    }

    /// RFC 4180 cells of a CSV text (quoted cells with doubled quotes, CRLF records).
    static func cells(_ csv: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], cell = "", quoted = false
        var iterator = Array(csv.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { cell.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { cell.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": record.append(cell); cell = ""
            case "\r": continue
            case "\n": record.append(cell); records.append(record); record = []; cell = ""
            default: cell.unicodeScalars.append(c)
            }
        }
        if !cell.isEmpty || !record.isEmpty { record.append(cell); records.append(record) }
        return records
    }

    @Test func csvCellsNeverStartAFormula() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = scratch.root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, bytes) in NastyCorpus.messages { try Data(bytes).write(to: folder.appendingPathComponent("\(name).eml")) }
        let run = try MailsleuthProcess.run(["sweep", "--format", "csv", "--quiet", folder.path], in: scratch.root)
        let records = Self.cells(run.text)
        #expect(records.count == NastyCorpus.messages.count + 1, "\(records.count) records")
        for cell in records.dropFirst().flatMap({ $0 }) {
            guard let first = cell.unicodeScalars.first else { continue }
            #expect(!["=", "+", "-", "@", "\t", "\r"].contains(first), "CSV cell starts a formula: \(cell.prefix(60))")
        }
        #expect(Self.unsafe(run.stdout).isEmpty, "CSV carries \(Set(Self.unsafe(run.stdout)).sorted())")
    }

    @Test(arguments: ["jsonl", "text"])
    func sweepRowsAreSafeAndEveryMessageIsAccountedFor(format: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // The corpus as an mbox (one message per entry) and as a folder of files.
        var mbox: [UInt8] = []
        for (_, bytes) in NastyCorpus.messages { mbox += Array("From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n".utf8) + bytes + [10] }
        let mboxPath = try scratch.write("nasty.mbox", mbox)
        let run = try MailsleuthProcess.run(["sweep", "--format", format, "--quiet", mboxPath] + (try Self.corpusFiles(scratch)), in: scratch.root)
        #expect(Self.unsafe(run.stdout).isEmpty, "\(format) rows carry \(Set(Self.unsafe(run.stdout)).sorted())")
        if format == "jsonl" {
            let lines = run.text.split(separator: "\n")
            #expect(lines.count == 2 * NastyCorpus.messages.count, "\(lines.count) rows for \(2 * NastyCorpus.messages.count) messages")
            for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "row is not JSON: \(line.prefix(80))") }
        }
    }

    @Test func extractNeverWritesOutsideItsDirectory() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let work = scratch.root.appendingPathComponent("a/b/c")
        let out = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let bytes = NastyCorpus.messages.first { $0.name == "file-names" }?.bytes ?? []
        let eml = try scratch.write("a/b/c/files.eml", bytes)
        let run = try MailsleuthProcess.run(["analyze", "--format", "json", "--extract", out.path, eml], in: work)
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        // Everything under the scratch root: only the message, the output directory and what is inside it.
        let all = (FileManager.default.enumerator(atPath: scratch.root.path)?.allObjects as? [String] ?? []).sorted()
        let outside = all.filter { !$0.hasPrefix("a/b/c/out/") && !["a", "a/b", "a/b/c", "a/b/c/out", "a/b/c/files.eml"].contains($0)
            && !$0.hasPrefix("a/b/c/empty-cache") }
        #expect(outside.isEmpty, "written outside the extraction directory: \(outside)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(written.count == NastyCorpus.hostileFileNames.count, "\(written)")
        for name in written {
            #expect(!name.contains("/") && !name.contains("\\") && !name.contains(".."), "unsafe name \(name)")
            #expect(name.utf8.count <= 255)
            #expect(!name.unicodeScalars.contains { $0.value < 0x20 || (0x202A...0x202E).contains($0.value) }, "unsafe name \(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.root.appendingPathComponent("x").path))
        #expect(!FileManager.default.fileExists(atPath: scratch.root.appendingPathComponent("a/x").path))
    }
}

/// Regression: JSON reports carried C1 controls and bidi overrides raw (valid JSON, but acted on by a
/// terminal showing it). They are now `\u` escapes, and the decoded value is unchanged.
@Suite struct JSONEscapingTests {
    @Test func c1AndBidiAreEscapedAndTheValueIsKept() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let fixture = Corpus.fixture("hostile/bidi-c1-subject.eml").path
        for arguments in [["analyze", "--format", "json", fixture], ["sweep", "--format", "jsonl", "--quiet", fixture]] {
            let run = try MailsleuthProcess.run(arguments, in: scratch.root)
            #expect(SafeOutputTests.unsafe(run.stdout).isEmpty, "\(arguments[0]): \(SafeOutputTests.unsafe(run.stdout))")
            #expect(run.text.contains("\\u202e"))
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout)) as? [String: Any]
            let subject = (object?["message"] as? [String: Any])?["subject"] as? String
            #expect(subject?.unicodeScalars.contains("\u{202E}") == true, "\(String(describing: subject))")
        }
    }
}
