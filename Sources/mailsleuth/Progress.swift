import Foundation
import MailReport

/// A one-line progress bar on standard error (messages, bytes, rate, ETA), drawn only when standard error is a
/// terminal, at most ten times a second; silent otherwise.
final class Progress {
    let enabled: Bool
    private let totalBytes: Int
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0
    private var drawn = false

    init(totalBytes: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.totalBytes = totalBytes
        self.enabled = enabled
    }

    /// Redraws the bar if a tenth of a second has passed since the last time.
    func update(messages: Int, bytes: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw >= 100_000_000 else { return }
        lastDraw = now
        let line = Self.line(messages: messages, bytes: bytes, totalBytes: totalBytes, seconds: Double(now - start) / 1e9)
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drawn = true
    }

    /// Erases the bar, so that what follows starts on a clean line.
    func clear() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    /// The text of the bar: `[#####.....]  1234 msgs  12.3/45.6 MB  800 msg/s  5.1 MB/s  ETA 0:42`.
    static func line(messages: Int, bytes: Int, totalBytes: Int, seconds: Double) -> String {
        let fraction = totalBytes > 0 ? min(1, Double(bytes) / Double(totalBytes)) : 0
        let width = 20
        let filled = Int(fraction * Double(width))
        var text = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
        text += "\(messages) msgs  \(SummaryRenderer.formatBytes(bytes))"
        if totalBytes > 0 { text += "/\(SummaryRenderer.formatBytes(totalBytes))" }
        guard seconds > 0.2 else { return text }
        text += String(format: "  %.0f msg/s  ", Double(messages) / seconds) + SummaryRenderer.formatBytes(Int(Double(bytes) / seconds)) + "/s"
        if fraction > 0.001, fraction < 1 {
            let remaining = Int(seconds / fraction - seconds)
            text += String(format: "  ETA %d:%02d", remaining / 60, remaining % 60)
        }
        return text
    }
}
