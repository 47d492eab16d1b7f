import ArgumentParser
import Foundation
import MailForensics
import MailParsing
import MailReport

/// `mailsleuth analyze`: a full report on each message given.
struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyze messages and explain where they came from, whether they are authentic, and why they would be flagged.",
        discussion: """
        INPUT may be a message file (.eml or any name), an mbox, a Maildir, a directory (read recursively), or - for
        standard input. With no INPUT, the message is read from standard input: paste it, then press Ctrl-D.
        Pasted header blocks without a body are fine.

        Formats: text (default; a readable report), json (one object per message, an array for several; schema in
        Docs/json-schema.md), markdown (an incident note to paste into a ticket), iocs (indicators, one per line).
        """
    )

    @Argument(help: ArgumentHelp("Files, mboxes, Maildirs or directories to analyze; - or nothing for standard input.", valueName: "INPUT"))
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Output format: text, json, markdown or iocs.", valueName: "FORMAT"))
    var format: OutputFormat = .text

    @OptionGroup(title: "Judgement")
    var analysis: AnalysisOptionsGroup

    @OptionGroup(title: "DNS")
    var dns: DNSOptionsGroup

    mutating func run() async throws {
        let analyzer = Analyzer(resolver: try dns.makeResolver(), options: analysis.analyzerOptions(), toolVersion: Mailsleuth.version)
        var reports: [Report] = []
        var unreadable = false
        let paths = inputs.isEmpty ? ["-"] : inputs
        for path in paths {
            if path == "-" {
                if isatty(STDIN_FILENO) == 1 {
                    Console.error("Paste the message (or just its headers), then press Ctrl-D on a new line.")
                }
                let items = MessageInput.openStandardInput()
                while let item = items.next() { reports.append(await analyzer.analyze(item)) }
                continue
            }
            do {
                let items = try MessageInput.open(path: path)
                while let item = items.next() {
                    if item.bytes == nil { unreadable = true; Console.error("mailsleuth: \(Console.safe(item.location.path)): \(item.error ?? "could not be read")") }
                    let report = await analyzer.analyze(item)
                    if item.bytes != nil, report.findings.contains(where: { $0.id == "input.unreadable" }) {
                        unreadable = true
                        Console.error("mailsleuth: \(Console.safe(item.location.path)): \(Console.safe(report.verdict.summary))")
                    }
                    reports.append(report)
                }
            } catch {
                unreadable = true
                Console.error("mailsleuth: \(Console.safe(String(describing: error)))")
            }
        }
        switch format {
        case .json:
            if !reports.isEmpty { Console.output(JSONRenderer.render(reports)) }
        case .markdown:
            Console.output(reports.map(MarkdownRenderer.render).joined(separator: "\n---\n\n"))
        case .iocs:
            let lines = IOCRenderer.render(reports)
            if !lines.isEmpty { Console.output(lines) }
        case .text:
            let renderer = TerminalRenderer(color: Console.useColor)
            Console.output(reports.map(renderer.render).joined(separator: "\n\n"))
        }
        if let directory = analysis.extract {
            let written = reports.flatMap { $0.content?.attachments ?? [] }.filter { $0.extractedPath != nil }.count
            Console.error("mailsleuth: wrote \(written) attachment(s) into \(Console.safe(directory))")
            for problem in reports.flatMap({ $0.content?.problems ?? [] }) { Console.error("mailsleuth: \(Console.safe(problem))") }
        }
        if unreadable { throw ExitCode(2) }
    }
}
