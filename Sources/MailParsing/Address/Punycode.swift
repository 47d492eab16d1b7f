import Foundation

/// Punycode (RFC 3492) and the IDNA label conversions built on it (RFC 5891 §4.4, "xn--" A-labels).
public enum Punycode {
    static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 128

    /// Encodes Unicode scalars as Punycode (without the "xn--" prefix); nil on overflow.
    public static func encode(_ input: String) -> String? {
        let scalars = input.unicodeScalars.map { Int($0.value) }
        guard scalars.count <= 1024 else { return nil }
        var output = scalars.filter { $0 < 0x80 }.map { UInt8($0) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }
        var n = initialN, delta = 0, bias = initialBias
        while handled < scalars.count {
            guard let m = scalars.filter({ $0 >= n }).min() else { return nil }
            let (product, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= Int(Int32.max) - product else { return nil }
            delta += product
            n = m
            for c in scalars {
                if c < n { delta += 1; guard delta <= Int(Int32.max) else { return nil } }
                if c == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes Punycode (without the "xn--" prefix); nil when malformed.
    public static func decode(_ input: String) -> String? {
        let bytes = Array(input.utf8)
        guard bytes.count <= 1024, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var output: [Int] = []
        var start = 0
        if let dash = bytes.lastIndex(of: UInt8(ascii: "-")) {
            output = bytes[..<dash].map { Int($0) }
            start = dash + 1
        }
        var n = initialN, i = 0, bias = initialBias
        var position = start
        while position < bytes.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard position < bytes.count, let d = digitValue(bytes[position]) else { return nil }
                position += 1
                let (product, overflow) = d.multipliedReportingOverflow(by: w)
                guard !overflow, i <= Int(Int32.max) - product else { return nil }
                i += product
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if d < t { break }
                let (nextW, overflowW) = w.multipliedReportingOverflow(by: base - t)
                guard !overflowW, nextW <= Int(Int32.max) else { return nil }
                w = nextW
                k += base
            }
            bias = adapt(i - oldI, output.count + 1, oldI == 0)
            n += i / (output.count + 1)
            guard n <= 0x10FFFF else { return nil }
            i %= output.count + 1
            output.insert(n, at: i)
            i += 1
        }
        var text = ""
        for value in output {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
            text.unicodeScalars.append(scalar)
        }
        return text
    }

    static func adapt(_ delta: Int, _ numPoints: Int, _ firstTime: Bool) -> Int {
        var delta = firstTime ? delta / damp : delta / 2
        delta += delta / numPoints
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    static func digit(_ d: Int) -> UInt8 { d < 26 ? UInt8(97 + d) : UInt8(22 + d) }

    static func digitValue(_ c: UInt8) -> Int? {
        switch c {
        case 0x30...0x39: return Int(c) - 22
        case 0x41...0x5A: return Int(c) - 0x41
        case 0x61...0x7A: return Int(c) - 0x61
        default: return nil
        }
    }

    /// A domain with every "xn--" label shown in Unicode; labels that do not decode are kept as written.
    public static func unicodeDomain(_ domain: String) -> String {
        domain.split(separator: ".", omittingEmptySubsequences: false).map { label -> String in
            let lower = label.lowercased()
            guard lower.hasPrefix("xn--"), let decoded = decode(String(lower.dropFirst(4))) else { return String(label) }
            return decoded
        }.joined(separator: ".")
    }

    /// A domain in ASCII, non-ASCII labels lower-cased, NFC-normalized (RFC 5891 §5.2) and encoded as
    /// "xn--" A-labels; ideographic and fullwidth full stops separate labels (RFC 3490 §3.1). Nil when a
    /// label cannot be encoded.
    public static func asciiDomain(_ domain: String) -> String? {
        var labels: [String] = []
        let separators: Set<Character> = [".", "\u{3002}", "\u{FF0E}", "\u{FF61}"]
        let normalized = domain.unicodeScalars.allSatisfy(\.isASCII) ? domain : domain.precomposedStringWithCanonicalMapping
        for label in normalized.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) }) {
            if label.unicodeScalars.allSatisfy({ $0.isASCII }) {
                labels.append(label.lowercased())
                continue
            }
            guard let encoded = encode(label.lowercased()) else { return nil }
            labels.append("xn--" + encoded)
        }
        return labels.joined(separator: ".")
    }
}
