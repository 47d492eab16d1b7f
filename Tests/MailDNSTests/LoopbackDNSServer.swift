import Foundation

/// A dnsmasq the tests start on 127.0.0.1 at a random high port, stopped by `stop()` (call it in a defer).
final class LoopbackDNSServer: @unchecked Sendable {
    static let executable: String? = ["/usr/sbin/dnsmasq", "/usr/bin/dnsmasq", "/sbin/dnsmasq"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static var isAvailable: Bool { executable != nil }
    static let absenceNote = "dnsmasq is not installed: the loopback DNS integration tests are skipped (apt-get install dnsmasq)."

    let process: Process
    let port: UInt16

    /// Starts dnsmasq with extra arguments (records); tries a few ports in case one is taken.
    init(arguments: [String]) throws {
        guard let executable = Self.executable else { throw CocoaError(.fileNoSuchFile) }
        var lastError: Error = CocoaError(.fileReadUnknown)
        for _ in 0..<5 {
            let port = UInt16.random(in: 20000...60000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            // --no-daemon: stay in the foreground and answer TCP without forking a child per connection.
            process.arguments = ["--no-daemon", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--port=\(port)",
                                 "--listen-address=127.0.0.1", "--bind-interfaces", "--pid-file=", "--user=root"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                lastError = error
                continue
            }
            if Self.waitForTCP(port: port, process: process) {
                self.process = process
                self.port = port
                return
            }
            Self.kill(process)
            lastError = CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "dnsmasq did not start on port \(port)"])
        }
        throw lastError
    }

    var address: String { "127.0.0.1@\(port)" }

    /// Kills the server: SIGKILL, because a child of the test runner inherits its blocked SIGTERM.
    func stop() {
        Self.kill(process)
    }

    static func kill(_ process: Process) {
        guard process.isRunning else { return }
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// True once something accepts TCP connections on the port (dnsmasq serves TCP and UDP together).
    static func waitForTCP(port: UInt16, process: Process) -> Bool {
        for _ in 0..<100 {
            guard process.isRunning else { return false }
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
