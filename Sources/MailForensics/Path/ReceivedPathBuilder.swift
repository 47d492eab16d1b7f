import MailDNS
import MailParsing

/// Rebuilds the Received path of a message (RFC 5321 §4.4): parses every trace field, orders the hops oldest
/// first, computes delays and transit shares, finds the trust boundary and the originating IP.
struct ReceivedPathBuilder {
    /// Host names (or suffixes) the analyst says belong to the receiving organization (`--internal-host`),
    /// plus the authserv-ids the analyst trusts (`--trusted-authserv`), which are host names too.
    var internalHosts: [String]

    static let originHintFields = ["x-originating-ip", "x-sender-ip", "x-forwarded-for", "x-client-ip", "x-real-ip",
                                   "x-ms-exchange-organization-originalclientipaddress", "x-originatororg-ip", "x-source-ip"]

    func build(_ message: Message) -> ReceivedPath {
        var path = ReceivedPath()
        // Top first, as in the message; the newest hop is on top.
        var topFirst: [ReceivedHop] = []
        for field in message.header.prefix(500) {
            // Every name read here starts with "r" or "x": other fields are passed over without comparing names.
            let initial = field.lowercasedName.utf8.first
            guard initial == UInt8(ascii: "r") || initial == UInt8(ascii: "x") else { continue }
            switch field.lowercasedName {
            case "received":
                topFirst.append(ReceivedParser.parse(field.unfoldedValue, field: field.name, firstLine: field.span.firstLine, lastLine: field.span.lastLine))
            case "x-received":
                path.auxiliaryHops.append(ReceivedParser.parse(field.unfoldedValue, field: field.name, firstLine: field.span.firstLine, lastLine: field.span.lastLine))
            case let name where Self.originHintFields.contains(name):
                let value = field.unfoldedValue
                let candidate = value.split(whereSeparator: { $0 == "," || $0 == " " }).first.map(String.init) ?? value
                let ip = IPAddress(candidate, accepting: .header)
                path.originHints.append(OriginHint(field: field.name, value: ReceivedText.prefix(value, 200), ip: ip?.description,
                                                   ipScope: ip?.scope, headerLine: field.span.firstLine))
            default:
                break
            }
        }
        for i in topFirst.indices {
            topFirst[i].infrastructure = KnownInfrastructure.identify(topFirst[i].byHost)?.name
            topFirst[i].clientInfrastructure = (KnownInfrastructure.identify(topFirst[i].reverseDNS) ?? KnownInfrastructure.identify(topFirst[i].helo))?.name
        }
        let entry = trustBoundary(topFirst)
        var hops = Array(topFirst.reversed())
        let count = hops.count
        for i in hops.indices {
            hops[i].number = i + 1
            if let entry { hops[i].trusted = (count - 1 - i) <= entry.index }
        }
        timeline(&hops)
        path.hops = hops
        if let entry {
            let hop = topFirst[entry.index]
            path.trustBoundary = TrustBoundary(entryHop: count - entry.index, entryLine: hop.headerLine, receivingHost: hop.byHost, receivingOrganization: entry.organization,
                                               reason: entry.reason)
            path.connectingIP = hop.ip
            path.helo = hop.helo
            path.originatingIP = hop.ip
        }
        path.claimedOriginIP = hops.first { hop in hop.ipScope == .global }?.ip
            ?? path.originHints.first { $0.ipScope == .global }?.ip
        path.envelopeFrom = hops.reversed().first { $0.trusted && $0.envelopeFrom != nil }?.envelopeFrom
        let dated = hops.compactMap(\.epochMillis)
        if let first = dated.first, let last = dated.last, dated.count > 1 {
            path.transitSeconds = Double(last - first) / 1000
            path.transit = ISOTime.delayText(millis: last - first)
        }
        return path
    }

