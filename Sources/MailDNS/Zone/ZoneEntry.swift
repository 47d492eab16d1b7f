/// One entry of a mailsleuth zone file: a resource record (RFC 1035 §5.1) or one of the
/// directives that say what master files cannot (`$NXDOMAIN`, `$NODATA`, `$SERVFAIL`, `$TIMEOUT`, `$COMPLETE`).
public struct ZoneEntry: Sendable, Hashable {
    /// What the entry says, independent of where it was written.
    public enum Kind: Sendable, Hashable {
        /// A record: owner name (normalized), TTL if one was given, data.
        case record(name: String, ttl: UInt32?, data: DNSRecordData)
        /// `$NXDOMAIN name`: the name does not exist.
        case nxdomain(name: String)
        /// `$NODATA name TYPE`: the name exists but has no records of this type.
        case nodata(name: String, type: DNSRecordType)
        /// `$SERVFAIL name TYPE`: the server failed to answer.
        case servfail(name: String, type: DNSRecordType)
        /// `$TIMEOUT name TYPE`: no answer came before the deadline.
        case timeout(name: String, type: DNSRecordType)
        /// `$COMPLETE [domain]`: at or below `scope` (`.` for every name), this file's data is all there is.
        case complete(scope: String)
    }

    public var kind: Kind
    /// 1-based line where the entry starts.
    public var line: Int

    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// The record this entry holds, with its origin in `file`; nil for directives.
    public func record(file: String) -> DNSRecord? {
        guard case let .record(name, ttl, data) = kind else { return nil }
        return DNSRecord(name: name, ttl: ttl, data: data, origin: .cache(file: file, line: line))
    }
}
