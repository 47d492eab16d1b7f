/// What kind of container a message came from.
public enum InputKind: String, Sendable, Codable, Hashable {
    case eml, mbox, maildir, directory, stdin, pastedHeaders, outlookMSG
}

/// Where one message was found: the file, its position in that file, and the container kind.
public struct MessageLocation: Sendable, Hashable, Codable {
    public var path: String
    /// 0-based index of the message within its file (always 0 for a single-message file).
    public var index: Int
    /// Byte offset of the message within its file.
    public var byteOffset: Int
    public var kind: InputKind

    public init(path: String, index: Int = 0, byteOffset: Int = 0, kind: InputKind) {
        self.path = path
        self.index = index
        self.byteOffset = byteOffset
        self.kind = kind
    }
}

/// One message as read from an input, before parsing; or the reason it could not be read.
public struct InputItem: Sendable {
    public var location: MessageLocation
    /// The message bytes, or nil when the message could not be read.
    public var bytes: [UInt8]?
    /// Why the message could not be read, or a note about how it was read (truncation, for example).
    public var error: String?
    public var notes: [String]

    public init(location: MessageLocation, bytes: [UInt8]?, error: String? = nil, notes: [String] = []) {
        self.location = location
        self.bytes = bytes
        self.error = error
        self.notes = notes
    }
}

/// An input that could not be opened at all (missing file, permission denied).
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}
