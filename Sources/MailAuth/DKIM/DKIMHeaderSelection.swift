import MailParsing

/// Chooses the header fields named by `h=` and builds the header hash input (RFC 6376 §5.4.2, §3.7).
public enum DKIMHeaderSelection {
    /// For each name in `h=`, the field it covers: repeated names take instances from the bottom up,
    /// and a name with no instance left covers nothing (nil: hashed as the empty string, "over-signing").
    public static func select(_ names: [String], from header: [HeaderField]) -> [HeaderField?] {
        select(names, from: header, index: index(header))
    }

    /// Field positions by lower-case name, top first (build once per message, reuse for every signature).
    public static func index(_ header: [HeaderField]) -> [String: [Int]] {
        var byName: [String: [Int]] = [:]
        for (position, field) in header.enumerated() {
            byName[field.lowercasedName, default: []].append(position)
        }
        return byName
    }

    /// `select` with a prebuilt `index(_:)` of the same header.
    public static func select(_ names: [String], from header: [HeaderField], index: [String: [Int]]) -> [HeaderField?] {
        var byName = index
        var chosen: [HeaderField?] = []
        chosen.reserveCapacity(names.count)
        for name in names {
            let key = name.lowercased()
            if var indices = byName[key], let last = indices.popLast() {
                byName[key] = indices
                chosen.append(header[last])
            } else {
                chosen.append(nil)
            }
        }
        return chosen
    }

    /// The exact bytes to sign or verify: the selected fields canonicalized, then the signature field
    /// itself with its `b=` value (`bValueRange`, indices into `signatureRaw`) emptied, without its final CRLF.
    public static func headerHashInput(selected: [HeaderField?], signatureRaw: [UInt8], bValueRange: Range<Int>,
                                       canonicalization: DKIMCanonicalization) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(selected.reduce(0) { $0 + ($1?.raw.count ?? 0) } + signatureRaw.count + 16)
        for field in selected {
            guard let field else { continue }
            canonicalization.appendHeader(field.raw, to: &out)
        }
        var emptied: [UInt8] = []
        emptied.reserveCapacity(signatureRaw.count)
        let lower = Swift.max(0, Swift.min(bValueRange.lowerBound, signatureRaw.count))
        let upper = Swift.max(lower, Swift.min(bValueRange.upperBound, signatureRaw.count))
        emptied.append(contentsOf: signatureRaw[..<lower])
        emptied.append(contentsOf: signatureRaw[upper...])
        canonicalization.appendHeader(emptied, to: &out)
        if out.count >= 2, out[out.count - 2] == 0x0D, out[out.count - 1] == 0x0A {
            out.removeLast(2)
        }
        return out
    }
}
