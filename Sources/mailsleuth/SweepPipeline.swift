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

/// The bounded, ordered, parallel sweep: `jobs` workers each take the next message from the input, analyze it,
/// render it and hand it to `deliver`, in input order whatever order the analyses finish in. At most `window`
/// messages are between reading and writing, so memory is bounded by `window` messages.
///
/// A worker does all of a message's steps on its own thread, with no hand-over to another task: at one job the
/// sweep runs on a single thread without a wake-up per message (a task per message, a continuation and a
/// collecting task cost a few per cent of the CPU, half of it in the kernel waking threads).
struct SweepPipeline: Sendable {
    var analyzer: Analyzer
    var jobs: Int
    var window: Int
    /// Seconds one message may take; 0 means no limit.
    var messageTimeout: Double
    var format: SweepFormat
    var only: Verdict.Level

    /// Runs until the input is exhausted or `shouldStop()` turns true; returns how many messages were read.
    func run<Input: IteratorProtocol>(_ input: Input, shouldStop: @escaping @Sendable () -> Bool,
                                      deliver: @escaping @Sendable (SweepOutcome) -> Void) async -> Int where Input.Element == InputItem {
        let run = SweepRun(pipeline: self, input: input, shouldStop: shouldStop, deliver: deliver)
        return await run.start()
    }

    /// Where the message was found, as notes name it.
    static func place(_ item: InputItem) -> String { "\(item.location.path) #\(item.location.index + 1)" }

    /// The notes of how a message was read, each prefixed with its place.
    static func notes(_ item: InputItem) -> [String] {
        guard !item.notes.isEmpty || (item.bytes != nil && item.error != nil) else { return [] }
        let place = Self.place(item)
        var notes = item.notes.map { "\(place): \($0)" }
        if item.bytes != nil, let error = item.error { notes.append("\(place): \(error)") }
        return notes
    }

    /// Analyzes and renders one message; `deadline` is its time limit (nil: none). A report that arrives after
    /// the deadline counts as timed out, so the limit means the same whether the watchdog or the analysis
    /// notices first.
    func process(_ item: InputItem, deadline: DispatchTime?) async -> SweepOutcome {
        let report = await analyzer.analyze(item)
        guard let bytes = item.bytes else {
            return finish(report, failure: item.error ?? "could not be read", notes: Self.notes(item), bytes: 0)
        }
        if let deadline, DispatchTime.now() > deadline { return timedOut(item) }
        return finish(report, failure: nil, notes: Self.notes(item), bytes: bytes.count)
    }

