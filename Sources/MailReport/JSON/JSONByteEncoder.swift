import Foundation

/// An `Encoder` that writes JSON straight into a `[UInt8]` buffer, byte for byte what Foundation's `JSONEncoder`
/// writes with `[.sortedKeys, .withoutEscapingSlashes]` (plus `.prettyPrinted` when `pretty`), followed by
/// `JSONRenderer.escapingUnsafeScalars`. It works with any `Encodable` conformance, synthesized or written.
///
/// `JSONEncoder` first builds a tree of values (a dictionary per object), sorts each object's keys and then writes
/// the text. Here values are written as they arrive. An object's members land in the buffer in the order its
/// `encode(to:)` sends them; when the object is finished and its keys are not already in order, its bytes are
/// rearranged in place (keys compared by their UTF-8 bytes, as `JSONEncoder` compares them). Containers created
/// with `nestedContainer` or `superEncoder` may be written to at any time, so each of those gets a buffer of its
/// own, spliced into its parent when the parent is finished.
///
/// The unusual cases that `JSONEncoder` resolves by merging (the same key encoded twice, a keyed container
/// requested after a single value) and its failures (non-finite numbers, nesting 512 deep) are not reproduced:
/// `encode` returns nil for them, and the caller asks `JSONEncoder` itself.
struct JSONByteEncoder {
    let pretty: Bool

    /// The JSON text of `value`, or nil when only `JSONEncoder` can say what it would write (see above).
    func encode<T: Encodable>(_ value: T, reservingCapacity capacity: Int = 0) -> [UInt8]? {
        let session = JSONEncodingSession(pretty: pretty)
        defer { session.close() }
        let output = JSONOutput()
        output.bytes.reserveCapacity(capacity)
        do {
            try session.encode(value, into: output, level: 1, topLevel: true)
        } catch {
            return nil
        }
        return session.unsupported ? nil : output.takeBytes()
    }

    /// The JSON text of `value` as a member or element nested at `level` (the level its container would have, 1 at
    /// the top), or nil when only `JSONEncoder` can say what it would write.
    func encode<T: Encodable>(_ value: T, level: Int) -> [UInt8]? {
        let session = JSONEncodingSession(pretty: pretty)
        defer { session.close() }
        let output = JSONOutput()
        do {
            try session.encode(value, into: output, level: level)
        } catch {
            return nil
        }
        return session.unsupported ? nil : output.takeBytes()
    }
}

/// Raised when a value takes a path the byte encoder leaves to `JSONEncoder`.
struct JSONByteEncoderUnsupported: Error {}

/// One output buffer, and the bookkeeping of the objects and arrays being written into it.
///
/// The mutable state sits behind a pointer instead of in stored properties: Swift checks every access to a
/// class's stored property that spans a call (an `append`, an `inout` argument) for overlap at run time, and on
/// this path those checks cost about as much as the writing itself.
final class JSONOutput {
    struct Storage {
        var bytes: [UInt8] = []
        /// The members of the objects (and the spliced children of the arrays) still open in this buffer,
        /// innermost last. Values nest strictly inside one buffer, so one stack serves every container.
        var entries: [JSONEntry] = []
        /// Containers written in buffers of their own, referenced by `JSONEntry.child`.
        var children: [JSONValueEncoder] = []
        /// The UTF-8 bytes of keys that needed escapes (their written form is not their bytes).
        var escapedKeys: [[UInt8]] = []
        /// Room to rearrange an object's members (reused).
        var scratch: [UInt8] = []
    }

    private let storage: UnsafeMutablePointer<Storage>

