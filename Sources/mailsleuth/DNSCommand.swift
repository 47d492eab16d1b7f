import ArgumentParser

/// `mailsleuth dns`: look up, import, list and check the DNS answers used for verification.
struct DNSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dns",
        abstract: "Look up, import, list and check the DNS answers used for verification (offline cache by default).",
        discussion: """
        DKIM keys, SPF and DMARC policies come from DNS. mailsleuth is offline by
        default: answers come from zone files you control, starting with the
        default cache ($XDG_CACHE_HOME/mailsleuth/cache.zone, else
        ~/.cache/mailsleuth/cache.zone). A name no file mentions is "could not be
        checked offline", never "does not exist". Only --live asks the network.
        The file format is described in Docs/dns.md.

        Examples:
          # what the cache says (TXT by default), then ask the network
          mailsleuth dns lookup sel._domainkey.example.com
          mailsleuth dns lookup --live example.com MX
          # add dig output, or a key copied from a web page, to the cache
          dig TXT sel._domainkey.example.com | mailsleuth dns import
          mailsleuth dns import --name sel._domainkey.example.com key.txt
          # what the cache holds; mistakes in a zone file
          mailsleuth dns list
          mailsleuth dns check case-42.zone
          # record live answers once, replay them offline later
          mailsleuth analyze --live --record case-42.zone msg.eml
          mailsleuth analyze --dns-zone case-42.zone msg.eml
        """,
        subcommands: [DNSLookupCommand.self, DNSImportCommand.self, DNSListCommand.self, DNSCheckCommand.self]
    )
}
