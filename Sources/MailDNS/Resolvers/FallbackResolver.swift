/// Asks `primary` first and `fallback` only for what `primary` could not answer offline.
/// Used to let the analyst's own zone files override live DNS.
public struct FallbackResolver: DNSResolver {
    public let primary: any DNSResolver
    public let fallback: any DNSResolver

    public init(primary: any DNSResolver, fallback: any DNSResolver) {
        self.primary = primary
        self.fallback = fallback
    }

    public func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        let first = await primary.resolve(question)
        guard first.outcome == .unavailableOffline else { return first }
        return await fallback.resolve(question)
    }
}
