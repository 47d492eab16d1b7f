import MailForensics

/// Renders indicators one per line, `type<TAB>value`, not defanged, for pasting into other tools
/// (`--format iocs`). Several reports give one deduplicated list. Values are made terminal-safe.
public enum IOCRenderer {
    public static func render(_ reports: [Report]) -> String {
        var list = IOCList()
        for report in reports {
            for item in report.iocs?.items ?? [] { list.add(item.type, item.value, context: item.context) }
        }
        return list.items.map { "\($0.type.rawValue)\t\(Sanitizer.terminal($0.value))" }.joined(separator: "\n")
    }
}
