/// PR_RTF_COMPRESSED bodies: LZFu decompression (MS-OXRTFCP §2.1.3) and recovery of the HTML that Outlook
/// encapsulates in RTF (`\fromhtml1`, MS-OXRTFEX §2.1.3). Bounded: output stops at `limit` bytes.
public enum CompressedRTF {
    /// The dictionary's initial contents (MS-OXRTFCP §2.1.2.1).
    static let prebuffer = Array(("{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript "
        + "\\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
        + "\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx").utf8)

    /// The RTF text, or nil when the stream is not compressed RTF or is damaged.
    public static func decompress(_ bytes: [UInt8], limit: Int = 32 << 20) -> [UInt8]? {
        guard bytes.count >= 16 else { return nil }
        func u32(_ o: Int) -> Int { Int(bytes[o]) | Int(bytes[o + 1]) << 8 | Int(bytes[o + 2]) << 16 | Int(bytes[o + 3]) << 24 }
        let rawSize = u32(4)
        let type = u32(8)
        if type == 0x414C_454D {  // "MELA": stored uncompressed
            return Array(bytes[16..<min(bytes.count, 16 + min(rawSize, limit))])
        }
        guard type == 0x7546_5A4C else { return nil }  // "LZFu"
        var dictionary = [UInt8](repeating: 0, count: 4096)
        dictionary.replaceSubrange(0..<prebuffer.count, with: prebuffer)
        var write = prebuffer.count
        var out: [UInt8] = []
        let cap = min(rawSize, limit)
        out.reserveCapacity(min(cap, 1 << 20))
        var i = 16
        while i < bytes.count, out.count < cap {
            let control = bytes[i]
            i += 1
            for bit in 0..<8 {
                guard i < bytes.count, out.count < cap else { break }
                if control & (1 << bit) == 0 {
                    let b = bytes[i]
                    i += 1
                    out.append(b)
                    dictionary[write] = b
                    write = (write + 1) & 0xFFF
                } else {
                    guard i + 1 < bytes.count else { return out }
                    let token = Int(bytes[i]) << 8 | Int(bytes[i + 1])
                    i += 2
                    let offset = token >> 4
                    let length = (token & 0xF) + 2
                    if offset == write { return out }
                    for k in 0..<length where out.count < cap {
                        let b = dictionary[(offset + k) & 0xFFF]
                        out.append(b)
                        dictionary[write] = b
                        write = (write + 1) & 0xFFF
                    }
                }
            }
        }
        return out
    }

    /// The HTML encapsulated in an RTF body (`\fromhtml1`), or nil when the RTF was not made from HTML.
    /// A tolerant reading of MS-OXRTFEX: `{\*\htmltag ...}` groups give the markup, text outside
    /// `\htmlrtf` sections gives the content; other destinations are skipped.
    public static func encapsulatedHTML(_ rtf: [UInt8]) -> [UInt8]? {
        guard rtf.count < 64 << 20, HTMLSearch.contains(Array("\\fromhtml".utf8), in: rtf) else { return nil }
        var out: [UInt8] = []
        // Per group: whether its text is output (an htmltag group, or body text) and whether it is skipped.
        var stack: [(skip: Bool, tag: Bool)] = [(false, false)]
        var suppressed = false
        var pendingSkip = 0
        var i = 0
        let n = rtf.count
        func emit(_ b: UInt8) {
            guard let top = stack.last, !top.skip else { return }
            if top.tag || !suppressed { out.append(b) }
        }
        while i < n {
            let c = rtf[i]
            switch c {
            case 0x7B:  // {
                let parent = stack.last ?? (false, false)
                if stack.count < 1000 { stack.append(parent) }
                i += 1
                // A destination: {\* \word ...} or a known non-text group.
                var j = i
                var starred = false
                if j + 1 < n, rtf[j] == 0x5C, rtf[j + 1] == 0x2A { starred = true; j += 2; while j < n, rtf[j] == 0x20 || rtf[j] == 0x0D || rtf[j] == 0x0A { j += 1 } }
                if j < n, rtf[j] == 0x5C {
                    var k = j + 1
                    while k < n, (rtf[k] | 0x20) >= 0x61, (rtf[k] | 0x20) <= 0x7A { k += 1 }
                    let word = String(decoding: rtf[(j + 1)..<k], as: UTF8.self)
                    if word == "htmltag" {
                        stack[stack.count - 1] = (parent.skip, true)
                        i = j
                    } else if starred || ["fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "footer", "listtable", "listoverridetable", "generator"].contains(word) {
                        stack[stack.count - 1] = (true, false)
                    }
                }
            case 0x7D:  // }
                if stack.count > 1 { stack.removeLast() }
                i += 1
            case 0x5C:  // backslash
                guard i + 1 < n else { i += 1; continue }
                let next = rtf[i + 1]
                if next == 0x27, i + 3 < n, let h = hex(rtf[i + 2]), let l = hex(rtf[i + 3]) {  // \'hh
                    if pendingSkip > 0 { pendingSkip -= 1 } else { emit(h << 4 | l) }
                    i += 4
                } else if next == 0x5C || next == 0x7B || next == 0x7D {
                    emit(next)
                    i += 2
                } else if (next | 0x20) >= 0x61, (next | 0x20) <= 0x7A {
                    var k = i + 1
                    while k < n, (rtf[k] | 0x20) >= 0x61, (rtf[k] | 0x20) <= 0x7A, k - i < 40 { k += 1 }
                    let word = String(decoding: rtf[(i + 1)..<k], as: UTF8.self)
                    var numberStart = k
                    if k < n, rtf[k] == 0x2D { k += 1 }
                    while k < n, rtf[k] >= 0x30, rtf[k] <= 0x39, k - numberStart < 12 { k += 1 }
                    let number = Int(String(decoding: rtf[numberStart..<k], as: UTF8.self))
                    numberStart = k
                    if k < n, rtf[k] == 0x20 { k += 1 }
                    i = k
                    switch word {
                    case "htmlrtf": suppressed = number != 0
                    case "par", "line": if !(stack.last?.tag ?? false) { emit(0x0A) }
                    case "tab": emit(0x09)
                    case "u":
                        if let number {
                            let scalar = Unicode.Scalar(UInt32(number < 0 ? number + 65536 : number)) ?? "?"
                            for b in String(scalar).utf8 { emit(b) }
                            pendingSkip = 1
                        }
                    default: break
                    }
                } else {
                    i += 2
                }
            case 0x0D, 0x0A:
                i += 1
            default:
                if pendingSkip > 0 { pendingSkip -= 1 } else { emit(c) }
                i += 1
            }
        }
        return out.isEmpty ? nil : out
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x37
        case 0x61...0x66: return b - 0x57
        default: return nil
        }
    }
}

/// A plain byte search, for markers in RTF.
enum HTMLSearch {
    static func contains(_ needle: [UInt8], in hay: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return false }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0], hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
