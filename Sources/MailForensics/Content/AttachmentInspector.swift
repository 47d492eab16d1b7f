import Foundation
import MailAuth
import MailParsing

/// Judges one attachment by its name, its declared type and its real type (libmagic): the concerns a
/// mail filter or an analyst would raise. Reads bytes only; never opens, runs or writes anything.
enum AttachmentInspector {
    static let executableExtensions: Set<String> = [
        "exe", "scr", "com", "pif", "cpl", "dll", "sys", "msi", "msp", "msc", "msix", "msixbundle", "appx", "appxbundle",
        "jar", "js", "jse", "vbs", "vbe", "vb", "wsf", "wsh", "wsc", "ws", "ps1", "psm1", "psd1", "bat", "cmd", "hta", "reg",
        "sct", "scf", "inf", "chm", "xll", "gadget", "application", "appref-ms", "jnlp", "py", "pyw", "sh", "elf", "apk",
        "dmg", "pkg", "app", "command", "run", "ocx", "xbap", "library-ms", "settingcontent-ms", "diagcab",
    ]
    static let macroExtensions: Set<String> = ["docm", "dotm", "xlsm", "xltm", "xlam", "xlsb", "pptm", "potm", "ppam", "ppsm", "sldm"]
    static let diskImageExtensions: Set<String> = ["iso", "img", "vhd", "vhdx", "udf"]
    static let shortcutExtensions: Set<String> = ["lnk", "url"]
    static let htmlExtensions: Set<String> = ["htm", "html", "shtml", "xhtml", "svg", "mht", "mhtml", "xht"]
    static let archiveExtensions: Set<String> = ["zip", "rar", "7z", "gz", "tgz", "tar", "bz2", "xz", "ace", "arj", "lz", "lzh", "zipx", "z", "uue"]
    /// Extensions people expect in mail, used to spot the decoy half of a double extension.
    static let documentExtensions: Set<String> = [
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "rtf", "txt", "csv", "odt", "ods", "jpg", "jpeg", "png", "gif",
        "bmp", "tif", "tiff", "mp3", "mp4", "wav", "avi", "mov", "zip", "rar", "htm", "html", "xml", "eml", "msg", "ics",
    ]

    /// Broad families of file types, for comparing what a name or label claims with what the bytes are.
    enum Family: String {
        case executable, script, pdf, image, officeOOXML, officeLegacy, archive, html, text, audio, video, diskImage, shortcut,
             mail, other
    }

    static func family(ofMIME mime: String) -> Family? {
        let m = mime.lowercased()
        switch m {
        case "application/x-dosexec", "application/vnd.microsoft.portable-executable", "application/x-msdownload",
             "application/x-executable", "application/x-sharedlib", "application/x-pie-executable", "application/x-mach-binary",
             "application/x-msi", "application/x-ms-installer", "application/java-archive", "application/x-java-archive",
             "application/x-elf", "application/vnd.android.package-archive":
            return .executable
        case "text/x-shellscript", "text/x-python", "text/x-perl", "application/javascript", "text/javascript",
             "text/x-msdos-batch", "application/x-bat", "text/x-vbscript", "application/x-powershell":
            return .script
        case "application/pdf": return .pdf
        case "application/zip", "application/x-zip-compressed", "application/x-rar", "application/vnd.rar", "application/x-rar-compressed",
             "application/x-7z-compressed", "application/gzip", "application/x-gzip", "application/x-tar", "application/x-bzip2",
             "application/x-xz", "application/vnd.ms-cab-compressed", "application/x-lzh-compressed", "application/x-ace-compressed":
            return .archive
        case "text/html", "application/xhtml+xml", "image/svg+xml": return .html
        case "application/x-iso9660-image", "application/x-raw-disk-image", "application/x-virtualbox-vhd", "application/x-vhd":
            return .diskImage
        case "application/x-ms-shortcut", "application/x-mswinurl": return .shortcut
        case "message/rfc822", "application/vnd.ms-outlook": return .mail
        case "text/rtf", "application/rtf", "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/x-ole-storage",
             "application/cdfv2", "application/vnd.ms-office":
            return .officeLegacy
        default: break
        }
        if m.hasPrefix("application/vnd.openxmlformats-officedocument") || m.hasPrefix("application/vnd.ms-word.")
            || m.hasPrefix("application/vnd.ms-excel.") || m.hasPrefix("application/vnd.ms-powerpoint.")
            || m.hasPrefix("application/vnd.oasis.opendocument") {
            return .officeOOXML
        }
        if m.hasPrefix("image/") { return .image }
        if m.hasPrefix("audio/") { return .audio }
        if m.hasPrefix("video/") { return .video }
        if m.hasPrefix("text/") { return .text }
        return nil
    }

