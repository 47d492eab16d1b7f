import Foundation

/// A dnsmasq the tests start on 127.0.0.1 at a random high port, stopped by `stop()` (call it in a defer).
/// Started with posix_spawn, not Foundation's Process: Process's child monitor can block in wait4 on a
/// long-lived child while other children exit, which hangs every other Process in the test run.
final class LoopbackDNSServer: @unchecked Sendable {
    static let executable: String? = ["/usr/sbin/dnsmasq", "/usr/bin/dnsmasq", "/sbin/dnsmasq"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static var isAvailable: Bool { executable != nil }
    static let absenceNote = "dnsmasq is not installed: the loopback DNS integration tests are skipped (apt-get install dnsmasq)."

    let pid: pid_t
    let port: UInt16
    private var stopped = false

    /// Starts dnsmasq with extra arguments (records); tries a few ports in case one is taken.
    init(arguments: [String]) throws {
        guard let executable = Self.executable else { throw CocoaError(.fileNoSuchFile) }
        for _ in 0..<5 {
            let port = UInt16.random(in: 20000...60000)
            // --no-daemon: stay in the foreground and answer TCP without forking a child per connection.
            let argv = [executable, "--no-daemon", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--port=\(port)",
                        "--listen-address=127.0.0.1", "--bind-interfaces", "--pid-file=", "--user=root"] + arguments
            guard let pid = Self.spawn(argv) else { continue }
            if Self.waitForTCP(port: port, pid: pid) {
                self.pid = pid
                self.port = port
                return
            }
            Self.kill(pid)
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "dnsmasq did not start"])
    }

    var address: String { "127.0.0.1@\(port)" }

    /// Kills the server (SIGKILL: a child of the test runner inherits its blocked SIGTERM) and reaps it.
    func stop() {
        guard !stopped else { return }
        stopped = true
        Self.kill(pid)
    }

    static func kill(_ pid: pid_t) {
        _ = Foundation.kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    /// posix_spawn with standard input, output and error on /dev/null.
    static func spawn(_ argv: [String]) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        return result == 0 ? pid : nil
    }

    /// True once something accepts TCP connections on the port (dnsmasq serves TCP and UDP together).
    static func waitForTCP(port: UInt16, pid: pid_t) -> Bool {
        for _ in 0..<100 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return false }
            if canConnect(port: port) { return true }
            usleep(20_000)
        }
        return false
    }

    static func canConnect(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// A UDP socket on 127.0.0.1 that receives queries and never answers; TCP on its port is refused.
final class SilentDNSServer: @unchecked Sendable {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    var address: String { "127.0.0.1@\(port)" }

    func stop() { close(descriptor) }
}
