import Foundation
import MailAuth
import MailDNS
import MailForensics
import MailParsing
import Testing

/// One test per resource limit of Docs/fuzzing.md: each limit, when hit, is reported as a defect or a
/// finding, and the analysis ends quickly. Inputs are generated here; nothing big is committed.
@Suite struct ResourceLimitTests {
    /// Seconds any single limit test may take in a debug build on a busy machine.
    static let budget = 60.0

    @Test func headerFieldCount() async {
        var text = ""
        for i in 0..<(ParseLimits.maxHeaderFields + 500) { text += "X-Filler-\(i): v\r\n" }
        let message = Array((Hostile.header + text + "\r\nbody\r\n").utf8)
        let (report, seconds) = await Hostile.seconds { await Hostile.analyze(message) }
        #expect(Hostile.ids(report).contains("header.too-many-fields"))
        #expect(seconds < Self.budget)
    }

    @Test func headerByteSize() async {
        // 9 MiB of header in 150 folded fields (well under the field count): only the byte limit is hit.
        let fold = String(repeating: "x", count: 900)
        let field = "X-Big: " + Array(repeating: fold, count: 70).joined(separator: "\r\n ") + "\r\n"
        let text = Hostile.header + String(repeating: field, count: 150) + "\r\nbody\r\n"
        #expect(text.utf8.count > ParseLimits.maxHeaderBytes)
        let (report, seconds) = await Hostile.seconds { await Hostile.analyze(text) }
        #expect(Hostile.ids(report).contains("header.too-large"))
        #expect(seconds < Self.budget)
    }

    @Test func lineLength() async {
        let text = Hostile.header + "X-Long: " + String(repeating: "a", count: 5_000) + "\r\n\r\nbody\r\n"
        let report = await Hostile.analyze(text)
        #expect(Hostile.ids(report).contains("line.too-long"))
    }

    @Test func mimeDepth() async {
        let (report, seconds) = await Hostile.seconds { await Hostile.analyze(Hostile.nestedMIME(depth: ParseLimits.maxMIMEDepth + 10)) }
        #expect(Hostile.ids(report).contains("mime.too-deep"))
        #expect(seconds < Self.budget)
    }

    @Test func mimePartCount() async {
        var text = Hostile.header + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n"
        for i in 0..<(ParseLimits.maxMIMEParts + 100) { text += "--p\r\nContent-Type: text/plain\r\n\r\n\(i)\r\n" }
        text += "--p--\r\n"
        let (report, seconds) = await Hostile.seconds { await Hostile.analyze(text) }
        #expect(Hostile.ids(report).contains("mime.too-many-parts"))
        #expect(seconds < Self.budget)
    }

    @Test func decodedSizeOfABase64Bomb() {
        // One base64 part that decodes to just over the limit is reported by the MIME parser (which counts,
        // without decoding); the analyzer stops decoding at the limit (BigInputTests decodes a bigger one).
        let bytes = Hostile.base64Line(encodedBytes: (ParseLimits.maxDecodedBytes / 3 + 1_000) * 4)
        let start = DispatchTime.now().uptimeNanoseconds
        let message = MessageParser.parse(InputItem(location: MessageLocation(path: "bomb.eml", kind: .eml), bytes: bytes))
        let ids = Set(message.mimeTree().allDefects.map(\.id))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        #expect(ids.contains("mime.decoded-too-large"), "\(ids.sorted())")
        #expect(seconds < Self.budget)
        // Just under the limit: no defect.
        let small = Hostile.base64Line(encodedBytes: ParseLimits.maxDecodedBytes / 3 * 4 - 4_000)
        let fine = MessageParser.parse(InputItem(location: MessageLocation(path: "fine.eml", kind: .eml), bytes: small))
        #expect(!fine.mimeTree().allDefects.contains { $0.id == "mime.decoded-too-large" })
    }

    @Test func receivedFieldCount() async {
        // 100,000 Received fields: the header field limit stops reading, the path stays bounded.
        let message = Hostile.receivedFlood(count: 100_000)
        let (report, seconds) = await Hostile.seconds { await Hostile.analyze(message) }
        #expect(Hostile.ids(report).contains("header.too-many-fields"))
        #expect((report.path?.hops.count ?? 0) <= ParseLimits.maxHeaderFields)
        #expect(seconds < Self.budget)
    }

