import ArgumentParser
import MailDNS
import MailDNSLive

/// Where DNS answers come from; shared by `analyze`, `sweep` and `dns`. Offline by default.
struct DNSOptionsGroup: ParsableArguments {
    @Option(name: .customLong("dns-zone"), help: ArgumentHelp("Read DNS answers from this zone file (repeatable).", valueName: "FILE"))
    var zones: [String] = []

    @Flag(help: "Allow live DNS lookups (off by default: nothing leaves this machine).")
    var live = false

    @Option(name: .customLong("dns-server"), help: ArgumentHelp("With --live: ask this server instead of the system's resolvers.", valueName: "HOST[@PORT]"))
    var dnsServer: String?

    @Option(name: .customLong("dns-timeout"), help: ArgumentHelp("With --live: give up on one lookup after this many seconds.", valueName: "SECONDS"))
    var dnsTimeout: Double = 3

    @Option(help: ArgumentHelp("With --live: write every answer to this zone file, for replay offline later.", valueName: "FILE"))
    var record: String?

    /// Builds the resolver the options describe. Placeholder until the DNS work lands.
    func makeResolver() throws -> any DNSResolver {
        StaticResolver(answers: [:], complete: false)
    }
}
