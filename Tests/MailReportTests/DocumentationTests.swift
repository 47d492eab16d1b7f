import Foundation
import MailDNS
import MailForensics
import MailParsing
import MailReport
import MailTestSupport
import Testing

/// Docs/findings.md and Docs/json-schema.md must match the code.
/// Regenerate findings.md with `MAILSLEUTH_UPDATE_DOCS=1 swift test --filter DocumentationTests`.
@Suite struct DocumentationTests {
    static let docs = Corpus.packageRoot.appendingPathComponent("Docs")

    @Test func findingCatalogueMatchesCode() throws {
        let url = Self.docs.appendingPathComponent("findings.md")
        let expected = FindingCatalogueDocument.markdown()
        if ProcessInfo.processInfo.environment["MAILSLEUTH_UPDATE_DOCS"] == "1" {
            try expected.write(to: url, atomically: true, encoding: .utf8)
        }
        let actual = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "Docs/findings.md is stale: regenerate it (see the file's header)")
    }

    @Test func findingIDsAreUniqueAndDotted() {
        let ids = FindingCatalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.contains(".") && $0 == $0.lowercased() })
    }

    /// Every key of a real report's JSON (top level and the main nested objects) is documented in json-schema.md.
    @Test func jsonSchemaDocumentsEveryKey() async throws {
        let schema = try String(contentsOf: Self.docs.appendingPathComponent("json-schema.md"), encoding: .utf8)
        #expect(schema.contains("`schemaVersion`") && schema.contains(Report.schemaVersion))
        let report = await SnapshotSupport.report(for: SnapshotSupport.richMessage, name: "rich.eml")
        let json = JSONRenderer.render([report])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var keys = Set(object.keys)
        func nested(_ value: Any?) {
            if let dict = value as? [String: Any] { keys.formUnion(dict.keys) }
            if let list = value as? [Any], let first = list.first as? [String: Any] { keys.formUnion(first.keys) }
        }
        let path = object["path"] as? [String: Any]
        for key in ["path", "verdict", "identities", "vendorVerdicts", "findings", "evaluationTime", "source", "tool", "message", "authentication"] {
            nested(object[key])
        }
        nested(path?["hops"])
        nested(path?["trustBoundary"])
        nested((object["findings"] as? [[String: Any]])?.first?["evidence"])
        nested((object["vendorVerdicts"] as? [[String: Any]])?.first?["codes"])
        let missing = keys.filter { !schema.contains("`\($0)`") }.sorted()
        #expect(missing.isEmpty, "undocumented JSON keys: \(missing)")
    }
}
