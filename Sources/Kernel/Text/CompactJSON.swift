import Foundation

/// JSON for what Concord answers and records: keys sorted, slashes not escaped, no spaces, as
/// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes it, but straight into bytes.
/// Foundation's encoder first builds a tree of boxed values and then writes it; on a short
/// answer that costs more than the rest of the request. Values go out as they are encoded and
/// each object is put in key order when it closes (a copy only when its keys came unsorted).
///
/// Dates go out as `JSONEncoder`'s default does (seconds since 2001, their own encoding), `Data`
/// as base64, URLs as their absolute string, `Decimal` as its number; a non-finite double is
/// refused, as there.
public enum CompactJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let sink = Sink()
        try sink.value(value, path: [])
        return sink.out
    }

    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}

extension CompactJSON {
    /// The bytes written so far and the containers still open, innermost last.
    final class Sink {
        var out: [UInt8] = []
        var open: [Frame] = []

        init() { out.reserveCapacity(512) }

        /// Writes a value of any type; its containers (and any it opened inside) are closed after.
        func value<T: Encodable>(_ v: T, path: [any CodingKey]) throws {
            // The types JSONEncoder writes otherwise than their own `encode(to:)` says (a
            // comparison of types, not a cast tried on every value).
            if T.self == String.self {
                string(v as! String)
            } else if T.self == Data.self {
                string((v as! Data).base64EncodedString())
            } else if T.self == URL.self {
                string((v as! URL).absoluteString)
            } else if T.self == Decimal.self {
                ascii((v as! Decimal).description)
            } else if T.self == Fragment.self {
                out.append(contentsOf: (v as! Fragment).bytes)
            } else {
                let slot = Slot()
                let depth = open.count
                try v.encode(to: ValueEncoder(sink: self, slot: slot, codingPath: path))
                close(downTo: depth)
                if !slot.written { ascii("{}") }
            }
        }

        /// Closes the containers opened above `depth`.
        func close(downTo depth: Int) {
            while open.count > depth { open.removeLast().close(self) }
        }

        /// Closes the containers opened inside `frame` (a container written to again is done with them).
        func closeInside(_ frame: Frame) {
            while let last = open.last, last !== frame { open.removeLast().close(self) }
        }

        func ascii(_ s: String) { out.append(contentsOf: s.utf8) }

        func integer<I: BinaryInteger>(_ v: I) { out.append(contentsOf: String(v).utf8) }

        /// Floating point reaches JSON only through the `Encoder` protocol's own requirements (a
        /// `Date`, a library type): money and quantities encode themselves as exact decimal strings.
        func double(_ d: Double, _ path: [any CodingKey]) throws {
            guard d.isFinite else {
                throw EncodingError.invalidValue(d, .init(codingPath: path, debugDescription: "Unable to encode \(d) directly in JSON."))
            }
            if d == d.rounded(), abs(d) < 1e15 {
                integer(Int64(d))
            } else {
                ascii(d.description)
            }
        }

        func string(_ s: String) {
            out.append(UInt8(ascii: "\""))
            var s = s
            s.withUTF8 { bytes in
                var from = 0
                for (i, b) in bytes.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<i]))
                    from = i + 1
                    switch b {
                    case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
                    case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
                    case 0x0a: out.append(contentsOf: #"\n"#.utf8)
                    case 0x0d: out.append(contentsOf: #"\r"#.utf8)
                    case 0x09: out.append(contentsOf: #"\t"#.utf8)
                    case 0x08: out.append(contentsOf: #"\b"#.utf8)
                    case 0x0c: out.append(contentsOf: #"\f"#.utf8)
                    default:
                        let hex = Array("0123456789abcdef".utf8)
                        out.append(contentsOf: #"\u00"#.utf8)
                        out.append(hex[Int(b >> 4)])
                        out.append(hex[Int(b & 0x0f)])
                    }
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from...]))
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Where one value goes: whether anything was written for it yet, and its container.
    final class Slot {
        var written = false
        var frame: Frame?
    }

    /// A value written already (a part that many answers share, kept as bytes): put in as it is.
    /// Only this writer knows it; Foundation's encoder is refused.
    public struct Fragment: Encodable, Sendable {
        public let bytes: [UInt8]
        /// The JSON of `value` as this writer writes it.
        public init<T: Encodable>(of value: T) throws { bytes = try CompactJSON.encode(value) }

        public func encode(to encoder: any Encoder) throws {
            throw EncodingError.invalidValue(
                bytes, .init(codingPath: encoder.codingPath, debugDescription: "a JSON fragment is written by CompactJSON alone"))
        }
    }

    /// Whether `a` sorts before `b` byte by byte (UTF-8), as keys are written; compares the bytes
    /// in place (the generic sequence comparison was a tenth of encoding a list).
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                let c = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
                return c < 0 || (c == 0 && x.count < y.count)
            }
        }
    }

