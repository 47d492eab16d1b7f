import CUnbound
import Foundation
import MailDNS

/// Live DNS on libunbound (RFC 1035 queries, RFC 4033-4035 DNSSEC validation when a trust anchor is present).
/// Each lookup has a hard deadline; large answers fall back to TCP inside libunbound (RFC 7766).
/// The only code in mailsleuth that opens sockets.
public struct LiveResolver: DNSResolver, CustomStringConvertible {
    /// How to reach the DNS.
    public struct Configuration: Sendable {
        /// `HOST[@PORT]` with HOST an IP address; nil asks the system's resolvers (`/etc/resolv.conf`).
        public var server: String?
        /// Seconds after which a lookup gives up with `.timeout`.
        public var timeout: Double
        /// DNSSEC trust anchor file; nil turns validation off (the status is then `unknown`).
        public var trustAnchorFile: String?
        /// Extra libunbound options (`"edns-buffer-size:": "512"`), for tests and experts.
        public var options: [String: String]
        /// The clock stamped on each answer's origin.
        public var clock: @Sendable () -> Date

        public init(server: String? = nil, timeout: Double = 3, trustAnchorFile: String? = Configuration.systemTrustAnchor,
                    options: [String: String] = [:], clock: @escaping @Sendable () -> Date = { Date() }) {
            self.server = server
            self.timeout = timeout
            self.trustAnchorFile = trustAnchorFile
            self.options = options
            self.clock = clock
        }

        /// Debian's root trust anchor (package dns-root-data), when installed.
        public static var systemTrustAnchor: String? {
            let path = "/usr/share/dns/root.key"
            return FileManager.default.isReadableFile(atPath: path) ? path : nil
        }
    }

    /// A configuration that cannot work (bad server address, bad timeout).
    public struct ConfigurationError: Error, CustomStringConvertible {
        public var description: String
    }

    public let configuration: Configuration
    /// The server in libunbound's `IP@PORT` form, or nil for the system's resolvers.
    let forwarder: String?

    public init(configuration: Configuration = Configuration()) throws(ConfigurationError) {
        guard configuration.timeout > 0, configuration.timeout <= 300 else {
            throw ConfigurationError(description: "the DNS timeout must be between 0 and 300 seconds, not \(configuration.timeout)")
        }
        self.configuration = configuration
        self.forwarder = try configuration.server.map { server throws(ConfigurationError) in try Self.forwarder(server) }
    }

    /// Checks `HOST[@PORT]` (HOST an IPv4 or IPv6 address, `[v6]:port` also accepted) and returns `IP@PORT`.
    static func forwarder(_ server: String) throws(ConfigurationError) -> String {
        var host = server
        var port: String?
        if server.hasPrefix("["), let close = server.firstIndex(of: "]") {
            host = String(server[server.index(after: server.startIndex)..<close])
            let rest = server[server.index(after: close)...]
            if rest.hasPrefix(":") || rest.hasPrefix("@") { port = String(rest.dropFirst()) } else if !rest.isEmpty { host = server }
        } else if let at = server.lastIndex(of: "@") {
            host = String(server[..<at])
            port = String(server[server.index(after: at)...])
        } else if server.filter({ $0 == ":" }).count == 1, let colon = server.firstIndex(of: ":") {
            host = String(server[..<colon])
            port = String(server[server.index(after: colon)...])
        }
        let isAddress = IPAddress(host, family: .ipv4) != nil || IPAddress(host, family: .ipv6) != nil
        guard isAddress else {
            throw ConfigurationError(description: "'\(server)' is not HOST[@PORT] with HOST an IP address (for example 192.0.2.53, 192.0.2.53@5353 or [2001:db8::53]:53)")
        }
        guard let port else { return host }
        guard let number = UInt16(port), number > 0 else {
            throw ConfigurationError(description: "'\(port)' in '\(server)' is not a port number (1 to 65535)")
        }
        return "\(host)@\(number)"
    }

    /// Names the server for answer origins and capture headers.
    public var description: String {
        forwarder ?? "system resolvers"
    }

    public func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        let configuration = configuration
        let forwarder = forwarder
        let server = description
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let lookup = UnboundLookup(configuration: configuration, forwarder: forwarder, server: server)
                continuation.resume(returning: lookup.run(question))
            }
        }
    }
}
