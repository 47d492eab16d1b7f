import Foundation
import MailAuth
import MailDNS
import MailForensics
import MailParsing

/// One fuzz target: a name, what it exercises, and a function that must survive any bytes.
/// The libFuzzer driver (Fuzz/) and the regression test replay the same functions.
public struct FuzzTarget: Sendable {
    public let name: String
    public let covers: String
    public let run: @Sendable ([UInt8]) async -> Void

    public init(name: String, covers: String, run: @escaping @Sendable ([UInt8]) async -> Void) {
        self.name = name
        self.covers = covers
        self.run = run
    }

    /// Every target, by name.
    public static let all: [FuzzTarget] = [
        FuzzTarget(name: "message", covers: "header splitting, summary, Received path, identities, DKIM/ARC field parsing, vendor headers, the whole offline analysis") { bytes in
            _ = await FuzzTarget.offlineAnalyzer.analyze(MessageParser.parse(bytes), location: FuzzTarget.location)
        },
        FuzzTarget(name: "mime", covers: "MIME tree, boundaries, transfer decoding, charsets, nested message/rfc822") { bytes in
            let message = MessageParser.parse(bytes)
            for part in message.mimeTree().allParts() {
                _ = part.filename
                _ = part.text(limit: 1 << 20)
                _ = part.decodedBody(limit: 1 << 20)
            }
        },
        FuzzTarget(name: "mbox", covers: "mbox splitting (mboxo, mboxrd, mboxcl2), pasted header repair") { bytes in
            for item in MessageInput.items(from: bytes) {
                if let data = item.bytes { _ = MessageParser.parse(data).header.count }
            }
        },
        FuzzTarget(name: "rfc2047", covers: "RFC 2047 encoded words and charsets") { bytes in
            _ = EncodedWords.decode(String(decoding: bytes, as: UTF8.self))
        },
        FuzzTarget(name: "address", covers: "RFC 5322 address lists, groups, punycode") { bytes in
            let list = AddressParser.parseList(bytes: bytes)
            _ = list
            _ = Punycode.decode(String(decoding: bytes, as: UTF8.self))
        },
        FuzzTarget(name: "date", covers: "RFC 5322 and broken real-world dates, Received dates") { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            _ = DateParser.parse(text)
            _ = DateParser.parseReceived(text)
        },
        FuzzTarget(name: "received", covers: "Received fields and the path builder") { bytes in
            var text: [UInt8] = []
            for _ in 0..<3 { text += Array("Received: ".utf8) + bytes + [13, 10] }
            text += Array("From: a@example.com\r\n\r\n".utf8)
            let message = MessageParser.parse(text)
            _ = await FuzzTarget.offlineAnalyzer.analyze(message, location: FuzzTarget.location)
        },
        FuzzTarget(name: "authres", covers: "Authentication-Results, ARC-Authentication-Results, Received-SPF") { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            _ = AuthenticationResults.parse(text)
            _ = AuthenticationResults.parseARC(text)
            _ = ReceivedSPF.parse(text)
        },
        FuzzTarget(name: "dkim-tags", covers: "DKIM/ARC tag lists, DKIM-Signature fields, key records") { bytes in
            _ = try? TagList(parsing: bytes)
            _ = try? DKIMKeyRecord(String(decoding: bytes, as: UTF8.self))
            let field = MessageParser.parse(Array("DKIM-Signature: ".utf8) + bytes + [13, 10, 13, 10]).header
            if let first = field.first { _ = try? DKIMSignature(first) }
        },
        FuzzTarget(name: "spf", covers: "SPF records, macros, mechanisms, limits") { bytes in
            let record = String(decoding: bytes, as: UTF8.self)
            let resolver = EchoResolver(txt: record)
            let evaluator = SPFEvaluator(resolver: resolver, receivingHost: "mx.example.net", timestamp: 0)
            guard let ip = IPAddress("192.0.2.1") else { return }
            _ = await evaluator.checkHost(ip: ip, sender: "user@example.com", helo: "mail.example.com")
        },
        FuzzTarget(name: "dmarc", covers: "DMARC records") { bytes in
            _ = DMARCRecord.parse(String(decoding: bytes, as: UTF8.self))
        },
        FuzzTarget(name: "zone", covers: "DNS master files: directives, escapes, parentheses, dig transcripts") { bytes in
            _ = try? ZoneFile(text: String(decoding: bytes, as: UTF8.self), file: "fuzz")
        },
        FuzzTarget(name: "msg", covers: "Outlook .msg: compound file, MAPI properties, conversion to a message") { bytes in
            if case let .success(message) = OutlookMessage.convert(bytes) { _ = message.mimeTree().allParts().count }
        },
    ]

    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    static let location = MessageLocation(path: "fuzz", kind: .eml)
    static let offlineAnalyzer = Analyzer(resolver: StaticResolver(answers: [:], complete: false),
                                          options: { var o = AnalyzerOptions(); o.evaluationTime = Date(timeIntervalSince1970: 1_700_000_000); return o }())

    /// Runs the target to completion from a synchronous caller (the libFuzzer callback, on a thread outside
    /// Swift's cooperative pool; never call it from async code).
    public func runBlocking(_ bytes: [UInt8]) {
        _ = FuzzTarget.blocking { await self.run(bytes) }
    }

    /// Runs async work to completion from a synchronous fuzzer callback.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T? {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value
    }
}

/// Holds a value handed across the semaphore in `FuzzTarget.blocking`.
final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// Answers every TXT question with the fuzz input and every address question with a fixed address,
/// so records from the input reach the SPF evaluator's parser and its recursion.
struct EchoResolver: DNSResolver {
    let txt: String

    func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        let data: DNSRecordData
        switch question.type {
        case .txt: data = .txt([txt])
        case .a: data = .a("192.0.2.1")
        case .aaaa: data = .aaaa("2001:db8::1")
        case .mx: data = .mx(preference: 10, exchange: "mx.example.com")
        case .ptr: data = .ptr("mail.example.com")
        case .cname, .ns: return DNSAnswer(question: question, outcome: .nodata, origin: .supplied("fuzz"))
        }
        return DNSAnswer(question: question, outcome: .records([DNSRecord(name: question.name, data: data, origin: .supplied("fuzz"))]), origin: .supplied("fuzz"))
    }
}
