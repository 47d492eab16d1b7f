import Foundation
import MailAuth
import MailDNS
import MailForensics
import MailParsing
@testable import MailReport
import MailTestSupport
import Testing

/// The hand-written JSON writers (`JSONWritable`) against the `Codable` conformances they replace in rendering:
/// the same keys per type (the drift guard), and the same bytes as `JSONRenderer.foundationRender` for every
/// report the tests can build, compact and pretty.
@Suite struct JSONWriterTests {
    /// The hand writers' text for `value`, or nil when they leave it to `JSONByteEncoder`.
    static func written<T: JSONWritable>(_ value: T, pretty: Bool) -> [UInt8]? {
        var writer = JSONWriter(pretty: pretty)
        writer.value(value)
        return writer.takeBytes()
    }

    /// The writers give `JSONEncoder`'s bytes for `value`, in both layouts, without help from the byte encoder.
    static func expectWrittenSame<T: JSONWritable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) {
        for pretty in [false, true] {
            let reference = JSONRenderer.foundationJSON(value, pretty: pretty)
            let ours = written(value, pretty: pretty)
            #expect(ours != nil, "left to the byte encoder (pretty: \(pretty))", sourceLocation: sourceLocation)
            let text = ours.map { String(decoding: $0, as: UTF8.self) } ?? ""
            #expect(text == reference, "pretty: \(pretty)\n\(text)\n\(reference)", sourceLocation: sourceLocation)
        }
    }

    /// `render`, `renderLine` and `renderLineBytes` give the reference text.
    static func expectRenderedSame(_ reports: [Report], sourceLocation: SourceLocation = #_sourceLocation) {
        for pretty in [false, true] {
            #expect(JSONRenderer.render(reports, pretty: pretty) == JSONRenderer.foundationRender(reports, pretty: pretty),
                    sourceLocation: sourceLocation)
        }
        for report in reports {
            let line = JSONRenderer.foundationRender([report], pretty: false)
            #expect(JSONRenderer.renderLineBytes(report) == Array((line + "\n").utf8), sourceLocation: sourceLocation)
        }
    }

    static func analyzed(_ path: String) async throws -> Report {
        let bytes = [UInt8](try Data(contentsOf: Corpus.packageRoot.appendingPathComponent(path)))
        return await SnapshotSupport.report(for: bytes, name: path)
    }

    // MARK: The drift guard

    /// Every type a report contains, every key its `encode(to:)` sends (absent optionals included), and no more,
    /// is known to its hand writer; the writers write their keys in `JSONEncoder`'s order.
    @Test(arguments: [false, true]) func writersKnowEveryKeyOfEveryType(pretty: Bool) throws {
        let report = FullReport.make(0)
        let encoded = try KeyRecordingEncoder.record(report)
        var writer = JSONWriter(pretty: pretty)
        let recorder = JSONKeyRecorder()
        writer.recorder = recorder
        writer.value(report)
        #expect(writer.takeBytes() != nil)

        // Dictionaries' keys are data, not fields.
        func fields(_ keys: [String: Set<String>]) -> [String: Set<String>] {
            keys.filter { !$0.key.hasPrefix("Swift.Dictionary<") }
        }
        let expected = fields(encoded.keys), known = fields(recorder.keys)
        #expect(expected.count >= 50, "types found: \(expected.keys.sorted())")
        for type in Set(expected.keys).union(known.keys).sorted() {
            let missing = expected[type, default: []].subtracting(known[type, default: []])
            let extra = known[type, default: []].subtracting(expected[type, default: []])
            #expect(expected[type] != nil, "\(type) has a writer but is not in the report's Encodable tree")
            #expect(known[type] != nil, "\(type) has no hand writer (it is written through JSONByteEncoder)")
            #expect(missing.isEmpty, "\(type): keys its encode(to:) sends that its writer does not write: \(missing.sorted())")
            #expect(extra.isEmpty, "\(type): keys its writer writes that its encode(to:) does not send: \(extra.sorted())")
        }
        #expect(recorder.outOfOrder.isEmpty, "keys out of UTF-8 order: \(recorder.outOfOrder)")
    }

    /// The hand-built report sets every optional and fills every collection (in at least one instance of each
    /// type), so the tests here go through every branch of every writer. A new field must be set in `FullReport` too.
    @Test func fullReportExercisesEveryBranch() throws {
        let encoded = try KeyRecordingEncoder.record(FullReport.make(0))
        #expect(encoded.unexercised.isEmpty, "nil or empty in FullReport: \(encoded.unexercised.sorted())")
    }

    // MARK: The bytes

    @Test(arguments: JSONByteEncoderTests.messages) func reportOfEveryMessage(_ path: String) async throws {
        let report = try await Self.analyzed(path)
        Self.expectWrittenSame(report)
        Self.expectRenderedSame([report])
    }

    @Test(arguments: JSONByteEncoderTests.trickyStrings.indices) func fullReportWithHostileStrings(_ index: Int) {
        let report = FullReport.make(index)
        Self.expectWrittenSame(report)
        Self.expectRenderedSame([report])
    }

    @Test func severalReportsAndNone() async throws {
        var reports = [FullReport.make(1), FullReport.make(2)]
        reports.append(try await Self.analyzed("samples/forwarded.eml"))
        Self.expectWrittenSame(reports)
        Self.expectRenderedSame(reports)
        Self.expectWrittenSame([Report]())
        Self.expectRenderedSame([])
    }

    @Test func timedOutReport() {
        let report = SweepFindings.timedOutReport(MessageLocation(path: "in/box.mbox", index: 3, byteOffset: 1024, kind: .mbox),
                                                  bytes: 77, seconds: 2.5, toolVersion: "1.0")
        Self.expectWrittenSame(report)
        Self.expectRenderedSame([report])
    }

    @Test func confidenceKeysSortByUTF8Bytes() {
        var hop = ReceivedHop(number: 1, raw: "x")
        let keys = ["abcdefgh", "abcdefgh\u{0}", "abcdefghi", "é", "e\u{301}x", "z", "Z", "😀", "", "\u{7F}", "a\u{202E}", "10", "9",
                    "\u{FFFF}", "\u{10000}", "_", "~", "a", "A", "aa"]
        for (i, key) in keys.enumerated() { hop.confidence[key] = [.high, .medium, .low][i % 3] }
        Self.expectWrittenSame(hop)
    }

    /// Escapes before, inside and after the eight-byte windows the string scan skips through, and in the tail.
    @Test(arguments: ["\"", "\\", "\u{1}", "\n", "\u{7F}", "é", "\u{85}", "\u{202E}", "😀"]) func escapeAtEveryPosition(_ special: String) {
        for length in 0..<20 {
            for position in 0...length {
                let plain = String(repeating: "a", count: length)
                let text = String(plain.prefix(position)) + special + String(plain.dropFirst(position))
                Self.expectWrittenSame(Evidence(kind: .body, label: text, value: text + special + plain))
            }
        }
    }

    @Test func numbers() {
        var hop = ReceivedHop(number: -7)
        for delay in [0, -0.0, 0.1, 1e-05, 1e-7, 100, 1e16, 1e+300, .leastNonzeroMagnitude, -2.5, 1.0 / 3, .greatestFiniteMagnitude] {
            hop.delaySeconds = delay
            hop.transitShare = -delay
            hop.epochMillis = .min
            Self.expectWrittenSame(hop)
        }
    }

    // MARK: What the writers leave to the byte encoder

    /// `JSONEncoder` refuses infinity and NaN: the writer says so, and `render` gives what `foundationRender` gives.
    @Test(arguments: [Double.nan, .infinity, -.infinity]) func nonFiniteNumbers(_ value: Double) {
        var report = FullReport.make(3)
        report.path?.transitSeconds = value
        for pretty in [false, true] { #expect(Self.written(report, pretty: pretty) == nil) }
        Self.expectRenderedSame([report])
    }

    /// `JSONEncoder` refuses nesting 512 deep (a MIME tree cannot be this deep, but the writer does not rely on it).
    @Test func deepNesting() {
        var part = MIMEPartSummary(contentType: "text/plain", bytes: 1)
        for _ in 0..<300 { part = MIMEPartSummary(contentType: "multipart/mixed", bytes: 2, children: [part]) }
        var report = FullReport.make(4)
        report.structure = part
        for pretty in [false, true] { #expect(Self.written(report, pretty: pretty) == nil) }
        Self.expectRenderedSame([report])

        var shallow = MIMEPartSummary(contentType: "text/plain", bytes: 1)
        for _ in 0..<100 { shallow = MIMEPartSummary(contentType: "multipart/mixed", bytes: 2, children: [shallow]) }
        report.structure = shallow
        Self.expectWrittenSame(report)
    }

    /// A member whose type has no hand writer is written through `JSONByteEncoder`, indented in place.
    @Test func memberWithoutWriter() {
        Self.expectWrittenSame(WithoutWriter(inner: Tricky(text: "in\u{202E}side", children: [Tricky(text: "child")])))
        Self.expectWrittenSame([WithoutWriter(inner: Tricky(text: "a")), WithoutWriter(inner: Tricky(text: "b"))])
        var refused = WithoutWriter(inner: Tricky(text: "nan"))
        refused.inner.doubles = [.nan]
        #expect(Self.written(refused, pretty: false) == nil)
    }
}

/// A type whose writer writes one member through the byte encoder (`Tricky` has no writer).
struct WithoutWriter: JSONWritable {
    var inner: Tricky
    var name = "outer"

    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("inner", inner)
        out.member("name", name)
        out.endObject()
    }
}

