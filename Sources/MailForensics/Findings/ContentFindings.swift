/// Findings about what the message carries: attachments by their real type, links by where they go.
enum ContentFindings {
    // MARK: Attachments

    static let executable = FindingSpec(
        id: "attachment.executable", severity: .critical, title: "An attachment is a program or script.",
        trigger: "An attachment is an executable, installer or script by its content or its name (exe, scr, dll, msi, js, vbs, ps1, bat, cmd, hta, jar...).",
        meaning: "Opening it would run code on the computer. Legitimate senders almost never mail programs; this is how most malware arrives.",
        action: "Do not open it. Block the sender, and check whether anyone else received or opened the same file (search by its SHA-256).",
        references: ["MITRE ATT&CK T1566.001"])
    static let typeMismatch = FindingSpec(
        id: "attachment.type-mismatch", severity: .warning, title: "An attachment is not what its name or label says.",
        trigger: "The file's real type (read from its content) differs from its extension or its declared Content-Type.",
        meaning: "The file pretends to be another kind of file, a common trick to get a program or web page opened as a document.",
        action: "Treat the file by its real type, shown in the evidence. Do not open it on a workstation.",
        references: ["RFC 2045 §5", "MITRE ATT&CK T1036.008"])
    static let doubleExtension = FindingSpec(
        id: "attachment.double-extension", severity: .warning, title: "An attachment name has a double extension.",
        trigger: "The file name ends with two extensions, the last one risky (for example invoice.pdf.exe), or hides the last one behind many spaces.",
        meaning: "Windows hides known extensions, so invoice.pdf.exe looks like invoice.pdf. This is a classic disguise for malware.",
        action: "Do not open it; the real extension is the last one.",
        references: ["MITRE ATT&CK T1036.007"])
    static let bidiName = FindingSpec(
        id: "attachment.bidi-name", severity: .critical, title: "An attachment name contains hidden direction-changing characters.",
        trigger: "The file name contains a right-to-left override (U+202E) or another invisible bidirectional control character.",
        meaning: "These characters reverse how the name is displayed, so \"invoice‮fdp.exe\" shows as \"invoiceexe.pdf\". There is no honest reason for them in a file name.",
        action: "Do not open it. The evidence shows the name with the hidden characters made visible.",
        references: ["Unicode TR9", "MITRE ATT&CK T1036.002"])
    static let macroDocument = FindingSpec(
        id: "attachment.macro-document", severity: .warning, title: "An attachment is an Office document with macros.",
        trigger: "A macro-enabled Office file (docm, xlsm, pptm...), or an Office file whose content holds a VBA project.",
        meaning: "Macros are programs inside documents; attackers ask the reader to \"enable content\" to run them.",
        action: "Do not enable macros. Have the file checked in a sandbox before anyone opens it.",
        references: ["MITRE ATT&CK T1204.002"])
    static let diskImage = FindingSpec(
        id: "attachment.disk-image", severity: .warning, title: "An attachment is a disk image.",
        trigger: "An ISO, IMG, VHD or VHDX file, by its content or its name.",
        meaning: "Disk images open like a folder with one double-click and were used to slip programs past mail filters and Windows' download warnings.",
        action: "Do not open it; have it checked in a sandbox.",
        references: ["MITRE ATT&CK T1553.005"])
    static let shortcut = FindingSpec(
        id: "attachment.shortcut", severity: .critical, title: "An attachment is a Windows shortcut.",
        trigger: "A .lnk or .url shortcut file, by its content or its name.",
        meaning: "A shortcut can run any command when opened; mailed shortcuts are almost always malicious.",
        action: "Do not open it. Block the sender.",
        references: ["MITRE ATT&CK T1204.002"])
    static let htmlAttachment = FindingSpec(
        id: "attachment.html", severity: .warning, title: "An attachment is a web page.",
        trigger: "An attached HTML (or SVG) file, by its content or its name.",
        meaning: "An attached web page opens in the browser from the disk; it is used for fake login pages and to assemble malware inside the browser (HTML smuggling).",
        action: "Do not open it; never type a password into a page that came as an attachment.",
        references: ["MITRE ATT&CK T1027.006"])
    static let encryptedArchive = FindingSpec(
        id: "attachment.encrypted-archive", severity: .warning, title: "An attachment is password-protected.",
        trigger: "A ZIP archive whose members are encrypted, another archive libmagic reports as encrypted, or an encrypted Office document.",
        meaning: "Encryption stops mail filters from looking inside; the password is usually in the message text. A favourite way to deliver malware.",
        action: "Do not open it; have it checked in a sandbox with the password from the message.",
        references: ["APPNOTE.TXT §4.4.4", "MITRE ATT&CK T1027.013"])
    static let riskyArchiveMember = FindingSpec(
        id: "attachment.archive-risky-member", severity: .critical, title: "An archive attachment contains a program, script or shortcut.",
        trigger: "The directory of an attached ZIP lists a member with a risky extension (exe, js, lnk, iso...).",
        meaning: "The archive carries something that runs code when opened.",
        action: "Do not open the archive. Search for the same file in other mailboxes by its SHA-256.",
        references: ["MITRE ATT&CK T1566.001"])

