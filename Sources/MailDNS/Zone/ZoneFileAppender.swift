import Foundation

/// Appends entries to a zone file, creating it (and its directory) with the cache header when new.
/// Each batch of appended lines is one `write`, so lines from different batches never interleave.
public struct ZoneFileAppender: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Creates the file with its header if it does not exist, or appends a capture header if it does.
    public func begin(source: String, time: Date) throws {
        let manager = FileManager.default
        if let size = (try? manager.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > 0 {
            try append("\n" + ZoneFileWriter.captureHeader(source: source, time: time))
            return
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        try append(ZoneFileWriter.fileHeader(source: source, time: time))
    }

    /// Appends text as it is; the caller ends it with a newline.
    public func append(_ text: String) throws {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            guard manager.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
