import Foundation
import MailTestSupport
import Testing

/// Runs the built `mailsleuth` binary, found beside the test bundle.
enum CLI {
    static var binary: URL {
        let bundle = Bundle.main.bundleURL
        var dir = bundle
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("mailsleuth")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Corpus.packageRoot.appendingPathComponent(".build/debug/mailsleuth")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

@Suite struct CLITests {
    @Test func usageErrorExits64() throws {
        let result = try CLI.run(["analyze", "--format", "nonsense"])
        #expect(result.status == 64)
    }

    @Test func missingFileExits2AndOthersStillAnalyzed() throws {
        let result = try CLI.run(["--format", "json", "/nonexistent/file.eml", Corpus.sample("newsletter.eml").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/file.eml"))
        #expect(result.stdout.contains("\"schemaVersion\""))
    }

    @Test func readsStandardInput() throws {
        let result = try CLI.run(["--format", "json"], stdin: Data("From: a@example.com\nSubject: pasted\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains("pasted"))
    }
}
