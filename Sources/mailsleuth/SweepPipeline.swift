import Dispatch
import Foundation
import MailForensics
import MailParsing
import MailReport

/// One analyzed message, ready to be written: its report, why it failed (if it did), and its rendered row.
struct SweepOutcome: Sendable {
    var report: Report
    /// Why the message could not be read or analyzed; nil when it was analyzed.
    var failure: String?
    /// Notes about how it was read (a truncated mbox, for example), prefixed with its place.
    var notes: [String]
    /// The row to write, or nil when `--only` leaves it out.
    var row: [UInt8]?
    var bytes: Int
}

/// The bounded, ordered, parallel sweep: one reader (the calling task) pulls messages lazily, at most `jobs`
/// analyses run at once, at most `window` messages are between reading and writing, and outcomes are delivered
/// to `deliver` in input order whatever order the analyses finish in. Memory is bounded by `window` messages.
struct SweepPipeline: Sendable {
    var analyzer: Analyzer
    var jobs: Int
    var window: Int
    /// Seconds one message may take; 0 means no limit.
    var messageTimeout: Double
    var format: SweepFormat
    var only: Verdict.Level

    /// Runs until the input is exhausted or `shouldStop()` turns true; returns how many messages were read.
    func run<Input: IteratorProtocol>(_ input: inout Input, shouldStop: () -> Bool,
                                      deliver: (SweepOutcome) -> Void) async -> Int where Input.Element == InputItem {
        var submitted = 0
        var delivered = 0
        var inFlight = 0
        var finished: [Int: SweepOutcome] = [:]
        var exhausted = false
        // One watchdog for the whole run rather than a timer per message: arming and cancelling a dispatch timer
        // per message cost more than a small message's whole analysis.
        let watchdog = messageTimeout > 0 ? SweepWatchdog(timeout: messageTimeout) : nil
        defer { watchdog?.stop() }
        await withTaskGroup(of: (Int, SweepOutcome).self) { group in
            while true {
                while !exhausted, inFlight < jobs, submitted - delivered < window {
                    guard !shouldStop(), let item = input.next() else {
                        exhausted = true
                        break
                    }
                    let position = submitted
                    submitted += 1
                    inFlight += 1
                    group.addTask { (position, await self.process(item, watchdog: watchdog)) }
                }
                guard inFlight > 0, let (position, outcome) = await group.next() else { break }
                inFlight -= 1
                finished[position] = outcome
                while let next = finished.removeValue(forKey: delivered) {
                    deliver(next)
                    delivered += 1
                }
            }
        }
        return submitted
    }

    /// Reads, analyzes (within the time limit) and renders one message.
    func process(_ item: InputItem, watchdog: SweepWatchdog?) async -> SweepOutcome {
        let place = "\(item.location.path) #\(item.location.index + 1)"
        var notes = item.notes.map { "\(place): \($0)" }
        guard let bytes = item.bytes else {
            let report = await analyzer.analyze(item)
            return finish(report, failure: item.error ?? "could not be read", notes: notes, bytes: 0)
        }
        if let error = item.error { notes.append("\(place): \(error)") }
        guard let watchdog else {
            return finish(await analyzer.analyze(item), failure: nil, notes: notes, bytes: bytes.count)
        }
        let analyzer = self.analyzer
        let timeout = messageTimeout
        let report: Report? = await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            let deadline = DispatchTime.now() + timeout
            // A report that arrives after the deadline counts as timed out too, so the limit means the same
            // whether the watchdog or the analysis notices first.
            let task = Task { let report = await analyzer.analyze(item); once.resume(DispatchTime.now() > deadline ? nil : report) }
            watchdog.watch(once, task: task, deadline: deadline)
        }
        guard let report else {
            let stopped = SweepFindings.timedOutReport(item.location, bytes: bytes.count, seconds: timeout, toolVersion: analyzer.toolVersion)
            return finish(stopped, failure: SweepFindings.timeoutReason(seconds: timeout), notes: notes, bytes: bytes.count)
        }
        return finish(report, failure: nil, notes: notes, bytes: bytes.count)
    }

    /// Renders the row, unless `--only` leaves an analyzed message out (failures are always written).
    func finish(_ report: Report, failure: String?, notes: [String], bytes: Int) -> SweepOutcome {
        var outcome = SweepOutcome(report: report, failure: failure, notes: notes, row: nil, bytes: bytes)
        guard failure != nil || report.verdict.level >= only else { return outcome }
        switch format {
        case .jsonl: outcome.row = JSONRenderer.renderLineBytes(report)
        case .csv: outcome.row = Array(CSVRenderer.row(report, error: failure).utf8)
        case .text: outcome.row = Array(SummaryRenderer.line(report, error: failure).utf8)
        }
        return outcome
    }
}

/// Resumes a continuation once, from whichever of the analysis or the watchdog comes first; when the watchdog
/// wins, the analysis task is cancelled.
final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Report?, Never>?
    private var task: Task<Void, Never>?

    init(_ continuation: CheckedContinuation<Report?, Never>) {
        self.continuation = continuation
    }

    /// Remembers the analysis, to cancel it if the watchdog resumes first.
    func arm(task: Task<Void, Never>) {
        lock.withLock { if continuation != nil { self.task = task } }
    }

    var isResumed: Bool { lock.withLock { continuation == nil } }

    /// Resumes with `value` (nil: timed out) if nothing resumed before.
    func resume(_ value: Report?) {
        let (pending, task) = lock.withLock { () -> (CheckedContinuation<Report?, Never>?, Task<Void, Never>?) in
            defer { continuation = nil; self.task = nil }
            return (continuation, self.task)
        }
        guard let pending else { return }
        if value == nil { task?.cancel() }
        pending.resume(returning: value)
    }
}

/// The per-message time limit of a sweep: one repeating timer checks the deadlines of the messages in flight
/// and resumes the overdue ones with nil (timed out). Finished messages leave the list when next checked.
final class SweepWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var watched: [(deadline: DispatchTime, once: ResumeOnce)] = []
    private let timer: DispatchSourceTimer

    /// Checks every tenth of the limit, between 1 ms and 100 ms.
    init(timeout: Double) {
        let interval = min(0.1, max(0.001, timeout / 10))
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(1))
        timer.setEventHandler { [weak self] in self?.check() }
        timer.resume()
    }

    func watch(_ once: ResumeOnce, task: Task<Void, Never>, deadline: DispatchTime) {
        once.arm(task: task)
        lock.withLock { watched.append((deadline, once)) }
    }

    private func check() {
        let now = DispatchTime.now()
        let overdue = lock.withLock { () -> [ResumeOnce] in
            var overdue = [ResumeOnce]()
            watched.removeAll { entry in
                if entry.once.isResumed { return true }
                guard entry.deadline <= now else { return false }
                overdue.append(entry.once)
                return true
            }
            return overdue
        }
        for once in overdue { once.resume(nil) }
    }

    func stop() {
        timer.cancel()
    }
}
