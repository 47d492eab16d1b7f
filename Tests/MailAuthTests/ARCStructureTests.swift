import Foundation
import MailAuth
import MailDNS
import MailParsing
import Testing

/// ARC set structure (RFC 8617 §4.2.1, §5.2) over synthetic headers, and hostile input: nothing here needs a
/// key, since structural failures are decided before any signature is checked.
@Suite struct ARCStructureTests {
    static func set(_ i: Int, cv: String = "pass", sealTags: String = "") -> String {
        let cv = i == 1 && cv == "pass" ? "none" : cv
        return "ARC-Seal: i=\(i); a=rsa-sha256; cv=\(cv); d=example.org; s=k; t=1; b=AAAA\(sealTags)\r\n"
            + "ARC-Message-Signature: i=\(i); a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=k; h=from; bh=AAAA; b=AAAA\r\n"
            + "ARC-Authentication-Results: i=\(i); mx\(i).example.org; spf=pass smtp.mailfrom=example.com\r\n"
    }

    static func verify(_ header: String) async -> ARCResult {
        let bytes = Array((header + "From: a@example.com\r\n\r\nbody\r\n").utf8)
        return await ARCVerifier(resolver: StaticResolver(answers: [:], complete: true), keyCache: DKIMKeyCache())
            .verify(MessageParser.parse(bytes), at: nil).result
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var header: String
        var failedInstance: Int?
        var reasonContains: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "gap: 1 and 3 without 2", header: set(3) + set(1), failedInstance: 2, reasonContains: "instance 2 has no"),
        Case(name: "duplicate seal", header: set(1) + "ARC-Seal: i=1; a=rsa-sha256; cv=none; d=example.org; s=k; b=AAAA\r\n",
             failedInstance: 1, reasonContains: "2 ARC-Seal fields"),
        Case(name: "instance 51", header: (1...51).reversed().map { set($0) }.joined(), failedInstance: nil, reasonContains: "from 1 to 50"),
        Case(name: "cv=pass at instance 1", header: set(1, cv: "fail").replacingOccurrences(of: "cv=fail", with: "cv=pass"),
             failedInstance: 1, reasonContains: "must say cv=none"),
        Case(name: "later cv=fail ends the chain", header: set(2, cv: "fail") + set(1), failedInstance: 2, reasonContains: "cv=fail"),
        Case(name: "cv=none after instance 1", header: set(2, cv: "none") + set(1), failedInstance: 2, reasonContains: "must say cv=pass"),
        Case(name: "h= in a seal", header: set(1, sealTags: "; h=from"), failedInstance: 1, reasonContains: "h= is not permitted"),
        Case(name: "AAR without i= prefix", header: set(1).replacingOccurrences(of: "ARC-Authentication-Results: i=1;", with: "ARC-Authentication-Results: mx.example.org; i=1;"),
             failedInstance: nil, reasonContains: "does not start with \"i=<instance>;\""),
    ]

    @Test(arguments: cases)
    func structure(_ c: Case) async {
        let result = await Self.verify(c.header)
        #expect(result.result == .fail)
        #expect(result.reason.contains(c.reasonContains), "\(result.reason)")
        if let instance = c.failedInstance { #expect(result.failedInstance == instance, "\(result.reason)") }
    }

    @Test func wellFormedChainFailsOnlyOnKeys() async {
        let result = await Self.verify(Self.set(2) + Self.set(1))
        #expect(result.structureProblems.isEmpty)
        #expect(result.instances.map(\.instance) == [1, 2])
        #expect(result.instances.map(\.cv) == ["none", "pass"])
        #expect(result.instances.map { $0.recorded?.authservID } == ["mx1.example.org", "mx2.example.org"])
        #expect(result.result == .fail)
    }

    /// Arbitrary bytes and pathological values: every parser returns, in bounded time.
    @Test func hostileInputDoesNotCrash() async {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt8 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: seed >> 33)
        }
        let alphabet = Array("i=1;()\"\\ \t\r\n.=@/abcdkim pass fail ARC-Seal: cv=".utf8)
        for round in 0..<300 {
            let length = 1 + Int(next()) * 4
            let bytes = (0..<length).map { _ in round % 2 == 0 ? next() : alphabet[Int(next()) % alphabet.count] }
            let text = String(decoding: bytes, as: UTF8.self)
            _ = AuthenticationResults.parse(text)
            _ = AuthenticationResults.parseARC(text)
            _ = ReceivedSPF.parse(text)
            _ = await Self.verify("ARC-Seal:" + text + "\r\nARC-Authentication-Results:" + text + "\r\n")
        }
        let deep = String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 50_000)
        #expect(AuthenticationResults.parse("mx.example.org; spf=pass " + deep).results.count == 1)
        let many = String(repeating: "; spf=pass", count: 20_000)
        let cut = AuthenticationResults.parse("mx.example.org" + many)
        #expect(cut.results.count > 6_000 && cut.results.count < 20_000)
        #expect(cut.defects.contains { $0.id == "authres.truncated" })
        let lots = String(repeating: "ARC-Seal: i=1; a=rsa-sha256; cv=none; d=example.org; s=k; b=AAAA\r\n", count: 2_000)
        #expect(await Self.verify(lots).result == .fail)
    }
}
