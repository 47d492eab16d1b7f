import Foundation

/// Opens a path (file, mbox, Maildir, directory) or standard input and yields its messages as a stream.
public enum MessageInput {
    /// Opens one input. Throws `InputError` only when the input cannot be opened at all.
    /// The returned iterator reads lazily: a large mbox is never held in memory whole.
    public static func open(path: String) throws -> AnyIterator<InputItem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(path: path, reason: "no such file or directory")
        }
        if isDirectory.boolValue {
            let files = try listFiles(under: path)
            var iterator = files.makeIterator()
            return AnyIterator {
                guard let file = iterator.next() else { return nil }
                return readWhole(path: file, kind: .directory)
            }
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw InputError(path: path, reason: "permission denied")
        }
        var done = false
        return AnyIterator {
            if done { return nil }
            done = true
            return readWhole(path: path, kind: .eml)
        }
    }

    /// Reads all of standard input as one message.
    public static func readStandardInput() -> InputItem {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return InputItem(location: MessageLocation(path: "-", kind: .stdin), bytes: [UInt8](data))
    }

    static func readWhole(path: String, kind: InputKind) -> InputItem {
        let location = MessageLocation(path: path, kind: kind)
        guard let data = FileManager.default.contents(atPath: path) else {
            return InputItem(location: location, bytes: nil, error: "could not be read")
        }
        return InputItem(location: location, bytes: [UInt8](data))
    }

    static func listFiles(under root: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw InputError(path: root, reason: "directory could not be listed")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let full = (root as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
               !(relative as NSString).lastPathComponent.hasPrefix(".") {
                files.append(full)
            }
        }
        return files.sorted()
    }
}