    /// The order to write an object's members in, by their keys as the type gave them: the
    /// objects of a list share their keys, so each shape is sorted once (a few hundred shapes of
    /// up to 64 keys kept; a larger object, a dictionary's, is sorted each time).
    static func order(of keys: [String]) -> [Int] {
        func sort() -> [Int] { keys.indices.sorted { precedes(keys[$0], keys[$1]) || (keys[$0] == keys[$1] && $0 < $1) } }
        return keys.count <= 64 ? orders.value(for: keys, sort) : sort()
    }

    private static let orders = BoundedMemo<[String], [Int]>(limit: 512)

    /// An open object or array.
    final class Frame {
        enum Kind { case object, array }
        /// A member's key and where it starts; it ends where the next begins (less the comma) or
        /// where the object closes.
        struct Member {
            var key: String
            var start: Int
        }
        let kind: Kind
        var count = 0
        var members: [Member] = []
        var sorted = true

        init(_ kind: Kind) { self.kind = kind }

        /// Starts an element (array) or a member (object, its key written) after a comma if needed.
        func begin(_ sink: Sink, key: String?) {
            sink.closeInside(self)
            if count > 0 { sink.out.append(UInt8(ascii: ",")) }
            count += 1
            guard let key else { return }
            if let last = members.last, !CompactJSON.precedes(last.key, key) { sorted = false }
            members.append(Member(key: key, start: sink.out.count))
            sink.string(key)
            sink.out.append(UInt8(ascii: ":"))
        }

        func close(_ sink: Sink) {
            if kind == .array {
                sink.out.append(UInt8(ascii: "]"))
            } else {
                if !sorted, let first = members.first {
                    let ends = members.dropFirst().map { $0.start - 1 } + [sink.out.count]
                    let ordered = CompactJSON.order(of: members.map(\.key))
                    var body: [UInt8] = []
                    body.reserveCapacity(sink.out.count - first.start)
                    for (n, i) in ordered.enumerated() {
                        if n > 0 { body.append(UInt8(ascii: ",")) }
                        body.append(contentsOf: sink.out[members[i].start..<ends[i]])
                    }
                    sink.out.replaceSubrange(first.start..., with: body)
                }
                sink.out.append(UInt8(ascii: "}"))
            }
        }
    }

