import Foundation
import MailParsing
import MailTestSupport
import Testing

/// The Outlook `.msg` reader against the corpus table `outlook-msg/expected.json`.
@Suite struct OutlookMessageTests {
    /// One row of expected.json, as far as the reader is concerned.
    struct Expected: Sendable, CustomTestStringConvertible {
        var path: String
        var object: [String: any Sendable]
        var testDescription: String { path }
    }

    static let table: [Expected] = {
        guard Corpus.isAvailable,
              let data = try? Data(contentsOf: Corpus.url("outlook-msg/expected.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            print(Corpus.absenceNote)
            return []
        }
        return json.keys.sorted().compactMap { key in
            guard let row = json[key] as? [String: Any] else { return nil }
            return Expected(path: key, object: Self.sendable(row) as? [String: any Sendable] ?? [:])
        }
    }()

    static func sendable(_ value: Any) -> any Sendable {
        switch value {
        case let d as [String: Any]: return d.mapValues { sendable($0) } as [String: any Sendable]
        case let a as [Any]: return a.map { sendable($0) } as [any Sendable]
        case let s as String: return s
        case let n as NSNumber: return n.intValue
        default: return Optional<String>.none
        }
    }

    /// The sender as the reference tool reports it: the transport From, else the MAPI sender.
    static func sender(_ m: OutlookMessage) -> String? {
        if let header = m.internetHeader {
            let parsed = MessageParser.parse(header)
            if let from = parsed.firstField(named: "From") { return from.unfoldedValue }
        }
        guard let name = m.senderName else { return m.senderAddress }
        return m.senderAddress.map { "\(name) <\($0)>" } ?? name
    }

    static func check(_ m: OutlookMessage, against row: [String: any Sendable], path: String) {
        func trimNUL(_ s: String?) -> String? { s.map { String($0.filter { $0 != "\u{0}" }) } }
        #expect(trimNUL(m.subject) == row["subject"] as? String, "subject of \(path)")
        if let s = sender(m), s.contains("=?") {
            withKnownIssue("RFC 2047 decoding of From comes with the MIME work") {
                #expect(s == row["sender"] as? String, "sender of \(path)")
            }
        } else {
            #expect(sender(m) == row["sender"] as? String, "sender of \(path)")
        }
        #expect((m.transportHeaders != nil) == (row["hasTransportHeaders"] as? Int == 1), "transport headers of \(path)")
        if let counts = row["headerCounts"] as? [String: any Sendable], let header = m.internetHeader {
            let parsed = MessageParser.parse(header)
            for (name, count) in counts {
                #expect(parsed.fields(named: name).count == count as? Int, "\(name) count of \(path)")
            }
        }
        let list = row["attachmentList"] as? [any Sendable] ?? []
        #expect(m.attachments.count == list.count, "attachments of \(path)")
        for (attachment, item) in zip(m.attachments, list) {
            guard let item = item as? [String: any Sendable] else { continue }
            if item["kind"] as? String == "smime-signed-part" {
                // The signed entity is stored whole (multipart/signed); the reference lists its signature part.
                #expect(attachment.mimeTag?.lowercased().hasPrefix("multipart/signed") == true, "S/MIME entity in \(path)")
                continue
            }
            #expect(attachment.name == item["name"] as? String, "attachment name in \(path)")
            if item["kind"] as? String == "embedded-msg" {
                #expect(attachment.embedded != nil, "embedded message in \(path)")
                if let inner = attachment.embedded, let expected = item["embedded"] as? [String: any Sendable] {
                    check(inner, against: expected, path: path + " > " + (attachment.name ?? "?"))
                }
            } else {
                #expect(attachment.data?.count == item["size"] as? Int, "attachment size in \(path)")
            }
        }
    }

    @Test(.enabled(if: Corpus.isAvailable), arguments: table)
    func readsLikeTheReference(_ expected: Expected) throws {
        let bytes = try Corpus.bytes("outlook-msg/" + expected.path)
        let result = OutlookMessage.read(bytes)
        if expected.object["openError"] != nil {
            guard case .failure(let error) = result else {
                Issue.record("\(expected.path) should not be readable")
                return
            }
            #expect(!error.reason.isEmpty)
            guard case .failure = OutlookMessage.convert(bytes) else {
                Issue.record("conversion of \(expected.path) should fail")
                return
            }
            return
        }
        guard case .success(let message) = result else {
            Issue.record("\(expected.path): \(result)")
            return
        }
        Self.check(message, against: expected.object, path: expected.path)
    }
}
