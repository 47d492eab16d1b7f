import MailAuth

// ARC results and what receivers recorded (MailAuth/ARC, MailAuth/AuthenticationResults), in key order.

extension ARCResult: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("failedInstance", failedInstance)
        out.member("instances", instances)
        out.memberIfPresent("oldestPass", oldestPass)
        out.member("reason", reason)
        out.member("result", result)
        out.member("structureProblems", structureProblems)
        out.endObject()
    }
}

extension ARCInstanceResult: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("aarLine", aarLine)
        out.memberIfPresent("algorithm", algorithm)
        out.memberIfPresent("amsDomain", amsDomain)
        out.memberIfPresent("amsKeyOrigin", amsKeyOrigin)
        out.memberIfPresent("amsLine", amsLine)
        out.member("amsReason", amsReason)
        out.member("amsResult", amsResult)
        out.memberIfPresent("amsSelector", amsSelector)
        out.memberIfPresent("cv", cv)
        out.member("instance", instance)
        out.memberIfPresent("keyOrigin", keyOrigin)
        out.memberIfPresent("recorded", recorded)
        out.memberIfPresent("sealLine", sealLine)
        out.member("sealReason", sealReason)
        out.member("sealResult", sealResult)
        out.memberIfPresent("sealedAt", sealedAt)
        out.memberIfPresent("sealer", sealer)
        out.memberIfPresent("selector", selector)
        out.member("trustedSealer", trustedSealer)
        out.endObject()
    }
}

extension AuthenticationResults: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("authservID", authservID)
        out.member("comments", comments)
        out.member("defects", defects)
        out.memberIfPresent("instance", instance)
        out.member("noResult", noResult)
        out.member("results", results)
        out.memberIfPresent("version", version)
        out.endObject()
    }
}

extension AuthMethodResult: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("code", code)
        out.member("comments", comments)
        out.member("method", method)
        out.memberIfPresent("methodVersion", methodVersion)
        out.member("properties", properties)
        out.memberIfPresent("reason", reason)
        out.member("result", result)
        out.endObject()
    }
}

extension AuthProperty: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("comment", comment)
        out.member("property", property)
        out.member("ptype", ptype)
        out.member("value", value)
        out.endObject()
    }
}

extension RecordedAuthentication: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("authservID", authservID)
        out.member("defects", defects)
        out.member("field", field)
        out.member("headerLine", headerLine)
        out.memberIfPresent("instance", instance)
        out.memberIfPresent("lastLine", lastLine)
        out.member("noResult", noResult)
        out.memberIfPresent("receivedSPF", receivedSPF)
        out.member("results", results)
        out.member("trusted", trusted)
        out.member("why", why)
        out.endObject()
    }
}

extension ReceivedSPF: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        out.memberIfPresent("code", code)
        out.memberIfPresent("comment", comment)
        out.member("defects", defects)
        out.member("pairs", pairs)
        out.member("result", result)
        out.endObject()
    }
}
