import Foundation
import MailAuth
import MailDNS
import MailParsing
import MailTestSupport
import Testing

/// Conformance over the third-party corpus (read in place).
@Suite(.enabled(if: Corpus.isAvailable, "\(Corpus.absenceNote)")) struct DKIMConformanceTests {
    static func verify(_ bytes: [UInt8], _ dns: [DNSQuestion: DNSOutcome], at: Date? = Date(), acceptSHA1: Bool = false) async -> [DKIMResult] {
        let verifier = DKIMVerifier(resolver: StaticResolver(answers: dns, complete: true), keyCache: DKIMKeyCache(), acceptSHA1: acceptSHA1)
        return await verifier.verify(MessageParser.parse(bytes), at: at).results
    }

    /// DKIM and DomainKeys results together, as Mail::DKIM reports them.
    static func verifyBoth(_ bytes: [UInt8], _ dns: [DNSQuestion: DNSOutcome]) async -> [DKIMResult] {
        let resolver = StaticResolver(answers: dns, complete: true)
        let message = MessageParser.parse(bytes)
        let dkim = await DKIMVerifier(resolver: resolver, keyCache: DKIMKeyCache()).verify(message, at: Date()).results
        return dkim + (await DomainKeysVerifier(resolver: resolver, keyCache: DKIMKeyCache()).verify(message).results)
    }

    /// Mail::DKIM's vocabulary for one signature: pass (policy with a valid signature counts, RFC 8301), fail, invalid.
    static func perlWord(_ result: DKIMResult) -> String {
        switch result.result {
        case .pass: return "pass"
        case .policy where result.cryptographicallyValid == true: return "pass"
        case .fail: return "fail"
        default: return "invalid"
        }
    }

    /// The message's overall verdict as Mail::DKIM reports it: the best signature.
    static func perlOverall(_ results: [DKIMResult]) -> String {
        let words = results.map(perlWord)
        for word in ["pass", "fail", "invalid"] where words.contains(word) { return word }
        return "none"
    }

    /// Where RFC 6376 says Mail::DKIM is wrong (listed in Docs/dkim.md), or the case is not DKIM at all.
    enum PerlDisagreement {
        /// A pre-standard draft signature (no `v=`, or `v=0.5`): permerror by RFC 6376 §6.1.1, but its
        /// cryptographic check must agree with Mail::DKIM's verdict.
        case draftSignature
        /// An ietf-00 draft signature without `bh=`: nothing to check (§3.5, §6.1.1); skipped upstream too.
        case noBodyHash
        /// A key record `g=` tag that Mail::DKIM enforces; RFC 6376 Appendix C.2 says it MUST be ignored.
        case granularityIgnored
        /// A DomainKeys case upstream skips because Mail::DKIM itself does not behave as the expectation says
        /// (a missing q= is read as dns; good_dk_2, which must pass, has no q= either).
        case skippedUpstream
    }

    static let perlDisagreements: [String: PerlDisagreement] = {
        var table: [String: PerlDisagreement] = [:]
        for name in ["mine_ietf01_1", "mine_ietf01_2", "mine_ietf01_3", "mine_ietf01_4", "mine_ietf05_1", "good_ietf01_1", "good_ietf01_2",
                     "multiple_1", "bad_ietf01_1", "bad_ietf01_2", "bad_ietf01_3", "bad_1", "no_body_1", "no_body_2", "no_body_3"] {
            table[name] = .draftSignature
        }
        for n in 1...5 { table["good_ietf00_\(n)"] = .noBodyHash }
        for name in ["badkey_8", "badkey_9", "badkey_12", "badkey_13"] { table[name] = .granularityIgnored }
        table["bad_dk_3"] = .skippedUpstream
        return table
    }()

    @Test func mailDKIMPerl() async throws {
        let dns = DKIMTestDNS.nameValueLines(try String(contentsOf: Corpus.url("mail-dkim-perl/t/FAKE_DNS.dat"), encoding: .utf8),
                                             origin: "FAKE_DNS.dat")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: Corpus.url("mail-dkim-perl/expected.json"))) as? [String: Any]
        let cases = json?["cases"] as? [[String: Any]] ?? []
        #expect(cases.count == 79)
        var agree = 0
        var explained = 0
        for entry in cases {
            let file = entry["file"] as? String ?? ""
            let expected = entry["expected"] as? String ?? ""
            let results = await Self.verifyBoth(try Corpus.bytes("mail-dkim-perl/\(file)"), dns)
            let got = Self.perlOverall(results)
            let name = String(file.split(separator: "/").last ?? "").replacingOccurrences(of: ".txt", with: "")
            guard let disagreement = Self.perlDisagreements[name] else {
                #expect(got == expected, "\(file): \(results.map { "\($0.result.rawValue) \($0.reason): \($0.diagnosis)" })")
                if got == expected { agree += 1 }
                continue
            }
            explained += 1
            switch disagreement {
            case .draftSignature:
                #expect(got == "invalid", "\(file)")
                let anyValid = results.contains { $0.cryptographicallyValid == true }
                #expect(anyValid == (expected == "pass"), "\(file): the cryptographic check must agree with Mail::DKIM")
            case .noBodyHash:
                #expect(got == "invalid" && results.allSatisfy { $0.reason == "missing-tag" }, "\(file)")
            case .granularityIgnored:
                #expect(expected == "invalid" && got == "pass", "\(file)")
            case .skippedUpstream:
                #expect(entry["skipped_upstream"] as? Bool == true && got == "pass", "\(file)")
            }
        }
        print("mail-dkim-perl: \(agree)/\(cases.count) agree, \(explained) documented disagreements (Docs/dkim.md)")
    }

    /// Mail::DKIM's multiple_2: per signature [invalid, pass, fail] (the fourth is unparseable: invalid).
    @Test func mailDKIMPerlPerSignature() async throws {
        let dns = DKIMTestDNS.nameValueLines(try String(contentsOf: Corpus.url("mail-dkim-perl/t/FAKE_DNS.dat"), encoding: .utf8),
                                             origin: "FAKE_DNS.dat")
        let results = await Self.verify(try Corpus.bytes("mail-dkim-perl/t/corpus/multiple_2.txt"), dns)
        #expect(results.prefix(3).map(Self.perlWord) == ["invalid", "pass", "fail"])
    }

    /// stalwart mail-auth: LF turned into CRLF, evaluated at 1667843664, the last signature passes.
    @Test(arguments: ["001", "002", "003", "004", "005", "006"])
    func stalwart(_ name: String) async throws {
        let (dns, raw) = DKIMTestDNS.stalwart(try Corpus.bytes("stalwart-mail-auth/resources/dkim/\(name).txt"), origin: "stalwart \(name)")
        for bytes in [DKIMTestDNS.crlf(raw), raw] {
            let results = await Self.verify(bytes, dns, at: Date(timeIntervalSince1970: 1_667_843_664))
            let last = try #require(results.last)
            #expect(last.result == .pass, "\(name): \(last.reason) \(last.diagnosis)")
        }
    }

    /// RFC 8463 Appendix A: both signatures pass (LF, CRLF and with a trailing blank line).
    @Test func rfc8463() async throws {
        let dns = DKIMTestDNS.nameValueLines(try String(contentsOf: Corpus.url("rfc-vectors/rfc8463/A2-dns-txt-records.txt"), encoding: .utf8),
                                             origin: "rfc8463 A.2")
        let raw = try Corpus.bytes("rfc-vectors/rfc8463/A3-signed-message.eml")
        let crlf = DKIMTestDNS.crlf(raw)
        for bytes in [raw, crlf, crlf + [0x0D, 0x0A]] {
            let results = await Self.verify(bytes, dns, at: Date(timeIntervalSince1970: 1_528_637_909))
            #expect(results.map(\.result) == [.pass, .pass])
            #expect(results.map(\.algorithm) == ["ed25519-sha256", "rsa-sha256"])
            #expect(results.map(\.keyBits) == [256, 1024] || results.map(\.keyBits) == [253, 1024])
        }
    }

    /// RFC 6376 Appendix A.2: the published example fails (body hash), as its PROVENANCE note explains.
    @Test func rfc6376ExampleFails() async throws {
        let pem = try String(contentsOf: Corpus.url("rfc-vectors/rfc6376/C-brisbane-public.pem"), encoding: .utf8)
        let key = pem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
        let dns = Dictionary(uniqueKeysWithValues: [DKIMTestDNS.txt("brisbane._domainkey.example.com", ["v=DKIM1; p=\(key)"], origin: "RFC 6376 C")])
        for file in ["A2-signed.eml", "A3-verified.eml"] {
            let results = await Self.verify(try Corpus.bytes("rfc-vectors/rfc6376/\(file)"), dns)
            let result = try #require(results.first)
            #expect(result.result == .fail)
            #expect(result.reason == "body-hash-mismatch")
            #expect(result.bodyHash?.computed == "4bLNXImK9drULnmePzZNEBleUanJCX5PIsDIFoH4KTQ=")
            #expect(result.bodyHash?.expected == "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=")
        }
    }

    /// dkimpy 1.1.8 test data with its stub DNS.
    @Test(arguments: [
        ("test2.message", [AuthResultCode.pass]),
        ("ed25519test2.msg", [.pass]),
        ("rfc6376.signed.msg", [.pass, .pass]),
        ("rfc6376.signed.rsa.msg", [.pass]),
        ("rfc6376.signed.no_t.msg", [.fail]),
        ("test.message.baddomain", [.permerror]),
        ("test.message", []),
        ("rfc6376.msg", []),
        ("rfc6376.w1258.msg", []),
        ("ed25519test.msg", []),
        ("test_extra.message", []),
        ("test_nofrom.message", []),
    ])
    func dkimpy(_ file: String, _ expected: [AuthResultCode]) async throws {
        let results = await Self.verify(try Corpus.bytes("dkimpy/\(file)"), try DKIMTestDNS.dkimpy())
        #expect(results.map(\.result) == expected, "\(results.map { "\($0.reason): \($0.diagnosis)" })")
    }

    /// dkimpy's message.mbox: the kitterman.com key is not cached, so "could not be checked offline", never "no key".
    @Test func dkimpyUncachedKeyIsOfflineNotMissing() async throws {
        let verifier = DKIMVerifier(resolver: StaticResolver(answers: try DKIMTestDNS.dkimpy(), complete: false), keyCache: DKIMKeyCache())
        let results = await verifier.verify(MessageParser.parse(try Corpus.bytes("dkimpy/message.mbox")), at: Date()).results
        #expect(results.map(\.result) == [.temperror])
        #expect(results.map(\.reason) == ["key-unavailable-offline"])
    }

    /// dkimpy's key-record variants, served for rfc6376.signed.rsa.msg.
    @Test(arguments: [
        ("test.txt", AuthResultCode.pass, ""),
        ("test2.txt", .pass, ""),
        ("badversion.txt", .permerror, "key-version"),
        ("badk.txt", .permerror, "key-type-unknown"),
        ("test_tlsrpt.txt", .permerror, "key-service-not-email"),
    ])
    func dkimpyKeyRecords(_ file: String, _ expected: AuthResultCode, _ reason: String) async throws {
        let record = try String(contentsOf: Corpus.url("dkimpy/\(file)"), encoding: .utf8).split(whereSeparator: \.isNewline).joined()
        let dns = try DKIMTestDNS.dkimpy(replacing: ["test._domainkey.football.example.com": record])
        let results = await Self.verify(try Corpus.bytes("dkimpy/rfc6376.signed.rsa.msg"), dns)
        #expect(results.map(\.result) == [expected])
        #expect(results.map(\.reason) == [reason])
    }

    /// dkimpy's corrupted key (test_catch_bad_key): the key cannot be loaded, so the signature cannot pass.
    @Test func dkimpyCorruptedKey() async throws {
        let good = try String(contentsOf: Corpus.url("dkimpy/test.txt"), encoding: .utf8).split(whereSeparator: \.isNewline).joined()
        let corrupted = good.replacingOccurrences(of: "SIb3DQEBAQUAA", with: "SIb3NAQEBAQUAA")
        let dns = try DKIMTestDNS.dkimpy(replacing: ["test._domainkey.football.example.com": corrupted])
        let results = await Self.verify(try Corpus.bytes("dkimpy/rfc6376.signed.rsa.msg"), dns)
        #expect(results.count == 1)
        #expect(results.first?.result != .pass)
    }

    /// dkimpy's RSA key-format variants: SubjectPublicKeyInfo and bare RSAPublicKey both load.
    @Test(arguments: [("1024_testkey_wo_markers.pub.txt", 1024), ("1024_testkey_wo_markers.pub.rsa.txt", 1024),
                      ("2048_testkey_wo_markers.pub.txt", 2048), ("2048_testkey_wo_markers.pub.rsa.txt", 2048),
                      ("2048_testkey_PKCS8.key.pub.txt", 2048)])
    func dkimpyKeyFormats(_ file: String, _ bits: Int) throws {
        let text = try String(contentsOf: Corpus.url("dkimpy/\(file)"), encoding: .utf8)
        let record = try DKIMKeyRecord(text.split(whereSeparator: \.isNewline).joined())
        #expect(try PublicKey(der: record.publicKeyData, kind: .rsa).bits == bits)
    }
}