    // MARK: Links

    static let linkTextMismatch = FindingSpec(
        id: "link.text-mismatch", severity: .warning, title: "A link shows one address but goes to another.",
        trigger: "The visible text of an HTML link names one domain while the link itself goes to a different domain.",
        meaning: "The reader believes they are going to the site they see; they are taken somewhere else. This is the core trick of phishing.",
        action: "Do not click. The evidence shows what the link displays and where it really goes.",
        references: ["MITRE ATT&CK T1566.002"])
    static let linkShortener = FindingSpec(
        id: "link.shortener", severity: .notice, title: "A link goes through a URL shortener.",
        trigger: "The link's host is a known URL-shortening service.",
        meaning: "Shorteners hide the real destination; legitimate mail rarely needs them.",
        action: "Do not click; if needed, resolve the short link with the shortener's preview feature from a safe machine.")
    static let linkIPHost = FindingSpec(
        id: "link.ip-host", severity: .warning, title: "A link goes to a bare IP address.",
        trigger: "The link's host is an IP address (dotted, decimal or hexadecimal) instead of a name.",
        meaning: "Real organisations link to named sites; bare addresses are typical of throw-away attack servers.",
        action: "Do not click; add the address to your block list if it is confirmed malicious.")
    static let linkLookalike = FindingSpec(
        id: "link.lookalike-host", severity: .warning, title: "A link host imitates another name.",
        trigger: "The link's host is punycode (xn--) or contains non-ASCII letters, or borrows a well-known brand: the brand in front of an unrelated domain (paypal.com.account-check.example), spelled with look-alike characters (paypa1.com), or with words added (paypal-secure.example).",
        meaning: "Letters from other alphabets or digits can look like the letters of a famous name, and a brand written at the start of a long address makes it look like the brand's own site; the real owner is the domain at the end.",
        action: "Compare the decoded name in the evidence with the site it seems to be; do not click.",
        references: ["RFC 3492", "Unicode TR36"])
    static let linkScriptURL = FindingSpec(
        id: "link.script-or-data", severity: .warning, title: "A link carries code or embedded data instead of an address.",
        trigger: "A link target uses the javascript:, vbscript: or data: scheme.",
        meaning: "Such links run code or open content that was built inside the message, avoiding link scanners.",
        action: "Do not click.")
    static let htmlForm = FindingSpec(
        id: "link.html-form", severity: .warning, title: "The message contains a form that sends what you type somewhere.",
        trigger: "An HTML part or attachment contains a <form> with an action address.",
        meaning: "Forms inside mail are used to collect passwords directly; legitimate senders link to their site instead.",
        action: "Do not type anything into it. The evidence shows where the form sends its data.")
    static let trackingPixel = FindingSpec(
        id: "link.tracking-pixel", severity: .info, title: "The message contains a tracking image.",
        trigger: "An HTML part loads a remote 1x1 image.",
        meaning: "Opening the message tells the sender that it was read, when and from which network. Common in marketing mail too.",
        action: "No action needed by itself; keep remote images blocked in the mail client.")

    static let specs = [executable, typeMismatch, doubleExtension, bidiName, macroDocument, diskImage, shortcut, htmlAttachment,
                        encryptedArchive, riskyArchiveMember, linkTextMismatch, linkShortener, linkIPHost, linkLookalike,
                        linkScriptURL, htmlForm, trackingPixel]
}
