import Foundation
import MailDNS
import MailForensics
import MailParsing
import MailReport
import MailTestSupport

/// Shared helpers of the renderer snapshot tests: analyze a message offline with a fixed tool version.
enum SnapshotSupport {
    static let snapshots = Corpus.fixture("forensics/snapshots")

    static var update: Bool { ProcessInfo.processInfo.environment["MAILSLEUTH_UPDATE_SNAPSHOTS"] == "1" }

    /// The samples' own DNS data (samples/samples.zone), so the snapshots show real re-verification.
    static let resolver: any DNSResolver = {
        // Named by its path in the repository, so the snapshots do not depend on where the checkout is.
        let url = Corpus.packageRoot.appendingPathComponent("samples/samples.zone")
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let zone = try? ZoneFile(text: text, file: "samples/samples.zone") else { return StaticResolver(answers: [:]) }
        return OfflineResolver(files: [zone])
    }()

    static func report(for bytes: [UInt8], name: String) async -> Report {
        let analyzer = Analyzer(resolver: resolver, toolVersion: "snapshot")
        return await analyzer.analyze(InputItem(location: MessageLocation(path: name, kind: .eml), bytes: bytes))
    }

    static var richMessage: [UInt8] {
        (try? [UInt8](Data(contentsOf: Corpus.fixture("forensics/rich.eml")))) ?? []
    }

    /// The messages snapshotted: every sample and the forensics fixtures, by display name.
    static func inputs() -> [(name: String, url: URL)] {
        var out: [(String, URL)] = []
        let fm = FileManager.default
        let samples = Corpus.packageRoot.appendingPathComponent("samples")
        for file in ((try? fm.contentsOfDirectory(atPath: samples.path)) ?? []).sorted() where file.hasSuffix(".eml") {
            out.append(("samples/\(file)", samples.appendingPathComponent(file)))
        }
        let fixtures = Corpus.fixture("forensics")
        for file in ((try? fm.contentsOfDirectory(atPath: fixtures.path)) ?? []).sorted() where file.hasSuffix(".eml") {
            out.append(("fixtures/\(file)", fixtures.appendingPathComponent(file)))
        }
        return out
    }

    /// Compares `actual` with the stored snapshot (or writes it when updating); returns nil when equal, else a note.
    static func compare(_ actual: String, snapshot file: String) -> String? {
        let url = snapshots.appendingPathComponent(file)
        if update {
            try? FileManager.default.createDirectory(at: snapshots, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        guard let stored = try? String(contentsOf: url, encoding: .utf8) else { return "missing snapshot \(file)" }
        return stored == actual ? nil : "snapshot \(file) differs"
    }
}
