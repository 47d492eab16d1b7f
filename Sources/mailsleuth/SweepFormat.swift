import ArgumentParser

/// Row formats of `sweep`: JSON Lines (the `analyze --format json` schema, one compact object per line), CSV, text.
enum SweepFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case jsonl, csv, text

    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
