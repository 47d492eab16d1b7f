import Foundation
import MailForensics
import MailReport

/// What a running sweep has written and counted so far, behind one lock, so that a second Ctrl-C can flush it
/// from the signal queue while the pipeline is still running.
final class SweepState: @unchecked Sendable {
    private let lock = NSLock()
    private let writer: SweepWriter
    private let progress: Progress
    private var summary = SweepSummary()
    private var finished = false
    private var messages = 0
    private var bytes = 0

    init(writer: SweepWriter, progress: Progress) {
        self.writer = writer
        self.progress = progress
    }

    func writeHeader(_ text: String) {
        lock.withLock { writer.write(text) }
    }

    /// Writes one outcome (in input order) and counts it.
    func deliver(_ outcome: SweepOutcome) {
        lock.withLock {
            guard !finished else { return }
            if let row = outcome.row { writer.write(row) }
            summary.add(outcome.report, failure: outcome.failure, written: outcome.row != nil)
            for note in outcome.notes { summary.note(note) }
            messages += 1
            bytes += outcome.bytes
            progress.update(messages: messages, bytes: bytes)
        }
    }

    /// Flushes the rows, finishes the summary and returns it; later deliveries are ignored.
    func finish(interrupted: Bool, notes: [String] = []) -> SweepSummary {
        lock.withLock {
            if !finished {
                finished = true
                writer.close()
                progress.clear()
                summary.interrupted = interrupted
                for note in notes { summary.note(note) }
                if let failed = writer.failed { summary.note("Writing the rows failed: \(failed).") }
                summary.finish()
            }
            return summary
        }
    }
}
