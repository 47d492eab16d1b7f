/// What the message carries: attachments and links. Placeholder shape: the attachments work fills it.
public struct ContentReport: Sendable, Hashable, Codable {
    public init() {}
}

/// Indicators of compromise, deduplicated. Placeholder shape: the attachments work fills it.
public struct IOCList: Sendable, Hashable, Codable {
    public init() {}
}
