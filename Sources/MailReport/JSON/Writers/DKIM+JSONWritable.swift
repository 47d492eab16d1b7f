import MailAuth

// DKIM results (MailAuth/DKIM), in key order.

extension AuthResultCode: JSONWritable {}

extension DKIMResult: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("algorithm", algorithm)
        out.memberIfPresent("bodyHash", bodyHash)
        out.memberIfPresent("bodyLengthLimit", bodyLengthLimit)
        out.memberIfPresent("canonicalization", canonicalization)
        out.memberIfPresent("cryptographicallyValid", cryptographicallyValid)
        out.member("diagnosis", diagnosis)
        out.member("domain", domain)
        out.memberIfPresent("expiresAt", expiresAt)
        out.memberIfPresent("fromAlignment", fromAlignment)
        out.memberIfPresent("fromOversigned", fromOversigned)
        out.member("headerLine", headerLine)
        out.memberIfPresent("identity", identity)
        out.memberIfPresent("keyBits", keyBits)
        out.memberIfPresent("keyCandidates", keyCandidates)
        out.memberIfPresent("keyName", keyName)
        out.memberIfPresent("keyOrigin", keyOrigin)
        out.memberIfPresent("keyTesting", keyTesting)
        out.memberIfPresent("keyUsed", keyUsed)
        out.member("reason", reason)
        out.member("result", result)
        out.member("selector", selector)
        out.memberIfPresent("signedAt", signedAt)
        out.member("signedHeaders", signedHeaders)
        out.memberIfPresent("timeSkewSeconds", timeSkewSeconds)
        out.memberIfPresent("unsignedBodyBytes", unsignedBodyBytes)
        out.member("unsignedDuplicates", unsignedDuplicates)
        out.endObject()
    }
}

extension DKIMResult.BodyHashCheck: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("computed", computed)
        out.member("expected", expected)
        out.endObject()
    }
}

extension DKIMResult.SignedHeader: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("line", line)
        out.member("name", name)
        out.endObject()
    }
}

extension DKIMResult.UnsignedDuplicate: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.member("line", line)
        out.member("name", name)
        out.endObject()
    }
}
