import Foundation

/// The address fields of a message parsed once: the summary, the identity checks and the indicator list all
/// read From and Return-Path, and parsing an address list is the costly part of each.
extension Message {
    /// `AddressParser.parseList(field)`, remembered for this message (and its copies) by the field's position.
    /// A field that is not this message's own is parsed as asked, so the answer is always that of `parseList`.
    public func addressList(_ field: HeaderField) -> AddressList {
        addressCache.list(for: field)
    }
}

/// Address lists already parsed for one message, by the byte offset of their field. A message has a handful of
/// address fields: a short list searched from the front costs less than a dictionary grown field by field, and a
/// hostile header with thousands of them is parsed as asked beyond the first `capacity`.
final class AddressListCache: @unchecked Sendable {
    static let capacity = 16
    private let lock = NSLock()
    /// Offset of the field in the message, the field's bytes (to be sure it is the same field), and its list.
    private var lists: [(offset: Int, raw: [UInt8], list: AddressList)] = []

    func list(for field: HeaderField) -> AddressList {
        let key = field.span.byteStart
        lock.lock()
        // Comparing the bytes costs nothing for the same field: both arrays share one buffer.
        if let known = lists.first(where: { $0.offset == key && $0.raw == field.raw }) {
            lock.unlock()
            return known.list
        }
        lock.unlock()
        let list = AddressParser.parseList(field)
        lock.lock()
        if lists.count < AddressListCache.capacity {
            if lists.isEmpty { lists.reserveCapacity(4) }
            lists.append((key, field.raw, list))
        }
        lock.unlock()
        return list
    }
}
