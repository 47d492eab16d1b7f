import Foundation

/// What the analyst asked for; every field has a sensible default.
public struct AnalyzerOptions: Sendable {
    /// Judge signatures and policies at this time instead of the delivery time (`--at`).
    public var evaluationTime: Date?
    /// Treat rsa-sha1 and short RSA keys as passing, as older verifiers do (`--accept-sha1`).
    public var acceptSHA1 = false
    /// ARC sealers whose recorded results are believed (`--trusted-sealer`); empty means the documented defaults.
    public var trustedSealers: [String] = []
    /// authserv-ids whose Authentication-Results are believed (`--trusted-authserv`).
    public var trustedAuthservIDs: [String] = []
    /// Hosts that belong to the receiving organization (`--internal-host`).
    public var internalHosts: [String] = []
    /// SMTP facts for SPF that override what the Received path says (`--ip`, `--helo`, `--mail-from`).
    public var connectingIP: String?
    public var helo: String?
    public var mailFrom: String?
    /// Public Suffix List file (`--psl`); nil means the system's copy.
    public var publicSuffixListPath: String?
    /// Find DMARC's organizational domain by the DMARCbis DNS tree walk instead of the Public Suffix List (`--dmarc-tree-walk`).
    public var dmarcTreeWalk = false
    /// Write decoded attachments here (`--extract`); nil means never write anything.
    public var extractDirectory: String?

    public init() {}
}
