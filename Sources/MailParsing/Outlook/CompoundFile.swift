/// A read-only Compound File Binary reader (MS-CFB §2): header, FAT, DIFAT, MiniFAT, directory, streams.
/// Built for hostile input: every sector index, offset and size is bounds-checked, every chain and the
/// directory tree are walked with cycle detection, and nothing is read beyond the input bytes.
public struct CompoundFile: Sendable {
    /// One directory entry (MS-CFB §2.6): a storage (folder) or a stream (file).
    public struct Entry: Sendable, Hashable {
        public enum Kind: UInt8, Sendable, Hashable { case unknown = 0, storage = 1, stream = 2, root = 5 }
        /// Index in the directory.
        public let index: Int
        public let name: String
        public let kind: Kind
        /// Indices of the entries directly inside this storage, in directory-tree order.
        public internal(set) var children: [Int]
        let startSector: UInt32
        public let size: Int
    }

    /// Why a compound file could not be read.
    public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
        init(_ reason: String) { self.reason = reason }
    }

    /// The signature every compound file starts with.
    public static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    static let endOfChain: UInt32 = 0xFFFF_FFFE
    static let freeSector: UInt32 = 0xFFFF_FFFF
    static let maxRegularSector: UInt32 = 0xFFFF_FFFA
    static let noStream: UInt32 = 0xFFFF_FFFF

    let bytes: [UInt8]
    let sectorSize: Int
    let miniSectorSize: Int
    let miniStreamCutoff: Int
    let fat: [UInt32]
    let miniFAT: [UInt32]
    /// The mini stream (the root entry's data), holding the small streams.
    let miniStream: [UInt8]
    public let entries: [Entry]

    /// The root storage.
    public var root: Entry { entries[0] }

    /// True when `bytes` start with the compound file signature.
    public static func hasSignature<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.count >= 8 && zip(bytes.prefix(8), signature).allSatisfy { $0 == $1 }
    }

    /// The same for an array, without the generic path (asked of every message and every decoded part).
    public static func hasSignature(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 8 && bytes[0..<8].elementsEqual(signature)
    }

    /// Reads a compound file; a value with the reason when it is not one or is damaged.
    public static func read(_ bytes: [UInt8]) -> Result<CompoundFile, ReadError> {
        do {
            return .success(try CompoundFile(bytes))
        } catch let error as ReadError {
            return .failure(error)
        } catch {
            return .failure(ReadError("unreadable compound file"))
        }
    }

    private init(_ bytes: [UInt8]) throws {
        guard bytes.count >= 512, Self.hasSignature(bytes) else {
            throw ReadError("not a Compound File (no D0 CF 11 E0 signature, or shorter than its 512-byte header)")
        }
        self.bytes = bytes
        guard Self.u16(bytes, 0x1C) == 0xFFFE else { throw ReadError("bad byte-order mark in the compound file header") }
        let shift = Int(Self.u16(bytes, 0x1E))
        guard shift == 9 || shift == 12 else { throw ReadError("unsupported sector size 2^\(shift)") }
        sectorSize = 1 << shift
        let miniShift = Int(Self.u16(bytes, 0x20))
        guard miniShift == 6 else { throw ReadError("unsupported mini sector size 2^\(miniShift)") }
        miniSectorSize = 1 << miniShift
        let cutoff = Int(Self.u32(bytes, 0x38))
        miniStreamCutoff = cutoff == 0 || cutoff > 1 << 20 ? 4096 : cutoff
        let sectorCount = max(0, (bytes.count - sectorSize + sectorSize - 1) / sectorSize)

        // DIFAT: 109 entries in the header, then chained DIFAT sectors.
        var fatSectors: [UInt32] = []
        for i in 0..<109 {
            let s = Self.u32(bytes, 0x4C + 4 * i)
            if s <= Self.maxRegularSector { fatSectors.append(s) }
        }
        var difat = Self.u32(bytes, 0x44)
        var seenDIFAT = Set<UInt32>()
        let perDIFAT = sectorSize / 4 - 1
        while difat <= Self.maxRegularSector {
            guard seenDIFAT.insert(difat).inserted, seenDIFAT.count <= sectorCount else { throw ReadError("the DIFAT chain loops") }
            guard let base = Self.sectorOffset(difat, sectorSize: sectorSize, fileSize: bytes.count) else {
                throw ReadError("a DIFAT sector lies outside the file")
            }
            for i in 0..<perDIFAT {
                let s = Self.u32(bytes, base + 4 * i)
                if s <= Self.maxRegularSector { fatSectors.append(s) }
            }
            difat = Self.u32(bytes, base + 4 * perDIFAT)
        }
        guard !fatSectors.isEmpty else { throw ReadError("the compound file has no FAT") }
        guard fatSectors.count <= sectorCount + 1 else { throw ReadError("the header lists more FAT sectors than the file holds") }

        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectors.count * sectorSize / 4)
        for s in fatSectors {
            guard let base = Self.sectorOffset(s, sectorSize: sectorSize, fileSize: bytes.count) else {
                throw ReadError("a FAT sector lies outside the file")
            }
            for i in 0..<(sectorSize / 4) { fat.append(Self.u32(bytes, base + 4 * i)) }
        }
        self.fat = fat

        // Directory.
        let directory = try Self.chain(start: Self.u32(bytes, 0x30), table: fat, limit: sectorCount, what: "directory")
        var entries: [Entry] = []
        var rawLinks: [(left: UInt32, right: UInt32, child: UInt32)] = []
        for sector in directory {
            guard let base = Self.sectorOffset(sector, sectorSize: sectorSize, fileSize: bytes.count) else {
                throw ReadError("a directory sector lies outside the file")
            }
            for slot in 0..<(sectorSize / 128) {
                let e = base + slot * 128
                guard e + 128 <= bytes.count else { break }
                let nameLength = min(64, Int(Self.u16(bytes, e + 0x40)))
                var units: [UInt16] = []
                var i = 0
                while i + 1 < nameLength {
                    let u = Self.u16(bytes, e + i)
                    if u == 0 { break }
                    units.append(u)
                    i += 2
                }
                let kind = Entry.Kind(rawValue: bytes[e + 0x42]) ?? .unknown
                let size64 = UInt64(Self.u32(bytes, e + 0x78)) | UInt64(Self.u32(bytes, e + 0x7C)) << 32
                // Version 3 files keep only the low 32 bits meaningful (MS-CFB §2.6.3).
                let size = sectorSize == 512 ? Int(size64 & 0xFFFF_FFFF) : Int(min(size64, UInt64(Int32.max)))
                entries.append(Entry(index: entries.count, name: String(decoding: units, as: UTF16.self), kind: kind,
                                     children: [], startSector: Self.u32(bytes, e + 0x74), size: size))
                rawLinks.append((Self.u32(bytes, e + 0x44), Self.u32(bytes, e + 0x48), Self.u32(bytes, e + 0x4C)))
            }
        }
        guard let first = entries.first, first.kind == .root else { throw ReadError("the directory has no root entry") }

        // Walk the tree from the root: each entry may be reached once (a second reference is damage).
        var reached = [Bool](repeating: false, count: entries.count)
        reached[0] = true
        var storages = [0]
        while let storage = storages.popLast() {
            var children: [Int] = []
            var stack: [UInt32] = [rawLinks[storage].child]
            while let link = stack.popLast() {
                guard link != Self.noStream else { continue }
                guard Int(link) < entries.count else { throw ReadError("a directory entry points outside the directory") }
                let index = Int(link)
                guard !reached[index] else { throw ReadError("a directory entry is referenced twice (damaged or crafted file)") }
                reached[index] = true
                children.append(index)
                stack.append(rawLinks[index].right)
                stack.append(rawLinks[index].left)
                if entries[index].kind == .storage { storages.append(index) }
            }
            entries[storage].children = children.sorted { entries[$0].name < entries[$1].name }
        }
        self.entries = entries

        // MiniFAT and the mini stream.
        var miniFAT: [UInt32] = []
        let miniFATChain = try Self.chain(start: Self.u32(bytes, 0x3C), table: fat, limit: sectorCount, what: "MiniFAT")
        for s in miniFATChain {
            guard let base = Self.sectorOffset(s, sectorSize: sectorSize, fileSize: bytes.count) else {
                throw ReadError("a MiniFAT sector lies outside the file")
            }
            for i in 0..<(sectorSize / 4) { miniFAT.append(Self.u32(bytes, base + 4 * i)) }
        }
        self.miniFAT = miniFAT
        let unit = sectorSize
        miniStream = try Self.readChain(bytes, start: first.startSector, size: first.size, table: fat,
                                        unit: unit, limit: sectorCount, what: "mini stream") { sector in
            Self.sectorOffset(sector, sectorSize: unit, fileSize: bytes.count)
        }
    }

    /// The entries directly inside `storage`.
    public func children(of storage: Entry) -> [Entry] {
        storage.children.map { entries[$0] }
    }

    /// The entry named `name` (case-insensitive, as MS-CFB compares names) directly inside `storage`.
    public func child(named name: String, in storage: Entry) -> Entry? {
        let wanted = name.uppercased()
        return storage.children.lazy.map { entries[$0] }.first { $0.name.uppercased() == wanted }
    }

    /// The bytes of a stream; a reason when its sector chain is damaged.
    public func data(of entry: Entry) -> Result<[UInt8], ReadError> {
        guard entry.kind == .stream else { return .failure(ReadError("\(entry.name) is not a stream")) }
        do {
            if entry.size < miniStreamCutoff {
                let mini = miniStream
                let unit = miniSectorSize
                return .success(try Self.readChain(mini, start: entry.startSector, size: entry.size, table: miniFAT, unit: unit,
                                                   limit: miniFAT.count, what: "stream \(entry.name)") { sector in
                    let offset = Int(sector) * unit
                    return offset + unit <= mini.count ? offset : nil
                })
            }
            let size = sectorSize
            let file = bytes
            return .success(try Self.readChain(bytes, start: entry.startSector, size: entry.size, table: fat, unit: size,
                                               limit: fat.count, what: "stream \(entry.name)") { sector in
                Self.sectorOffset(sector, sectorSize: size, fileSize: file.count)
            })
        } catch let error as ReadError {
            return .failure(error)
        } catch {
            return .failure(ReadError("unreadable stream"))
        }
    }

    // MARK: - Low-level helpers

    static func u16(_ b: [UInt8], _ o: Int) -> UInt16 {
        guard o >= 0, o + 2 <= b.count else { return 0 }
        return UInt16(b[o]) | UInt16(b[o + 1]) << 8
    }

    static func u32(_ b: [UInt8], _ o: Int) -> UInt32 {
        guard o >= 0, o + 4 <= b.count else { return 0xFFFF_FFFF }
        return UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
    }

    /// File offset of a whole regular sector, or nil when it is not entirely inside the file.
    static func sectorOffset(_ sector: UInt32, sectorSize: Int, fileSize: Int) -> Int? {
        guard sector <= maxRegularSector else { return nil }
        let offset = (Int(sector) + 1) * sectorSize
        // A short last sector is common (files truncated to their data); accept it if it starts inside.
        return offset < fileSize ? offset : nil
    }

    /// The sector numbers of a chain, stopping at ENDOFCHAIN; cycles and out-of-range links are errors.
    static func chain(start: UInt32, table: [UInt32], limit: Int, what: String) throws -> [UInt32] {
        var out: [UInt32] = []
        var sector = start
        var seen = Set<UInt32>()
        while sector != endOfChain, sector != freeSector {
            guard sector <= maxRegularSector, Int(sector) < table.count else { throw ReadError("the \(what) chain points outside the table") }
            guard seen.insert(sector).inserted, out.count <= limit else { throw ReadError("the \(what) chain loops") }
            out.append(sector)
            sector = table[Int(sector)]
        }
        return out
    }

    /// Reads `size` bytes along a chain of `unit`-sized sectors of `source`.
    static func readChain(_ source: [UInt8], start: UInt32, size: Int, table: [UInt32], unit: Int, limit: Int, what: String,
                          offset: (UInt32) -> Int?) throws -> [UInt8] {
        guard size > 0 else { return [] }
        guard size <= source.count else { throw ReadError("the \(what) claims more bytes than the file holds") }
        let sectors = try chain(start: start, table: table, limit: limit, what: what)
        var out: [UInt8] = []
        out.reserveCapacity(size)
        for s in sectors {
            guard out.count < size else { break }
            guard let base = offset(s) else { throw ReadError("a sector of the \(what) lies outside the file") }
            let take = min(unit, size - out.count, source.count - base)
            out.append(contentsOf: source[base..<(base + take)])
        }
        guard out.count == size else { throw ReadError("the \(what) is shorter than its declared size") }
        return out
    }
}
