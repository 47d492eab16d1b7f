import Dispatch
import Foundation

/// Ctrl-C during a sweep: the first SIGINT stops reading and lets the messages in progress finish; the second
/// runs `hardStop` (write what is finished, print the summary, exit 130).
final class SweepInterrupt: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var source: DispatchSourceSignal?

    /// True once Ctrl-C was pressed.
    var requested: Bool { lock.withLock { count > 0 } }

    /// Starts listening for SIGINT. `firstStop` and `hardStop` run on a background queue.
    func install(firstStop: @escaping @Sendable () -> Void, hardStop: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in
            guard let self else { return }
            let presses = self.lock.withLock { () -> Int in
                self.count += 1
                return self.count
            }
            if presses == 1 { firstStop() } else { hardStop() }
        }
        source.resume()
        self.source = source
    }
}