    init() {
        storage = .allocate(capacity: 1)
        storage.initialize(to: Storage())
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    var bytes: [UInt8] {
        _read { yield storage.pointee.bytes }
        _modify { yield &storage.pointee.bytes }
    }

    var entries: [JSONEntry] {
        _read { yield storage.pointee.entries }
        _modify { yield &storage.pointee.entries }
    }

    var children: [JSONValueEncoder] {
        _read { yield storage.pointee.children }
        _modify { yield &storage.pointee.children }
    }

    var escapedKeys: [[UInt8]] {
        _read { yield storage.pointee.escapedKeys }
        _modify { yield &storage.pointee.escapedKeys }
    }

    var scratch: [UInt8] {
        _read { yield storage.pointee.scratch }
        _modify { yield &storage.pointee.scratch }
    }

    func takeBytes() -> [UInt8] {
        defer { storage.pointee.bytes = [] }
        return storage.pointee.bytes
    }
}

/// One member of an object, `bytes[start..<end]` (`"key":value`), or one child written in a buffer of its own,
/// spliced in after `bytes[start..<end]` when the container is finished.
struct JSONEntry {
    var start: Int
    var end: Int
    /// The key's UTF-8 length; its bytes follow the opening quote at `start`, unless `escapedKey` is set.
    var keyLength: Int
    /// The first eight bytes of the key, big-endian, zero-padded: orders most keys without looking further.
    var prefix: UInt64
    /// Index in `escapedKeys` of the key's bytes when the written key is escaped, else -1.
    var escapedKey: Int32
    /// Index in `children` of the child to splice, else -1.
    var child: Int32
}

/// The state shared by the encoders of one top-level value: options and a stack of reusable encoders.
final class JSONEncodingSession {
    /// `JSONEncoder` refuses nesting this deep (`JSONWriter.maximumRecursionDepth`).
    static let maximumDepth = 512

    let pretty: Bool
    /// Set when a value took a path left to `JSONEncoder` in a method that cannot throw.
    var unsupported = false
    private var pool: [JSONValueEncoder] = []
    private var poolTop = 0

    init(pretty: Bool) {
        self.pretty = pretty
    }

    /// Breaks the cycles between the session and its pooled encoders.
    func close() {
        pool.removeAll()
    }

    /// Writes `value` at the end of `output`. `level` is the nesting level its container would have (1 at the top).
    func encode<T: Encodable>(_ value: T, into output: JSONOutput, level: Int, topLevel: Bool = false) throws {
        // The types JSONEncoder writes in its own way (`JSONEncoder.wrapGeneric`); Date's default strategy
        // (`.deferredToDate`) is Date's own encode(to:), and the arrays it writes directly read the same.
        if T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
            return try encodeSpecial(value, into: output)
        }
        let encoder = acquire(output: output, level: level)
        defer { poolTop -= 1 }
        try value.encode(to: encoder)
        if topLevel, encoder.state == .empty { throw JSONByteEncoderUnsupported() } // JSONEncoder throws
        try encoder.finish()
    }

    private func encodeSpecial<T>(_ value: T, into output: JSONOutput) throws {
        if let data = value as? Data {
            JSONBytes.appendString(data.base64EncodedString(), to: &output.bytes) // `.base64`, the default strategy
        } else if let url = value as? URL {
            JSONBytes.appendString(url.absoluteString, to: &output.bytes)
        } else if let decimal = value as? Decimal {
            output.bytes.append(contentsOf: decimal.description.utf8)
        } else {
            throw JSONByteEncoderUnsupported()
        }
    }

    /// An encoder from the pool (encoding is strictly nested, so the pool is a stack), reset for a new value.
    private func acquire(output: JSONOutput, level: Int) -> JSONValueEncoder {
        let encoder: JSONValueEncoder
        if poolTop < pool.count {
            encoder = pool[poolTop]
            encoder.reset(output: output, level: level)
        } else {
            encoder = JSONValueEncoder(session: self, output: output, level: level)
            pool.append(encoder)
        }
        poolTop += 1
        return encoder
    }
}

/// The encoder of one value: a single value, an object or an array, written at the end of `output`.
final class JSONValueEncoder: Encoder, SingleValueEncodingContainer {
    enum State { case empty, single, object, array, finished }

