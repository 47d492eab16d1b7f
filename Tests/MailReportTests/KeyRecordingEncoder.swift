/// An `Encoder` that writes nothing and notes, for each type it meets, the keys its `encode(to:)` sends: written
/// ones and the absent optionals that `encodeIfPresent` reports. The drift guard compares these with the keys the
/// hand writers know (`JSONKeyRecorder`), so a field added to a report type without its writer fails a test.
final class KeyRecordingEncoder {
    /// Keys by type (`String(reflecting:)`), for every type that asked for a keyed container.
    private(set) var keys: [String: Set<String>] = [:]
    /// `Type.key` of each optional that was nil and each collection that was empty in every instance of the type:
    /// branches the value did not exercise.
    var unexercised: Set<String> { absentOrEmpty.subtracting(filled) }
    private var absentOrEmpty: Set<String> = []
    private var filled: Set<String> = []

    static func record<T: Encodable>(_ value: T) throws -> KeyRecordingEncoder {
        let recorder = KeyRecordingEncoder()
        try recorder.encode(value)
        return recorder
    }

    func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: ValueEncoder(recorder: self, type: String(reflecting: T.self)))
    }

    fileprivate func note(_ type: String, _ key: any CodingKey) {
        keys[type, default: []].insert(key.stringValue)
    }

    fileprivate func noteFilled(_ type: String, _ key: any CodingKey, _ isFilled: Bool) {
        if isFilled {
            filled.insert("\(type).\(key.stringValue)")
        } else {
            absentOrEmpty.insert("\(type).\(key.stringValue)")
        }
    }

    fileprivate func encodeMember<T: Encodable>(_ value: T, of type: String, forKey key: any CodingKey) throws {
        if !(value is String), let collection = value as? any Collection { noteFilled(type, key, !collection.isEmpty) }
        try encode(value)
    }

    private struct ValueEncoder: Encoder, SingleValueEncodingContainer {
        let recorder: KeyRecordingEncoder
        let type: String
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy: Key.Type) -> KeyedEncodingContainer<Key> {
            recorder.keys[type, default: []].formUnion([])
            return KeyedEncodingContainer(Keyed<Key>(recorder: recorder, type: type))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(recorder: recorder) }
        func singleValueContainer() -> any SingleValueEncodingContainer { self }

        func encodeNil() throws {}
        func encode(_ value: Bool) throws {}
        func encode(_ value: String) throws {}
        func encode(_ value: Double) throws {}
        func encode(_ value: Float) throws {}
        func encode(_ value: Int) throws {}
        func encode(_ value: Int8) throws {}
        func encode(_ value: Int16) throws {}
        func encode(_ value: Int32) throws {}
        func encode(_ value: Int64) throws {}
        func encode(_ value: UInt) throws {}
        func encode(_ value: UInt8) throws {}
        func encode(_ value: UInt16) throws {}
        func encode(_ value: UInt32) throws {}
        func encode(_ value: UInt64) throws {}
        func encode<T: Encodable>(_ value: T) throws { try recorder.encode(value) }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let recorder: KeyRecordingEncoder
        let type: String
        var codingPath: [any CodingKey] { [] }

        private func note(_ key: Key) { recorder.note(type, key) }

        mutating func encodeNil(forKey key: Key) throws { note(key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: String, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { note(key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { note(key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            note(key)
            try recorder.encodeMember(value, of: type, forKey: key)
        }

        // An absent optional is a key too: the writer must know it, even though neither writes it.
        private func present<T>(_ value: T?, _ key: Key) -> T? {
            note(key)
            recorder.noteFilled(type, key, value != nil)
            return value
        }

        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { _ = present(value, key) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value = present(value, key) { try recorder.encodeMember(value, of: type, forKey: key) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            note(key)
            return KeyedEncodingContainer(Keyed<NestedKey>(recorder: recorder, type: "\(type).\(key.stringValue)"))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            note(key)
            return Unkeyed(recorder: recorder)
        }

        mutating func superEncoder() -> any Encoder { ValueEncoder(recorder: recorder, type: "\(type).super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder {
            note(key)
            return ValueEncoder(recorder: recorder, type: "\(type).\(key.stringValue)")
        }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let recorder: KeyRecordingEncoder
        var codingPath: [any CodingKey] { [] }
        var count = 0

        mutating func encodeNil() throws { count += 1 }
        mutating func encode(_ value: Bool) throws { count += 1 }
        mutating func encode(_ value: String) throws { count += 1 }
        mutating func encode(_ value: Double) throws { count += 1 }
        mutating func encode(_ value: Float) throws { count += 1 }
        mutating func encode(_ value: Int) throws { count += 1 }
        mutating func encode(_ value: Int8) throws { count += 1 }
        mutating func encode(_ value: Int16) throws { count += 1 }
        mutating func encode(_ value: Int32) throws { count += 1 }
        mutating func encode(_ value: Int64) throws { count += 1 }
        mutating func encode(_ value: UInt) throws { count += 1 }
        mutating func encode(_ value: UInt8) throws { count += 1 }
        mutating func encode(_ value: UInt16) throws { count += 1 }
        mutating func encode(_ value: UInt32) throws { count += 1 }
        mutating func encode(_ value: UInt64) throws { count += 1 }
        mutating func encode<T: Encodable>(_ value: T) throws {
            count += 1
            try recorder.encode(value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            count += 1
            return KeyedEncodingContainer(Keyed<NestedKey>(recorder: recorder, type: "(nested)"))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            count += 1
            return Unkeyed(recorder: recorder)
        }

        mutating func superEncoder() -> any Encoder {
            count += 1
            return ValueEncoder(recorder: recorder, type: "(super)")
        }
    }
}
