import Foundation
import Testing
@testable import MailParsing

/// The byte-level shortcuts of the MIME and message code give the answers of the general code they bypass.
@Suite struct MIMEFastPathTests {
    /// `ContentType.parse`'s general reading of the head, kept here as the reference.
    static func referenceTypeAndSubtype(_ head: String) -> (String, String)? {
        let pieces = head.lowercased().split(separator: "/", maxSplits: 1).map { String($0).trimmingASCIIWhitespace() }
        guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty,
              pieces.allSatisfy({ $0.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } }) else { return nil }
        return (pieces[0], pieces[1])
    }

    @Test(arguments: ["text/plain", "TEXT/HTML", "multipart/Mixed", "text /plain", "text/ plain", "text\t/\tplain", "text/plain/x",
                      "/plain", "text/", "/", "text", "", "te xt/plain", "text/pl ain", "téxt/plain", "text/plaın", "\u{212A}/x",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a//b", "x-\u{7F}/y"])
    func typeAndSubtypeShortcutAgreesWithTheGeneralReading(head: String) {
        // The head reaches `parse` trimmed.
        let trimmed = head.trimmingASCIIWhitespace()
        let reference = Self.referenceTypeAndSubtype(trimmed)
        if let fast = ContentType.asciiTypeAndSubtype(trimmed) {
            #expect(fast.0 == reference?.0 && fast.1 == reference?.1)
        }
        let (parsed, _) = ContentType.parse(Array(trimmed.utf8))
        #expect(parsed?.type == reference?.0 && parsed?.subtype == reference?.1)
    }

    @Test(arguments: ["base64", " Base64\r\n", "QUOTED-PRINTABLE", "7bit (comment)", "\"base64\"", "base64; x=y", "bas\r\n e64",
                      "b\u{E4}se64", "", "  \r\n", "8Bit ", "x-uuencode", "a)b", "a\\b"])
    func transferEncodingTokenAgreesWithSplit(value: String) {
        let bytes = Array(value.utf8)
        let reference = MIMEParameters.split(bytes).head.lowercased()
        if let token = MIMEParser.plainToken(bytes[...]) { #expect(token == reference) }
    }

    @Test func parametersKeepOrderLookupAndEquality() {
        let (_, parameters, _) = MIMEParameters.split(Array("text/plain; Charset=UTF-8; name=\"a b.txt\"; FORMAT=flowed".utf8))
        #expect(parameters.entries.map(\.name) == ["charset", "name", "format"])
        #expect(parameters["CHARSET"] == "UTF-8" && parameters["name"] == "a b.txt" && parameters["missing"] == nil)
        #expect(parameters.raw("Name") == "a b.txt")
        let (_, same, _) = MIMEParameters.split(Array("x/y; charset=UTF-8; name=\"a b.txt\"; format=flowed".utf8))
        let (_, reordered, _) = MIMEParameters.split(Array("x/y; name=\"a b.txt\"; charset=UTF-8; format=flowed".utf8))
        #expect(parameters == same)
        #expect(parameters != reordered)
        #expect(Set([parameters, same]).count == 1)
    }

    @Test(arguments: ["From", "from", "Content-Transfer-Encoding", "X-ÄBC", "Ä", "", "MIME-Version", "x-a1_B"])
    func fieldNamesFoldAsLowercased(name: String) {
        #expect(Message.lowercasedFieldName(name) == name.lowercased())
    }

    static let addressed = MessageParser.parse(Array("""
        From: Alice <alice@example.com>\r
        To: bob@example.net,\r
         Carol <carol@example.org>\r
        Return-Path: <>\r
        Subject: hi\r
        \r
        body\r

        """.utf8))

    @Test func addressListsAreParsedOncePerFieldAndAgreeWithTheParser() throws {
        let message = Self.addressed
        for field in message.header {
            #expect(message.addressList(field) == AddressParser.parseList(field))
            #expect(message.addressList(field) == AddressParser.parseList(field))
        }
        // A field of another message at the same offset is parsed for itself, not taken from the cache.
        let other = MessageParser.parse(Array("From: Mallory <m@example.biz>\r\n\r\n".utf8))
        let from = try #require(other.firstField(named: "From"))
        #expect(message.addressList(from).mailboxes.map(\.address) == ["m@example.biz"])
        #expect(message.addressList(message.header[0]).mailboxes.map(\.address) == ["alice@example.com"])
        // Copies share the cache and answer the same.
        let copy = message
        #expect(copy.addressList(message.header[1]).mailboxes.map(\.address) == ["bob@example.net", "carol@example.org"])
    }

    @Test func moreAddressFieldsThanTheCacheHoldsAreStillParsed() {
        let count = AddressListCache.capacity * 2
        let text = (0..<count).map { "To: u\($0)@example.com\r\n" }.joined() + "\r\nbody\r\n"
        let message = MessageParser.parse(Array(text.utf8))
        for _ in 0..<2 {
            for (k, field) in message.header.enumerated() {
                #expect(message.addressList(field).mailboxes.map(\.address) == ["u\(k)@example.com"])
            }
        }
    }
}
