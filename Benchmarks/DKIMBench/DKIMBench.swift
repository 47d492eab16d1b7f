import Foundation
import MailAuth
import MailDNS
import MailParsing

/// DKIM verification throughput (RFC 6376): `dkim-bench MBOX KEYS [--repeat N]`.
///
/// MBOX holds signed messages separated by "From " lines; KEYS has one `name<TAB>TXT value` per line.
/// Prints messages verified per second over the whole mbox (all cores), and with `--repeat N` the
/// verifications per second of the first message verified N times on one core. Never a timed test.
@main
enum DKIMBench {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count >= 3,
              let mbox = FileManager.default.contents(atPath: arguments[1]),
              let keys = try? String(contentsOfFile: arguments[2], encoding: .utf8)
        else {
            FileHandle.standardError.write(Data("usage: dkim-bench MBOX KEYS [--repeat N]\n".utf8))
            return
        }
        var txt: [String: String] = [:]
        for line in keys.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { txt[String(parts[0])] = String(parts[1]) }
        }
        let resolver = StaticResolver(txt: txt)
        let messages = split([UInt8](mbox)).map(MessageParser.parse)
        let at = Date(timeIntervalSince1970: 1_700_000_100)
        let verifier = DKIMVerifier(resolver: resolver)

        if let index = arguments.firstIndex(of: "--repeat"), index + 1 < arguments.count, let count = Int(arguments[index + 1]),
           let first = messages.first {
            // Off the main actor, so no hop per call is measured.
            let (passes, seconds) = await Task.detached {
                _ = await verifier.verify(first, at: at)
                let start = DispatchTime.now().uptimeNanoseconds
                let cpuStart = cpuSeconds()
                var passes = 0
                for _ in 0..<count where await verifier.verify(first, at: at).results.first?.result == .pass { passes += 1 }
                return (passes, (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpuSeconds() - cpuStart))
            }.value
            print(String(format: "one message repeated: %d verifications, %.3f s wall, %.3f s CPU = %.0f verifications per CPU-second (%.0f/s wall), %d pass",
                         count, seconds.0, seconds.1, Double(count) / seconds.1, Double(count) / seconds.0, passes))
        }

        let workers = ProcessInfo.processInfo.activeProcessorCount
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = cpuSeconds()
        let passes = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var passes = 0
                    for index in stride(from: worker, to: messages.count, by: workers) {
                        let results = await verifier.verify(messages[index], at: at).results
                        if results.contains(where: { $0.result == .pass }) { passes += 1 }
                    }
                    return passes
                }
            }
            var total = 0
            for await count in group { total += count }
            return total
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = cpuSeconds() - cpuStart
        let bytes = messages.reduce(0) { $0 + $1.bytes.count }
        print(String(format: "mbox: %d messages (%.1f MB), %d workers: %.3f s wall = %.0f msgs/s; %.3f s CPU = %.0f msgs per CPU-second; %d with a passing signature",
                     messages.count, Double(bytes) / 1e6, workers, seconds, Double(messages.count) / seconds, cpu, Double(messages.count) / cpu, passes))
    }

    /// CPU time of the whole process (all threads), in seconds: wall time lies on a shared, loaded machine.
    static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Splits an mbox at lines starting with "From " (the separator lines are dropped).
    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var separators: [Range<Int>] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var end = lineStart
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            if end - lineStart >= 5, bytes[lineStart..<(lineStart + 5)].elementsEqual("From ".utf8) {
                separators.append(lineStart..<Swift.min(end + 1, bytes.count))
            }
            lineStart = end + 1
        }
        guard !separators.isEmpty else { return [bytes] }
        var messages: [[UInt8]] = []
        for (index, separator) in separators.enumerated() {
            let end = index + 1 < separators.count ? separators[index + 1].lowerBound : bytes.count
            if separator.upperBound < end { messages.append(Array(bytes[separator.upperBound..<end])) }
        }
        return messages
    }
}
