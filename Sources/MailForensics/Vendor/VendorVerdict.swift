/// A spam or phishing verdict recorded by a vendor's filter, decoded. Placeholder shape: the forensic report work fills it.
public struct VendorVerdict: Sendable, Hashable, Codable {
    public var vendor: String
    public var field: String
    public var headerLine: Int

    public init(vendor: String, field: String, headerLine: Int) {
        self.vendor = vendor
        self.field = field
        self.headerLine = headerLine
    }
}