/// A report with every optional set and every collection filled, its strings drawn from the hostile ones.
enum FullReport {
    static func make(_ seed: Int) -> Report {
        let strings = JSONByteEncoderTests.trickyStrings
        var n = seed
        func text() -> String {
            n += 1
            return strings[n % strings.count]
        }
        func number() -> Int {
            n += 1
            return [0, 1, -1, 42, 9_999_999, Int.max, Int.min][n % 7]
        }
        func flag() -> Bool {
            n += 1
            return n % 2 == 0
        }
        func span() -> SourceSpan { SourceSpan(byteStart: number(), byteEnd: number(), firstLine: number(), lastLine: number()) }
        func defects() -> [ParseDefect] { [ParseDefect(id: text(), detail: text(), span: span()), ParseDefect(id: text(), detail: text(), span: span())] }
        func lookups() -> [AuthDNSLookup] { [AuthDNSLookup(question: text(), answer: text(), origin: text())] }

        var report = Report(tool: ToolInfo(name: text(), version: text()),
                            source: SourceInfo(path: text(), index: number(), byteOffset: number(), kind: .pastedHeaders, sha256: text(), bytes: number()),
                            message: MessageSummary(from: text(), to: text(), subject: text(), dateRaw: text(), date: text(),
                                                    messageId: text(), returnPath: text()))
        report.schemaVersion = text()
        let leaf = MIMEPartSummary(contentType: text(), filename: text(), transferEncoding: text(), bytes: number(), children: [],
                                   charset: text(), disposition: text(), firstLine: number(), lastLine: number())
        report.structure = MIMEPartSummary(contentType: text(), filename: text(), transferEncoding: text(), bytes: number(),
                                           children: [leaf, leaf], charset: text(), disposition: text(), firstLine: number(), lastLine: number())
        report.defects = defects()

        var path = ReceivedPath()
        var hop = ReceivedHop(number: number(), field: text(), headerLine: number(), lastLine: number(), raw: text())
        hop.from = text(); hop.by = text(); hop.via = text(); hop.with = text(); hop.id = text(); hop.for = text()
        hop.helo = text(); hop.reverseDNS = text(); hop.ip = text(); hop.ipScope = .uniqueLocal; hop.byHost = text()
        hop.protocolName = text(); hop.tls = flag(); hop.tlsDetail = text(); hop.envelopeFrom = text(); hop.timestamp = text()
        hop.epochMillis = Int64(number()); hop.delaySeconds = 1.5e-3; hop.delay = text(); hop.transitShare = 33.3
        hop.infrastructure = text(); hop.clientInfrastructure = text(); hop.trusted = flag(); hop.unparsed = text()
        hop.confidence = [text(): .high, "from": .medium, "by": .low]
        path.hops = [hop, hop]
        path.originatingIP = text(); path.claimedOriginIP = text()
        path.trustBoundary = TrustBoundary(entryHop: number(), entryLine: number(), receivingHost: text(), receivingOrganization: text(), reason: text())
        path.connectingIP = text(); path.helo = text(); path.envelopeFrom = text(); path.transitSeconds = 3723.25; path.transit = text()
        path.auxiliaryHops = [hop]
        path.originHints = [OriginHint(field: text(), value: text(), ip: text(), ipScope: .sharedCGN, headerLine: number())]
        report.path = path

        var identities = IdentityReport()
        let identity = MailIdentity(source: text(), displayName: text(), address: "user@mail.example.co.uk", headerLine: number())
        identities.from = [identity]; identities.sender = identity; identities.replyTo = [identity, identity]
        identities.envelopeFrom = identity; identities.dkimDomains = [text(), text()]
        identities.heloDomain = text(); identities.messageIdDomain = text()
        identities.comparisons = [IdentityComparison(identity: text(), domain: text(), fromDomain: text())]
        report.identities = identities

        report.authentication = authentication(text: text, number: number, flag: flag, defects: defects, lookups: lookups)

        var posture = PostureReport()
        posture.domain = text()
        var bimi = BIMIPosture(status: .notChecked, selector: text(), name: text(), eligibility: text(), note: text())
        bimi.record = text(); bimi.logoURL = text(); bimi.authorityURL = text(); bimi.origin = text(); bimi.eligible = flag()
        bimi.selectorHeader = text(); bimi.locationHeader = text(); bimi.indicatorHeaderBytes = number()
        posture.bimi = bimi
        posture.mtaSts = PostureRecord(status: .found, name: text(), record: text(), id: text(), reportURIs: [text()], origin: text(), note: text())
        posture.tlsRpt = PostureRecord(status: .malformed, name: text(), record: text(), id: text(), reportURIs: [text(), text()],
                                       origin: text(), note: text())
        report.posture = posture

        var vendor = VendorVerdict(vendor: text(), field: text(), headerLine: number())
        vendor.lastLine = number(); vendor.raw = text(); vendor.assessment = .allowlisted; vendor.summary = text(); vendor.trusted = flag()
        vendor.codes = [VendorCode(key: text(), value: text(), meaning: text(), source: .observed, signal: .critical)]
        report.vendorVerdicts = [vendor]

        var content = ContentReport()
        var attachment = AttachmentInfo(part: text(), filename: text(), declaredType: text(), disposition: text(),
                                        realType: FileType(mimeType: text(), description: text()), size: number(),
                                        sha256: text(), sha1: text(), md5: text())
        attachment.concerns = [text()]
        attachment.archiveMembers = [ArchiveMember(name: text(), size: number(), encrypted: flag())]
        attachment.extractedPath = text()
        content.attachments = [attachment]
        var link = LinkInfo(url: text(), host: text(), text: text(), source: text(), part: text())
        link.concerns = [text(), text()]
        content.links = [link]
        content.extractedTo = text()
        content.problems = [text()]
        report.content = content

        var iocs = IOCList()
        for kind in IOC.Kind.allCases { iocs.add(kind, "v-" + text(), context: text()) }
        report.iocs = iocs

        report.findings = [Finding(id: text(), severity: .warning, title: text(), explanation: text(),
                                   evidence: [Evidence(kind: .dns, label: text(), value: text(), firstLine: number(), lastLine: number(), origin: text())],
                                   strength: .inference, references: [text(), text()])]
        report.verdict = Verdict(level: .highRisk, score: number(), summary: text())
        report.dnsUsed = [DNSUse(question: text(), outcome: text(), origin: text())]
        report.evaluationTime = EvaluationTime(time: text(), basis: text())
        return report
    }

