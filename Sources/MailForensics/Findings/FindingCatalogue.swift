/// Every finding the analyzer can emit. Each area adds its list here (one line per area).
public enum FindingCatalogue {
    public static var all: [FindingSpec] {
        var specs: [FindingSpec] = []
        specs += InputFindings.specs
        specs += PathFindings.specs
        specs += IdentityFindings.specs
        specs += MessageFindings.specs
        specs += VendorFindings.specs
        specs += RecordedFindings.specs
        specs += ARCFindings.specs
        specs += ContentFindings.specs
        specs += SweepFindings.specs
        specs += DKIMFindings.specs
        specs += SPFFindings.specs + DMARCFindings.specs + PostureFindings.specs
        return specs
    }
}

/// Findings about reading the input.
enum InputFindings {
    static let unreadable = FindingSpec(
        id: "input.unreadable", severity: .notice, title: "This message could not be read.",
        trigger: "The file or the message inside a mailbox could not be read (I/O error, truncated container).",
        meaning: "Nothing could be analyzed for this message.",
        action: "Check the file; obtain the original message again from the mailbox or the user.")
    static let specs = [unreadable]
}
