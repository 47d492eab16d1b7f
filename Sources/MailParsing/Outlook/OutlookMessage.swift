import Foundation

/// An Outlook item read from a `.msg` file (MS-OXMSG §2) over a compound file: the transport headers,
/// subject, sender, recipients, bodies and attachments, embedded messages included.
public struct OutlookMessage: Sendable {
    /// One recipient row (MS-OXMSG §2.2.1).
    public struct Recipient: Sendable, Hashable {
        public enum Kind: Int, Sendable, Hashable { case to = 1, cc = 2, bcc = 3 }
        public var kind: Kind
        public var name: String?
        public var address: String?
    }

    /// One attachment (MS-OXMSG §2.2.2): file data, or an embedded message (attach method 5).
    public struct Attachment: Sendable {
        public var filename: String?
        public var displayName: String?
        public var mimeTag: String?
        public var contentID: String?
        public var method: Int?
        public var data: [UInt8]?
        public var embedded: OutlookMessage?

        /// The best name: long file name, short file name, then display name.
        public var name: String? { filename ?? displayName }
    }

    public var messageClass: String?
    public var subject: String?
    /// PR_TRANSPORT_MESSAGE_HEADERS: the Internet header as received, when the item was received.
    public var transportHeaders: String?
    public var senderName: String?
    public var senderAddress: String?
    public var recipients: [Recipient] = []
    public var bodyText: String?
    /// PR_HTML as stored (bytes in the item's code page, usually with a charset meta tag).
    public var bodyHTML: [UInt8]?
    /// PR_RTF_COMPRESSED is present (its HTML may be encapsulated there when PR_HTML is absent).
    public var hasCompressedRTF = false
    public var messageID: String?
    /// PR_CLIENT_SUBMIT_TIME (or the delivery time) when present.
    public var submitTime: Date?
    public var attachments: [Attachment] = []
    /// Problems met while reading (a damaged stream, an embedded message too deep); never fatal.
    public var notes: [String] = []

    /// Embedded messages deeper than this are not opened.
    static let maximumDepth = 8

    /// Reads a `.msg` file; a reason when it is not a compound file or is damaged beyond reading.
    public static func read(_ bytes: [UInt8]) -> Result<OutlookMessage, CompoundFile.ReadError> {
        switch CompoundFile.read(bytes) {
        case .failure(let error):
            return .failure(error)
        case .success(let file):
            guard file.child(named: "__properties_version1.0", in: file.root) != nil
                    || file.children(of: file.root).contains(where: { $0.name.hasPrefix("__substg1.0_") }) else {
                return .failure(CompoundFile.ReadError("a Compound File, but not an Outlook message (no MAPI property streams)"))
            }
            return .success(OutlookMessage(file: file, storage: file.root, depth: 0, budget: ReadBudget(bytes: 4 * bytes.count + (16 << 20))))
        }
    }

    init(file: CompoundFile, storage: CompoundFile.Entry, depth: Int, budget: ReadBudget) {
        let props = PropertyBag(file: file, storage: storage, headerSize: depth == 0 ? 32 : 24, budget: budget)
        messageClass = props.string(0x001A)
        subject = props.string(0x0037)
        transportHeaders = props.string(0x007D)
        senderName = props.string(0x0C1A) ?? props.string(0x0042)
        senderAddress = props.string(0x5D01) ?? props.smtp(props.string(0x0C1F), type: props.string(0x0C1E))
            ?? props.string(0x5D02) ?? props.smtp(props.string(0x0065), type: props.string(0x0064))
        bodyText = props.string(0x1000)
        bodyHTML = props.binary(0x1013) ?? props.string(0x1013).map { Array($0.utf8) }
        let rtf = props.binary(0x1009)
        hasCompressedRTF = rtf != nil
        // Outlook often keeps an HTML body only inside the RTF body (MS-OXRTFEX): recover it for the link checks.
        if bodyHTML == nil, let rtf, let text = CompressedRTF.decompress(rtf), let html = CompressedRTF.encapsulatedHTML(text) {
            bodyHTML = html
        }
        messageID = props.string(0x1035)
        submitTime = props.time(0x0039) ?? props.time(0x0E06)
        notes = props.notes
        defer {
            if depth == 0, budget.exhausted {
                notes.append("The file's streams claim far more data than the file holds (overlapping sector chains); the excess was not read.")
            }
        }

        for entry in file.children(of: storage) {
            if entry.kind == .storage, entry.name.hasPrefix("__recip_version1.0_") {
                let r = PropertyBag(file: file, storage: entry, headerSize: 8, budget: budget)
                let kind = Recipient.Kind(rawValue: Int(r.int32(0x0C15) ?? 1) & 0x0F) ?? .to
                let address = r.string(0x39FE) ?? r.smtp(r.string(0x3003), type: r.string(0x3002)) ?? r.string(0x3003)
                recipients.append(Recipient(kind: kind, name: r.string(0x3001), address: address))
                notes += r.notes
            } else if entry.kind == .storage, entry.name.hasPrefix("__attach_version1.0_") {
                let a = PropertyBag(file: file, storage: entry, headerSize: 8, budget: budget)
                var attachment = Attachment(filename: a.string(0x3707) ?? a.string(0x3704), displayName: a.string(0x3001),
                                            mimeTag: a.string(0x370E), contentID: a.string(0x3712),
                                            method: a.int32(0x3705).map(Int.init), data: a.binary(0x3701))
                if let inner = file.child(named: "__substg1.0_3701000D", in: entry), inner.kind == .storage {
                    if depth + 1 < Self.maximumDepth {
                        attachment.embedded = OutlookMessage(file: file, storage: inner, depth: depth + 1, budget: budget)
                    } else {
                        notes.append("An embedded message nested deeper than \(Self.maximumDepth) levels was not opened.")
                    }
                }
                notes += a.notes
                attachments.append(attachment)
            }
        }
    }
}

