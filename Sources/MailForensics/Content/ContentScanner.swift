import Foundation
import MailAuth

/// Builds the content section from the leaf parts of a message: attachments (real type, hashes, concerns),
/// links (where they go), and the findings; optionally writes attachments out (`--extract`).
enum ContentScanner {
    /// Attachments beyond this count are listed only by the first ones (a hostile message may carry thousands).
    static let maximumAttachments = 500

    static func scan(_ parts: [ContentPart], extractTo directory: String?, messageTag: String,
                     psl: PublicSuffixList? = nil) -> (ContentReport, [Finding]) {
        var report = ContentReport()
        var findings: [Finding] = []
        for part in parts {
            if part.isAttachment, report.attachments.count < maximumAttachments {
                let hashes = Self.hashes(part.data)
                var info = AttachmentInfo(part: part.part, filename: part.filename, declaredType: part.mediaType,
                                          disposition: part.disposition,
                                          realType: fileTypes.value(for: hashes.sha256) { _ in FileTypeDetector.detect(part.data) },
                                          size: part.data.count, sha256: hashes.sha256, sha1: hashes.sha1, md5: hashes.md5)
                findings += AttachmentInspector.inspect(&info, data: part.data, lines: part.lines)
                if let directory {
                    switch AttachmentExtractor.write(part.data, name: part.filename, prefix: "\(messageTag)-\(report.attachments.count + 1)", into: directory) {
                    case .success(let path): info.extractedPath = path
                    case .failure(let error): report.problems.append("An attachment could not be extracted: \(error.reason).")
                    }
                }
                report.attachments.append(info)
                // A web page attached is still a web page: its links and forms matter.
                if info.realType.mimeType == "text/html" || info.concerns.contains("html") {
                    report.links += LinkExtractor.links(inHTML: part.data, part: part.part)
                }
            } else if part.isHTML {
                report.links += LinkExtractor.links(inHTML: part.data, part: part.part)
            } else if part.isPlainText {
                report.links += LinkExtractor.links(inText: part.data, part: part.part)
            }
        }
        LinkExtractor.judge(&report.links, findings: &findings, psl: psl)
        if directory != nil { report.extractedTo = directory }
        return (report, findings)
    }

    /// libmagic's answers by the file's SHA-256: the same file (a logo in every signature, one campaign's payload
    /// sent to many) comes back message after message, and libmagic is the costliest step of an attachment.
    static let fileTypes = MemoCache<FileType>(capacity: 1024)

    /// Bytes fed to the three digests at a time: small enough to stay in the CPU cache between them.
    static let hashChunk = 32 * 1024

    /// SHA-256, SHA-1 and MD5 of an attachment (lower-case hex) in one pass over its bytes: each chunk goes
    /// through the three digests while it is still in the cache, instead of three passes over the whole file.
    static func hashes(_ data: [UInt8]) -> (sha256: String, sha1: String, md5: String) {
        var sha256 = Digest(.sha256), sha1 = Digest(.sha1), md5 = Digest(.md5)
        data.withUnsafeBufferPointer { buffer in
            var start = 0
            repeat {
                let chunk = UnsafeBufferPointer(rebasing: buffer[start..<min(start + hashChunk, buffer.count)])
                sha256.update(chunk)
                sha1.update(chunk)
                md5.update(chunk)
                start += hashChunk
            } while start < buffer.count
        }
        return (Digest.hex(sha256.finish()), Digest.hex(sha1.finish()), Digest.hex(md5.finish()))
    }
}
