import MailParsing

/// The ARC header fields of a message grouped into sets by `i=`, with the structural checks of RFC 8617
/// §4.2.1 and §5.2 steps 1-3: every instance from 1 to N has exactly one ARC-Authentication-Results,
/// ARC-Message-Signature and ARC-Seal, N is at most 50, and each field can be read.
struct ARCChainStructure: Sendable {
    /// The fields found for one instance (several when duplicated).
    struct Group: Sendable {
        var aar: [HeaderField] = []
        var ams: [ARCSignature] = []
        var seal: [ARCSignature] = []
    }

    /// A structural problem, in plain words, with the instance it concerns when known.
    struct Problem: Sendable, Hashable {
        var instance: Int?
        var detail: String
    }

    /// One complete set (after the checks pass).
    struct Set: Sendable {
        var instance: Int
        var aar: HeaderField
        var ams: ARCSignature
        var seal: ARCSignature
    }

    private(set) var groups: [Int: Group] = [:]
    private(set) var problems: [Problem] = []
    /// How many ARC header fields the message has.
    private(set) var fieldCount = 0
    /// The instance of each ARC field that has a readable one, by its index in the header.
    private(set) var instanceByIndex: [Int: Int] = [:]

    init(_ header: [HeaderField]) {
        for (index, field) in header.enumerated() {
            switch field.lowercasedName {
            case "arc-authentication-results":
                fieldCount += 1
                guard let instance = Self.aarInstance(field) else {
                    problems.append(Problem(instance: nil, detail: "the ARC-Authentication-Results field at line \(field.span.firstLine) does not start with \"i=<instance>;\""))
                    continue
                }
                groups[instance, default: Group()].aar.append(field)
                instanceByIndex[index] = instance
            case "arc-message-signature", "arc-seal":
                fieldCount += 1
                let kind: ARCSignature.Kind = field.lowercasedName == "arc-seal" ? .seal : .messageSignature
                do {
                    let signature = try ARCSignature(field, kind: kind)
                    instanceByIndex[index] = signature.instance
                    if kind == .seal {
                        groups[signature.instance, default: Group()].seal.append(signature)
                    } else {
                        groups[signature.instance, default: Group()].ams.append(signature)
                    }
                } catch {
                    instanceByIndex[index] = Self.looseInstance(field)
                    problems.append(Problem(instance: Self.looseInstance(field),
                                            detail: "the \(kind.rawValue) field at line \(field.span.firstLine) is unusable: \(error.detail)"))
                }
            default:
                continue
            }
        }
        checkSets()
    }

    private mutating func checkSets() {
        guard let highest = groups.keys.max() else { return }
        if highest > ARCSignature.maximumInstance {
            problems.append(Problem(instance: highest, detail: "the chain has more than \(ARCSignature.maximumInstance) sets"))
        }
        for instance in 1...Swift.min(highest, ARCSignature.maximumInstance) {
            let group = groups[instance] ?? Group()
            for (name, count) in [("ARC-Authentication-Results", group.aar.count), ("ARC-Message-Signature", group.ams.count), ("ARC-Seal", group.seal.count)] {
                if count == 0 {
                    problems.append(Problem(instance: instance, detail: "instance \(instance) has no \(name)"))
                } else if count > 1 {
                    problems.append(Problem(instance: instance, detail: "instance \(instance) has \(count) \(name) fields"))
                }
            }
        }
    }

    /// The header as it was when hop `instance` signed: ARC fields of newer instances (or of none) left out.
    func fields(upTo instance: Int, in header: [HeaderField]) -> [HeaderField] {
        header.indices.compactMap { index in
            guard ARCChainStructure.isARCField(header[index]) else { return header[index] }
            return (instanceByIndex[index] ?? 0) <= instance ? header[index] : nil
        }
    }

    static func isARCField(_ field: HeaderField) -> Bool {
        switch field.lowercasedName {
        case "arc-authentication-results", "arc-message-signature", "arc-seal": return true
        default: return false
        }
    }

    /// True when there is nothing ARC in the message.
    var isEmpty: Bool { fieldCount == 0 }

    /// The highest instance seen.
    var highestInstance: Int { groups.keys.max() ?? 0 }

    /// The complete sets, instance 1 first; empty when the structure is broken.
    var sets: [Set] {
        guard problems.isEmpty else { return [] }
        return groups.keys.sorted().compactMap { instance in
            guard let group = groups[instance], let aar = group.aar.first, let ams = group.ams.first, let seal = group.seal.first else { return nil }
            return Set(instance: instance, aar: aar, ams: ams, seal: seal)
        }
    }

    /// The instance of an ARC-Authentication-Results field: the value must start `i=<digits>;` (RFC 8617 §4.1.1).
    static func aarInstance(_ field: HeaderField) -> Int? {
        let value = Array(field.rawValue)
        var index = 0
        func skipSpace() {
            while index < value.count, [0x20, 0x09, 0x0D, 0x0A].contains(value[index]) { index += 1 }
        }
        skipSpace()
        guard index < value.count, value[index] == UInt8(ascii: "i") else { return nil }
        index += 1
        skipSpace()
        guard index < value.count, value[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        skipSpace()
        let start = index
        while index < value.count, value[index] >= 0x30, value[index] <= 0x39 { index += 1 }
        let digits = String(decoding: value[start..<index], as: UTF8.self)
        skipSpace()
        guard index < value.count, value[index] == UInt8(ascii: ";") else { return nil }
        return ARCSignature.instance(digits)
    }

    /// `i=` of a field that could not be fully read, for reporting only.
    static func looseInstance(_ field: HeaderField) -> Int? {
        let start = Swift.min(field.colonOffset + 1, field.raw.count)
        guard let tags = try? TagList(parsing: field.raw[start...]) else { return nil }
        return ARCSignature.instance(tags["i"])
    }
}
