import Foundation

/// Locates the third-party conformance corpus (read in place, never copied) and the project's own fixtures.
public enum Corpus {
    /// The package root, found from this file's location.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `$MAILSLEUTH_CORPUS`, or `../shared/corpus` beside the package.
    public static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["MAILSLEUTH_CORPUS"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }()

    /// True when the corpus is there; conformance tests are skipped (and say so) otherwise.
    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("MANIFEST.md").path)
    }

    /// The message printed when the corpus is absent.
    public static var absenceNote: String {
        "The conformance corpus is absent at \(root.path); set MAILSLEUTH_CORPUS to its location to run the conformance tests."
    }

    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    public static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relative)))
    }

    /// The project's own fixtures under Tests/Fixtures.
    public static func fixture(_ relative: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
    }

    /// The project's samples under samples/.
    public static func sample(_ relative: String) -> URL {
        packageRoot.appendingPathComponent("samples").appendingPathComponent(relative)
    }
}
