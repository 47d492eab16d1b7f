/// Findings about the identities a message claims (RFC 5322 §3.6, RFC 5321 §4.4, RFC 7489 §3.1) and the checks.
enum IdentityFindings {
    static let missingFrom = FindingSpec(
        id: "identity.missing-from", severity: .warning, title: "The message does not say who sent it.",
        trigger: "No From field, or a From field without an address.",
        meaning: "Every message must name its author in From. Its absence is a malformed or deliberately crafted message.",
        action: "Treat the sender as unknown.", references: ["RFC 5322 §3.6"])
    static let multipleFrom = FindingSpec(
        id: "identity.multiple-from", severity: .warning, title: "The message has more than one From field.",
        trigger: "Two or more From fields.",
        meaning: "Different programs show different From fields, so the recipient may see one sender while the checks look at another. This is a known trick to get a forged sender past authentication.",
        action: "Treat the message as crafted; check which sender the mail client displayed.", references: ["RFC 5322 §3.6", "RFC 7489 §6.6.1"])
    static let unaligned = FindingSpec(
        id: "identity.unaligned-sender", severity: .notice, title: "Nothing in the message ties the sending system to the From domain.",
        trigger: "Neither the envelope sender nor any DKIM signature domain shares the From address's organizational domain.",
        meaning: "The address the recipient sees (From) belongs to one domain, while the systems that actually sent and signed the message belong to others. That is how forged senders look; it is also how mailing lists and some mail services look.",
        action: "See whether the From domain publishes DMARC and what our re-verification says; a mailing list explains it when the message came through one.",
        strength: .correlated, references: ["RFC 7489 §3.1"])
    static let replyTo = FindingSpec(
        id: "identity.reply-to-diverts", severity: .warning, title: "Replies would go to a different address than the sender's.",
        trigger: "Reply-To names a domain other than the From domain (not a mailing list's own address).",
        meaning: "When the recipient presses Reply, the answer goes to the Reply-To address, not to the sender shown. Fraudsters use this to receive answers at an address they control, often a free-mail account, while showing a trusted sender.",
        action: "Never reply to such a message; contact the supposed sender through a known address or phone number.",
        strength: .direct, references: ["RFC 5322 §3.6.2"])
    static let displayNameAddress = FindingSpec(
        id: "identity.display-name-address", severity: .warning, title: "The sender's name shows a different address than the real one.",
        trigger: "The From display name contains an e-mail address or domain that differs from the actual From address.",
        meaning: "Many mail apps show only the name, so a name like \"ceo@yourcompany.com\" hides the real, unrelated address behind it.",
        action: "Look at the real address in the evidence; treat the message as impersonation.",
        strength: .direct, references: ["RFC 5322 §3.4"])
    static let displayNameBrand = FindingSpec(
        id: "identity.display-name-brand", severity: .warning, title: "The sender's name claims a well-known company but the address is not that company's.",
        trigger: "The From display name names a brand (Microsoft, PayPal, DHL, a bank, ...) while the From domain is not one of that brand's domains.",
        meaning: "Phishing borrows a trusted name for the part the recipient reads, and sends from an unrelated address.",
        action: "Check the real From domain; the real company would send from its own domain.",
        strength: .correlated)
    static let lookalike = FindingSpec(
        id: "identity.lookalike-domain", severity: .warning, title: "A sender domain imitates a well-known or the recipient's domain.",
        trigger: "The From, Reply-To or envelope domain differs from a brand's or the recipient's domain by one or two characters, by look-alike letters, or embeds it with extra words.",
        meaning: "Lookalike domains (paypa1.com, rnicrosoft.com, letters from other alphabets) are registered to fool a quick glance.",
        action: "Compare the domain letter by letter with the real one; block the lookalike domain.",
        strength: .correlated, references: ["Unicode TS #39"])
    static let internationalized = FindingSpec(
        id: "identity.idn-domain", severity: .notice, title: "A sender domain uses letters from other alphabets.",
        trigger: "A From or Reply-To domain is internationalized (punycode xn--) or mixes alphabets.",
        meaning: "International domain names are legitimate, but mixing alphabets lets a domain look identical to a famous one while being different.",
        action: "Look at the decoded name and its alphabets in the evidence.",
        strength: .direct, references: ["RFC 3492", "RFC 5890"])
    static let messageIDDomain = FindingSpec(
        id: "identity.message-id-domain", severity: .info, title: "The Message-ID was made by a different domain than the sender's.",
        trigger: "The Message-ID domain's organization differs from the From domain's, and it is not a known mail service.",
        meaning: "The system that created the message names itself in the Message-ID. A different domain is normal for mail services, and a hint when the sender claims to be a company that runs its own mail.",
        action: "Note which system created the message.",
        strength: .inference, references: ["RFC 5322 §3.6.4"])
    static let missingMessageID = FindingSpec(
        id: "identity.message-id-missing", severity: .notice, title: "The message has no Message-ID.",
        trigger: "No Message-ID field.",
        meaning: "Every mail program adds a Message-ID. Missing ones are typical of bulk-sending scripts.",
        action: "Weigh together with the other findings.", references: ["RFC 5322 §3.6.4"])
    static let malformedMessageID = FindingSpec(
        id: "identity.message-id-malformed", severity: .notice, title: "The Message-ID is malformed.",
        trigger: "The Message-ID is not of the form <left@right>.",
        meaning: "Real mail software writes well-formed Message-IDs; hand-made or scripted messages often do not.",
        action: "Weigh together with the other findings.", references: ["RFC 5322 §3.6.4"])
    static let missingDate = FindingSpec(
        id: "identity.date-missing", severity: .notice, title: "The message has no Date.",
        trigger: "No Date field.",
        meaning: "The Date field is required; mail programs always add it. Its absence points to a script or a crafted message.",
        action: "Use the delivery time from the Received path instead.", references: ["RFC 5322 §3.6"])
    static let malformedDate = FindingSpec(
        id: "identity.date-malformed", severity: .notice, title: "The Date cannot be read.",
        trigger: "The Date field does not hold a readable date.",
        meaning: "Real mail software writes valid dates; an unreadable one points to a script or a crafted message.",
        action: "Use the delivery time from the Received path instead.", references: ["RFC 5322 §3.3"])
    static let dateSkew = FindingSpec(
        id: "identity.date-far-from-delivery", severity: .notice, title: "The date the message claims is far from when it was delivered.",
        trigger: "The Date field is more than a day before delivery, or more than two hours after it.",
        meaning: "A message dated long before it arrived was queued, resent or backdated; one dated in the future was written on a wrong clock or faked to stay on top of the inbox.",
        action: "Use the delivery time (from the receiving servers) as the real time.",
        strength: .correlated, references: ["RFC 5322 §3.6.1"])
    static let senderField = FindingSpec(
        id: "identity.sender-differs", severity: .info, title: "The message says it was sent by someone on behalf of the author.",
        trigger: "A Sender field names another organization than From.",
        meaning: "Sender names who actually submitted the message (a secretary, a mailing list, a service). Some mail apps show \"on behalf of\".",
        action: "Check that the Sender is expected for this author.", references: ["RFC 5322 §3.6.2"])

    static let specs = [missingFrom, multipleFrom, unaligned, replyTo, displayNameAddress, displayNameBrand, lookalike, internationalized,
                        messageIDDomain, missingMessageID, malformedMessageID, missingDate, malformedDate, dateSkew, senderField]
}
