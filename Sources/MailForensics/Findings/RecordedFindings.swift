/// Findings about what receiving servers recorded (RFC 8601 §5: only results added inside the trust
/// boundary can be believed; anything lower in the header block could have been written by the sender).
enum RecordedFindings {
    static let forged = FindingSpec(
        id: "recorded.forged-authentication-results", severity: .warning,
        title: "A fake \"authentication results\" stamp was planted in the message.",
        trigger: "An Authentication-Results field below the receiving server's own lines uses the same server name (authserv-id) as the receiving server, or claims results for a server the analyst trusts without being in a trusted position.",
        meaning: "Mail servers add an Authentication-Results line saying whether the sender checked out. This one sits where the sender, not your server, could have written it, and it imitates your server's name. Senders do this to make a message look verified. It is not believed.",
        action: "Ignore that line; rely on the receiving server's topmost results and on the re-verification in this report. Treat the attempt itself as a sign of a deliberate phishing or spoofing attempt.",
        strength: .correlated, references: ["RFC 8601 §5", "RFC 8601 §7.2"])
    static let untrusted = FindingSpec(
        id: "recorded.untrusted-authentication-results", severity: .info,
        title: "Some authentication results were written before the message reached your server.",
        trigger: "An Authentication-Results or Received-SPF field stands below the topmost Received line (outside the trust boundary) and its authserv-id is not one the analyst trusts.",
        meaning: "These lines were added by a server earlier in the path (a forwarder, a mailing list) or by the sender. They may be honest, but nothing proves who wrote them, so they are shown and not believed.",
        action: "If that server belongs to your organization, name it with --trusted-authserv so its results are believed.",
        strength: .inference, references: ["RFC 8601 §5"])
    static let specs = [forged, untrusted]
}