    struct ValueEncoder: Encoder {
        let sink: Sink
        let slot: Slot
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func frame(_ kind: Frame.Kind) -> Frame {
            if let f = slot.frame { return f }
            let f = Frame(kind)
            slot.frame = f
            slot.written = true
            sink.open.append(f)
            sink.out.append(UInt8(ascii: kind == .object ? "{" : "["))
            return f
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed<Key>(sink: sink, frame: frame(.object), codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            Unkeyed(sink: sink, frame: frame(.array), codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(sink: sink, slot: slot, codingPath: codingPath)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: Sink
        let frame: Frame
        let codingPath: [any CodingKey]

        private func put(_ key: Key, _ write: () throws -> Void) rethrows {
            frame.begin(sink, key: key.stringValue)
            try write()
        }

        mutating func encodeNil(forKey key: Key) throws { put(key) { sink.ascii("null") } }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(key) { sink.ascii(value ? "true" : "false") } }
        mutating func encode(_ value: String, forKey key: Key) throws { put(key) { sink.string(value) } }
        mutating func encode(_ value: Double, forKey key: Key) throws { try put(key) { try sink.double(value, codingPath + [key]) } }
        mutating func encode(_ value: Float, forKey key: Key) throws { try put(key) { try sink.double(Double(value), codingPath + [key]) } }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(key) { sink.integer(value) } }
        mutating func encode(_ value: Int8, forKey key: Key) throws { put(key) { sink.integer(value) } }
        mutating func encode(_ value: Int16, forKey key: Key) throws { put(key) { sink.integer(value) } }
        mutating func encode(_ value: Int32, forKey key: Key) throws { put(key) { sink.integer(value) } }
        mutating func encode(_ value: Int64, forKey key: Key) throws { put(key) { sink.integer(value) } }
        mutating func encode(_ value: UInt, forKey key: Key) throws { put(key) { sink.integer(value) } }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { put(key) { sink.integer(value) } }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { put(key) { sink.integer(value) } }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { put(key) { sink.integer(value) } }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { put(key) { sink.integer(value) } }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try put(key) { try sink.value(value, path: codingPath + [key]) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<
            NestedKey
        > {
            KeyedEncodingContainer(Keyed<NestedKey>(sink: sink, frame: nested(.object, key), codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Unkeyed(sink: sink, frame: nested(.array, key), codingPath: codingPath + [key])
        }

        private func nested(_ kind: Frame.Kind, _ key: Key) -> Frame {
            frame.begin(sink, key: key.stringValue)
            let f = Frame(kind)
            sink.open.append(f)
            sink.out.append(UInt8(ascii: kind == .object ? "{" : "["))
            return f
        }

        mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            frame.begin(sink, key: key.stringValue)
            return Deferred(sink: sink, codingPath: codingPath + [key])
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let sink: Sink
        let frame: Frame
        let codingPath: [any CodingKey]
        var count: Int { frame.count }

        private struct Index: CodingKey {
            var intValue: Int?
            var stringValue: String { "Index \(intValue ?? 0)" }
            init(_ i: Int) { intValue = i }
            init?(stringValue: String) { nil }
            init?(intValue: Int) { self.intValue = intValue }
        }

        mutating func encodeNil() throws { frame.begin(sink, key: nil); sink.ascii("null") }
        mutating func encode(_ value: Bool) throws { frame.begin(sink, key: nil); sink.ascii(value ? "true" : "false") }
        mutating func encode(_ value: String) throws { frame.begin(sink, key: nil); sink.string(value) }
        mutating func encode(_ value: Double) throws {
            frame.begin(sink, key: nil); try sink.double(value, codingPath + [Index(count - 1)])
        }
        mutating func encode(_ value: Float) throws {
            frame.begin(sink, key: nil); try sink.double(Double(value), codingPath + [Index(count - 1)])
        }
        mutating func encode(_ value: Int) throws { frame.begin(sink, key: nil); sink.integer(value) }
        mutating func encode(_ value: Int8) throws { frame.begin(sink, key: nil); sink.integer(value) }
        mutating func encode(_ value: Int16) throws { frame.begin(sink, key: nil); sink.integer(value) }
        mutating func encode(_ value: Int32) throws { frame.begin(sink, key: nil); sink.integer(value) }
        mutating func encode(_ value: Int64) throws { frame.begin(sink, key: nil); sink.integer(value) }
        mutating func encode(_ value: UInt) throws { frame.begin(sink, key: nil); sink.integer(value) }
        mutating func encode(_ value: UInt8) throws { frame.begin(sink, key: nil); sink.integer(value) }
        mutating func encode(_ value: UInt16) throws { frame.begin(sink, key: nil); sink.integer(value) }
        mutating func encode(_ value: UInt32) throws { frame.begin(sink, key: nil); sink.integer(value) }
        mutating func encode(_ value: UInt64) throws { frame.begin(sink, key: nil); sink.integer(value) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            frame.begin(sink, key: nil)
            try sink.value(value, path: codingPath + [Index(count - 1)])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Keyed<NestedKey>(sink: sink, frame: nested(.object), codingPath: codingPath + [Index(count)]))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            Unkeyed(sink: sink, frame: nested(.array), codingPath: codingPath + [Index(count)])
        }

        private func nested(_ kind: Frame.Kind) -> Frame {
            frame.begin(sink, key: nil)
            let f = Frame(kind)
            sink.open.append(f)
            sink.out.append(UInt8(ascii: kind == .object ? "{" : "["))
            return f
        }

        mutating func superEncoder() -> any Encoder {
            frame.begin(sink, key: nil)
            return Deferred(sink: sink, codingPath: codingPath + [Index(count - 1)])
        }
    }

    struct Single: SingleValueEncodingContainer {
        let sink: Sink
        let slot: Slot
        let codingPath: [any CodingKey]

        private func put(_ write: () throws -> Void) rethrows {
            slot.written = true
            try write()
        }

        mutating func encodeNil() throws { put { sink.ascii("null") } }
        mutating func encode(_ value: Bool) throws { put { sink.ascii(value ? "true" : "false") } }
        mutating func encode(_ value: String) throws { put { sink.string(value) } }
        mutating func encode(_ value: Double) throws { try put { try sink.double(value, codingPath) } }
        mutating func encode(_ value: Float) throws { try put { try sink.double(Double(value), codingPath) } }
        mutating func encode(_ value: Int) throws { put { sink.integer(value) } }
        mutating func encode(_ value: Int8) throws { put { sink.integer(value) } }
        mutating func encode(_ value: Int16) throws { put { sink.integer(value) } }
        mutating func encode(_ value: Int32) throws { put { sink.integer(value) } }
        mutating func encode(_ value: Int64) throws { put { sink.integer(value) } }
        mutating func encode(_ value: UInt) throws { put { sink.integer(value) } }
        mutating func encode(_ value: UInt8) throws { put { sink.integer(value) } }
        mutating func encode(_ value: UInt16) throws { put { sink.integer(value) } }
        mutating func encode(_ value: UInt32) throws { put { sink.integer(value) } }
        mutating func encode(_ value: UInt64) throws { put { sink.integer(value) } }
        mutating func encode<T: Encodable>(_ value: T) throws { try put { try sink.value(value, path: codingPath) } }
    }

    /// The encoder of a `superEncoder()`: the value it encodes is the member already begun.
    struct Deferred: Encoder {
        let sink: Sink
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let f = Frame(.object)
            open(f)
            return KeyedEncodingContainer(Keyed<Key>(sink: sink, frame: f, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let f = Frame(.array)
            open(f)
            return Unkeyed(sink: sink, frame: f, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(sink: sink, slot: Slot(), codingPath: codingPath)
        }

        private func open(_ f: Frame) {
            sink.open.append(f)
            sink.out.append(UInt8(ascii: f.kind == .object ? "{" : "["))
        }
    }
}
