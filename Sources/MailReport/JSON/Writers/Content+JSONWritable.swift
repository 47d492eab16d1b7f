import MailForensics

// Attachments, links and indicators (MailForensics/Content), in key order.

extension ContentReport: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("attachments", attachments)
        out.memberIfPresent("extractedTo", extractedTo)
        out.member("links", links)
        out.member("problems", problems)
        out.endObject()
    }
}

extension AttachmentInfo: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("archiveMembers", archiveMembers)
        out.member("concerns", concerns)
        out.memberIfPresent("declaredType", declaredType)
        out.memberIfPresent("disposition", disposition)
        out.memberIfPresent("extractedPath", extractedPath)
        out.memberIfPresent("filename", filename)
        out.member("md5", md5)
        out.member("part", part)
        out.member("realType", realType)
        out.member("sha1", sha1)
        out.member("sha256", sha256)
        out.member("size", size)
        out.endObject()
    }
}

extension ArchiveMember: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("encrypted", encrypted)
        out.member("name", name)
        out.memberIfPresent("size", size)
        out.endObject()
    }
}

extension LinkInfo: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("concerns", concerns)
        out.memberIfPresent("host", host)
        out.member("part", part)
        out.member("source", source)
        out.memberIfPresent("text", text)
        out.member("url", url)
        out.endObject()
    }
}

extension FileType: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("description", description)
        out.member("mimeType", mimeType)
        out.endObject()
    }
}

/// Only `items` (its `CodingKeys`); the deduplication set is not part of the report.
extension IOCList: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("items", items)
        out.endObject()
    }
}

extension IOC: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("context", context)
        out.member("type", type)
        out.member("value", value)
        out.endObject()
    }
}

extension IOC.Kind: JSONWritable {}
