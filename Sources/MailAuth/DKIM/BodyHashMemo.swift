/// The canonical body hashes of one message, shared by its DKIM signatures and its ARC message signatures: a
/// body is canonicalized and hashed once per (canonicalization, digest, `l=`) however many signatures ask.
/// One memo per message, used by one analysis at a time (not shared between threads).
public final class BodyHashMemo: @unchecked Sendable {
    private var hashes: [Key: DKIMBodyHash] = [:]

    private struct Key: Hashable {
        var canonicalization: DKIMCanonicalization
        var digest: DigestAlgorithm
        var limit: Int?
    }

    public init() {}

    /// The hash of `body` for this canonicalization, digest and `l=`, computed on first use.
    func hash(_ body: ArraySlice<UInt8>, _ canonicalization: DKIMCanonicalization, _ digest: DigestAlgorithm, _ limit: Int?) -> DKIMBodyHash {
        let key = Key(canonicalization: canonicalization, digest: digest, limit: limit)
        if let known = hashes[key] { return known }
        let hash = canonicalization.hashBody(body, algorithm: digest, limit: limit)
        hashes[key] = hash
        return hash
    }
}
