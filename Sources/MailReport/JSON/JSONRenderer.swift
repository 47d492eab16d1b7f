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
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// One compact line per report (JSON Lines).
    public static func renderLine(_ report: Report) -> String {
        render([report], pretty: false)
    }
}