    static func family(ofExtension ext: String) -> Family? {
        switch ext {
        case _ where executableExtensions.contains(ext):
            return ["js", "jse", "vbs", "vbe", "vb", "wsf", "wsh", "ps1", "psm1", "bat", "cmd", "hta", "sh", "py", "pyw"].contains(ext) ? .script : .executable
        case _ where macroExtensions.contains(ext): return .officeOOXML
        case _ where diskImageExtensions.contains(ext): return .diskImage
        case _ where shortcutExtensions.contains(ext): return .shortcut
        case _ where htmlExtensions.contains(ext): return .html
        case _ where archiveExtensions.contains(ext): return .archive
        case "pdf": return .pdf
        case "docx", "xlsx", "pptx", "dotx", "xltx", "potx", "ppsx", "odt", "ods", "odp": return .officeOOXML
        case "doc", "xls", "ppt", "dot", "xlt", "pps", "msg", "rtf": return .officeLegacy
        case "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "ico", "heic": return .image
        case "txt", "csv", "log", "ics", "vcf", "xml", "json", "md": return .text
        case "mp3", "wav", "m4a", "ogg", "flac": return .audio
        case "mp4", "avi", "mov", "mkv", "wmv": return .video
        case "eml": return .mail
        default: return nil
        }
    }

    /// Whether two families can honestly describe the same file.
    static func compatible(_ a: Family, _ b: Family) -> Bool {
        if a == b { return true }
        let pair = Set([a, b])
        // OOXML and OpenDocument files are ZIP archives; libmagic may say either.
        if pair == [.officeOOXML, .archive] { return true }
        // Outlook .msg files are OLE compound files, like legacy Office.
        if pair == [.mail, .officeLegacy] { return true }
        // Bounce reports declare text/rfc822-headers or message/delivery-status for mail headers, which are text.
        if pair == [.mail, .text] { return true }
        // Scripts and HTML are text; text may be sniffed as HTML or a script by a loose rule.
        if pair.contains(.text), pair.contains(.script) || pair.contains(.html) { return true }
        // An executable "script" family (jar is a ZIP archive).
        if pair == [.executable, .archive] { return true }
        return false
    }

    /// The last extension of a file name, lower case, without the dot.
    static func lastExtension(_ name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = ASCIIText.lowercased(ASCIIText.trimmingWhitespaces(name[name.index(after: dot)...]))
        return ext.isEmpty || ext.count > 20 ? nil : ext
    }

