/// A value that writes its own JSON, without `Encodable`'s containers: the report types do (see `Writers/`).
///
/// Each conformance writes exactly what Foundation's `JSONEncoder` writes for the type's `Encodable` conformance with
/// `.sortedKeys` and `.withoutEscapingSlashes` (members in UTF-8 byte order of their keys, absent optionals left
/// out as `encodeIfPresent` leaves them out). The `Codable` conformances stay the reference: the tests compare the
/// keys each `encode(to:)` sends with the keys each writer writes, and the bytes with `JSONRenderer.foundationRender`.
protocol JSONWritable: Encodable {
    func writeJSON(to out: inout JSONWriter)
}

/// Writes JSON into a byte buffer, in the layout of `JSONEncoder` (compact, or `.prettyPrinted`: two spaces per
/// level, `"key" : value`), with the string escapes of `JSONBytes`. The writers call it member by member, in key
/// order; it places separators, indentation and brackets.
///
/// The few values whose text only `JSONEncoder` can give (a non-finite number, which it refuses; nesting 512 deep)
/// are not written: `unsupported` is set and the caller renders the whole value through `JSONByteEncoder`.
///
/// The buffer is memory of its own rather than a `[UInt8]`: an array checks uniqueness and capacity on every
/// append, which cost as much as the writing; here a write is a capacity comparison and a copy. Noncopyable, so
/// the buffer has one owner.
struct JSONWriter: ~Copyable, JSONByteSink {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    let pretty: Bool
    /// Containers open: the indentation level of the current container's members.
    private(set) var level = 0
    /// True while the innermost open container has no member or element yet.
    private var atFirstItem = true
    /// Set when part of the value must be left to `JSONByteEncoder` (see above).
    private(set) var unsupported = false
    /// Tests only: notes the keys each type writes (nil in use; one check per key and value).
    var recorder: JSONKeyRecorder?

