import ArgumentParser

/// `mailsleuth dns`: look up, import, list and check the DNS answers used for verification.
struct DNSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dns",
        abstract: "Look up, import, list and check the DNS answers used for verification (offline cache by default).",
        discussion: """
        DKIM keys, SPF and DMARC policies come from DNS. mailsleuth works offline by default: answers come from
        zone files you control, starting with the default cache ($XDG_CACHE_HOME/mailsleuth/cache.zone, else
        ~/.cache/mailsleuth/cache.zone). A name no file mentions is "could not be checked offline", never
        "does not exist". Live lookups happen only with --live. The file format is described in Docs/dns.md.

        Examples:
          mailsleuth dns lookup sel._domainkey.example.com           what the cache says (TXT by default)
          mailsleuth dns lookup --live example.com MX                 ask the network
          dig +noall +answer TXT sel._domainkey.example.com | mailsleuth dns import
          mailsleuth dns import --name sel._domainkey.example.com key.txt   a key copied from a web page
          mailsleuth dns list                                         what the cache holds
          mailsleuth dns check case-42.zone                           find mistakes in a zone file
          mailsleuth analyze --live --record case-42.zone msg.eml     record, then replay offline:
          mailsleuth analyze --dns-zone case-42.zone msg.eml
        """,
        subcommands: [DNSLookupCommand.self, DNSImportCommand.self, DNSListCommand.self, DNSCheckCommand.self]
    )
}
