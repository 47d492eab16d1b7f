/// The Received path rebuilt hop by hop. Placeholder shape: the forensic report work fills it.
public struct ReceivedPath: Sendable, Hashable, Codable {
    public init() {}
}
