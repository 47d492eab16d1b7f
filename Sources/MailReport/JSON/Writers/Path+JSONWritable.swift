import MailDNS
import MailForensics

// The Received path (MailForensics/Path), in key order.

extension ReceivedPath: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("auxiliaryHops", auxiliaryHops)
        out.memberIfPresent("claimedOriginIP", claimedOriginIP)
        out.memberIfPresent("connectingIP", connectingIP)
        out.memberIfPresent("envelopeFrom", envelopeFrom)
        out.memberIfPresent("helo", helo)
        out.member("hops", hops)
        out.member("originHints", originHints)
        out.memberIfPresent("originatingIP", originatingIP)
        out.memberIfPresent("transit", transit)
        out.memberIfPresent("transitSeconds", transitSeconds)
        out.memberIfPresent("trustBoundary", trustBoundary)
        out.endObject()
    }
}

extension TrustBoundary: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("entryHop", entryHop)
        out.member("entryLine", entryLine)
        out.member("reason", reason)
        out.memberIfPresent("receivingHost", receivingHost)
        out.memberIfPresent("receivingOrganization", receivingOrganization)
        out.endObject()
    }
}

extension OriginHint: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("field", field)
        out.member("headerLine", headerLine)
        out.memberIfPresent("ip", ip)
        out.memberIfPresent("ipScope", ipScope)
        out.member("value", value)
        out.endObject()
    }
}

extension IPAddress.Scope: JSONWritable {}
extension ParseConfidence: JSONWritable {}

extension ReceivedHop: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("by", by)
        out.memberIfPresent("byHost", byHost)
        out.memberIfPresent("clientInfrastructure", clientInfrastructure)
        out.member("confidence", confidence)
        out.memberIfPresent("delay", delay)
        out.memberIfPresent("delaySeconds", delaySeconds)
        out.memberIfPresent("envelopeFrom", envelopeFrom)
        out.memberIfPresent("epochMillis", epochMillis)
        out.member("field", field)
        out.memberIfPresent("for", self.for)
        out.memberIfPresent("from", from)
        out.member("headerLine", headerLine)
        out.memberIfPresent("helo", helo)
        out.memberIfPresent("id", id)
        out.memberIfPresent("infrastructure", infrastructure)
        out.memberIfPresent("ip", ip)
        out.memberIfPresent("ipScope", ipScope)
        out.member("lastLine", lastLine)
        out.member("number", number)
        out.memberIfPresent("protocolName", protocolName)
        out.member("raw", raw)
        out.memberIfPresent("reverseDNS", reverseDNS)
        out.memberIfPresent("timestamp", timestamp)
        out.memberIfPresent("tls", tls)
        out.memberIfPresent("tlsDetail", tlsDetail)
        out.memberIfPresent("transitShare", transitShare)
        out.member("trusted", trusted)
        out.memberIfPresent("unparsed", unparsed)
        out.memberIfPresent("via", via)
        out.memberIfPresent("with", with)
        out.endObject()
    }
}
