import ArgumentParser
import Foundation
import MailDNS
import MailDNSLive

/// Where DNS answers come from; shared by `analyze`, `sweep` and `dns`. Offline by default.
struct DNSOptionsGroup: ParsableArguments {
    @Option(name: .customLong("dns-zone"), help: ArgumentHelp(
        "Read DNS answers from this zone file (repeatable; later files add to earlier ones). Names it does not mention stay 'could not be checked offline' unless it says $COMPLETE.",
        valueName: "FILE"))
    var zones: [String] = []

    @Flag(help: "Allow live DNS lookups (off by default: nothing leaves this machine, and a selector lookup cannot tip off a sender).")
    var live = false

    @Option(name: .customLong("dns-server"), help: ArgumentHelp(
        "With --live: ask this server (an IP address, optionally @PORT, e.g. 192.0.2.53 or 127.0.0.1@5353) instead of the system's resolvers.",
        valueName: "HOST[@PORT]"))
    var dnsServer: String?

    @Option(name: .customLong("dns-timeout"), help: ArgumentHelp("With --live: give up on one lookup after this many seconds.", valueName: "SECONDS"))
    var dnsTimeout: Double = 3

    @Option(help: ArgumentHelp(
        "With --live: append every answer (negative ones too) to this zone file, to replay the investigation offline later with --dns-zone FILE. @cache names the default cache.",
        valueName: "FILE"))
    var record: String?

    @Flag(name: .customLong("no-dns-cache"), help: "Do not read the default cache file ($XDG_CACHE_HOME/mailsleuth/cache.zone).")
    var noDNSCache = false

    func validate() throws {
        if record != nil, !live {
            throw ValidationError("""
                --record saves what live DNS answers, so it needs --live as well.
                  Record:  mailsleuth analyze --live --record case-42.zone message.eml
                  Replay:  mailsleuth analyze --dns-zone case-42.zone message.eml
                """)
        }
        if dnsServer != nil, !live {
            throw ValidationError("--dns-server only matters with --live (without --live nothing is sent to any server). Add --live to ask that server.")
        }
        guard dnsTimeout > 0, dnsTimeout <= 300 else {
            throw ValidationError("--dns-timeout must be more than 0 and at most 300 seconds, not \(dnsTimeout).")
        }
    }

    /// Prints zone-file problems on standard error, one `file:line: message` per line.
    static func report(_ issues: [ZoneFileIssue]) {
        for issue in issues { Console.error(Console.safe(issue.description)) }
    }

    /// The default cache file, whether or not it exists.
    static var defaultCachePath: String? {
        DNSCacheLocation.defaultFile(environment: ProcessInfo.processInfo.environment)
    }

    /// Resolves `@cache` to the default cache file.
    static func path(_ argument: String) throws -> String {
        guard argument == "@cache" else { return argument }
        guard let path = defaultCachePath else {
            throw ValidationError("@cache: neither XDG_CACHE_HOME nor HOME is set, so there is no default cache; give a file name.")
        }
        return path
    }

    /// The zone files read offline: the default cache when present (unless --live or --no-dns-cache), then each --dns-zone.
    var offlinePaths: [String] {
        var paths: [String] = []
        if !live, !noDNSCache, let cache = Self.defaultCachePath, FileManager.default.fileExists(atPath: cache) { paths.append(cache) }
        return paths + zones
    }

    /// Builds the resolver the options describe: offline zone files, or (with --live) the zone files first and
    /// libunbound for the rest, recorded when asked; answers are remembered for the run.
    func makeResolver() throws -> any DNSResolver {
        let offline: OfflineResolver
        do {
            offline = try OfflineResolver(paths: offlinePaths)
        } catch {
            Self.report(error.issues)
            Console.error("mailsleuth: a DNS zone file could not be read; 'mailsleuth dns check FILE' lists every problem.")
            throw ExitCode(2)
        }
        guard live else { return MemoizingResolver(offline) }
        let liveResolver: LiveResolver
        do {
            liveResolver = try LiveResolver(configuration: .init(server: dnsServer, timeout: dnsTimeout))
        } catch {
            throw ValidationError("--dns-server: \(error.description)")
        }
        var network: any DNSResolver = liveResolver
        if let record {
            let path = try Self.path(record)
            do {
                network = try RecordingResolver(wrapping: liveResolver, path: path, source: "live DNS via \(liveResolver)", time: Date())
            } catch {
                throw ValidationError("--record: cannot write \(path): \(error.localizedDescription)")
            }
        }
        let combined: any DNSResolver = zones.isEmpty ? network : FallbackResolver(primary: offline, fallback: network)
        return MemoizingResolver(combined)
    }
}

extension DNSRecordType: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