/// Every real message in the corpus with a DKIM-Signature, verified offline without keys: nothing crashes,
/// nothing passes, and a missing key is "could not be checked offline", never "no key".
@Suite(.enabled(if: Corpus.isAvailable, "\(Corpus.absenceNote)")) struct DKIMCorpusSmokeTests {
    @Test func offlineWithoutKeysNeverPassesNorClaimsNoKey() async throws {
        let verifier = DKIMVerifier(resolver: StaticResolver(answers: [:], complete: false), keyCache: DKIMKeyCache())
        var signatures = 0
        var reasons: [String: Int] = [:]
        for source in ["phishing_pot", "sisimai", "spamassassin", "mailauth", "mikel-mail", "mail-parser", "authheaders"] {
            guard let files = FileManager.default.enumerator(at: Corpus.url(source), includingPropertiesForKeys: [.fileSizeKey]) else { continue }
            for case let url as URL in files {
                let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
                guard size > 0, size < 4 << 20, let data = FileManager.default.contents(atPath: url.path),
                      data.range(of: Data("DKIM-Signature:".utf8)) != nil || data.range(of: Data("dkim-signature:".utf8)) != nil
                else { continue }
                let results = await verifier.verify(MessageParser.parse([UInt8](data)), at: Date()).results
                for result in results {
                    signatures += 1
                    reasons[result.reason, default: 0] += 1
                    #expect(result.result == .temperror || result.result == .permerror, "\(url.lastPathComponent): \(result.result) \(result.reason)")
                    #expect(result.reason != "no-key", "\(url.lastPathComponent)")
                }
            }
        }
        #expect(signatures > 300)
        print("corpus smoke: \(signatures) signatures offline: \(reasons.sorted { $0.value > $1.value })")
    }
}

