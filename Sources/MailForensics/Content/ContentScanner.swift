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
                var info = AttachmentInfo(part: part.part, filename: part.filename, declaredType: part.mediaType,
                                          disposition: part.disposition, realType: FileTypeDetector.detect(part.data),
                                          size: part.data.count,
                                          sha256: Digest.hex(Digest.hash(.sha256, part.data)),
                                          sha1: Digest.hex(Digest.hash(.sha1, part.data)),
                                          md5: Digest.hex(Digest.hash(.md5, part.data)))
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
}
