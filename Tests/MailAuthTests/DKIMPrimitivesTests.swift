import Foundation
import MailAuth
import MailParsing
import MailTestSupport
import Testing

@Suite struct TagListTests {
    @Test func parsesTagsWithFoldingWhiteSpace() throws {
        let list = try TagList(parsing: Array("v=1; a = rsa-sha256 ;\r\n\tb=abc\r\n def; ".utf8))
        #expect(list["v"] == "1")
        #expect(list["a"] == "rsa-sha256")
        #expect(list["b"].map(TagList.removingWhitespace) == "abcdef")
        #expect(list.tags.count == 3)
    }

    @Test(arguments: [
        ("v=1; v=1", TagList.ParseError.duplicateTag("v")),
        ("v=1; novalue", TagList.ParseError.missingEquals("novalue")),
        ("1x=3", TagList.ParseError.badTagName("1x=3")),
    ])
    func rejectsBadLists(text: String, error: TagList.ParseError) {
        #expect(throws: error) { try TagList(parsing: Array(text.utf8)) }
    }

    @Test func rangeOfValueCoversSurroundingWhiteSpace() throws {
        let bytes = Array("a=1; b= xyz ; c=2".utf8)
        let list = try TagList(parsing: bytes)
        let range = try #require(list.tag("b")).valueRange
        #expect(String(decoding: bytes[range], as: UTF8.self) == " xyz ")
    }
}

@Suite struct DKIMCanonicalizationTests {
    // RFC 6376 §3.4.5 example.
    static let exampleHeader = ["A: X\r\n", "B : Y\t\r\n\tZ  \r\n"]
    static let exampleBody = Array(" C \r\nD \t E\r\n\r\n\r\n".utf8)

    @Test func relaxedHeaderMatchesRFCExample() {
        let out = Self.exampleHeader.flatMap { DKIMCanonicalization.relaxed.header(Array($0.utf8)) }
        #expect(String(decoding: out, as: UTF8.self) == "a:X\r\nb:Y Z\r\n")
    }

    @Test func simpleHeaderKeepsBytes() {
        let out = Self.exampleHeader.flatMap { DKIMCanonicalization.simple.header(Array($0.utf8)) }
        #expect(String(decoding: out, as: UTF8.self) == "A: X\r\nB : Y\t\r\n\tZ  \r\n")
    }

    @Test(arguments: [
        (DKIMCanonicalization.relaxed, " C \r\nD \t E\r\n", " C\r\nD E\r\n"),
        (.simple, " C \r\nD \t E\r\n\r\n\r\n", " C \r\nD \t E\r\n"),
        (.simple, "", "\r\n"),
        (.relaxed, "", ""),
        (.relaxed, "\r\n\r\n", ""),
        (.simple, "abc", "abc\r\n"),
        (.relaxed, "a\n\nb  \n\n", "a\r\n\r\nb\r\n"),
        (.simple, "a\n\nb  \n\n", "a\r\n\r\nb  \r\n"),
    ])
    func body(canon: DKIMCanonicalization, input: String, expected: String) {
        let body = input.isEmpty ? [] : (input == " C \r\nD \t E\r\n" ? Self.exampleBody : Array(input.utf8))
        #expect(String(decoding: canon.canonicalBody(body), as: UTF8.self) == expected)
        let hash = canon.hashBody(body, algorithm: .sha256)
        #expect(hash.digest == Digest.hash(.sha256, Array(expected.utf8)))
        #expect(hash.canonicalLength == expected.utf8.count)
    }

