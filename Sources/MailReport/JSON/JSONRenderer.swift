import Foundation
import MailForensics

/// Renders reports as JSON: one object for one report, an array for several; keys sorted for stability.
///
/// The text is exactly what Foundation's `JSONEncoder` writes with `.sortedKeys` and `.withoutEscapingSlashes`
/// (and `.prettyPrinted` for the pretty layout), passed through `escapingUnsafeScalars`. The report types' hand
/// writers (`JSONWritable`, in `Writers/`) write it directly into bytes without going through `Encodable`;
/// `JSONByteEncoder` takes the rare reports they leave to it. The `JSONEncoder` path stays as `foundationRender`,
/// the reference the tests compare with, and the answer for the rare values the byte encoder leaves to it.
public enum JSONRenderer {
    /// Room reserved for one report's JSON (a sweep row is typically 10 to 20 kB).
    static let initialCapacity = 16 * 1024

    public static func render(_ reports: [Report], pretty: Bool = true) -> String {
        String(decoding: renderBytes(reports, pretty: pretty), as: UTF8.self)
    }

    /// One compact line per report (JSON Lines).
    public static func renderLine(_ report: Report) -> String {
        render([report], pretty: false)
    }

    /// The compact line of `renderLine` with its newline, as bytes ready to be written.
    public static func renderLineBytes(_ report: Report) -> [UInt8] {
        let newline = UInt8(ascii: "\n")
        // The report itself, not wrapped in an array: wrapping copies it (a retain for each of its strings and arrays).
        return written(report, pretty: false, capacity: initialCapacity + 1, terminator: newline)
            ?? encodedBytes([report], pretty: false) + [newline]
    }

    static func renderBytes(_ reports: [Report], pretty: Bool) -> [UInt8] {
        let bytes = reports.count == 1
            ? written(reports[0], pretty: pretty, capacity: initialCapacity)
            : written(reports, pretty: pretty, capacity: initialCapacity * reports.count + 1)
        return bytes ?? encodedBytes(reports, pretty: pretty)
    }

    /// `value` through the hand writers, then `terminator`; nil when they leave it to `JSONByteEncoder`.
    private static func written<T: JSONWritable>(_ value: T, pretty: Bool, capacity: Int, terminator: UInt8? = nil) -> [UInt8]? {
        var writer = JSONWriter(pretty: pretty, reservingCapacity: capacity)
        writer.value(value)
        if let terminator { writer.writeByte(terminator) }
        return writer.takeBytes()
    }

    /// The same text through `JSONByteEncoder` and the report types' `Encodable` conformances: the answer when
    /// the hand writers leave a report to it (a number `JSONEncoder` refuses, nesting too deep).
    static func encodedBytes(_ reports: [Report], pretty: Bool) -> [UInt8] {
        let encoder = JSONByteEncoder(pretty: pretty)
        let bytes = reports.count == 1
            ? encoder.encode(reports[0], reservingCapacity: initialCapacity + 1)
            : encoder.encode(reports, reservingCapacity: initialCapacity * reports.count + 1)
        return bytes ?? Array(foundationRender(reports, pretty: pretty).utf8)
    }

    // MARK: The reference: Foundation's JSONEncoder

    /// One encoder per layout, configured once and shared (encoding does not change an encoder's state).
    private static let prettyEncoder = makeEncoder(pretty: true)
    private static let compactEncoder = makeEncoder(pretty: false)

    private static func makeEncoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The same text through Foundation's `JSONEncoder` (slower): the reference `render` must equal byte for
    /// byte, and its fallback for values the byte encoder does not handle itself.
    public static func foundationRender(_ reports: [Report], pretty: Bool = true) -> String {
        reports.count == 1 ? foundationJSON(reports[0], pretty: pretty) : foundationJSON(reports, pretty: pretty)
    }

    /// Any value through `JSONEncoder` and `escapingUnsafeScalars`; `{}` when `JSONEncoder` refuses it.
    static func foundationJSON<T: Encodable>(_ value: T, pretty: Bool) -> String {
        let data = try? (pretty ? prettyEncoder : compactEncoder).encode(value)
        return data.map { escapingUnsafeScalars(String(decoding: $0, as: UTF8.self)) } ?? "{}"
    }

    /// The same JSON value with DEL, C1 controls and bidirectional or invisible formatting characters written
    /// as `\uXXXX` (RFC 8259 §7), so JSON viewed raw in a terminal carries nothing the terminal would act on.
    /// C0 controls are already escaped by the encoder; they are also JSON's whitespace, so they are left alone.
    static func escapingUnsafeScalars(_ json: String) -> String {
        func unsafe(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x7F && Sanitizer.isUnsafe(scalar) }
        guard json.unicodeScalars.contains(where: unsafe) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard unsafe(scalar) else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
        }
        return String(out)
    }
}
