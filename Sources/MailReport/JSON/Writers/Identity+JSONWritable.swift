import MailForensics

// The identities (MailForensics/Identity), in key order.

extension IdentityReport: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("comparisons", comparisons)
        out.member("dkimDomains", dkimDomains)
        out.memberIfPresent("envelopeFrom", envelopeFrom)
        out.member("from", from)
        out.memberIfPresent("heloDomain", heloDomain)
        out.memberIfPresent("messageIdDomain", messageIdDomain)
        out.member("replyTo", replyTo)
        out.memberIfPresent("sender", sender)
        out.endObject()
    }
}

extension MailIdentity: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("address", address)
        out.memberIfPresent("displayName", displayName)
        out.memberIfPresent("domain", domain)
        out.memberIfPresent("headerLine", headerLine)
        out.memberIfPresent("organizationalDomain", organizationalDomain)
        out.member("source", source)
        out.endObject()
    }
}

extension IdentityComparison: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("domain", domain)
        out.member("exact", exact)
        out.member("fromDomain", fromDomain)
        out.member("identity", identity)
        out.member("sameOrganization", sameOrganization)
        out.endObject()
    }
}