    /// Bidirectional and invisible formatting characters that change how a name is displayed.
    static func bidiCharacters(in name: String) -> [Unicode.Scalar] {
        if ASCIIText.isPrintable(name) { return [] }
        return name.unicodeScalars.filter { s in
            let v = s.value
            return (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
        }
    }

    /// Shows invisible characters as `<U+202E>` so the evidence reveals them.
    static func visible(_ name: String) -> String {
        if ASCIIText.isPrintable(name) { return name }
        var out = ""
        for s in name.unicodeScalars {
            if s.value < 0x20 || s.value == 0x7F || !bidiCharacters(in: String(s)).isEmpty || (0x200B...0x200D).contains(s.value) || s.value == 0xFEFF {
                out += String(format: "<U+%04X>", s.value)
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// True when an OLE compound file holds a VBA project (a `VBA` or `_VBA_PROJECT_CUR` storage, or `Macros`).
    static func oleHasVBA(_ bytes: [UInt8]) -> Bool {
        guard CompoundFile.hasSignature(bytes), case .success(let file) = CompoundFile.read(bytes) else { return false }
        return file.entries.contains { entry in
            let n = entry.name.uppercased()
            return n == "VBA" || n == "_VBA_PROJECT_CUR" || n == "_VBA_PROJECT" || (n == "MACROS" && entry.kind == .storage)
        }
    }

    /// Inspects one attachment; fills `info.concerns` and `info.archiveMembers`, returns the findings.
    static func inspect(_ info: inout AttachmentInfo, data: [UInt8], lines: ClosedRange<Int>? = nil) -> [Finding] {
        var findings: [Finding] = []
        let name = info.filename ?? ""
        let shown = visible(name)
        let label = name.isEmpty ? "part \(info.part)" : "\"\(shown)\" (part \(info.part))"
        var evidence = [
            Evidence(kind: .body, label: "attachment", value: name.isEmpty ? "(no file name), part \(info.part)" : shown,
                     firstLine: lines?.lowerBound, lastLine: lines?.upperBound),
            Evidence(kind: .computed, label: "real type (libmagic)", value: "\(info.realType.mimeType): \(info.realType.description)"),
            Evidence(kind: .computed, label: "SHA-256", value: info.sha256),
        ]
        if let declared = info.declaredType {
            evidence.insert(Evidence(kind: .body, label: "declared Content-Type", value: declared), at: 1)
        }
        func add(_ spec: FindingSpec, _ concern: String, _ explanation: String, extra: [Evidence] = []) {
            guard !info.concerns.contains(concern) else { return }
            info.concerns.append(concern)
            findings.append(spec.finding(explanation: explanation, evidence: evidence + extra))
        }

        let ext = lastExtension(name)
        let realFamily = family(ofMIME: info.realType.mimeType)
        let description = info.realType.description.lowercased()

        // Hidden direction changes in the name.
        let bidi = bidiCharacters(in: name)
        if !bidi.isEmpty {
            let codes = bidi.map { String(format: "U+%04X", $0.value) }.joined(separator: ", ")
            add(ContentFindings.bidiName, "bidi-name",
                "The attachment name \(label) contains \(codes). \(ContentFindings.bidiName.meaning)")
        }

        // Double extension: decoy document extension, then a risky one (or many spaces before it).
        // (Split only a name with two dots or more: fewer give fewer than three parts.)
        let parts = name.utf8.lazy.filter({ $0 == 0x2E }).count < 2 ? []
            : name.split(separator: ".", omittingEmptySubsequences: false).map { ASCIIText.lowercased(ASCIIText.trimmingWhitespaces($0)) }
        if parts.count >= 3, let last = parts.last, isRisky(extension: last) || htmlExtensions.contains(last), documentExtensions.contains(parts[parts.count - 2]) {
            add(ContentFindings.doubleExtension, "double-extension",
                "The attachment \(label) ends in .\(parts[parts.count - 2]).\(last): it is really a .\(last) file. \(ContentFindings.doubleExtension.meaning)",
                extra: [Evidence(kind: .computed, label: "real extension", value: last)])
        } else if hasRunOfFiveSpaces(name), let ext, isRisky(extension: ext) {
            add(ContentFindings.doubleExtension, "double-extension",
                "The attachment \(label) hides its real extension .\(ext) behind a run of spaces.")
        }

        // Executables and scripts, by content or by name.
        if realFamily == .executable || ASCIIText.includes(description, "executable") && !ASCIIText.includes(description, "text") {
            add(ContentFindings.executable, "executable",
                "The attachment \(label) is a program by its content (\(info.realType.description)). \(ContentFindings.executable.meaning)")
        } else if let ext, executableExtensions.contains(ext) {
            add(ContentFindings.executable, "executable",
                "The attachment \(label) has the extension .\(ext), which Windows runs as a program or script. \(ContentFindings.executable.meaning)")
        }

        // Shortcuts and disk images.
        if realFamily == .shortcut || description.hasPrefix("ms windows shortcut") || (ext.map(shortcutExtensions.contains) ?? false) {
            add(ContentFindings.shortcut, "shortcut", "The attachment \(label) is a Windows shortcut. \(ContentFindings.shortcut.meaning)")
        }
        if realFamily == .diskImage || description.hasPrefix("iso 9660") || ASCIIText.includes(description, "udf filesystem")
            || description.hasPrefix("microsoft disk image") || (ext.map(diskImageExtensions.contains) ?? false) {
            add(ContentFindings.diskImage, "disk-image", "The attachment \(label) is a disk image. \(ContentFindings.diskImage.meaning)")
        }

        // HTML attachments (smuggling, fake login pages).
        if realFamily == .html || (ext.map(htmlExtensions.contains) ?? false) {
            let active = activeHTMLContent(data)
            if active.isEmpty {
                // Mail programs attach plain HTML fragments (Exchange's attNNNNN.htm): worth noting, not alarming.
                info.concerns.append("html")
                findings.append(ContentFindings.htmlAttachment.finding(
                    explanation: "The attachment \(label) is a web page. It holds no script, form or redirect, so it is probably a mail program's formatted text, but it still opens in a browser.",
                    evidence: evidence, severity: .notice))
            } else {
                add(ContentFindings.htmlAttachment, "html",
                    "The attachment \(label) is a web page containing \(active.joined(separator: ", ")). \(ContentFindings.htmlAttachment.meaning)")
            }
        }

        // Macro-enabled Office files.
        var members: [ArchiveMember]?
        if ZIPDirectory.looksLikeZIP(data) { members = ZIPDirectory.members(data) }
        let hasVBAPart = members?.contains { $0.name.lowercased().hasSuffix("vbaproject.bin") } ?? false
        if (ext.map(macroExtensions.contains) ?? false) || hasVBAPart || ASCIIText.includes(ASCIIText.lowercased(info.realType.mimeType), "macroenabled") {
            add(ContentFindings.macroDocument, "macro-document",
                "The attachment \(label) is a macro-enabled Office document. \(ContentFindings.macroDocument.meaning)")
        } else if CompoundFile.hasSignature(data), oleHasVBA(data) {
            add(ContentFindings.macroDocument, "macro-document",
                "The attachment \(label) is an Office document holding a VBA macro project. \(ContentFindings.macroDocument.meaning)")
        }

        // Archives: encryption and member names (ZIP central directory only; nothing is decompressed).
        if let members, !hasVBAPart || realFamily == .archive {
            let isOffice = members.contains { $0.name == "[Content_Types].xml" || $0.name == "mimetype" }
            if !isOffice {
                info.archiveMembers = members
                let memberList = members.prefix(20).map { visible($0.name) }.joined(separator: ", ")
                let membersEvidence = Evidence(kind: .computed, label: "archive members (\(members.count))", value: memberList)
                if members.contains(where: \.encrypted) {
                    add(ContentFindings.encryptedArchive, "encrypted-archive",
                        "The ZIP attachment \(label) is password-protected, so its content could not be checked. \(ContentFindings.encryptedArchive.meaning)",
                        extra: [membersEvidence])
                }
                let risky = members.filter { m in
                    let base = m.name.split(separator: "/").last.map(String.init) ?? m.name
                    return !bidiCharacters(in: base).isEmpty || (lastExtension(base).map(isRisky(extension:)) ?? false)
                }
                if !risky.isEmpty {
                    add(ContentFindings.riskyArchiveMember, "archive-risky-member",
                        "The ZIP attachment \(label) contains \(risky.prefix(5).map { visible($0.name) }.joined(separator: ", ")). \(ContentFindings.riskyArchiveMember.meaning)",
                        extra: [membersEvidence])
                }
            }
        } else if info.realType.mimeType == "application/encrypted" {
            add(ContentFindings.encryptedArchive, "encrypted-archive",
                "The Office document \(label) is encrypted with a password, so its content (macros included) could not be checked. \(ContentFindings.encryptedArchive.meaning)")
        } else if realFamily == .archive, ASCIIText.includes(description, "encrypted") {
            add(ContentFindings.encryptedArchive, "encrypted-archive",
                "The archive \(label) is encrypted, so its content could not be checked. \(ContentFindings.encryptedArchive.meaning)")
        }

        // Name or label vs real type.
        if let realFamily {
            var claims: [(String, Family)] = []
            if let ext, let f = family(ofExtension: ext) { claims.append(("has the extension .\(ext)", f)) }
            if let declared = info.declaredType, let f = family(ofMIME: declared) { claims.append(("is declared as \(declared)", f)) }
            if let (claim, _) = claims.first(where: { !compatible($0.1, realFamily) }) {
                // Plain text cannot run; a label that is merely wrong about text matters little.
                let severity: Severity = realFamily == .executable || realFamily == .script || realFamily == .shortcut ? .critical
                    : realFamily == .text ? .notice : .warning
                info.concerns.append("type-mismatch")
                findings.append(ContentFindings.typeMismatch.finding(
                    explanation: "The attachment \(label) \(claim), but its content is \(info.realType.description). \(ContentFindings.typeMismatch.meaning)",
                    evidence: evidence, severity: severity))
            }
        }
        return findings
    }

    /// What makes an HTML file active: scripts, forms, redirects, embedded payloads.
    static func activeHTMLContent(_ data: [UInt8]) -> [String] {
        let markers: [(String, String)] = [
            ("<script", "a script"), ("<form", "a form"), ("http-equiv=\"refresh", "a redirect"), ("http-equiv=refresh", "a redirect"),
            ("atob(", "an encoded payload"), ("window.location", "a redirect"), ("document.write", "a script"),
            ("<iframe", "an embedded frame"), ("data:application/", "an embedded file"), ("msSaveOrOpenBlob", "a download"),
            ("download=", "a download"),
        ]
        var found: [String] = []
        for (marker, meaning) in markers where !found.contains(meaning) {
            if HTMLScanner.findCaseInsensitive(Array(marker.utf8), in: data, from: 0) != nil { found.append(meaning) }
        }
        return found
    }

    /// `name.contains("     ")`, counted on the bytes for an ASCII name.
    static func hasRunOfFiveSpaces(_ name: String) -> Bool {
        guard ASCIIText.isPrintable(name) else { return name.contains("     ") }
        var run = 0
        for b in name.utf8 {
            run = b == 0x20 ? run + 1 : 0
            if run == 5 { return true }
        }
        return false
    }

    static func isRisky(extension ext: String) -> Bool {
        executableExtensions.contains(ext) || shortcutExtensions.contains(ext) || diskImageExtensions.contains(ext)
            || macroExtensions.contains(ext) || ext == "hta"
    }
}
