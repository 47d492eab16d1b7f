import MailAuth

// DMARC results and records (MailAuth/DMARC), in key order.

extension DMARCResult: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("alignment", alignment)
        out.member("disposition", disposition)
        out.memberIfPresent("dispositionNote", dispositionNote)
        out.member("dns", dns)
        out.member("domain", domain)
        out.memberIfPresent("domainPolicy", domainPolicy)
        out.member("explanation", explanation)
        out.member("fromAddresses", fromAddresses)
        out.member("incompleteOffline", incompleteOffline)
        out.memberIfPresent("organizationalDomain", organizationalDomain)
        out.member("organizationalDomainMethod", organizationalDomainMethod)
        out.memberIfPresent("organizationalDomainNote", organizationalDomainNote)
        out.memberIfPresent("policy", policy)
        out.memberIfPresent("policyTag", policyTag)
        out.member("reason", reason)
        out.memberIfPresent("record", record)
        out.member("result", result)
        out.memberIfPresent("subdomainPolicy", subdomainPolicy)
        out.endObject()
    }
}

extension DMARCAlignment: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("dkim", dkim)
        out.memberIfPresent("spf", spf)
        out.endObject()
    }
}

extension DMARCIdentifierAlignment: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("aligned", aligned)
        out.member("authResult", authResult)
        out.member("identifier", identifier)
        out.member("mode", mode)
        out.member("why", why)
        out.endObject()
    }
}

extension DMARCRecordSource: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("foundAt", foundAt)
        out.member("name", name)
        out.memberIfPresent("origin", origin)
        out.memberIfPresent("parsed", parsed)
        out.member("text", text)
        out.endObject()
    }
}

extension DMARCRecord: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("aggregateReportURIs", aggregateReportURIs)
        out.member("dkimAlignment", dkimAlignment)
        out.member("failureOptions", failureOptions)
        out.member("failureReportURIs", failureReportURIs)
        out.memberIfPresent("nonExistentPolicy", nonExistentPolicy)
        out.member("percent", percent)
        out.memberIfPresent("policy", policy)
        out.member("problems", problems)
        out.memberIfPresent("publicSuffixDomain", publicSuffixDomain)
        out.member("reportInterval", reportInterval)
        out.member("spfAlignment", spfAlignment)
        out.memberIfPresent("subdomainPolicy", subdomainPolicy)
        out.member("testing", testing)
        out.member("text", text)
        out.endObject()
    }
}

extension DMARCRecord.Policy: JSONWritable {}
extension DMARCRecord.AlignmentMode: JSONWritable {}