    let session: JSONEncodingSession
    private(set) var output: JSONOutput
    /// The nesting level of this value's container (1 at the top); its members are indented one level deeper.
    private(set) var level: Int
    private(set) var state = State.empty
    /// Where this value's bytes begin in `output.bytes`.
    private var start = 0
    /// This container's first entry in `output.entries`.
    private var entryBase = 0
    /// Members or elements so far.
    private(set) var count = 0
    /// True once a member arrived out of key order or a child needs splicing.
    private var needsRebuild = false

    // Encoding paths are not tracked: neither the synthesized conformances nor the report types read them.
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(session: JSONEncodingSession, output: JSONOutput, level: Int) {
        self.session = session
        self.output = output
        self.level = level
    }

    func reset(output: JSONOutput, level: Int) {
        self.output = output
        self.level = level
        state = .empty
        count = 0
        needsRebuild = false
    }

    private var pretty: Bool { session.pretty }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        switch state {
        case .object: break // a second request returns the same object, as in JSONEncoder
        case .empty: open(.object)
        default: session.unsupported = true // JSONEncoder converts or traps
        }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        switch state {
        case .array: break
        case .empty: open(.array)
        default: session.unsupported = true
        }
        return JSONUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: Containers

    private func open(_ kind: State) {
        if level >= JSONEncodingSession.maximumDepth { session.unsupported = true }
        state = kind
        start = output.bytes.count
        entryBase = output.entries.count
        output.bytes.append(kind == .object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        if pretty { output.bytes.append(JSONBytes.newline) }
    }

    /// Starts a member or element: separator and indentation, as if members arrived in their final order.
    private func beginItem() {
        let pretty = self.pretty
        if count > 0 {
            output.bytes.append(JSONBytes.comma)
            if pretty { output.bytes.append(JSONBytes.newline) }
        }
        if pretty { JSONBytes.appendIndent(level, to: &output.bytes) }
        count += 1
    }

    /// Starts an object member and writes its key; returns the member's entry, to be completed by `endMember`.
    func beginMember(_ key: String) -> JSONEntry {
        if state != .object { session.unsupported = true }
        beginItem()
        let memberStart = output.bytes.count
        JSONBytes.appendString(key, to: &output.bytes)
        let keyLength = key.utf8.count
        var entry = JSONEntry(start: memberStart, end: 0, keyLength: keyLength, prefix: 0, escapedKey: -1, child: -1)
        if output.bytes.count - memberStart == keyLength + 2 {
            entry.prefix = output.bytes.withUnsafeBufferPointer {
                Self.keyPrefix(UnsafeBufferPointer(rebasing: $0[(memberStart + 1)..<(memberStart + 1 + min(keyLength, 8))]))
            }
        } else {
            // Escapes lengthened the written key: keep its bytes aside for the comparisons.
            let raw = Array(key.utf8)
            entry.prefix = raw.withUnsafeBufferPointer { Self.keyPrefix(UnsafeBufferPointer(rebasing: $0.prefix(8))) }
            entry.escapedKey = Int32(output.escapedKeys.count)
            output.escapedKeys.append(raw)
        }
        if pretty {
            output.bytes.append(JSONBytes.space)
            output.bytes.append(JSONBytes.colon)
            output.bytes.append(JSONBytes.space)
        } else {
            output.bytes.append(JSONBytes.colon)
        }
        return entry
    }

    /// Records the member begun by `beginMember`, once its value is written.
    func endMember(_ entry: JSONEntry) {
        var entry = entry
        entry.end = output.bytes.count
        if !needsRebuild, output.entries.count > entryBase, let last = output.entries.last, !precedes(last, entry) {
            needsRebuild = true
        }
        output.entries.append(entry)
    }

    func beginElement() {
        if state != .array { session.unsupported = true }
        beginItem()
    }

    /// A child written in a buffer of its own (nested container or super encoder), spliced here when finished.
    func addChild(level childLevel: Int, key: String?) -> JSONValueEncoder {
        let child = JSONValueEncoder(session: session, output: JSONOutput(), level: childLevel)
        let index = Int32(output.children.count)
        output.children.append(child)
        needsRebuild = true
        if let key {
            var entry = beginMember(key)
            entry.child = index
            endMember(entry)
        } else {
            beginElement()
            let at = output.bytes.count
            output.entries.append(JSONEntry(start: at, end: at, keyLength: 0, prefix: 0, escapedKey: -1, child: index))
        }
        return child
    }

    func nestedChild(_ kind: State, key: String?) -> JSONValueEncoder {
        let child = addChild(level: level + 1, key: key)
        child.open(kind)
        return child
    }

    // MARK: Finishing

    /// Closes the container: members in key order, children spliced, closing bracket.
    func finish() throws {
        switch state {
        case .finished, .single:
            return
        case .empty:
            open(.object) // JSONEncoder writes an empty object for a value that encoded nothing
            try finish()
            return
        case .object, .array:
            break
        }
        let isObject = state == .object
        state = .finished
        let n = output.entries.count - entryBase
        if needsRebuild {
            try rebuild(isObject: isObject, entryCount: n)
        }
        output.entries.removeLast(n)
        if pretty {
            output.bytes.append(JSONBytes.newline)
            JSONBytes.appendIndent(level - 1, to: &output.bytes)
        }
        output.bytes.append(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// The finished bytes of a child written in its own buffer (`{}` for a super encoder left unused).
    private func finishedChildBytes() throws -> [UInt8] {
        try finish()
        return output.bytes
    }

    /// Rewrites the container's members (objects: sorted by key) with children spliced in.
    private func rebuild(isObject: Bool, entryCount n: Int) throws {
        let base = entryBase
        let order = try isObject ? sortedOrder(entryCount: n) : Array(0..<n)
        var scratch = output.scratch
        output.scratch = []
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: output.bytes[start...])
        output.bytes.removeSubrange(start...)
        try scratch.withUnsafeBufferPointer { old in
            func copy(_ range: Range<Int>) {
                output.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: old[(range.lowerBound - start)..<(range.upperBound - start)]))
            }
            func splice(_ entry: JSONEntry) throws {
                guard entry.child >= 0 else { return }
                output.bytes.append(contentsOf: try output.children[Int(entry.child)].finishedChildBytes())
            }
            if isObject {
                output.bytes.append(UInt8(ascii: "{"))
                if pretty { output.bytes.append(JSONBytes.newline) }
                for (position, index) in order.enumerated() {
                    if position > 0 {
                        output.bytes.append(JSONBytes.comma)
                        if pretty { output.bytes.append(JSONBytes.newline) }
                    }
                    if pretty { JSONBytes.appendIndent(level, to: &output.bytes) }
                    let entry = output.entries[base + index]
                    copy(entry.start..<entry.end)
                    try splice(entry)
                }
            } else {
                // Elements are already in place; only the children are missing.
                var copied = start
                for index in order {
                    let entry = output.entries[base + index]
                    copy(copied..<entry.end)
                    copied = entry.end
                    try splice(entry)
                }
                copy(copied..<(start + old.count))
            }
        }
        output.scratch = scratch
    }

