import Foundation
import MailAuth
import MailDNS
import MailParsing

/// ARC chain validation throughput (RFC 8617 §5.2): `arc-bench MBOX KEYS [--repeat N]`.
///
/// MBOX and KEYS come from `make_arc_mbox.py` (the ARC interoperability suite and real Gmail chains), which
/// also times dkimpy's arc_verify on the same messages. Prints messages validated per CPU-second on one core
/// and the count of each chain result. Never a timed test.
@main
enum ARCBench {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count >= 3, let keys = try? String(contentsOfFile: arguments[2], encoding: .utf8),
              let items = try? MessageInput.open(path: arguments[1]) else {
            FileHandle.standardError.write(Data("usage: arc-bench MBOX KEYS [--repeat N]\n".utf8))
            return
        }
        var txt: [String: String] = [:]
        for line in keys.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { txt[String(parts[0])] = String(parts[1]) }
        }
        let messages = items.compactMap { $0.bytes.map(MessageParser.parse) }
        let repeats = arguments.firstIndex(of: "--repeat").flatMap { Int(arguments[$0 + 1]) } ?? 20
        let verifier = ARCVerifier(resolver: StaticResolver(txt: txt))
        let (counts, cpu) = await Task.detached {
            var counts: [String: Int] = [:]
            let start = cpuSeconds()
            for _ in 0..<repeats {
                for message in messages {
                    counts[await verifier.verify(message, at: nil).result.chainValidation, default: 0] += 1
                }
            }
            return (counts, cpuSeconds() - start)
        }.value
        let total = messages.count * repeats
        print(String(format: "%d messages x %d: %.3f s CPU = %.0f msgs per CPU-second (one core); results %@",
                     messages.count, repeats, cpu, Double(total) / cpu, counts.sorted { $0.key < $1.key }.description))
    }

    /// CPU time of the whole process, in seconds: wall time lies on a shared, loaded machine.
    static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