/// The MAPI properties of one storage: `__substg1.0_*` streams and the fixed-size values in
/// `__properties_version1.0` (MS-OXMSG §2.4).
/// How many stream bytes one `.msg` may still yield: sector chains of a crafted file can overlap, so many
/// streams could each claim the whole file; the budget keeps memory proportional to the input.
final class ReadBudget {
    var remaining: Int
    var exhausted = false
    init(bytes: Int) { remaining = bytes }
}

struct PropertyBag {
    let file: CompoundFile
    let storage: CompoundFile.Entry
    let budget: ReadBudget
    /// Fixed-size property values by property ID, from the property stream.
    var fixed: [UInt16: (type: UInt16, value: [UInt8])] = [:]
    /// Code page for PT_STRING8 values (PR_INTERNET_CPID, PR_MESSAGE_CODEPAGE), when known.
    var codePage: UInt32?
    var notes: [String] = []

    init(file: CompoundFile, storage: CompoundFile.Entry, headerSize: Int, budget: ReadBudget) {
        self.file = file
        self.storage = storage
        self.budget = budget
        if let entry = file.child(named: "__properties_version1.0", in: storage), entry.size <= budget.remaining,
           case .success(let bytes) = file.data(of: entry) {
            budget.remaining -= entry.size
            var o = headerSize
            while o + 16 <= bytes.count {
                let type = UInt16(bytes[o]) | UInt16(bytes[o + 1]) << 8
                let id = UInt16(bytes[o + 2]) | UInt16(bytes[o + 3]) << 8
                fixed[id] = (type, Array(bytes[(o + 8)..<(o + 16)]))
                o += 16
            }
        }
        codePage = int32(0x3FDE).map(UInt32.init) ?? int32(0x3FFD).map(UInt32.init)
    }

    private func stream(_ id: UInt16, type: UInt16) -> [UInt8]? {
        let name = String(format: "__substg1.0_%04X%04X", id, type)
        guard let entry = file.child(named: name, in: storage), entry.kind == .stream else { return nil }
        guard entry.size <= budget.remaining else {
            budget.exhausted = true
            return nil
        }
        budget.remaining -= entry.size
        switch file.data(of: entry) {
        case .success(let bytes): return bytes
        case .failure: return nil
        }
    }

    /// A string property, PT_UNICODE (UTF-16LE) or PT_STRING8 (code page), trailing NULs removed.
    func string(_ id: UInt16) -> String? {
        if let bytes = stream(id, type: 0x001F) {
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 0
            while i + 1 < bytes.count {
                units.append(UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)
                i += 2
            }
            while units.last == 0 { units.removeLast() }
            return String(decoding: units, as: UTF16.self)
        }
        if var bytes = stream(id, type: 0x001E) {
            while bytes.last == 0 { bytes.removeLast() }
            return CodePage.decode(bytes, codePage: codePage)
        }
        return nil
    }

    func binary(_ id: UInt16) -> [UInt8]? {
        stream(id, type: 0x0102)
    }

    /// A PT_LONG (or PT_SHORT/PT_BOOLEAN) value from the property stream.
    func int32(_ id: UInt16) -> Int32? {
        guard let (type, v) = fixed[id], type == 0x0003 || type == 0x0002 || type == 0x000B else { return nil }
        return Int32(bitPattern: UInt32(v[0]) | UInt32(v[1]) << 8 | UInt32(v[2]) << 16 | UInt32(v[3]) << 24)
    }

    /// A PT_SYSTIME value (FILETIME, 100 ns since 1601-01-01 UTC).
    func time(_ id: UInt16) -> Date? {
        guard let (type, v) = fixed[id], type == 0x0040 else { return nil }
        var ticks: UInt64 = 0
        for i in (0..<8).reversed() { ticks = ticks << 8 | UInt64(v[i]) }
        guard ticks > 0 else { return nil }
        return Date(timeIntervalSince1970: Double(ticks) / 10_000_000 - 11_644_473_600)
    }

    /// An address when its type is SMTP (Exchange "EX" addresses are X.500 DNs, not mail addresses).
    func smtp(_ address: String?, type: String?) -> String? {
        guard let address, !address.isEmpty else { return nil }
        if let type, type.uppercased() != "SMTP" { return nil }
        return address.contains("@") ? address : nil
    }
}
