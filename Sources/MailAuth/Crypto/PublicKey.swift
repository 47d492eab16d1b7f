import CCrypto

/// A public key loaded into libcrypto: RSA (SubjectPublicKeyInfo or bare PKCS#1 RSAPublicKey) or
/// Ed25519 (raw 32 bytes, RFC 8463 §3). Immutable after creation, so safe to share between tasks.
public final class PublicKey: @unchecked Sendable {
    /// The key families DKIM knows (RFC 6376 §3.6.1 `k=`, RFC 8463).
    public enum Kind: String, Sendable, Hashable, Codable {
        case rsa, ed25519
    }

    /// Why key bytes could not be loaded.
    public enum LoadError: Error, Sendable, Hashable, CustomStringConvertible {
        case notRSA
        case notEd25519(length: Int)
        case empty

        public var description: String {
            switch self {
            case .notRSA: return "the key data is not an RSA public key (neither SubjectPublicKeyInfo nor RSAPublicKey)"
            case let .notEd25519(length): return "an Ed25519 key must be 32 raw bytes, this one has \(length)"
            case .empty: return "the key data is empty"
            }
        }
    }

    let pointer: OpaquePointer
    public let kind: Kind
    /// Key size in bits (`EVP_PKEY_get_bits`): the RSA modulus size, 256 for Ed25519.
    public let bits: Int

    private init(pointer: OpaquePointer, kind: Kind) {
        self.pointer = pointer
        self.kind = kind
        self.bits = Int(EVP_PKEY_get_bits(pointer))
    }

    deinit { EVP_PKEY_free(pointer) }

    /// Loads DER key data of the given kind.
    public convenience init(der: [UInt8], kind: Kind) throws(LoadError) {
        guard !der.isEmpty else { throw .empty }
        switch kind {
        case .rsa:
            guard let key = Self.loadRSA(der) else { throw .notRSA }
            self.init(pointer: key, kind: .rsa)
        case .ed25519:
            guard der.count == 32,
                  let key = der.withUnsafeBufferPointer({ EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, $0.baseAddress, 32) })
            else {
                ERR_clear_error()
                throw .notEd25519(length: der.count)
            }
            self.init(pointer: key, kind: .ed25519)
        }
    }

    private static func loadRSA(_ der: [UInt8]) -> OpaquePointer? {
        der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            guard let base = buffer.baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            if let key = d2i_PUBKEY(nil, &cursor, buffer.count) {
                guard EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA else {
                    EVP_PKEY_free(key)
                    return nil
                }
                return key
            }
            ERR_clear_error()
            cursor = base
            if let key = d2i_PublicKey(EVP_PKEY_RSA, nil, &cursor, buffer.count) { return key }
            ERR_clear_error()
            return nil
        }
    }
}