    /// Delays between consecutive dated hops and each hop's share of the total (negative delays count as zero),
    /// as Microsoft's Message Header Analyzer computes them.
    func timeline(_ hops: inout [ReceivedHop]) {
        var previous: Int64?
        var positiveTotal: Int64 = 0
        var delays: [Int64?] = Array(repeating: nil, count: hops.count)
        for i in hops.indices {
            guard let t = hops[i].epochMillis else { continue }
            if let p = previous {
                delays[i] = t - p
                if t > p { positiveTotal += t - p }
            }
            previous = t
        }
        for i in hops.indices {
            guard let d = delays[i] else { continue }
            hops[i].delaySeconds = Double(d) / 1000
            hops[i].delay = ISOTime.delayText(millis: d)
            hops[i].transitShare = positiveTotal > 0 && d > 0 ? Double(d) / Double(positiveTotal) * 100 : 0
        }
    }

    struct Entry {
        /// Index in top-first order of the hop that crossed into the receiving organization.
        var index: Int
        var organization: String?
        var reason: String
    }

    /// Walks down from the newest hop while the receiving organization (its known service, its organizational
    /// domain, or the hosts named by the analyst) wrote the hop and the client was one of its own servers.
    func trustBoundary(_ topFirst: [ReceivedHop]) -> Entry? {
        guard !topFirst.isEmpty else { return nil }
        let receiverHost = topFirst.lazy.compactMap(\.byHost).first { ReceivedText.looksLikeHostName($0) && IPAddress($0, accepting: .header) == nil }
        var services: Set<String> = []
        if let name = KnownInfrastructure.identify(receiverHost)?.name { services.insert(name) }
        let receiverOrganization = services.first ?? receiverHost.map(DomainName.organizational)
        func isInternal(_ host: String?) -> Bool {
            guard let host = host.map(DomainName.normalize), !host.isEmpty else { return false }
            if internalHosts.contains(where: { let h = DomainName.normalize($0); return host == h || host.hasSuffix("." + h) }) { return true }
            if let service = KnownInfrastructure.identify(host)?.name, services.contains(service) { return true }
            if let receiverHost, IPAddress(host, accepting: .header) == nil, services.isEmpty, DomainName.sameOrganization(host, receiverHost) { return true }
            return false
        }
        var reason = "The newest Received field was written by the receiving server."
        for (i, hop) in topFirst.enumerated() {
            // A hop written by "localhost" or an address is a local hand-off (content filter, LMTP) of the server above.
            let localBy = hop.byHost.map { IPAddress($0, accepting: .header) != nil || !ReceivedText.contains($0, ".") } ?? true
            if i > 0, hop.from != nil, !localBy, !isInternal(hop.byHost) {
                return Entry(index: i - 1, organization: receiverOrganization, reason: reason)
            }
            guard hop.from != nil else { continue }
            // The parser recorded the scope with the address; a hop built by hand may carry the address alone.
            let scope = hop.ipScope ?? hop.ip.flatMap { IPAddress($0, accepting: .header)?.scope }
            // The HELO name is the client's own claim: believe it for a known provider's internal hand-offs (which
            // record no reverse DNS), otherwise only for a non-public address.
            let heloBelievable = hop.reverseDNS == nil && (!services.isEmpty || scope != .global)
            let clientIsOwnServer = isInternal(hop.reverseDNS) || (heloBelievable && isInternal(hop.helo))
                || scope == .loopback || (scope != nil && scope != .global && i < topFirst.count - 1)
            if clientIsOwnServer {
                reason = "Hops down to this one were passed between the receiving organization's own servers."
                continue
            }
            let infra = KnownInfrastructure.identify(hop.reverseDNS) ?? KnownInfrastructure.identify(hop.helo)
            if let infra, infra.kind == .securityGateway, i < topFirst.count - 1 {
                services.insert(infra.name)
                reason = "The receiving organization filters its mail through \(infra.name); its hops count as trusted."
                continue
            }
            return Entry(index: i, organization: receiverOrganization,
                         reason: i == 0 ? "The newest Received field records the message arriving from outside."
                                        : "This is the lowest hop written by the receiving organization's servers; below it, anyone could have written the fields.")
        }
        // Every hop looked internal: the message entered where the first public address appears, else at the oldest hop.
        let index = topFirst.lastIndex { $0.ip.flatMap { IPAddress($0, accepting: .header)?.isGlobal } ?? false } ?? topFirst.count - 1
        return Entry(index: index, organization: receiverOrganization,
                     reason: "Every hop looked like the receiving organization's own; the boundary is the oldest hop with a public address.")
    }
}
