import Foundation
import MailTestSupport

/// Runs the built `mailsleuth` binary with `posix_spawn` and `wait4`, so the child's own peak memory
/// (`ru_maxrss`) is measured. Output goes to files (a big output never blocks on a pipe).
struct MailsleuthProcess {
    struct Run {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        /// Peak resident set of the child, in MiB.
        var peakRSSMiB: Double
        var seconds: Double

        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    static var binary: String {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("mailsleuth")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return Corpus.packageRoot.appendingPathComponent(".build/debug/mailsleuth").path
    }

    /// Runs `mailsleuth arguments`, optionally under `wrapper` (for example strace), with an empty DNS cache.
    static func run(_ arguments: [String], wrapper: [String] = [], in directory: URL) throws -> Run {
        let outPath = directory.appendingPathComponent("stdout-\(UUID().uuidString)").path
        let errPath = directory.appendingPathComponent("stderr-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        // Peak memory comes from /usr/bin/time (its fork+exec child starts with a fresh high-water mark;
        // a child spawned straight from this big test process would inherit this process's).
        let timePath = directory.appendingPathComponent("time-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: timePath) }
        let timer = wrapper.isEmpty && FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? ["/usr/bin/time", "-f", "%M", "-o", timePath] : []
        let argv = timer + wrapper + [binary] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = directory.appendingPathComponent("empty-cache").path
        let envp = environment.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = envp.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        let start = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
        guard spawned == 0 else { throw SpawnError(code: spawned) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let timedKB = (try? String(contentsOfFile: timePath, encoding: .utf8))?.split(separator: "\n").last.flatMap { Double($0) }
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Run(status: exit, stdout: [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()),
                   stderr: String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self),
                   peakRSSMiB: (timedKB ?? Double(usage.ru_maxrss)) / 1024, seconds: seconds)
    }

    struct SpawnError: Error { var code: Int32 }

    static let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// A fresh temporary directory, removed by `remove()`.
struct Scratch {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = root.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
