import CMagic
import Foundation

/// What a file really is, by its content (libmagic): a MIME type and a human description.
public struct FileType: Sendable, Hashable, Codable {
    /// MIME type as libmagic names it, for example `application/x-dosexec`.
    public var mimeType: String
    /// libmagic's description, for example `PE32 executable (GUI) Intel 80386, for MS Windows`.
    public var description: String

    public init(mimeType: String, description: String) {
        self.mimeType = mimeType
        self.description = description
    }
}

/// Identifies content with libmagic's default database. libmagic cookies must not be shared between
/// threads (a shared `magic_t` crashes), so each thread opens its own once and keeps it in thread-local storage.
public enum FileTypeDetector {
    /// At most this many bytes are shown to libmagic (its own default limit is of the same order).
    static let sampleLimit = 1 << 20

    /// Thread-local slot holding this thread's cookie; the destructor closes it when the thread ends.
    private static let cookieKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            magic_close(OpaquePointer(pointer))
        }
        return key
    }()

    /// This thread's cookie, opened and loaded on first use; nil when libmagic or its database is unavailable.
    private static func cookie() -> OpaquePointer? {
        if let existing = pthread_getspecific(cookieKey) { return OpaquePointer(existing) }
        guard let cookie = magic_open(MAGIC_NONE) else { return nil }
        guard magic_load(cookie, nil) == 0 else {
            magic_close(cookie)
            return nil
        }
        pthread_setspecific(cookieKey, UnsafeRawPointer(cookie))
        return cookie
    }

    /// The type of `bytes`; `application/octet-stream` with a note when libmagic cannot say.
    public static func detect<C: Collection>(_ bytes: C) -> FileType where C.Element == UInt8 {
        guard !bytes.isEmpty else { return FileType(mimeType: "application/x-empty", description: "empty") }
        // libmagic reads the caller's bytes in place: no copy unless they are not contiguous.
        if let type = bytes.withContiguousStorageIfAvailable({ detect(sample: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: $0.prefix(sampleLimit)))) }) {
            return type
        }
        return Array(bytes.prefix(sampleLimit)).withUnsafeBytes { detect(sample: $0) }
    }

    private static func detect(sample buffer: UnsafeRawBufferPointer) -> FileType {
        guard let cookie = cookie() else {
            return FileType(mimeType: "application/octet-stream", description: "unknown (libmagic unavailable)")
        }
        magic_setflags(cookie, MAGIC_MIME_TYPE)
        // Copy each result at once: libmagic reuses its buffer on the next call.
        let mime = magic_buffer(cookie, buffer.baseAddress, buffer.count).map { String(cString: $0) } ?? "application/octet-stream"
        magic_setflags(cookie, MAGIC_NONE)
        let description = magic_buffer(cookie, buffer.baseAddress, buffer.count).map { String(cString: $0) } ?? "data"
        return FileType(mimeType: mime, description: description)
    }
}