/// Mail::DKIM's strict mode (t/verifier_strict.t) refuses SHA-1 and weak keys, as RFC 8301 does by default here.
@Suite(.enabled(if: Corpus.isAvailable, "\(Corpus.absenceNote)")) struct DKIMPerlStrictTests {
    /// Strict-mode words: `policy` is "invalid" (the signature is not accepted), not a pass.
    static func strictWord(_ results: [DKIMResult]) -> String {
        let words = results.map { result -> String in
            switch result.result {
            case .pass: return "pass"
            case .fail: return "fail"
            default: return "invalid"
            }
        }
        for word in ["pass", "fail", "invalid"] where words.contains(word) { return word }
        return "none"
    }

    @Test func strictMode() async throws {
        let dns = DKIMTestDNS.nameValueLines(try String(contentsOf: Corpus.url("mail-dkim-perl/t/FAKE_DNS.dat"), encoding: .utf8),
                                             origin: "FAKE_DNS.dat")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: Corpus.url("mail-dkim-perl/expected.json"))) as? [String: Any]
        let cases = json?["strict_mode_cases"] as? [[String: Any]] ?? []
        #expect(cases.count == 4)
        for entry in cases {
            let file = entry["file"] as? String ?? ""
            let expected = entry["expected_strict_mode"] as? String ?? ""
            let results = await DKIMConformanceTests.verify(try Corpus.bytes("mail-dkim-perl/\(file)"), dns)
            let got = Self.strictWord(results)
            let name = String(file.split(separator: "/").last ?? "").replacingOccurrences(of: ".txt", with: "")
            if case .draftSignature = DKIMConformanceTests.perlDisagreements[name] {
                // A draft signature without v=: RFC 6376 §6.1.1 makes it a permerror whatever the mode (Docs/dkim.md).
                #expect(got == "invalid", "\(file)")
            } else {
                #expect(got == expected, "\(file): \(results.map { "\($0.result) \($0.reason)" })")
            }
        }
    }
}