    static func authentication(text: () -> String, number: () -> Int, flag: () -> Bool, defects: () -> [ParseDefect],
                               lookups: () -> [AuthDNSLookup]) -> AuthenticationReport {
        var auth = AuthenticationReport()
        var dkim = DKIMResult(domain: text(), selector: text(), result: .policy, reason: text(), headerLine: number())
        dkim.algorithm = text(); dkim.canonicalization = text(); dkim.identity = text(); dkim.keyBits = number(); dkim.keyName = text()
        dkim.keyOrigin = text(); dkim.keyCandidates = number(); dkim.keyUsed = number(); dkim.keyTesting = flag()
        dkim.cryptographicallyValid = flag(); dkim.bodyHash = DKIMResult.BodyHashCheck(expected: text(), computed: text())
        dkim.signedHeaders = [DKIMResult.SignedHeader(name: text(), line: number()), DKIMResult.SignedHeader(name: text(), line: number())]
        dkim.bodyLengthLimit = number(); dkim.unsignedBodyBytes = number(); dkim.fromOversigned = flag(); dkim.fromAlignment = text()
        dkim.unsignedDuplicates = [DKIMResult.UnsignedDuplicate(name: text(), line: number())]
        dkim.signedAt = text(); dkim.expiresAt = text(); dkim.timeSkewSeconds = Int64(number()); dkim.diagnosis = text()
        auth.dkim = [dkim, dkim]
        auth.domainKeys = [dkim]

        let method = AuthMethodResult(method: text(), methodVersion: number(), result: "hardfail", reason: text(),
                                      properties: [AuthProperty(ptype: text(), property: text(), value: text(), comment: text())],
                                      comments: [text()])
        let results = AuthenticationResults(instance: number(), authservID: text(), version: number(), noResult: flag(),
                                            results: [method, method], comments: [text()], defects: defects())
        let instance = ARCInstanceResult(instance: number(), sealer: text(), selector: text(), algorithm: text(), keyOrigin: text(),
                                         amsDomain: text(), amsSelector: text(), amsKeyOrigin: text(), amsResult: .temperror,
                                         amsReason: text(), sealResult: .softfail, sealReason: text(), cv: text(), sealedAt: number(),
                                         recorded: results, aarLine: number(), amsLine: number(), sealLine: number(), trustedSealer: flag())
        auth.arc = ARCResult(result: .fail, reason: text(), failedInstance: number(), oldestPass: number(), instances: [instance],
                             structureProblems: [text()])

        var spf = SPFResult(result: .neutral, domain: text(), explanation: text())
        spf.ip = text(); spf.helo = text(); spf.mailFrom = text(); spf.identity = text(); spf.reason = text()
        spf.authorityExplanation = text(); spf.record = text(); spf.recordOrigin = text(); spf.lookups = number()
        spf.voidLookups = number(); spf.heloResult = .permerror; spf.incompleteOffline = flag()
        spf.trace = [SPFTraceStep(domain: text(), depth: number(), term: text(), target: text(), dns: lookups(), outcome: text(), matched: flag())]
        auth.spf = spf

        var dmarc = DMARCResult(result: .pass, domain: text(), explanation: text())
        dmarc.reason = text(); dmarc.fromAddresses = [text()]; dmarc.organizationalDomain = text()
        dmarc.organizationalDomainMethod = text(); dmarc.organizationalDomainNote = text(); dmarc.policy = .quarantine
        dmarc.policyTag = text(); dmarc.domainPolicy = .reject; dmarc.subdomainPolicy = DMARCRecord.Policy.none
        dmarc.disposition = .reject; dmarc.dispositionNote = text()
        let aligned = DMARCIdentifierAlignment(identifier: text(), authResult: .pass, mode: .strict, aligned: flag(), why: text())
        dmarc.alignment = DMARCAlignment(spf: aligned, dkim: [aligned])
        var record = (try? DMARCRecord.parse("v=DMARC1; p=reject; sp=quarantine; np=none; psd=y; rua=mailto:a@b; ruf=mailto:c@d; t=y").get())!
        record.text = text()
        record.problems = [text()]
        dmarc.record = DMARCRecordSource(name: text(), text: text(), foundAt: text(), origin: text(), parsed: record)
        dmarc.incompleteOffline = flag()
        dmarc.dns = lookups()
        auth.dmarc = dmarc

        var recorded = RecordedAuthentication(field: text(), headerLine: number(), trusted: flag(), why: text())
        recorded.lastLine = number(); recorded.authservID = text(); recorded.instance = number(); recorded.noResult = flag()
        recorded.results = [method]
        recorded.receivedSPF = ReceivedSPF(result: "softfail", comment: text(),
                                           pairs: [AuthProperty(ptype: "", property: text(), value: text(), comment: text())], defects: defects())
        recorded.defects = defects()
        auth.recorded = [recorded]
        auth.authenticationResults = text()
        return auth
    }
}
