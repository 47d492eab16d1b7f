/// The MIME view of a message (RFC 2045-2046), built on first use so header-only work stays fast.
extension Message {
    /// The MIME part tree, root first; built on the first call and kept for later ones.
    public func mimeTree() -> MIMEPart {
        mimeCache.value { MIMEParser.tree(of: self) }
    }

    /// Every part of the tree, depth first.
    public var mimeParts: [MIMEPart] { mimeTree().allParts() }

    /// Encapsulated messages (message/rfc822 parts, such as a suspicious mail forwarded as an attachment).
    public var attachedMessages: [Message] { mimeParts.compactMap(\.message) }
}
