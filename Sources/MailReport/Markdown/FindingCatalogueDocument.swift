import MailForensics

/// Writes Docs/findings.md from `FindingCatalogue.all`: every finding id, its severity, what triggers it, what it
/// means and what to do. A test keeps the file in step with the code.
public enum FindingCatalogueDocument {
    public static func markdown(_ specs: [FindingSpec] = FindingCatalogue.all) -> String {
        var out: [String] = [
            "# Finding catalogue",
            "",
            "Every finding mailsleuth can report, grouped by area. Generated from the code (`FindingCatalogue.all`);",
            "do not edit by hand: run `MAILSLEUTH_UPDATE_DOCS=1 swift test --filter DocumentationTests` to regenerate.",
            "",
            "Severity is ordered info < notice < warning < critical. A check may raise or lower the severity of a single",
            "finding when the circumstances call for it (the catalogue gives the usual one). Evidence strength says",
            "whether the finding is seen directly, correlated from several facts, or inferred.",
            "",
        ]
        var areas: [String] = []
        var byArea: [String: [FindingSpec]] = [:]
        for spec in specs {
            let area = String(spec.id.split(separator: ".").first ?? "other")
            if byArea[area] == nil { areas.append(area) }
            byArea[area, default: []].append(spec)
        }
        for area in areas {
            out.append("## \(area)")
            out.append("")
            for spec in byArea[area] ?? [] {
                out.append("### `\(spec.id)`")
                out.append("")
                out.append("**\(spec.title)** Severity: \(spec.severity.rawValue); evidence: \(spec.strength.rawValue).")
                out.append("")
                out.append("- Triggered when: \(spec.trigger)")
                out.append("- What it means: \(spec.meaning)")
                out.append("- What to do: \(spec.action)")
                if !spec.references.isEmpty { out.append("- References: \(spec.references.joined(separator: "; "))") }
                out.append("")
            }
        }
        return out.joined(separator: "\n")
    }
}
