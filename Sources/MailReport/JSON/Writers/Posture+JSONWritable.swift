import MailAuth

// The From domain's posture (MailAuth/Posture), in key order.

extension PostureReport: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("bimi", bimi)
        out.memberIfPresent("domain", domain)
        out.memberIfPresent("mtaSts", mtaSts)
        out.memberIfPresent("tlsRpt", tlsRpt)
        out.endObject()
    }
}

extension PostureStatus: JSONWritable {}

extension PostureRecord: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("id", id)
        out.member("name", name)
        out.member("note", note)
        out.memberIfPresent("origin", origin)
        out.memberIfPresent("record", record)
        out.member("reportURIs", reportURIs)
        out.member("status", status)
        out.endObject()
    }
}

extension BIMIPosture: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("authorityURL", authorityURL)
        out.member("eligibility", eligibility)
        out.memberIfPresent("eligible", eligible)
        out.memberIfPresent("indicatorHeaderBytes", indicatorHeaderBytes)
        out.memberIfPresent("locationHeader", locationHeader)
        out.memberIfPresent("logoURL", logoURL)
        out.member("name", name)
        out.member("note", note)
        out.memberIfPresent("origin", origin)
        out.memberIfPresent("record", record)
        out.member("selector", selector)
        out.memberIfPresent("selectorHeader", selectorHeader)
        out.member("status", status)
        out.endObject()
    }
}
