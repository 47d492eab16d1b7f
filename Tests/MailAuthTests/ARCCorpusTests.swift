import Foundation
import MailAuth
import MailDNS
import MailParsing
import MailTestSupport
import Testing

/// Real and third-party ARC chains from the corpus, each with its expected chain result (see the corpus
/// MANIFEST): stalwart's cached chains, mailauth's Gmail chains (Google's key is the one stalwart caches),
/// and the messages derived from dkimpy's and authheaders' ARC tests.
@Suite struct ARCCorpusTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var path: String
        var expected: String
        /// Where the keys come from: a stalwart file with `name TXT` lines, or a plain TXT file for one name.
        var keys: KeySource
        var testDescription: String { path }
    }

    enum KeySource: Sendable {
        case stalwart(String)
        case file(name: String, path: String)
        case inline(name: String, value: String)
    }

    /// The key of the ARC interop suite and authheaders' ARC tests (`dummy._domainkey.example.org`).
    static let dummyKey = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB"

    static let google = KeySource.stalwart("stalwart-mail-auth/resources/arc/001.txt")

    static let cases: [Case] = [
        Case(path: "stalwart-mail-auth/resources/arc/001.txt", expected: "pass", keys: .stalwart("stalwart-mail-auth/resources/arc/001.txt")),
        Case(path: "stalwart-mail-auth/resources/arc/002.txt", expected: "pass", keys: .stalwart("stalwart-mail-auth/resources/arc/002.txt")),
        Case(path: "mailauth/test/fixtures/arc-pass.eml", expected: "pass", keys: google),
        Case(path: "mailauth/test/fixtures/arc-pass2.eml", expected: "pass", keys: google),
        Case(path: "mailauth/test/fixtures/arc-fail.eml", expected: "fail", keys: google),
        Case(path: "mailauth/test/fixtures/arc-fail2.eml", expected: "fail", keys: google),
        Case(path: "mailauth/test/fixtures/arc-fail3.eml", expected: "fail", keys: google),
        Case(path: "mailauth/test/fixtures/message3.eml", expected: "pass", keys: google),
        Case(path: "mailauth/test/fixtures/authtest.eml", expected: "pass", keys: google),
        Case(path: "mailauth/test/fixtures/bimi.eml", expected: "pass", keys: google),
        Case(path: "mailauth/test/fixtures/zbimi.eml", expected: "pass", keys: google),
        Case(path: "mailauth/test/fixtures/message1.eml", expected: "none", keys: google),
        Case(path: "mailauth/test/fixtures/message2.eml", expected: "none", keys: google),
        Case(path: "mailauth/test/fixtures/message4.eml", expected: "none", keys: google),
        Case(path: "mailauth/test/fixtures/zproov.eml", expected: "none", keys: google),
        Case(path: "dkimpy/derived/test_arc_signs_and_verifies.eml", expected: "pass",
             keys: .file(name: "test._domainkey.example.com", path: "dkimpy/test.txt")),
        Case(path: "dkimpy/derived/test_arc_fails_h_in_as.eml", expected: "fail",
             keys: .file(name: "test._domainkey.example.com", path: "dkimpy/test.txt")),
        Case(path: "authheaders/derived/test_arc_pass.eml", expected: "pass", keys: .inline(name: "dummy._domainkey.example.org", value: dummyKey)),
        Case(path: "authheaders/derived/test_chain_validation_fail.eml", expected: "fail",
             keys: .inline(name: "dummy._domainkey.example.org", value: dummyKey)),
    ]

    /// A stalwart resource: `name TXT` lines, a blank line, then the message.
    static func stalwart(_ path: String) throws -> (records: [String: String], message: [UInt8]) {
        let bytes = try Corpus.bytes(path)
        var records: [String: String] = [:]
        var index = 0
        while index < bytes.count {
            guard let end = bytes[index...].firstIndex(of: 0x0A) else { break }
            let line = String(decoding: bytes[index..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            index = end + 1
            if line.isEmpty { break }
            if let space = line.firstIndex(of: " ") {
                records[String(line[..<space])] = String(line[line.index(after: space)...])
            }
        }
        return (records, Array(bytes[index...]))
    }

    static func zone(_ source: KeySource) throws -> [String: String] {
        switch source {
        case let .stalwart(path): return try stalwart(path).records
        case let .file(name, path): return [name: String(decoding: try Corpus.bytes(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)]
        case let .inline(name, value): return [name: value]
        }
    }

    @Test(.enabled(if: Corpus.isAvailable), arguments: cases)
    func chainResult(_ c: Case) async throws {
        let bytes = c.path.hasPrefix("stalwart") ? try Self.stalwart(c.path).message : try Corpus.bytes(c.path)
        let verifier = ARCVerifier(resolver: StaticResolver(txt: try Self.zone(c.keys)), keyCache: DKIMKeyCache())
        let verification = await verifier.verify(MessageParser.parse(bytes), at: nil)
        #expect(verification.result.chainValidation == c.expected, "\(verification.result.reason)")
    }

    /// What each hop of a real Gmail chain says, and where a change sits.
    @Test(.enabled(if: Corpus.isAvailable)) func describesEachHop() async throws {
        let (records, bytes) = try Self.stalwart("stalwart-mail-auth/resources/arc/001.txt")
        let verifier = ARCVerifier(resolver: StaticResolver(txt: records), keyCache: DKIMKeyCache())
        let result = await verifier.verify(MessageParser.parse(bytes), at: nil).result
        #expect(result.result == .pass)
        #expect(result.failedInstance == nil)
        #expect(result.instances.map(\.instance) == Array(1...result.instances.count))
        #expect(result.instances.allSatisfy { $0.sealResult == .pass && $0.keyOrigin != nil && $0.recorded?.instance == $0.instance })
        #expect(result.oldestPass.map { $0 >= 1 } == true)
        #expect(result.instances.first?.cv == "none")
    }

    /// arc-fail2 flips one character of the i=1 seal: the chain fails at instance 1, the AMS still verify.
    @Test(.enabled(if: Corpus.isAvailable)) func locatesTheBrokenSeal() async throws {
        let verifier = ARCVerifier(resolver: StaticResolver(txt: try Self.zone(Self.google)), keyCache: DKIMKeyCache())
        let result = await verifier.verify(MessageParser.parse(try Corpus.bytes("mailauth/test/fixtures/arc-fail2.eml")), at: nil).result
        #expect(result.result == .fail)
        #expect(result.failedInstance == 1)
        #expect(result.instances.first?.sealResult == .fail)
        #expect(result.instances.last?.amsResult == .pass)
    }

    @Test func offlineKeyIsTemporaryNotFail() async throws {
        guard Corpus.isAvailable else { return }
        let verifier = ARCVerifier(resolver: StaticResolver(answers: [:]), keyCache: DKIMKeyCache())
        let result = await verifier.verify(MessageParser.parse(try Corpus.bytes("mailauth/test/fixtures/arc-pass.eml")), at: nil).result
        #expect(result.result == .temperror)
        #expect(result.reason.contains("offline"))
    }
}
