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
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    let pretty: Bool
    /// Containers open: the indentation level of the current container's members.
    private(set) var level = 0
    /// True while the innermost open container has no member or element yet.
    private var atFirstItem = true
    /// Set when part of the value must be left to `JSONByteEncoder` (see above).
    private(set) var unsupported = false
    /// Tests only: notes the keys each type writes (nil in use; one check per key and value).
    var recorder: JSONKeyRecorder?

    init(pretty: Bool, reservingCapacity capacity: Int = 0) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// The text written (moved out of the writer), or nil when part of it must come from `JSONByteEncoder`.
    mutating func takeBytes() -> [UInt8]? {
        guard !unsupported else { return nil }
        defer { bytes = [] }
        return bytes
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
        if !JSONByteEncoder(pretty: pretty).append(value, level: level + 1, to: &bytes) { unsupported = true }
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
        JSONBytes.appendString(text, to: &bytes)
    }

    @inline(__always)
    mutating func integer<I: FixedWidthInteger>(_ number: I) {
        JSONBytes.appendInteger(number, to: &bytes)
    }

    mutating func double(_ number: Double) {
        guard let text = JSONBytes.floatingPointText(number) else {
            unsupported = true // JSONEncoder refuses infinity and NaN
            return
        }
        bytes.append(contentsOf: text.utf8)
    }

    @inline(__always)
    mutating func bool(_ flag: Bool) {
        literal(flag ? "true" : "false")
    }

    @inline(__always)
    private mutating func literal(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
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
        beginItem()
        bytes.append(JSONBytes.quote)
        literal(name)
        bytes.append(JSONBytes.quote)
        separateValue()
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
        bytes.append(bracket)
        if pretty { bytes.append(JSONBytes.newline) }
        atFirstItem = true
    }

    @inline(__always)
    private mutating func close(_ bracket: UInt8) {
        level -= 1
        if pretty {
            bytes.append(JSONBytes.newline)
            JSONBytes.appendIndent(level, to: &bytes)
        }
        bytes.append(bracket)
        atFirstItem = false // a container closes as a value of its parent, which now has an item
    }

    @inline(__always)
    private mutating func beginItem() {
        if atFirstItem {
            atFirstItem = false
        } else {
            bytes.append(JSONBytes.comma)
            if pretty { bytes.append(JSONBytes.newline) }
        }
        if pretty { JSONBytes.appendIndent(level, to: &bytes) }
    }

    @inline(__always)
    private mutating func separateValue() {
        if pretty {
            bytes.append(JSONBytes.space)
            bytes.append(JSONBytes.colon)
            bytes.append(JSONBytes.space)
        } else {
            bytes.append(JSONBytes.colon)
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
        for element in self {
            out.element()
            out.value(element)
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
