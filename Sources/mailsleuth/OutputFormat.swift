import ArgumentParser

/// Output formats of `analyze`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, iocs

    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
