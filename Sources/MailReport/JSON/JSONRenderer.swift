import Foundation
import MailForensics

/// Renders reports as JSON: one object for one report, an array for several; keys sorted for stability.
public enum JSONRenderer {
    /// One encoder per layout, configured once and shared (encoding does not change an encoder's state).
    private static let prettyEncoder = makeEncoder(pretty: true)
    private static let compactEncoder = makeEncoder(pretty: false)

    private static func makeEncoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func render(_ reports: [Report], pretty: Bool = true) -> String {
        let encoder = pretty ? prettyEncoder : compactEncoder
        let data: Data?
        if reports.count == 1 {
            data = try? encoder.encode(reports[0])
        } else {
            data = try? encoder.encode(reports)
        }
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

    /// One compact line per report (JSON Lines).
    public static func renderLine(_ report: Report) -> String {
        render([report], pretty: false)
    }
}