    /// The outcome of a message whose analysis ran out of time.
    func timedOut(_ item: InputItem) -> SweepOutcome {
        let bytes = item.bytes?.count ?? 0
        let stopped = SweepFindings.timedOutReport(item.location, bytes: bytes, seconds: messageTimeout, toolVersion: analyzer.toolVersion)
        return finish(stopped, failure: SweepFindings.timeoutReason(seconds: messageTimeout), notes: Self.notes(item), bytes: bytes)
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

/// One run of the pipeline: the input, the messages in flight, the reorder buffer and the workers, behind one
/// lock (reading has a lock of its own, so that one worker reads while another delivers).
///
/// The per-message time limit: each message in flight has a deadline, and one repeating timer (not a timer per
/// message: arming and cancelling one cost more than a small message's analysis) checks them. An overdue
/// message is abandoned: its timed-out row takes its place in the output, its worker's task is cancelled, and
/// a new worker takes over, so the sweep goes on however long the stuck analysis runs. The abandoned worker's
/// report, if it ever comes, is dropped, and that worker stops.
final class SweepRun<Input: IteratorProtocol>: @unchecked Sendable where Input.Element == InputItem {
    private let pipeline: SweepPipeline
    private let shouldStop: @Sendable () -> Bool
    private let deliver: @Sendable (SweepOutcome) -> Void

    /// Held while reading: it keeps the input and `submitted` in step, so positions follow input order.
    private let readLock = NSLock()
    private var input: Input
    private var exhausted = false

    private let lock = NSLock()
    private var submitted = 0
    private var delivered = 0
    private var finished: [Int: SweepOutcome] = [:]
    /// The messages being analyzed, by position.
    private var inFlight: [Int: InFlight] = [:]
    /// Workers waiting for the window to move.
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// Workers not yet stopped (an abandoned worker no longer counts).
    private var workers = 0
    private var done: CheckedContinuation<Void, Never>?
    private var timer: DispatchSourceTimer?

    private struct InFlight {
        var item: InputItem
        var deadline: DispatchTime?
        var worker: SweepWorker
    }

    init(pipeline: SweepPipeline, input: Input, shouldStop: @escaping @Sendable () -> Bool, deliver: @escaping @Sendable (SweepOutcome) -> Void) {
        self.pipeline = pipeline
        self.input = input
        self.shouldStop = shouldStop
        self.deliver = deliver
    }

    /// Starts the workers and the watchdog, and returns how many messages were read once every one is delivered.
    func start() async -> Int {
        if pipeline.messageTimeout > 0 { startWatchdog() }
        await withCheckedContinuation { continuation in
            lock.withLock {
                done = continuation
                workers = pipeline.jobs
            }
            for _ in 0..<pipeline.jobs { spawnWorker() }
        }
        timer?.cancel()
        return lock.withLock { submitted }
    }

    private func spawnWorker() {
        let worker = SweepWorker()
        worker.attach(Task { await self.work(as: worker) })
    }

    /// One worker: takes messages until the input ends, unless its message is abandoned (then it just stops).
    private func work(as worker: SweepWorker) async {
        while let (position, item, deadline) = await take(for: worker) {
            let outcome = await pipeline.process(item, deadline: deadline)
            guard complete(position, outcome, timed: deadline != nil) else { return }
        }
        stopped()
    }

    /// The next message, its position and its deadline, once the window has room; nil at the end of the input or
    /// after Ctrl-C.
    private func take(for worker: SweepWorker) async -> (Int, InputItem, DispatchTime?)? {
        while true {
            switch read(for: worker) {
            case .message(let position, let item, let deadline): return (position, item, deadline)
            case .windowFull: await waitForWindow()
            case .end: return nil
            }
        }
    }

    private enum Read {
        case message(Int, InputItem, DispatchTime?)
        case windowFull
        case end
    }

    /// Reads the next message unless the window is full or the input is over.
    private func read(for worker: SweepWorker) -> Read {
        readLock.withLock {
            if exhausted { return .end }
            if lock.withLock({ submitted - delivered >= pipeline.window }) { return .windowFull }
            guard !shouldStop(), let item = input.next() else {
                exhausted = true
                return .end
            }
            // Unreadable items are not timed: their report is made without an analysis.
            let deadline = pipeline.messageTimeout > 0 && item.bytes != nil ? DispatchTime.now() + pipeline.messageTimeout : nil
            let position = lock.withLock { () -> Int in
                defer { submitted += 1 }
                if deadline != nil { inFlight[submitted] = InFlight(item: item, deadline: deadline, worker: worker) }
                return submitted
            }
            return .message(position, item, deadline)
        }
    }

    private func waitForWindow() async {
        await withCheckedContinuation { continuation in
            let resumeNow = lock.withLock { () -> Bool in
                if submitted - delivered < pipeline.window { return true }
                waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Hands over a finished message; false when it was abandoned meanwhile (its worker was replaced).
    /// `timed`: the message had a deadline, so the watchdog may have taken it.
    private func complete(_ position: Int, _ outcome: SweepOutcome, timed: Bool) -> Bool {
        lock.withLock {
            if timed, inFlight.removeValue(forKey: position) == nil { return false }
            accept(position, outcome)
            return true
        }
    }

    /// Delivers `outcome` if it is next, then whatever it unblocks; keeps it for later otherwise. Under `lock`.
    private func accept(_ position: Int, _ outcome: SweepOutcome) {
        guard position == delivered else {
            finished[position] = outcome
            return
        }
        deliver(outcome)
        delivered += 1
        while let next = finished.removeValue(forKey: delivered) {
            deliver(next)
            delivered += 1
        }
        if !waiting.isEmpty {
            let resumed = waiting
            waiting.removeAll()
            for continuation in resumed { continuation.resume() }
        }
    }

    /// A worker reached the end of the input; the last one ends the run.
    private func stopped() {
        let finishedRun = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            workers -= 1
            guard workers == 0 else { return nil }
            defer { done = nil }
            return done
        }
        finishedRun?.resume()
    }

    // MARK: The watchdog

    /// Checks every tenth of the limit, between 1 ms and 100 ms.
    private func startWatchdog() {
        let interval = min(0.1, max(0.001, pipeline.messageTimeout / 10))
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(1))
        timer.setEventHandler { [weak self] in self?.abandonOverdue() }
        self.timer = timer
        timer.resume()
    }

    /// Replaces each overdue message by its timed-out outcome, cancels its analysis and starts a new worker.
    private func abandonOverdue() {
        let now = DispatchTime.now()
        let abandoned = lock.withLock { () -> [SweepWorker] in
            let overdue = inFlight.filter { $0.value.deadline.map { $0 <= now } ?? false }.sorted { $0.key < $1.key }
            for (position, entry) in overdue {
                inFlight.removeValue(forKey: position)
                accept(position, pipeline.timedOut(entry.item))
            }
            return overdue.map(\.value.worker)
        }
        for worker in abandoned {
            worker.cancel()
            spawnWorker()
        }
    }
}

/// A worker's task, to cancel when its message is abandoned (the cancellation may come before the task is known).
final class SweepWorker: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private var cancelled = false

    func attach(_ task: Task<Void, Never>) {
        let cancelNow = lock.withLock { () -> Bool in
            self.task = task
            return cancelled
        }
        if cancelNow { task.cancel() }
    }

    func cancel() {
        let task = lock.withLock { () -> Task<Void, Never>? in
            cancelled = true
            return self.task
        }
        task?.cancel()
    }
}