    /// The members' indices in key order (UTF-8 bytes compared, as `JSONEncoder` sorts). A key encoded twice is
    /// left to `JSONEncoder`, which keeps the last value.
    private func sortedOrder(entryCount n: Int) throws -> [Int] {
        let base = entryBase
        // Insertion sort (objects are small) of prefixes with their indices; only equal prefixes need the keys.
        var sorted = output.entries[base..<(base + n)].enumerated().map { (prefix: $1.prefix, index: $0) }
        func before(_ a: (prefix: UInt64, index: Int), _ b: (prefix: UInt64, index: Int)) -> Bool {
            a.prefix != b.prefix ? a.prefix < b.prefix : precedes(output.entries[base + a.index], output.entries[base + b.index])
        }
        for i in 1..<max(n, 1) {
            let current = sorted[i]
            var j = i
            while j > 0, before(current, sorted[j - 1]) {
                sorted[j] = sorted[j - 1]
                j -= 1
            }
            sorted[j] = current
        }
        for k in 1..<max(n, 1) where !before(sorted[k - 1], sorted[k]) {
            throw JSONByteEncoderUnsupported()
        }
        return sorted.map(\.index)
    }

    static func keyPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var prefix: UInt64 = 0
        for byte in bytes { prefix = prefix << 8 | UInt64(byte) }
        return prefix << (8 * UInt64(8 - bytes.count))
    }

    /// True when the key of `a` sorts strictly before the key of `b` by UTF-8 bytes. Different prefixes decide
    /// alone; equal prefixes (which zero padding can also give different keys) need the whole keys.
    @inline(__always)
    private func precedes(_ a: JSONEntry, _ b: JSONEntry) -> Bool {
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        return keyBytes(a).lexicographicallyPrecedes(keyBytes(b))
    }

    private func keyBytes(_ entry: JSONEntry) -> ArraySlice<UInt8> {
        if entry.escapedKey >= 0 { return output.escapedKeys[Int(entry.escapedKey)][...] }
        return output.bytes[(entry.start + 1)..<(entry.start + 1 + entry.keyLength)]
    }

    // MARK: SingleValueEncodingContainer

    private func beginSingle() {
        if state != .empty { session.unsupported = true } // JSONEncoder traps or merges
        state = .single
    }

    func encodeNil() throws {
        beginSingle()
        writeLiteral("null")
    }

    func encode(_ value: Bool) throws {
        beginSingle()
        writeLiteral(value ? "true" : "false")
    }

    func encode(_ value: String) throws {
        beginSingle()
        writeString(value)
    }

    func encode(_ value: Double) throws {
        beginSingle()
        try writeFloatingPoint(value)
    }

    func encode(_ value: Float) throws {
        beginSingle()
        try writeFloatingPoint(value)
    }

    func encode(_ value: Int) throws { beginSingle(); writeInteger(value) }
    func encode(_ value: Int8) throws { beginSingle(); writeInteger(value) }
    func encode(_ value: Int16) throws { beginSingle(); writeInteger(value) }
    func encode(_ value: Int32) throws { beginSingle(); writeInteger(value) }
    func encode(_ value: Int64) throws { beginSingle(); writeInteger(value) }
    func encode(_ value: UInt) throws { beginSingle(); writeInteger(value) }
    func encode(_ value: UInt8) throws { beginSingle(); writeInteger(value) }
    func encode(_ value: UInt16) throws { beginSingle(); writeInteger(value) }
    func encode(_ value: UInt32) throws { beginSingle(); writeInteger(value) }
    func encode(_ value: UInt64) throws { beginSingle(); writeInteger(value) }

    func encode<T: Encodable>(_ value: T) throws {
        beginSingle()
        // JSONEncoder encodes the value through this same encoder: no new nesting level.
        try session.encode(value, into: output, level: level)
    }

    // MARK: Writing values (shared with the containers)

    func writeInteger<I: FixedWidthInteger>(_ value: I) {
        JSONBytes.appendInteger(value, to: &output.bytes)
    }

    func writeFloatingPoint<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) throws {
        guard let text = JSONBytes.floatingPointText(value) else { throw JSONByteEncoderUnsupported() }
        output.bytes.append(contentsOf: text.utf8)
    }

    func writeString(_ value: String) {
        JSONBytes.appendString(value, to: &output.bytes)
    }

    func writeLiteral(_ text: StaticString) {
        output.bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Writes a member or element value one level deeper.
    func writeValue<T: Encodable>(_ value: T) throws {
        try session.encode(value, into: output, level: level + 1)
    }
}