    @Test func arcInstancesAboveFifty() async {
        var text = ""
        for i in (1...51).reversed() {
            text += "ARC-Seal: i=\(i); a=rsa-sha256; cv=\(i == 1 ? "none" : "pass"); d=example.org; s=s; t=1700000000; b=AAAA\r\n"
            text += "ARC-Message-Signature: i=\(i); a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s; h=from; bh=AAAA; b=AAAA\r\n"
            text += "ARC-Authentication-Results: i=\(i); example.org; spf=pass smtp.mailfrom=example.com\r\n"
        }
        let report = await Hostile.analyze(text + Hostile.header + "\r\nbody\r\n", resolver: StaticResolver(answers: [:], complete: true))
        let arc = report.authentication.arc
        #expect(arc?.result == .fail)
        // Instance 51 is refused as out of range (RFC 8617 §4.2.1), which breaks the chain.
        let problems = arc?.structureProblems ?? []
        #expect(problems.contains { $0.contains("from 1 to 50") || $0.contains("more than 50") }, "\(problems)")
        #expect(Hostile.ids(report).contains("arc.chain-fail"))
    }

    static var spfOptions: AnalyzerOptions {
        var options = AnalyzerOptions()
        options.connectingIP = "192.0.2.1"
        options.mailFrom = "alice@example.com"
        options.helo = "mail.example.com"
        return options
    }

    @Test func spfDNSLookupsAboveTen() async {
        var txt = ["example.com": "v=spf1 " + (1...11).map { "include:i\($0).example.com" }.joined(separator: " ") + " -all"]
        for i in 1...11 { txt["i\(i).example.com"] = "v=spf1 -all" }
        let report = await Hostile.analyze(Hostile.header + "\r\nbody\r\n", resolver: StaticResolver(txt: txt), options: Self.spfOptions)
        let spf = report.authentication.spf
        #expect(spf?.result == .permerror)
        #expect(spf?.reason.contains("more than 10") == true, "\(String(describing: spf))")
        #expect(Hostile.ids(report).contains("spf.permerror"))
    }

    @Test func spfVoidLookupsAboveTwo() async {
        let txt = ["example.com": "v=spf1 a:v1.example.com a:v2.example.com a:v3.example.com -all"]
        let report = await Hostile.analyze(Hostile.header + "\r\nbody\r\n", resolver: StaticResolver(txt: txt), options: Self.spfOptions)
        let spf = report.authentication.spf
        #expect(spf?.result == .permerror)
        #expect(spf?.voidLookups == 3)
        #expect(Hostile.ids(report).contains("spf.permerror"))
    }

    @Test func dnsTimePerMessage() async {
        // Every DNS answer takes 200 ms and times out: the analysis goes on and reports temperror.
        var text = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel; h=from:subject; bh=AAAA; b=AAAA\r\n"
        text += Hostile.header + "\r\nbody\r\n"
        let resolver = SleepingResolver(delay: .milliseconds(200))
        let (report, seconds) = await Hostile.seconds {
            await Hostile.analyze(text, resolver: resolver, options: Self.spfOptions)
        }
        let asked = await resolver.asked.value
        #expect(report.authentication.spf?.result == .temperror)
        #expect(report.authentication.dkim.first?.result == .temperror)
        #expect(Hostile.ids(report).contains("spf.temperror"))
        #expect(report.verdict.summary.isEmpty == false)
        // A handful of lookups at 200 ms each (no retry storm), and no stall. The time bound is a hang guard:
        // when other tests keep both cores busy, the sleeping tasks wait for a thread to wake up on.
        print("sleeping resolver: \(asked) questions at 200 ms, analysis took \(String(format: "%.2f", seconds)) s")
        #expect(asked <= 16, "\(asked) DNS questions for one message")
        #expect(seconds < 300, "analysis with a sleeping resolver took \(seconds) s")
    }
}
