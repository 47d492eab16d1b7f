import Foundation

/// Holds a message's MIME tree once built (lazily, by `Message.mimeTree()`), shared by copies of the message.
final class MIMETreeCache: @unchecked Sendable {
    private let lock = NSLock()
    private var tree: MIMEPart?

    func value(_ build: () -> MIMEPart) -> MIMEPart {
        lock.lock()
        defer { lock.unlock() }
        if let tree { return tree }
        let built = build()
        tree = built
        return built
    }
}
