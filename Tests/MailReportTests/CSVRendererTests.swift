import MailAuth
import MailForensics
import MailParsing
import MailReport
import Testing

/// Reads one CSV record the way a spreadsheet does (RFC 4180): quoted cells, doubled quotes.
func parseCSVRecord(_ line: String) -> [String] {
    var cells: [String] = []
    var cell = ""
    var quoted = false
    var characters = Array(line.hasSuffix("\r\n") ? String(line.dropLast()) : line)[...]
    while let character = characters.popFirst() {
        if quoted {
            if character == "\"" {
                if characters.first == "\"" { cell.append("\""); characters.removeFirst() } else { quoted = false }
            } else {
                cell.append(character)
            }
        } else if character == "\"" {
            quoted = true
        } else if character == "," {
            cells.append(cell)
            cell = ""
        } else {
            cell.append(character)
        }
    }
    cells.append(cell)
    return cells
}

@Suite struct CSVRendererTests {
    /// Hostile subjects and the cell a spreadsheet must read back: no formula, no raw control character.
    @Test(arguments: [
        ("plain subject", "plain subject"),
        ("a, b and c", "a, b and c"),
        ("say \"hello\"", "say \"hello\""),
        ("line one\r\nline two", "line one\\u{D}\\u{A}line two"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\\u{9}=1+1"),
        ("\r=1+1", "'\\u{D}=1+1"),
        ("\u{FF1D}1+1", "'\u{FF1D}1+1"),
        ("\u{1B}[31mred\u{1B}[0m", "\\u{1B}[31mred\\u{1B}[0m"),
        ("bidi \u{202E}fdp.exe", "bidi \\u{202E}fdp.exe"),
        (" padded ", " padded "),
        ("", ""),
    ])
    func hostileCellsReadBackSafely(input: String, expected: String) {
        let cell = CSVRenderer.cell(input)
        #expect(parseCSVRecord(cell) == [expected])
        #expect(!cell.unicodeScalars.contains { Sanitizer.isUnsafe($0) })
    }

    @Test func rowHasOneCellPerColumnAndEndsWithCRLF() {
        var report = Report(tool: ToolInfo(version: "test"),
                            source: SourceInfo(path: "box,1.mbox", index: 3, byteOffset: 1234, kind: .mbox, sha256: "", bytes: 10),
                            message: MessageSummary(from: "=evil@example.com", subject: "a,\"b\"\nc", date: "2024-01-01T00:00:00Z",
                                                    returnPath: "<-x@example.com>"))
        report.authentication.dkim = [DKIMResult(domain: "example.com", selector: "s", result: .fail, reason: "", headerLine: 1),
                                      DKIMResult(domain: "example.org", selector: "s", result: .pass, reason: "", headerLine: 2)]
        report.verdict = Verdict(level: .suspicious, score: 40, summary: "")
        report.findings = [Finding(id: "a.notice", severity: .notice, title: "", explanation: ""),
                           Finding(id: "b.critical", severity: .critical, title: "", explanation: "")]
        let row = CSVRenderer.row(report)
        #expect(row.hasSuffix("\r\n"))
        #expect(row.filter { $0 == "\r\n" || $0 == "\n" }.count == 1)
        let cells = parseCSVRecord(row)
        #expect(cells.count == CSVRenderer.columns.count)
        let byName = Dictionary(uniqueKeysWithValues: zip(CSVRenderer.columns, cells))
        #expect(byName["source"] == "box,1.mbox")
        #expect(byName["index"] == "3")
        #expect(byName["offset"] == "1234")
        #expect(byName["from"] == "'=evil@example.com")
        #expect(byName["return_path"] == "<-x@example.com>")
        #expect(byName["subject"] == "a,\"b\"\\u{A}c")
        #expect(byName["dkim"] == "pass")
        #expect(byName["dkim_domains"] == "example.com example.org")
        #expect(byName["verdict"] == "suspicious")
        #expect(byName["score"] == "40")
        #expect(byName["findings"] == "b.critical a.notice")
        #expect(byName["error"] == "")
    }

    @Test func errorRowsSayErrorAndWhy() {
        let report = Report(tool: ToolInfo(version: "test"),
                            source: SourceInfo(path: "x.mbox", index: 0, byteOffset: 0, kind: .mbox, sha256: "", bytes: 0),
                            message: MessageSummary())
        let cells = parseCSVRecord(CSVRenderer.row(report, error: "truncated, message cut"))
        let byName = Dictionary(uniqueKeysWithValues: zip(CSVRenderer.columns, cells))
        #expect(byName["verdict"] == "error")
        #expect(byName["error"] == "truncated, message cut")
        #expect(byName["dkim"] == "")
    }
}

@Suite struct SweepSummaryTests {
    func report(_ level: Verdict.Level, dkim: [AuthResultCode] = [], dmarc: AuthResultCode? = nil, findings: [String] = []) -> Report {
        var report = Report(tool: ToolInfo(version: "test"),
                            source: SourceInfo(path: "m", index: 0, byteOffset: 0, kind: .mbox, sha256: "", bytes: 100),
                            message: MessageSummary())
        report.verdict = Verdict(level: level, score: 0, summary: "")
        report.authentication.dkim = dkim.map { DKIMResult(domain: "Example.COM", selector: "s", result: $0, reason: "", headerLine: 1) }
        report.authentication.dmarc = dmarc.map { DMARCResult(result: $0, domain: "bad.example", explanation: "") }
        report.findings = findings.map { Finding(id: $0, severity: .warning, title: "t \($0)", explanation: "") }
        return report
    }

