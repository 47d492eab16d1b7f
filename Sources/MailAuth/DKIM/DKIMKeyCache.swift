import Foundation

/// Parsed key records and loaded public keys shared across messages, so `d2i_PUBKEY` and the tag
/// parsing run once per key (RFC 6376 §3.6.1 records).
///
/// A class with a lock rather than an actor: it is consulted once per signature, and an actor hop
/// there cost more than the RSA verification itself in sweeps. Entries are immutable once stored.
public final class DKIMKeyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [Entry: Result<PublicKey, PublicKey.LoadError>] = [:]
    private var records: [String: Result<DKIMKeyRecord, DKIMKeyRecord.ParseError>] = [:]
    private let capacity: Int

    private struct Entry: Hashable {
        var kind: PublicKey.Kind
        var data: [UInt8]
    }

    public init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The loaded key for `p=` data of this kind, parsing it the first time.
    public func key(data: [UInt8], kind: PublicKey.Kind) -> Result<PublicKey, PublicKey.LoadError> {
        let entry = Entry(kind: kind, data: data)
        if let cached = lock.withLock({ keys[entry] }) { return cached }
        let loaded: Result<PublicKey, PublicKey.LoadError>
        do {
            loaded = .success(try PublicKey(der: data, kind: kind))
        } catch {
            loaded = .failure(error)
        }
        lock.withLock {
            if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
            keys[entry] = loaded
        }
        return loaded
    }

    /// The parsed key record for this TXT text, parsing it the first time.
    public func record(_ text: String) -> Result<DKIMKeyRecord, DKIMKeyRecord.ParseError> {
        if let cached = lock.withLock({ records[text] }) { return cached }
        let parsed: Result<DKIMKeyRecord, DKIMKeyRecord.ParseError>
        do {
            parsed = .success(try DKIMKeyRecord(text))
        } catch {
            parsed = .failure(error)
        }
        lock.withLock {
            if records.count >= capacity { records.removeAll(keepingCapacity: true) }
            records[text] = parsed
        }
        return parsed
    }
}
