import MailForensics

// Findings, the verdict and the vendors' verdicts (MailForensics/Findings, Verdict, Vendor), in key order.

extension Finding: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("evidence", evidence)
        out.member("explanation", explanation)
        out.member("id", id)
        out.member("references", references)
        out.member("severity", severity)
        out.member("strength", strength)
        out.member("title", title)
        out.endObject()
    }
}

extension Evidence: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("firstLine", firstLine)
        out.member("kind", kind)
        out.member("label", label)
        out.memberIfPresent("lastLine", lastLine)
        out.memberIfPresent("origin", origin)
        out.member("value", value)
        out.endObject()
    }
}

extension Severity: JSONWritable {}
extension EvidenceStrength: JSONWritable {}
extension Evidence.Kind: JSONWritable {}

extension Verdict: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("level", level)
        out.member("score", score)
        out.member("summary", summary)
        out.endObject()
    }
}

extension Verdict.Level: JSONWritable {}

extension VendorVerdict: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("assessment", assessment)
        out.member("codes", codes)
        out.member("field", field)
        out.member("headerLine", headerLine)
        out.memberIfPresent("lastLine", lastLine)
        out.member("raw", raw)
        out.member("summary", summary)
        out.member("trusted", trusted)
        out.member("vendor", vendor)
        out.endObject()
    }
}

extension VendorVerdict.Assessment: JSONWritable {}

extension VendorCode: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("key", key)
        out.memberIfPresent("meaning", meaning)
        out.memberIfPresent("signal", signal)
        out.memberIfPresent("source", source)
        out.member("value", value)
        out.endObject()
    }
}

extension VendorCode.Source: JSONWritable {}