    init(pretty: Bool, reservingCapacity capacity: Int = 1024) {
        self.pretty = pretty
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The text written, or nil when part of it must come from `JSONByteEncoder`.
    func takeBytes() -> [UInt8]? {
        guard !unsupported else { return nil }
        return [UInt8](UnsafeBufferPointer(start: base, count: count))
    }

    // MARK: The buffer

    /// Room for `needed` more bytes.
    @inline(__always)
    private mutating func reserve(_ needed: Int) {
        if capacity - count < needed { grow(needed) }
    }

    @inline(never)
    private mutating func grow(_ needed: Int) {
        let newCapacity = max(2 * capacity, count + needed)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func writeByte(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        let length = bytes.count
        reserve(length)
        Self.copy(from: source, to: base + count, count: length)
        count += length
    }

    /// Copies bytes; most pieces here are a few bytes long (a key, a short value, a run between escapes), for which
    /// calling `memmove` costs more than the copy, so up to 16 bytes are moved as two overlapping words.
    @inline(__always)
    private static func copy(from source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        switch count {
        case 8...16:
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            (to + count - 8).storeBytes(of: (from + count - 8).loadUnaligned(as: UInt64.self), as: UInt64.self)
        case 4..<8:
            to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
            (to + count - 4).storeBytes(of: (from + count - 4).loadUnaligned(as: UInt32.self), as: UInt32.self)
        case 1..<4:
            target[0] = source[0]
            target[count / 2] = source[count / 2]
            target[count - 1] = source[count - 1]
        case 0:
            break
        default:
            target.update(from: source, count: count)
        }
    }

    @inline(__always)
    private mutating func literal(_ text: StaticString) {
        writeBytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    // MARK: Values

    /// Writes one value (its own writer; in tests, noting which type writes the keys that follow).
    @inline(__always)
    mutating func value<T: JSONWritable>(_ value: T) {
        guard let recorder else {
            value.writeJSON(to: &self)
            return
        }
        recorder.enter(T.self)
        value.writeJSON(to: &self)
        recorder.leave()
    }

    /// Writes a value that has no writer of its own through `JSONByteEncoder`, indented to fit in place, so a
    /// type left without a writer is still written exactly (only slower).
    mutating func value<T: Encodable>(_ value: T) {
        guard let bytes = JSONByteEncoder(pretty: pretty).encode(value, level: level + 1) else {
            unsupported = true
            return
        }
        bytes.withUnsafeBufferPointer { writeBytes($0) }
    }

    /// `"key":value`.
    @inline(__always)
    mutating func member<T: JSONWritable>(_ name: StaticString, _ value: T) {
        key(name)
        self.value(value)
    }

    /// `"key":value` through `JSONByteEncoder` (see `value(_:)` for types without a writer).
    mutating func member<T: Encodable>(_ name: StaticString, _ value: T) {
        key(name)
        self.value(value)
    }

    /// `"key":value`, or nothing when the value is nil (what the synthesized `encodeIfPresent` does).
    @inline(__always)
    mutating func memberIfPresent<T: JSONWritable>(_ name: StaticString, _ value: T?) {
        guard let value else {
            recorder?.note(name)
            return
        }
        member(name, value)
    }

    /// A string, quoted and escaped.
    @inline(__always)
    mutating func string(_ text: String) {
        JSONBytes.appendString(text, to: &self)
    }

    @inline(__always)
    mutating func integer<I: FixedWidthInteger>(_ number: I) {
        JSONBytes.appendInteger(number, to: &self)
    }

    mutating func double(_ number: Double) {
        guard let text = JSONBytes.floatingPointText(number) else {
            unsupported = true // JSONEncoder refuses infinity and NaN
            return
        }
        JSONBytes.appendASCII(text, to: &self)
    }

    @inline(__always)
    mutating func bool(_ flag: Bool) {
        literal(flag ? "true" : "false")
    }

    // MARK: Objects and arrays

    @inline(__always)
    mutating func beginObject() {
        open(UInt8(ascii: "{"))
        recorder?.beginObject()
    }

    @inline(__always)
    mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    @inline(__always)
    mutating func beginArray() {
        open(UInt8(ascii: "["))
    }

    @inline(__always)
    mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    /// Starts an object member whose key is fixed (a field name, already in order and needing no escape).
    @inline(__always)
    mutating func key(_ name: StaticString) {
        recorder?.note(name)
        guard !pretty else {
            beginItem()
            writeByte(JSONBytes.quote)
            literal(name)
            writeByte(JSONBytes.quote)
            separateValue()
            return
        }
        // Compact: `,"name":` with one capacity check (this runs for every member of every report).
        let length = name.utf8CodeUnitCount
        reserve(length + 4)
        var at = base + count
        if atFirstItem {
            atFirstItem = false
        } else {
            at.pointee = JSONBytes.comma
            at += 1
        }
        at.pointee = JSONBytes.quote
        Self.copy(from: name.utf8Start, to: at + 1, count: length)
        at += 1 + length
        at[0] = JSONBytes.quote
        at[1] = JSONBytes.colon
        count = at + 2 - base
    }

    /// Starts an object member whose key is data (a dictionary's key): escaped like any string.
    mutating func key(_ name: String) {
        beginItem()
        string(name)
        separateValue()
    }

    /// Starts an array element.
    @inline(__always)
    mutating func element() {
        beginItem()
    }

    @inline(__always)
    private mutating func open(_ bracket: UInt8) {
        level += 1
        if level >= JSONEncodingSession.maximumDepth { unsupported = true } // JSONEncoder refuses this depth
        writeByte(bracket)
        if pretty { writeByte(JSONBytes.newline) }
        atFirstItem = true
    }

    @inline(__always)
    private mutating func close(_ bracket: UInt8) {
        level -= 1
        if pretty {
            writeByte(JSONBytes.newline)
            JSONBytes.appendIndent(level, to: &self)
        }
        writeByte(bracket)
        atFirstItem = false // a container closes as a value of its parent, which now has an item
    }

    @inline(__always)
    private mutating func beginItem() {
        if atFirstItem {
            atFirstItem = false
        } else {
            writeByte(JSONBytes.comma)
            if pretty { writeByte(JSONBytes.newline) }
        }
        if pretty { JSONBytes.appendIndent(level, to: &self) }
    }

    @inline(__always)
    private mutating func separateValue() {
        if pretty {
            writeByte(JSONBytes.space)
            writeByte(JSONBytes.colon)
            writeByte(JSONBytes.space)
        } else {
            writeByte(JSONBytes.colon)
        }
    }
}

/// Tests only: the keys each type's writer writes or skips (an absent optional counts, as `encodeIfPresent`
/// reports it to an encoder), and keys written out of order.
final class JSONKeyRecorder {
    /// Keys by type (`String(reflecting:)`), for every type whose writer opened an object.
    private(set) var keys: [String: Set<String>] = [:]
    /// `Type: key after previous` for each key that did not follow the one before it in UTF-8 byte order.
    private(set) var outOfOrder: [String] = []
    private var types: [String] = []
    private var previousKey: [[UInt8]?] = []

    func enter<T>(_ type: T.Type) {
        types.append(String(reflecting: type))
        previousKey.append(nil)
    }

    func leave() {
        types.removeLast()
        previousKey.removeLast()
    }

    func beginObject() {
        guard let type = types.last else { return }
        keys[type, default: []].formUnion([])
    }

    func note(_ name: StaticString) {
        guard let type = types.last else { return }
        let key = name.description
        keys[type, default: []].insert(key)
        let bytes = Array(key.utf8)
        if let previous = previousKey[previousKey.count - 1], !previous.lexicographicallyPrecedes(bytes) {
            outOfOrder.append("\(type): \(key) after \(String(decoding: previous, as: UTF8.self))")
        }
        previousKey[previousKey.count - 1] = bytes
    }
}

// MARK: The standard types the reports use

extension String: JSONWritable {
    @inline(__always)
    func writeJSON(to out: inout JSONWriter) { out.string(self) }
}

extension Int: JSONWritable {
    @inline(__always)
    func writeJSON(to out: inout JSONWriter) { out.integer(self) }
}

extension Int64: JSONWritable {
    @inline(__always)
    func writeJSON(to out: inout JSONWriter) { out.integer(self) }
}

extension Bool: JSONWritable {
    @inline(__always)
    func writeJSON(to out: inout JSONWriter) { out.bool(self) }
}

extension Double: JSONWritable {
    @inline(__always)
    func writeJSON(to out: inout JSONWriter) { out.double(self) }
}

extension Array: JSONWritable where Element: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginArray()
        // Through the buffer, elements are borrowed where `for element in self` would copy each one.
        withUnsafeBufferPointer { elements in
            for index in elements.indices {
                out.element()
                out.value(elements[index])
            }
        }
        out.endArray()
    }
}

/// An object whose keys are data (message-derived strings), so they are sorted here, by UTF-8 bytes as
/// `JSONEncoder` sorts them.
extension Dictionary: JSONWritable where Key == String, Value: JSONWritable {
    func writeJSON(to out: inout JSONWriter) {
        out.beginObject()
        for (key, value) in sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            out.key(key)
            out.value(value)
        }
        out.endObject()
    }
}

/// Enumerations with string raw values encode as their raw value.
extension JSONWritable where Self: RawRepresentable, RawValue == String {
    @inline(__always)
    func writeJSON(to out: inout JSONWriter) { out.string(rawValue) }
}