/// The keyed container of a `JSONValueEncoder`.
struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONValueEncoder
    var codingPath: [any CodingKey] { [] }

    @inline(__always)
    private func member(_ key: Key, _ write: (JSONValueEncoder) throws -> Void) rethrows {
        let entry = encoder.beginMember(key.stringValue)
        try write(encoder)
        encoder.endMember(entry)
    }

    mutating func encodeNil(forKey key: Key) throws { member(key) { $0.writeLiteral("null") } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { member(key) { $0.writeLiteral(value ? "true" : "false") } }
    mutating func encode(_ value: String, forKey key: Key) throws { member(key) { $0.writeString(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { try member(key) { try $0.writeFloatingPoint(value) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { try member(key) { try $0.writeFloatingPoint(value) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { member(key) { $0.writeInteger(value) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { member(key) { $0.writeInteger(value) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { member(key) { $0.writeInteger(value) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { member(key) { $0.writeInteger(value) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { member(key) { $0.writeInteger(value) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { member(key) { $0.writeInteger(value) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { member(key) { $0.writeInteger(value) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { member(key) { $0.writeInteger(value) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { member(key) { $0.writeInteger(value) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { member(key) { $0.writeInteger(value) } }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try member(key) { try $0.writeValue(value) } }

    // The standard library's defaults for these go back through the protocol; answering here saves a dispatch
    // for every optional member (absent ones are skipped, as `JSONEncoder` skips them).
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: encoder.nestedChild(.object, key: key.stringValue)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        JSONUnkeyedContainer(encoder: encoder.nestedChild(.array, key: key.stringValue))
    }

    mutating func superEncoder() -> any Encoder {
        encoder.addChild(level: encoder.level + 1, key: "super")
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.addChild(level: encoder.level + 1, key: key.stringValue)
    }
}

/// The unkeyed container of a `JSONValueEncoder`.
struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONValueEncoder
    var codingPath: [any CodingKey] { [] }
    var count: Int { encoder.count }

    @inline(__always)
    private func element(_ write: (JSONValueEncoder) throws -> Void) rethrows {
        encoder.beginElement()
        try write(encoder)
    }

    mutating func encodeNil() throws { element { $0.writeLiteral("null") } }
    mutating func encode(_ value: Bool) throws { element { $0.writeLiteral(value ? "true" : "false") } }
    mutating func encode(_ value: String) throws { element { $0.writeString(value) } }
    mutating func encode(_ value: Double) throws { try element { try $0.writeFloatingPoint(value) } }
    mutating func encode(_ value: Float) throws { try element { try $0.writeFloatingPoint(value) } }
    mutating func encode(_ value: Int) throws { element { $0.writeInteger(value) } }
    mutating func encode(_ value: Int8) throws { element { $0.writeInteger(value) } }
    mutating func encode(_ value: Int16) throws { element { $0.writeInteger(value) } }
    mutating func encode(_ value: Int32) throws { element { $0.writeInteger(value) } }
    mutating func encode(_ value: Int64) throws { element { $0.writeInteger(value) } }
    mutating func encode(_ value: UInt) throws { element { $0.writeInteger(value) } }
    mutating func encode(_ value: UInt8) throws { element { $0.writeInteger(value) } }
    mutating func encode(_ value: UInt16) throws { element { $0.writeInteger(value) } }
    mutating func encode(_ value: UInt32) throws { element { $0.writeInteger(value) } }
    mutating func encode(_ value: UInt64) throws { element { $0.writeInteger(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws { try element { try $0.writeValue(value) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: encoder.nestedChild(.object, key: nil)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONUnkeyedContainer(encoder: encoder.nestedChild(.array, key: nil))
    }

    mutating func superEncoder() -> any Encoder {
        encoder.addChild(level: encoder.level + 1, key: nil)
    }
}
