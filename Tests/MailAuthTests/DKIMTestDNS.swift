import Foundation
import MailDNS
import MailTestSupport

/// Test-only readers turning the corpus's DNS formats into a `StaticResolver` (the zone-file reader
/// belongs to the DNS work; these stay independent of it).
enum DKIMTestDNS {
    static func txt(_ name: String, _ values: [String], origin: String) -> (DNSQuestion, DNSOutcome) {
        let question = DNSQuestion(name: name, type: .txt)
        return (question, .records(values.map { DNSRecord(name: name, data: .txt([$0]), origin: .supplied(origin)) }))
    }

    /// Lines `name<white space>value`; values `NXDOMAIN`, `~~...timed out~~` (timeout), `~~...~~` (SERVFAIL),
    /// `""` (an empty TXT string). Mail::DKIM's t/FAKE_DNS.dat and the rfc8463 vector use this shape.
    static func nameValueLines(_ text: String, origin: String) -> [DNSQuestion: DNSOutcome] {
        var map: [DNSQuestion: DNSOutcome] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            guard let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else { continue }
            let name = String(line[..<space])
            var value = line[space...].trimmingCharacters(in: .whitespaces)
            let question = DNSQuestion(name: name, type: .txt)
            if value == "NXDOMAIN" {
                map[question] = .nxdomain
            } else if value.hasPrefix("~~") {
                map[question] = value.lowercased().contains("timed out") ? .timeout : .servfail
            } else {
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                let record = DNSRecord(name: name, data: .txt([value]), origin: .supplied("\(origin):\(index + 1)"))
                if case let .records(existing) = map[question] {
                    map[question] = .records(existing + [record])
                } else {
                    map[question] = .records([record])
                }
            }
        }
        return map
    }

    /// A stalwart `resources/dkim/NNN.txt`: key lines, a blank line, then the message (LF turned into CRLF upstream).
    static func stalwart(_ bytes: [UInt8], origin: String) -> (dns: [DNSQuestion: DNSOutcome], message: [UInt8]) {
        var split = bytes.count
        for i in 0..<(bytes.count - 1) where bytes[i] == 0x0A && bytes[i + 1] == 0x0A {
            split = i
            break
        }
        let dnsText = String(decoding: bytes[..<split], as: UTF8.self)
        let message = Array(bytes[Swift.min(split + 2, bytes.count)...])
        return (nameValueLines(dnsText, origin: origin), message)
    }

    /// dkimpy's expected.json `dns_txt` map (values inline or `from_file`).
    static func dkimpy(replacing overrides: [String: String] = [:]) throws -> [DNSQuestion: DNSOutcome] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: Corpus.url("dkimpy/expected.json"))) as? [String: Any]
        let table = json?["dns_txt"] as? [String: Any] ?? [:]
        var map: [DNSQuestion: DNSOutcome] = [:]
        for (name, entry) in table {
            var value: String?
            if let inline = entry as? String { value = inline }
            if let object = entry as? [String: Any], let file = object["from_file"] as? String {
                value = try String(contentsOf: Corpus.url("dkimpy/\(file)"), encoding: .utf8)
            }
            if let override = overrides[DNSQuestion.normalize(name)] { value = override }
            guard let value else { continue }
            let joined = value.split(whereSeparator: \.isNewline).joined()
            let (question, outcome) = txt(name, [joined], origin: "dkimpy expected.json")
            map[question] = outcome
        }
        return map
    }

    /// TXT lines of a simple master file (`name. ttl IN TXT "part" "part"`), as in samples/samples.zone.
    static func zoneTXT(_ text: String, origin: String) -> [DNSQuestion: DNSOutcome] {
        var map: [DNSQuestion: DNSOutcome] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.hasPrefix(";"), let range = line.range(of: " IN TXT ") else { continue }
            let name = String(line[..<range.lowerBound].split(separator: " ").first ?? "")
            let parts = line[range.upperBound...].split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            let record = DNSRecord(name: name, data: .txt(parts), origin: .cache(file: origin, line: index + 1))
            let question = DNSQuestion(name: name, type: .txt)
            if case let .records(existing) = map[question] {
                map[question] = .records(existing + [record])
            } else {
                map[question] = .records([record])
            }
        }
        return map
    }

    /// Bare LF line ends turned into CRLF.
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 40)
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A, previous != 0x0D { out.append(0x0D) }
            out.append(byte)
            previous = byte
        }
        return out
    }
}