    /// The body's lines without their line ends (LF or CRLF); a last line without LF counts when not empty.
    static func referenceLines(_ body: [UInt8]) -> [[UInt8]] {
        var lines = [[UInt8]]()
        var current = [UInt8]()
        for byte in body {
            if byte == 0x0A {
                if current.last == 0x0D { current.removeLast() }
                lines.append(current)
                current = []
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// RFC 6376 §3.4.4 written the obvious way, to check the word-at-a-time white-space scan against.
    static func referenceRelaxedBody(_ body: [UInt8]) -> [UInt8] {
        let lines = referenceLines(body)
        var out = [UInt8]()
        var pending = 0
        for line in lines {
            var squeezed = [UInt8]()
            var inRun = false
            for byte in line {
                if byte == 0x20 || byte == 0x09 { inRun = true; continue }
                if inRun { squeezed.append(0x20); inRun = false }
                squeezed.append(byte)
            }
            if squeezed.isEmpty { pending += 1; continue }
            for _ in 0..<pending { out += [0x0D, 0x0A] }
            pending = 0
            out += squeezed + [0x0D, 0x0A]
        }
        return out
    }

    @Test func relaxedBodyAgreesWithTheReferenceOnRandomBodies() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("abcdefgh+/=".utf8) + [0x20, 0x20, 0x09, 0x0D, 0x0A, 0x0A]
        for _ in 0..<2_000 {
            let body = (0..<Int.random(in: 0...120, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(DKIMCanonicalization.relaxed.canonicalBody(body) == Self.referenceRelaxedBody(body), "\(body)")
        }
    }

    /// RFC 6376 §3.4.3 written the obvious way: lines read as in `referenceRelaxedBody`, each written with CRLF,
    /// trailing empty lines dropped, an empty body made one CRLF.
    static func referenceSimpleBody(_ body: [UInt8]) -> [UInt8] {
        var lines = referenceLines(body)
        while lines.last?.isEmpty == true { lines.removeLast() }
        if lines.isEmpty { return [0x0D, 0x0A] }
        return lines.flatMap { $0 + [0x0D, 0x0A] }
    }

    static func reference(_ canon: DKIMCanonicalization, _ body: [UInt8]) -> [UInt8] {
        canon == .simple ? referenceSimpleBody(body) : referenceRelaxedBody(body)
    }

    /// Random bodies of short lines over a small alphabet (white space, CR and LF frequent).
    static func shortRandomBodies(_ count: Int) -> [[UInt8]] {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("abcdefgh+/=".utf8) + [0x20, 0x20, 0x09, 0x0D, 0x0A, 0x0A]
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...120, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
        }
    }

    /// Random bodies up to about 60 KB: mostly clean CRLF lines (some over the writer's 512-byte short-piece
    /// threshold), with now and then a line that changes (bare LF, trailing or doubled white space, a TAB),
    /// runs of empty lines, and sometimes no final line break.
    static func longRandomBodies(_ count: Int) -> [[UInt8]] {
        var generator = SystemRandomNumberGenerator()
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        return (0..<count).map { _ in
            var body = [UInt8]()
            for _ in 0..<Int.random(in: 0...400, using: &generator) {
                let length = Int.random(in: 0...10, using: &generator) == 0 ? Int.random(in: 400...1500, using: &generator)
                                                                            : Int.random(in: 0...90, using: &generator)
                var line = (0..<length).map { _ in letters.randomElement(using: &generator)! }
                for _ in 0..<Int.random(in: 0...3, using: &generator) where !line.isEmpty {
                    let spaces: [[UInt8]] = [[0x20], [0x20], [0x20, 0x20], [0x09], [0x20, 0x09]]
                    line.insert(contentsOf: spaces.randomElement(using: &generator)!, at: Int.random(in: 0...line.count, using: &generator))
                }
                switch Int.random(in: 0...30, using: &generator) {
                case 0: line += [0x20]
                case 1: line += [0x0A]
                case 2: line += [0x0D, 0x0A, 0x0D, 0x0A, 0x0D, 0x0A]
                case 3: line += [0x20, 0x0D, 0x0A, 0x0A]
                default: line += [0x0D, 0x0A]
                }
                body += line
            }
            if Bool.random(using: &generator), body.last == 0x0A {
                body.removeLast(body.count >= 2 && body[body.count - 2] == 0x0D ? 2 : 1)
            }
            return body
        }
    }

    @Test(arguments: [DKIMCanonicalization.simple, .relaxed])
    func bodyAgreesWithTheReferenceOnRandomBodies(canon: DKIMCanonicalization) {
        for body in Self.shortRandomBodies(1_000) + Self.longRandomBodies(60) {
            let expected = Self.reference(canon, body)
            #expect(canon.canonicalBody(body) == expected, "\(body)")
            let hash = canon.hashBody(body, algorithm: .sha256)
            #expect(hash.digest == Digest.hash(.sha256, expected))
            #expect(hash.canonicalLength == expected.count)
            #expect(hash.hashedLength == expected.count)
        }
    }

    @Test(arguments: [DKIMCanonicalization.simple, .relaxed])
    func bodyLengthLimitAgreesWithTheReference(canon: DKIMCanonicalization) {
        var generator = SystemRandomNumberGenerator()
        for body in Self.shortRandomBodies(300) + Self.longRandomBodies(30) {
            let expected = Self.reference(canon, body)
            for limit in [0, 1, Int.random(in: 0...(expected.count + 10), using: &generator), expected.count, expected.count + 1, Int.max] {
                let hash = canon.hashBody(body, algorithm: .sha1, limit: limit)
                let signed = Array(expected.prefix(limit))
                #expect(hash.digest == Digest.hash(.sha1, signed), "l=\(limit) \(body)")
                #expect(hash.hashedLength == signed.count)
                #expect(hash.canonicalLength == expected.count)
            }
        }
    }

    @Test func bodyLengthLimitStopsTheHash() {
        let hash = DKIMCanonicalization.simple.hashBody(Array("hello\r\nworld\r\n".utf8), algorithm: .sha256, limit: 7)
        #expect(hash.digest == Digest.hash(.sha256, Array("hello\r\n".utf8)))
        #expect(hash.hashedLength == 7)
        #expect(hash.canonicalLength == 14)
    }

    @Test func emptyBodySHA256MatchesRFC() {
        // RFC 6376 §3.4.3/3.4.4: the well-known hashes of the empty body.
        #expect(Base64.encode(DKIMCanonicalization.simple.hashBody([UInt8](), algorithm: .sha256).digest)
            == "frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=")
        #expect(Base64.encode(DKIMCanonicalization.relaxed.hashBody([UInt8](), algorithm: .sha256).digest)
            == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
    }
}

@Suite struct DKIMHeaderSelectionTests {
    @Test func picksRepeatedNamesBottomUpAndAbsentNamesAsNothing() {
        let message = MessageParser.parse(Array("Received: one\r\nReceived: two\r\nFrom: a@example.com\r\n\r\nbody\r\n".utf8))
        let chosen = DKIMHeaderSelection.select(["received", "From", "received", "received", "subject"], from: message.header)
        #expect(chosen.map { $0.map { $0.unfoldedValue } } == ["two", "a@example.com", "one", nil, nil])
    }
}

/// Verifies the RFC 8463 Appendix A vector using only the primitives (no DKIMVerifier).
@Suite struct DKIMPrimitiveVectorTests {
    static let keys: [String: String] = [
        "brisbane": "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
        "test": "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB",
    ]

    @Test(.enabled(if: Corpus.isAvailable)) func rfc8463BothSignaturesVerify() throws {
        let message = MessageParser.parse(try Corpus.bytes("rfc-vectors/rfc8463/A3-signed-message.eml"))
        let cache = DKIMKeyCache()
        let signatures = message.fields(named: "DKIM-Signature")
        #expect(signatures.count == 2)
        for field in signatures {
            let list = try TagList(parsing: field.raw[(field.colonOffset + 1)...])
            let a = try #require(list["a"])
            let algorithm = try #require(SignatureVerifier.Algorithm(rawValue: a))
            let selector = try #require(list["s"])
            let recordText = try #require(Self.keys[selector])
            let record = try DKIMKeyRecord(recordText)
            let kind = try #require(record.kind)
            let key = try cache.key(data: record.publicKeyData, kind: kind).get()
            let body = DKIMCanonicalization.relaxed.hashBody(message.body, algorithm: algorithm.digest)
            let bh = try #require(list["bh"])
            #expect(Base64.encode(body.digest) == TagList.removingWhitespace(bh))
            let h = try #require(list["h"])
            let names = h.split(separator: ":").map { TagList.removingWhitespace(String($0)) }
            let bTag = try #require(list.tag("b"))
            let input = DKIMHeaderSelection.headerHashInput(
                selected: DKIMHeaderSelection.select(names, from: message.header), signatureRaw: field.raw,
                bValueRange: bTag.valueRange, canonicalization: .relaxed)
            let signature = try #require(Base64.decode(bTag.value.utf8))
            #expect(SignatureVerifier.verify(signature: signature, data: input, key: key, algorithm: algorithm))
            #expect(!SignatureVerifier.verify(signature: signature, data: input + [0x20], key: key, algorithm: algorithm))
            #expect(key.bits == (algorithm == .ed25519SHA256 ? 253 : 1024) || key.bits == 256)
        }
    }

    @Test func keyRecordTags() throws {
        let record = try DKIMKeyRecord("v=DKIM1; k=rsa; h=sha256; s=email:tlsrpt; t=y:s; p=")
        #expect(record.isRevoked && record.isTesting && record.isStrict && record.allowsEmail)
        #expect(record.acceptableHashes == ["sha256"])
        #expect(throws: DKIMKeyRecord.ParseError.badVersion("DKIM2")) { try DKIMKeyRecord("v=DKIM2; p=") }
        #expect(throws: DKIMKeyRecord.ParseError.missingKey) { try DKIMKeyRecord("v=DKIM1; k=rsa") }
    }
}
