/// What a receiving server recorded (Authentication-Results, ARC-Authentication-Results, Received-SPF),
/// marked trusted or not. Placeholder shape: the Authentication-Results work fills it.
public struct RecordedAuthentication: Sendable, Hashable, Codable {
    public var field: String
    public var headerLine: Int
    public var trusted: Bool
    public var why: String

    public init(field: String, headerLine: Int, trusted: Bool, why: String) {
        self.field = field
        self.headerLine = headerLine
        self.trusted = trusted
        self.why = why
    }
}
