import Foundation
import MailFuzzing
import MailTestSupport
import Testing

/// Replays every input the fuzzers ever crashed on (Tests/Fixtures/fuzz/<target>/) through the same
/// target functions, plus a few hand-written nasty inputs for every target.
@Suite struct FuzzRegressionTests {
    static let fixtureRoot = Corpus.fixture("fuzz")

    static var crashFixtures: [(String, URL)] {
        var cases: [(String, URL)] = []
        for target in FuzzTarget.all {
            let dir = fixtureRoot.appendingPathComponent(target.name)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for file in files.sorted() where !file.hasPrefix(".") {
                cases.append((target.name, dir.appendingPathComponent(file)))
            }
        }
        return cases
    }

    @Test func everyTargetSurvivesNastyInputs() async {
        let nasty: [[UInt8]] = [
            [], [0], [0xFF, 0xFE, 0x00], Array(repeating: 0x3D, count: 5000),
            Array("From: =?utf-8?B?////?= <a@[::1]>\r\nReceived: from [IPv6:::ffff:1.2.3.4] by ;\r\n\r\n".utf8),
            Array("v=spf1 include:%{l1r+-}.%{d} redirect=%{i} exists:%{ir}.x ip6:::/0 -all".utf8),
            Array("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n--b--".utf8),
            Array(repeating: 0xD0, count: 600),
        ]
        for target in FuzzTarget.all {
            for input in nasty { await target.run(input) }
        }
    }

    @Test func crashFixturesStayFixed() async throws {
        for (name, url) in Self.crashFixtures {
            let bytes = [UInt8](try Data(contentsOf: url))
            await FuzzTarget.named(name)?.run(bytes)
        }
    }
}
