import MailForensics
import MailParsing

// The report's own types (MailForensics/Report). Members in UTF-8 byte order of their keys, as `JSONEncoder`'s
// `.sortedKeys` gives them.

extension Report: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("authentication", authentication)
        out.memberIfPresent("content", content)
        out.member("defects", defects)
        out.member("dnsUsed", dnsUsed)
        out.memberIfPresent("evaluationTime", evaluationTime)
        out.member("findings", findings)
        out.memberIfPresent("identities", identities)
        out.memberIfPresent("iocs", iocs)
        out.member("message", message)
        out.memberIfPresent("path", path)
        out.memberIfPresent("posture", posture)
        out.member("schemaVersion", schemaVersion)
        out.member("source", source)
        out.memberIfPresent("structure", structure)
        out.member("tool", tool)
        out.member("vendorVerdicts", vendorVerdicts)
        out.member("verdict", verdict)
        out.endObject()
    }
}

extension ToolInfo: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("name", name)
        out.member("version", version)
        out.endObject()
    }
}

extension SourceInfo: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("byteOffset", byteOffset)
        out.member("bytes", bytes)
        out.member("index", index)
        out.member("kind", kind)
        out.member("path", path)
        out.member("sha256", sha256)
        out.endObject()
    }
}

extension InputKind: JSONWritable {}

extension MessageSummary: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("date", date)
        out.memberIfPresent("dateRaw", dateRaw)
        out.memberIfPresent("from", from)
        out.memberIfPresent("messageId", messageId)
        out.memberIfPresent("returnPath", returnPath)
        out.memberIfPresent("subject", subject)
        out.memberIfPresent("to", to)
        out.endObject()
    }
}

extension MIMEPartSummary: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("bytes", bytes)
        out.memberIfPresent("charset", charset)
        out.member("children", children)
        out.member("contentType", contentType)
        out.memberIfPresent("disposition", disposition)
        out.memberIfPresent("filename", filename)
        out.memberIfPresent("firstLine", firstLine)
        out.memberIfPresent("lastLine", lastLine)
        out.memberIfPresent("transferEncoding", transferEncoding)
        out.endObject()
    }
}

extension AuthenticationReport: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("arc", arc)
        out.memberIfPresent("authenticationResults", authenticationResults)
        out.member("dkim", dkim)
        out.memberIfPresent("dmarc", dmarc)
        out.member("domainKeys", domainKeys)
        out.member("recorded", recorded)
        out.memberIfPresent("spf", spf)
        out.endObject()
    }
}

extension DNSUse: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("origin", origin)
        out.member("outcome", outcome)
        out.member("question", question)
        out.endObject()
    }
}

extension EvaluationTime: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("basis", basis)
        out.member("time", time)
        out.endObject()
    }
}

// MailParsing

extension ParseDefect: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("detail", detail)
        out.member("id", id)
        out.memberIfPresent("span", span)
        out.endObject()
    }
}

extension SourceSpan: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("byteEnd", byteEnd)
        out.member("byteStart", byteStart)
        out.member("firstLine", firstLine)
        out.member("lastLine", lastLine)
        out.endObject()
    }
}
