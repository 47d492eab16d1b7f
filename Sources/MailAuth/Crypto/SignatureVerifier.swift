import CCrypto

/// Checks a signature with libcrypto's EVP_DigestVerify (RSA PKCS#1 v1.5, RFC 6376 §3.3; Ed25519, RFC 8463 §3).
public enum SignatureVerifier {
    /// DKIM signing algorithms (`a=`).
    public enum Algorithm: String, Sendable, Hashable, Codable, CaseIterable {
        case rsaSHA256 = "rsa-sha256"
        case rsaSHA1 = "rsa-sha1"
        case ed25519SHA256 = "ed25519-sha256"

        /// The key family the algorithm needs.
        public var keyKind: PublicKey.Kind { self == .ed25519SHA256 ? .ed25519 : .rsa }
        /// The hash used for the body and the headers.
        public var digest: DigestAlgorithm { self == .rsaSHA1 ? .sha1 : .sha256 }
    }

    /// True when `signature` is a valid signature of `data` under `key` with `algorithm`.
    /// For Ed25519 the signed message is the SHA-256 digest of `data` (RFC 8463 §3).
    public static func verify(signature: [UInt8], data: [UInt8], key: PublicKey, algorithm: Algorithm) -> Bool {
        guard key.kind == algorithm.keyKind, !signature.isEmpty else { return false }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        let ok: Bool
        switch algorithm {
        case .rsaSHA256, .rsaSHA1:
            guard EVP_DigestVerifyInit(context, nil, algorithm == .rsaSHA1 ? EVP_sha1() : EVP_sha256(), nil, key.pointer) == 1 else {
                ERR_clear_error()
                return false
            }
            ok = signature.withUnsafeBufferPointer { sig in
                data.withUnsafeBufferPointer { msg in
                    EVP_DigestVerify(context, sig.baseAddress, sig.count, msg.baseAddress, msg.count) == 1
                }
            }
        case .ed25519SHA256:
            guard EVP_DigestVerifyInit(context, nil, nil, nil, key.pointer) == 1 else {
                ERR_clear_error()
                return false
            }
            let digest = Digest.hash(.sha256, data)
            ok = signature.withUnsafeBufferPointer { sig in
                digest.withUnsafeBufferPointer { msg in
                    EVP_DigestVerify(context, sig.baseAddress, sig.count, msg.baseAddress, msg.count) == 1
                }
            }
        }
        if !ok { ERR_clear_error() }
        return ok
    }
}
