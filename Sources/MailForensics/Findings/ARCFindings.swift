/// Findings about the ARC chain (RFC 8617): the seals forwarding servers add to vouch for what they saw.
enum ARCFindings {
    static let chainFailed = FindingSpec(
        id: "arc.chain-fail", severity: .warning,
        title: "The forwarding seals on this message are broken.",
        trigger: "The message carries ARC header fields and the chain does not validate (RFC 8617 §5.2): malformed or missing sets, a hop that reported a broken chain, the newest ARC-Message-Signature or any ARC-Seal not verifying.",
        meaning: "Servers that forward mail (mailing lists, forwarding services, security gateways) can add ARC seals vouching for what they saw. Here the seals do not check out, so nothing a forwarder claims about this message can be believed; someone may have edited the message or added fake seals.",
        action: "Do not rely on the forwarders' claims. Judge the message on its own DKIM, SPF and DMARC results and on the Received path.",
        strength: .direct, references: ["RFC 8617 §5.2"])
    static let passTrusted = FindingSpec(
        id: "arc.chain-pass-trusted", severity: .info,
        title: "The message was forwarded through a trusted provider that vouched for it.",
        trigger: "The ARC chain validates and the newest sealer is on the trusted-sealer list (the documented defaults or --trusted-sealer).",
        meaning: "A large provider that you trust forwarded this message and recorded what it saw when the message reached it. Because its seal verifies, those recorded results can be believed; they explain failures caused only by the forwarding itself.",
        action: "Read what the trusted hop recorded (its ARC-Authentication-Results) alongside the re-verification.",
        strength: .direct, references: ["RFC 8617 §7.2"])
    static let passUntrusted = FindingSpec(
        id: "arc.chain-pass-untrusted", severity: .info,
        title: "The forwarding seals verify, but the forwarder is not a trusted one.",
        trigger: "The ARC chain validates and the newest sealer is not on the trusted-sealer list.",
        meaning: "The seals prove which servers added them, but anybody can run a server and seal mail; what an unknown forwarder says it saw is shown but not believed.",
        action: "If this forwarder is known to you (your mailing list, your gateway), add it with --trusted-sealer.",
        strength: .direct, references: ["RFC 8617 §7.2"])
    static let changedInTransit = FindingSpec(
        id: "arc.changed-in-transit", severity: .notice,
        title: "The message was changed on its way, between two forwarding servers.",
        trigger: "A DKIM signature of the message fails now while an ARC-Message-Signature of an intermediary still verifies, or an older ARC-Message-Signature fails while a newer one verifies.",
        meaning: "The signatures added at each hop show where the content last matched. The change happened between the hops named here, which tells you whether a forwarder (a mailing list adding a footer, a gateway rewriting links) or somebody else altered the message.",
        action: "If the changing hop is a mailing list or security gateway you know, the DKIM failure is explained by it; otherwise treat the content as altered.",
        strength: .correlated, references: ["RFC 8617 §5.2", "RFC 8617 §9.4"])
    static let notChecked = FindingSpec(
        id: "arc.not-checked-offline", severity: .info,
        title: "The forwarding seals could not be checked offline.",
        trigger: "A key needed to validate the ARC chain was not in the DNS cache, or the lookup failed temporarily.",
        meaning: "Nothing is known about the seals: this is neither good nor bad news about the message.",
        action: "Run again with live DNS (or add the sealers' keys to the zone file) to check them.",
        strength: .direct, references: ["RFC 8617 §5.2"])
    static let specs = [chainFailed, passTrusted, passUntrusted, changedInTransit, notChecked]
}
