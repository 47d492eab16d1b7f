import CUnbound
import Foundation
import MailDNS

/// Live DNS on libunbound. Placeholder: the DNS work fills it (DNSSEC status, deadlines, TCP fallback).
public struct LiveResolver: DNSResolver {
    public init() {}

    public func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        DNSAnswer(question: question, outcome: .unavailableOffline)
    }
}
