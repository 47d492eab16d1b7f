/// A result in the words of RFC 8601 §2.7 (shared by DKIM, ARC, SPF and DMARC).
public enum AuthResultCode: String, Sendable, Hashable, Codable, CaseIterable {
    case pass, fail, softfail, neutral, none, temperror, permerror, policy
}
