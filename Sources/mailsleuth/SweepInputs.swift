import Foundation
import MailParsing

/// The messages of every PATH given to `sweep`, in order, as one lazy stream; a path that cannot be opened
/// becomes one unreadable item, so that every input is accounted for.
struct SweepInputs: IteratorProtocol {
    private var paths: [String]
    private var current: AnyIterator<InputItem>?

    init(paths: [String]) {
        self.paths = paths.reversed()
    }

    mutating func next() -> InputItem? {
        while true {
            if let item = current?.next() { return item }
            current = nil
            guard let path = paths.popLast() else { return nil }
            do {
                current = try MessageInput.open(path: path)
            } catch {
                let reason = (error as? InputError)?.reason ?? String(describing: error)
                return InputItem(location: MessageLocation(path: path, kind: .eml), bytes: nil, error: reason)
            }
        }
    }

    /// The total size of the files under `paths` (directories walked), for the progress bar's ETA.
    static func totalBytes(_ paths: [String]) -> Int {
        var total = 0
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                total += fileSize(path)
                continue
            }
            guard let walker = manager.enumerator(atPath: path) else { continue }
            while let relative = walker.nextObject() as? String {
                total += fileSize((path as NSString).appendingPathComponent(relative))
            }
        }
        return total
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return 0 }
        return Int(info.st_size)
    }
}
