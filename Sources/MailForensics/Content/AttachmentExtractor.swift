import Foundation

/// Writes decoded attachments into a directory the analyst chose (`--extract DIR`). Names are sanitized
/// so nothing escapes DIR: no path separators, no `..`, no control or bidi characters, no leading dot; each
/// file is created new (never overwriting, never following a link) and without execute permission.
enum AttachmentExtractor {
    /// A safe file name: `<prefix>-<name>` with every risky character replaced by `_`, at most 120 bytes.
    static func safeName(_ name: String?, prefix: String) -> String {
        var cleaned = ""
        for s in (name ?? "attachment").unicodeScalars {
            let v = s.value
            let allowed = (s.properties.isAlphabetic || s.properties.numericType != nil || s == "." || s == "-" || s == "_" || s == " ")
                && v >= 0x20 && v != 0x7F && !(0x200B...0x200F).contains(v) && !(0x202A...0x202E).contains(v)
                && !(0x2066...0x2069).contains(v) && v != 0x061C && v != 0xFEFF
            cleaned.unicodeScalars.append(allowed ? s : "_")
        }
        while cleaned.contains("..") { cleaned = cleaned.replacingOccurrences(of: "..", with: "_") }
        cleaned = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        if cleaned.isEmpty { cleaned = "attachment" }
        var result = "\(prefix)-\(cleaned)"
        while result.utf8.count > 120 { result.removeLast() }
        return result
    }

    /// Writes `data` into `directory` under a safe, unique name; the path written, or why not.
    static func write(_ data: [UInt8], name: String?, prefix: String, into directory: String) -> Result<String, ExtractError> {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                return .failure(ExtractError(reason: "the directory \(directory) could not be created"))
            }
        } else if !isDirectory.boolValue {
            return .failure(ExtractError(reason: "\(directory) is not a directory"))
        }
        let base = safeName(name, prefix: prefix)
        for attempt in 0..<1000 {
            let candidate = attempt == 0 ? base : "\(base).\(attempt)"
            let path = (directory as NSString).appendingPathComponent(candidate)
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd < 0 {
                if errno == EEXIST { continue }
                return .failure(ExtractError(reason: "\(path) could not be created (\(String(cString: strerror(errno))))"))
            }
            defer { close(fd) }
            var written = 0
            let ok = data.withUnsafeBytes { buffer -> Bool in
                while written < buffer.count {
                    let n = Foundation.write(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                    if n <= 0 { return false }
                    written += n
                }
                return true
            }
            return ok ? .success(path) : .failure(ExtractError(reason: "\(path) could not be written completely"))
        }
        return .failure(ExtractError(reason: "no free file name for \(base)"))
    }

    struct ExtractError: Error, Sendable {
        var reason: String
    }
}
