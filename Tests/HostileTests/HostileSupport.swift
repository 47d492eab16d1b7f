import Foundation
import MailDNS
import MailForensics
import MailParsing

/// Builds hostile messages in memory and measures what analyzing them costs (time, peak memory).
enum Hostile {
    /// Analyzes `bytes` as one .eml with `resolver` (nothing answers by default: offline).
    static func analyze(_ bytes: [UInt8], resolver: any DNSResolver = StaticResolver(answers: [:]),
                        options: AnalyzerOptions = AnalyzerOptions()) async -> Report {
        let analyzer = Analyzer(resolver: resolver, options: options)
        return await analyzer.analyze(InputItem(location: MessageLocation(path: "hostile.eml", kind: .eml), bytes: bytes))
    }

    static func analyze(_ text: String, resolver: any DNSResolver = StaticResolver(answers: [:]),
                        options: AnalyzerOptions = AnalyzerOptions()) async -> Report {
        await analyze(Array(text.utf8), resolver: resolver, options: options)
    }

    /// Wall-clock seconds `body` took.
    static func seconds<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try await body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// This process's peak resident set so far, in MiB (`getrusage`, kilobytes on Linux).
    static var peakRSSMiB: Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// The ids of every defect and finding in a report, for `contains` checks.
    static func ids(_ report: Report) -> Set<String> {
        Set(report.defects.map(\.id) + report.findings.map(\.id))
    }

    static let header = "From: Alice <alice@example.com>\r\nTo: bob@example.net\r\nSubject: test\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nMessage-ID: <1@example.com>\r\n"

    /// `depth` nested multipart/mixed parts around one text part.
    static func nestedMIME(depth: Int) -> [UInt8] {
        var out = header + "MIME-Version: 1.0\r\n"
        for level in 0..<depth {
            out += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n"
        }
        out += "Content-Type: text/plain\r\n\r\ndeepest\r\n"
        for level in (0..<depth).reversed() { out += "--b\(level)--\r\n" }
        return Array(out.utf8)
    }

    /// A message whose only body part is one base64 line of `encodedBytes` characters (no line breaks).
    static func base64Line(encodedBytes: Int) -> [UInt8] {
        var out = Array((header + "MIME-Version: 1.0\r\nContent-Type: application/octet-stream; name=\"bomb.bin\"\r\n"
            + "Content-Disposition: attachment; filename=\"bomb.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n").utf8)
        let pattern = Array("QUFB".utf8)  // "AAA"
        out.reserveCapacity(out.count + encodedBytes + 2)
        for i in 0..<encodedBytes { out.append(pattern[i & 3]) }
        out += [13, 10]
        return out
    }

    /// `count` Received fields, each a plausible hop.
    static func receivedFlood(count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count * 110 + 200)
        for i in 0..<count {
            out += Array("Received: from h\(i).example.net ([192.0.2.\(i % 250 + 1)]) by h\(i + 1).example.net with ESMTP id \(i); Mon, 2 Mar 2026 10:00:00 +0000\r\n".utf8)
        }
        out += Array((header + "\r\nbody\r\n").utf8)
        return out
    }
}

/// A resolver that answers every question after `delay` with a timeout: a slow or dead DNS server.
struct SleepingResolver: DNSResolver {
    var delay: Duration
    /// How many questions were asked.
    let asked = Counter()

    actor Counter {
        private(set) var value = 0
        func increment() { value += 1 }
    }

    func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        await asked.increment()
        try? await Task.sleep(for: delay)
        return DNSAnswer(question: question, outcome: .timeout, origin: .supplied("sleeping test resolver"))
    }
}
