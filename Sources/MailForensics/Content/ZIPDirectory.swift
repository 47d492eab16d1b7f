/// Lists the members of a ZIP archive from its central directory (APPNOTE.TXT §4.3.12, §4.3.16) without
/// decompressing anything. Bounded: at most `maximumMembers` entries, every offset checked against the bytes.
enum ZIPDirectory {
    static let maximumMembers = 2000

    /// True when the bytes start like a ZIP archive (local file header or empty-archive end record).
    static func looksLikeZIP(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && (bytes[2] == 0x03 || bytes[2] == 0x05) && (bytes[3] == 0x04 || bytes[3] == 0x06)
    }

    /// The members, or nil when no central directory could be found.
    static func members(_ bytes: [UInt8]) -> [ArchiveMember]? {
        guard let end = endRecord(bytes) else { return nil }
        let declared = Int(u16(bytes, end + 10))
        let directoryOffset = Int(u32(bytes, end + 16))
        var members: [ArchiveMember] = []
        var o = directoryOffset
        while members.count < min(declared, maximumMembers), o + 46 <= bytes.count, u32(bytes, o) == 0x0201_4B50 {
            let flags = u16(bytes, o + 8)
            let size = u32(bytes, o + 24)
            let nameLength = Int(u16(bytes, o + 28))
            let extraLength = Int(u16(bytes, o + 30))
            let commentLength = Int(u16(bytes, o + 32))
            let nameStart = o + 46
            guard nameStart + nameLength <= bytes.count else { break }
            let raw = bytes[nameStart..<(nameStart + nameLength)]
            // Bit 11: the name is UTF-8; otherwise CP437, read here as UTF-8 with ASCII kept exact.
            let name = String(decoding: raw, as: UTF8.self)
            members.append(ArchiveMember(name: name, size: size == 0xFFFF_FFFF ? nil : Int(size), encrypted: flags & 1 != 0))
            o = nameStart + nameLength + extraLength + commentLength
        }
        return members
    }

    /// Offset of the end-of-central-directory record, searched backwards over the last 64 KiB + 22 bytes.
    private static func endRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var o = bytes.count - 22
        let stop = max(0, bytes.count - 22 - 65_535)
        while o >= stop {
            if bytes[o] == 0x50, bytes[o + 1] == 0x4B, bytes[o + 2] == 0x05, bytes[o + 3] == 0x06 { return o }
            o -= 1
        }
        return nil
    }

    private static func u16(_ b: [UInt8], _ o: Int) -> UInt16 {
        guard o >= 0, o + 2 <= b.count else { return 0 }
        return UInt16(b[o]) | UInt16(b[o + 1]) << 8
    }

    private static func u32(_ b: [UInt8], _ o: Int) -> UInt32 {
        guard o >= 0, o + 4 <= b.count else { return 0 }
        return UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
    }
}
