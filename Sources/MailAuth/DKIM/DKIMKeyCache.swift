/// Parsed public keys shared across messages, so `d2i_PUBKEY` runs once per key (RFC 6376 §3.6.2 keys).
public actor DKIMKeyCache {
    private var keys: [Entry: Result<PublicKey, PublicKey.LoadError>] = [:]
    private let capacity: Int

    private struct Entry: Hashable {
        var kind: PublicKey.Kind
        var data: [UInt8]
    }

    public init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The loaded key for this record's `p=` data, parsing it the first time.
    public func key(data: [UInt8], kind: PublicKey.Kind) -> Result<PublicKey, PublicKey.LoadError> {
        let entry = Entry(kind: kind, data: data)
        if let cached = keys[entry] { return cached }
        let loaded: Result<PublicKey, PublicKey.LoadError>
        do {
            loaded = .success(try PublicKey(der: data, kind: kind))
        } catch {
            loaded = .failure(error)
        }
        if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
        keys[entry] = loaded
        return loaded
    }
}
