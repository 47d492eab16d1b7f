import Foundation

/// Opens a path (message file, mbox, Maildir, directory) or standard input and yields its messages as a
/// stream. What a file is comes from its content, not its name (RFC 4155 mbox, Maildir, OLE2 .msg, RFC 5322).
public enum MessageInput {
    /// Opens one input. Throws `InputError` only when the input cannot be opened at all.
    /// The returned iterator reads lazily: a large mbox is never held in memory whole.
    public static func open(path: String) throws -> AnyIterator<InputItem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(path: path, reason: "no such file or directory")
        }
        if isDirectory.boolValue {
            let maildir = isMaildir(path)
            let files = try listFiles(under: path, maildir: maildir)
            var fileIterator = files.makeIterator()
            var current: AnyIterator<InputItem>?
            return AnyIterator {
                while true {
                    if let item = current?.next() { return item }
                    guard let file = fileIterator.next() else { return nil }
                    do {
                        current = try openFile(path: file, containerKind: maildir ? .maildir : .directory)
                    } catch let error as InputError {
                        current = nil
                        return InputItem(location: MessageLocation(path: file, kind: maildir ? .maildir : .directory), bytes: nil, error: error.reason)
                    } catch {
                        current = nil
                        return InputItem(location: MessageLocation(path: file, kind: .directory), bytes: nil, error: "could not be read")
                    }
                }
            }
        }
        return try openFile(path: path, containerKind: nil)
    }

    /// Reads standard input: an mbox is split into its messages, anything else is one message (a pasted
    /// header block is repaired, with notes saying how).
    public static func openStandardInput() -> AnyIterator<InputItem> {
        open(reader: ChunkedReader(handle: FileHandle.standardInput), path: "-", containerKind: .stdin, repairPaste: true)
    }

    /// Reads all of standard input as one message (the first message of an mbox).
    public static func readStandardInput() -> InputItem {
        openStandardInput().next() ?? InputItem(location: MessageLocation(path: "-", kind: .stdin), bytes: [], notes: ["Standard input was empty."])
    }

    /// Reads messages from bytes already in memory (a paste, a test), detecting the kind as for files.
    public static func items(from bytes: [UInt8], path: String = "-") -> [InputItem] {
        let iterator = open(reader: ChunkedReader(bytes: bytes), path: path, containerKind: .stdin, repairPaste: true)
        return Array(IteratorSequence(iterator))
    }

    /// What the first bytes of an input say it is.
    enum Detected: Equatable {
        case empty, mbox, outlookMSG, message, pasted
    }

    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    static func detect(_ prefix: ArraySlice<UInt8>) -> Detected {
        guard !prefix.isEmpty else { return .empty }
        if prefix.starts(with: oleMagic) { return .outlookMSG }
        let firstLine = prefix.prefix { $0 != 0x0A }
        // "From : x" is an (obsolete) header field, not an mbox separator.
        if MessageParser.mboxFromLineEnd(Array(firstLine), at: 0) != nil { return .mbox }
        if PastedInput.fieldName(firstLine) != nil { return .message }
        return .pasted
    }

    static func openFile(path: String, containerKind: InputKind?) throws -> AnyIterator<InputItem> {
        // Devices (/dev/zero, /dev/urandom) and sockets would stream forever; pipes (<(cmd)) are fine.
        let type = fileType(path)
        if type == S_IFCHR || type == S_IFBLK || type == S_IFSOCK {
            throw InputError(path: path, reason: "not a regular file (a device or a socket)")
        }
        guard FileManager.default.isReadableFile(atPath: path), let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(path: path, reason: "permission denied or not a readable file")
        }
        return open(reader: ChunkedReader(handle: handle), path: path, containerKind: containerKind, repairPaste: false)
    }

    static func open(reader: ChunkedReader, path: String, containerKind: InputKind?, repairPaste: Bool) -> AnyIterator<InputItem> {
        let detected = detect(reader.peek(4096))
        switch detected {
        case .mbox:
            let mbox = MboxReader(reader: reader, path: path, kind: .mbox)
            return AnyIterator { mbox.next() }
        case .empty, .outlookMSG, .message, .pasted:
            var done = false
            return AnyIterator {
                guard !done else { return nil }
                done = true
                return readWhole(reader, path: path, detected: detected, containerKind: containerKind, repairPaste: repairPaste)
            }
        }
    }

    static func readWhole(_ reader: ChunkedReader, path: String, detected: Detected, containerKind: InputKind?, repairPaste: Bool) -> InputItem {
        let limit = detected == .outlookMSG ? ParseLimits.maxMessageBytes * 2 : ParseLimits.maxMessageBytes
        var bytes: [UInt8] = []
        var notes: [String] = []
        while true {
            reader.fill(atLeast: ParseLimits.readChunkSize)
            let chunk = reader.take(min(reader.available, limit - bytes.count))
            if chunk.isEmpty { break }
            bytes.append(contentsOf: chunk)
            if bytes.count >= limit { break }
        }
        if bytes.count >= limit {
            var skipped = 0
            while true {
                reader.fill(atLeast: ParseLimits.readChunkSize)
                let chunk = reader.take(reader.available)
                if chunk.isEmpty { break }
                skipped += chunk.count
            }
            if skipped > 0 { notes.append("The input is larger than \(limit) bytes; only the first \(limit) bytes were read (\(skipped) bytes skipped).") }
        }
        if let error = reader.readError {
            notes.append("The input could not be read to its end (\(error)); it may be incomplete.")
        }
        var kind = containerKind ?? .eml
        switch detected {
        case .empty:
            notes.append("The input is empty.")
        case .outlookMSG:
            kind = .outlookMSG
        case .pasted, .message:
            if detected == .pasted || repairPaste, let repaired = PastedInput.repair(bytes) {
                bytes = repaired.bytes
                notes += repaired.notes
                kind = .pastedHeaders
            }
            if kind == .stdin, !containsBlankLine(bytes) {
                kind = .pastedHeaders
                notes.append("Only a header block was given (no body).")
            }
        case .mbox:
            break
        }
        return InputItem(location: MessageLocation(path: path, kind: kind), bytes: bytes, notes: notes)
    }

    static func containsBlankLine(_ bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0x0A
        var beforePrevious: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A, previous == 0x0A || (previous == 0x0D && beforePrevious == 0x0A) { return true }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// The `S_IFMT` bits of a path, symbolic links followed; nil when it cannot be read. Uses stat(2)
    /// directly: FileManager's attributes look up the owner's name, which can open a socket to nscd.
    static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    /// A Maildir has `cur` or `new` subdirectories.
    static func isMaildir(_ path: String) -> Bool {
        ["cur", "new"].contains { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    static func listFiles(under root: String, maildir: Bool) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw InputError(path: root, reason: "directory could not be listed")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let components = (relative as NSString).pathComponents
            // Hidden files are skipped; in a Maildir, hidden folders are Maildir++ subfolders and are read.
            let hidden = maildir ? (components.last?.hasPrefix(".") ?? false) : components.contains { $0.hasPrefix(".") }
            if hidden { continue }
            if maildir {
                // Maildir (and Maildir++ folders): messages live in cur/ and new/, never in tmp/.
                guard components.count >= 2, ["cur", "new"].contains(components[components.count - 2]) else { continue }
            }
            let full = (root as NSString).appendingPathComponent(relative)
            // Only regular files (symbolic links to them included): no devices, sockets or pipes in a tree walk.
            if fileType(full) == S_IFREG { files.append(full) }
        }
        return files.sorted()
    }
}
