import CCrypto

/// Message digests through libcrypto's EVP interface (SHA-256, SHA-1, MD5).
public enum DigestAlgorithm: String, Sendable, Hashable, Codable {
    case sha256, sha1, md5

    var evp: OpaquePointer? {
        switch self {
        case .sha256: return EVP_sha256()
        case .sha1: return EVP_sha1()
        case .md5: return EVP_md5()
        }
    }
}

/// An incremental digest; `update` any number of times, then `finish` once.
public struct Digest: ~Copyable {
    private let context: OpaquePointer?

    public init(_ algorithm: DigestAlgorithm) {
        context = EVP_MD_CTX_new()
        EVP_DigestInit_ex(context, algorithm.evp, nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done = bytes.withContiguousStorageIfAvailable { buffer in
            _ = EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        }
    }

    public consuming func finish() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Int(EVP_MAX_MD_SIZE)) { buffer, count in
            var length: UInt32 = 0
            EVP_DigestFinal_ex(context, buffer.baseAddress, &length)
            count = Int(length)
        }
    }

    /// One-shot digest of `bytes` (`EVP_Digest`: no context kept when the bytes are contiguous).
    public static func hash<C: Collection>(_ algorithm: DigestAlgorithm, _ bytes: C) -> [UInt8] where C.Element == UInt8 {
        let oneShot = bytes.withContiguousStorageIfAvailable { input in
            [UInt8](unsafeUninitializedCapacity: Int(EVP_MAX_MD_SIZE)) { buffer, count in
                var length: UInt32 = 0
                count = EVP_Digest(input.baseAddress, input.count, buffer.baseAddress, &length, algorithm.evp, nil) == 1 ? Int(length) : 0
            }
        }
        if let oneShot { return oneShot }
        var digest = Digest(algorithm)
        digest.update(bytes)
        return digest.finish()
    }

    /// Lower-case hexadecimal of a digest.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