    @Test func countsEveryMessageOnce() {
        var summary = SweepSummary()
        summary.add(report(.clean, dkim: [.pass], dmarc: .pass))
        summary.add(report(.highRisk, dkim: [.fail, .pass], dmarc: .fail, findings: ["x.one", "x.two"]), written: false)
        summary.add(report(.suspicious, dkim: [.fail], dmarc: .fail, findings: ["x.one"]))
        summary.add(report(.notice), failure: "cut short")
        summary.finish()
        #expect(summary.total == 4)
        #expect(summary.analyzed == 3)
        #expect(summary.unreadable == 1)
        #expect(summary.written == 3)
        #expect(summary.verdicts == ["clean": 1, "high-risk": 1, "suspicious": 1])
        #expect(summary.authentication["dkim"] == ["pass": 2, "fail": 1])
        #expect(summary.authentication["spf"] == ["none": 3])
        #expect(summary.topFindings.map(\.id) == ["x.one", "x.two"])
        #expect(summary.topFindings.first?.messages == 2)
        #expect(summary.signingDomains.first?.domain == "example.com")
        #expect(summary.signingDomains.first?.total == 4)
        #expect(summary.dmarcDomains.first?.fail == 2)
        #expect(summary.failures == [SweepSummary.FailedMessage(path: "m", index: 0, byteOffset: 0, reason: "cut short")])
    }

    /// A finding id counts once per message, with the first finding of that id, whether the message has a few
    /// findings (compared directly) or very many (through a set).
    @Test(arguments: [(["x.a", "x.a", "x.b"], ["x.a": 1, "x.b": 1]),
                      ((0..<40).map { "x.\($0 % 5)" }, ["x.0": 1, "x.1": 1, "x.2": 1, "x.3": 1, "x.4": 1]),
                      ((0..<100).map { "x.\($0)" } + ["x.7"], Dictionary(uniqueKeysWithValues: (0..<100).map { ("x.\($0)", 1) }))])
    func findingIdsCountOncePerMessage(ids: [String], expected: [String: Int]) {
        var summary = SweepSummary()
        summary.listLimit = 1000
        summary.add(report(.suspicious, findings: ids))
        summary.finish()
        #expect(Dictionary(uniqueKeysWithValues: summary.topFindings.map { ($0.id, $0.messages) }) == expected)
        #expect(summary.topFindings.allSatisfy { $0.title == "t \($0.id)" })
    }

    @Test func finishingTwiceCountsNothingTwice() {
        var summary = SweepSummary()
        summary.add(report(.clean, dkim: [.pass], dmarc: .pass))
        summary.finish()
        summary.add(report(.highRisk, dkim: [.fail], dmarc: .fail))
        summary.finish()
        summary.finish()
        #expect(summary.verdicts == ["clean": 1, "high-risk": 1])
        #expect(summary.authentication == ["dkim": ["pass": 1, "fail": 1], "arc": ["none": 2], "spf": ["none": 2], "dmarc": ["pass": 1, "fail": 1]])
    }

    @Test func renderersSanitizeHostileNames() {
        var summary = SweepSummary()
        var hostile = report(.highRisk, dkim: [.fail], dmarc: .fail)
        hostile.authentication.dmarc?.domain = "evil\u{1B}[2J.example|x"
        summary.add(hostile)
        summary.add(report(.clean), failure: "bad \u{1B}]0;title\u{7}")
        summary.finish()
        let text = SummaryRenderer.text(summary)
        let markdown = SummaryRenderer.markdown(summary)
        #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" })
        #expect(!markdown.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" })
        #expect(markdown.contains("| evil\\\\u{1B}\\[2j[.]example\\|x |"))
        #expect(text.contains("1 could not be read"))
    }
}
