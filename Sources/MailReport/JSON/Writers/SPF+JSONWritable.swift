import MailAuth

// SPF results (MailAuth/SPF), in key order.

extension SPFResult: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("authorityExplanation", authorityExplanation)
        out.member("domain", domain)
        out.member("explanation", explanation)
        out.memberIfPresent("helo", helo)
        out.memberIfPresent("heloResult", heloResult)
        out.member("identity", identity)
        out.member("incompleteOffline", incompleteOffline)
        out.memberIfPresent("ip", ip)
        out.member("lookups", lookups)
        out.memberIfPresent("mailFrom", mailFrom)
        out.member("reason", reason)
        out.memberIfPresent("record", record)
        out.memberIfPresent("recordOrigin", recordOrigin)
        out.member("result", result)
        out.member("trace", trace)
        out.member("voidLookups", voidLookups)
        out.endObject()
    }
}

extension SPFTraceStep: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("depth", depth)
        out.member("dns", dns)
        out.member("domain", domain)
        out.member("matched", matched)
        out.member("outcome", outcome)
        out.memberIfPresent("target", target)
        out.member("term", term)
        out.endObject()
    }
}

extension AuthDNSLookup: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("answer", answer)
        out.memberIfPresent("origin", origin)
        out.member("question", question)
        out.endObject()
    }
}
