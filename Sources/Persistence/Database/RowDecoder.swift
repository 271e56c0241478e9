import Kernel
import SQLKit
import SQLiteKit
import Synchronization

/// Rows into `Decodable` values, camelCase fields from snake_case columns, as SQLKit's
/// `SQLRowDecoder` does but without its cost on long results: SQLKit converts every field's name
/// for every row and looks its column up by name twice. Here the
/// rows of one statement share a memo of field → column (and, on SQLite's writer, the column's
/// position), so a replay of 100,000 ledger entries converts each name once; and the values
/// SQLite hands over as they are (an integer for an `Int64`, text for a `String`) are taken
/// without SQLiteKit's generic decoder. Anything else goes through the row's own `decode`,
/// exactly as before.
enum RowDecoding {
    static func decode<T: Decodable>(_ rows: [any SQLRow], as: T.Type) throws -> [T] {
        if let fielded = T.self as? any FieldDecodable.Type { return try decodeFields(rows, as: fielded) as! [T] }
        return try each(rows) { try T(from: RowDecoder(fields: $0)) }
    }

    private static func decodeFields<T: FieldDecodable>(_ rows: [any SQLRow], as: T.Type) throws -> [T] {
        try each(rows) { try T(fields: $0) }
    }

    /// `make` over the rows of one statement, which share their memo of columns.
    private static func each<T>(_ rows: [any SQLRow], _ make: (RowFields) throws -> T) throws -> [T] {
        let memo = ColumnMemo()
        var out: [T] = []
        out.reserveCapacity(rows.count)
        for row in rows { out.append(try make(RowFields(row: row, direct: row as? DirectRow, memo: memo))) }
        return out
    }
}

/// A row type read field by field, without `Decodable`'s containers (a call through two boxes for
/// every field of every row): for the rows read by the hundred thousand, a replay's ledger
/// entries. Its `init(fields:)` must read what the synthesized `init(from:)` reads (a test decodes
/// the same rows both ways).
protocol FieldDecodable: Decodable {
    init(fields: RowFields) throws
}

/// One row's fields by name, as `RowDecoder` reads them: the writer's values taken as they are,
/// anything else through the row's own decoder.
struct RowFields {
    let row: any SQLRow
    let memo: ColumnMemo
    /// A row of our own connections (`DirectRow`): its columns and values, kept apart so that a
    /// field's read takes neither out of an optional row.
    private let columns: DirectRow.Columns?
    private let values: [SQLiteData]?

    init(row: any SQLRow, direct: DirectRow?, memo: ColumnMemo) {
        self.row = row
        self.memo = memo
        columns = direct?.columns
        values = direct?.values
    }

    var isDirect: Bool { values != nil }

    /// The slot of a field in the statement's memo.
    func slot(_ field: String) -> Int { memo.slot(field, columns) }

    /// The SQLite value of a field on our own connections' rows (nil: not such a row, or no such column).
    func value(_ slot: Int) -> SQLiteData? {
        guard let values, let i = memo.positions[slot] else { return nil }
        return values[i]
    }

    private func general<T: Decodable>(_ slot: Int, _ field: String) throws -> T {
        let column = memo.columns[slot]
        guard row.contains(column: column) else {
            throw DecodingError.keyNotFound(
                NameKey(field), .init(codingPath: [], debugDescription: "No value for \"\(field)\" (as \"\(column)\")."))
        }
        return try row.decode(column: column, as: T.self)
    }

    func int64(_ field: String) throws -> Int64 {
        let s = slot(field)
        if case .integer(let v)? = value(s) { return Int64(v) }
        return try general(s, field)
    }

    func string(_ field: String) throws -> String {
        let s = slot(field)
        if case .text(let v)? = value(s) { return v }
        return try general(s, field)
    }

    /// nil for NULL or a column the statement does not have (as `decodeIfPresent`).
    func int64IfPresent(_ field: String) throws -> Int64? {
        let s = slot(field)
        switch value(s) {
        case .integer(let v)?: return Int64(v)
        case .null?: return nil
        default:
            guard !isDirect, row.contains(column: memo.columns[s]), try !row.decodeNil(column: memo.columns[s]) else { return nil }
            return try general(s, field)
        }
    }
}

/// Field → column for the rows of one statement: a field is found where it was last time (the
/// synthesized `init(from:)` asks in the same order on every row), or by a short scan, or (once
/// per statement) in the process's memo of field names.
final class ColumnMemo {
    private static let known = Mutex<[String: String]>([:])

    static func column(of field: String) -> String {
        if let c = known.withLock({ $0[field] }) { return c }
        let c = snakeCase(field)
        known.withLock { $0[field] = c }
        return c
    }

    private var fields: [String] = []
    private(set) var columns: [String] = []
    /// The column's position in a `DirectRow`, found once (the rows of one statement share their columns).
    private(set) var positions: [Int?] = []
    private var next = 0

    func slot(_ field: String, _ direct: DirectRow.Columns?) -> Int {
        if next < fields.count, fields[next] == field {
            next += 1
            return next - 1
        }
        if let i = fields.firstIndex(of: field) {
            next = i + 1
            return i
        }
        let column = Self.column(of: field)
        fields.append(field)
        columns.append(column)
        positions.append(direct?.index[column])
        next = fields.count
        return fields.count - 1
    }
}

/// A class: every field's container holds its decoder, and a reference is one retain where
/// the row, its values and the memo were several (most of a row's decoding, in a profile).
final class RowDecoder: Decoder {
    let fields: RowFields
    var row: any SQLRow { fields.row }
    var memo: ColumnMemo { fields.memo }
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(fields: RowFields, codingPath: [any CodingKey] = []) {
        self.fields = fields
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard codingPath.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "a row has no nested values"))
        }
        return KeyedDecodingContainer(Keyed<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "a row is not a list"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }

    func value(_ slot: Int) -> SQLiteData? { fields.value(slot) }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: RowDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] { decoder.row.allColumns.compactMap(Key.init(stringValue:)) }

        private func slot(_ key: Key) -> Int { decoder.fields.slot(key.stringValue) }
        private func column(_ slot: Int) -> String { decoder.memo.columns[slot] }

        func contains(_ key: Key) -> Bool {
            let s = slot(key)
            if decoder.fields.isDirect { return decoder.memo.positions[s] != nil }
            return decoder.row.contains(column: column(s))
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            let s = slot(key)
            if decoder.fields.isDirect { return decoder.value(s).map { $0 == .null } ?? true }
            do {
                return try decoder.row.decodeNil(column: column(s))
            } catch let error as DecodingError {
                throw Self.under(error, codingPath + [key])
            }
        }

        /// What the row's own decoder says (every type, every database).
        private func general<T: Decodable>(_ type: T.Type, _ key: Key, _ s: Int) throws -> T {
            let column = column(s)
            guard decoder.row.contains(column: column) else {
                throw DecodingError.keyNotFound(
                    key,
                    .init(
                        codingPath: codingPath, debugDescription: "No value associated with key \"\(key.stringValue)\" (as \"\(column)\").")
                )
            }
            do {
                return try decoder.row.decode(column: column, as: T.self)
            } catch let error as DecodingError {
                throw Self.under(error, codingPath + [key])
            }
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try general(type, key, slot(key)) }

        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
            let s = slot(key)
            if case .integer(let v)? = decoder.value(s) { return Int64(v) }
            return try general(type, key, s)
        }

        func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
            let s = slot(key)
            if case .integer(let v)? = decoder.value(s) { return v }
            return try general(type, key, s)
        }

        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            let s = slot(key)
            if case .text(let v)? = decoder.value(s) { return v }
            return try general(type, key, s)
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            let s = slot(key)
            if case .integer(let v)? = decoder.value(s), v == 0 || v == 1 { return v == 1 }
            return try general(type, key, s)
        }

        func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
            let s = slot(key)
            if case .float(let v)? = decoder.value(s) { return v }
            return try general(type, key, s)
        }

        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
            let s = slot(key)
            switch decoder.value(s) {
            case .integer(let v)?: return Int64(v)
            case .null?: return nil
            default: return try present(type, key, s)
            }
        }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            let s = slot(key)
            switch decoder.value(s) {
            case .text(let v)?: return v
            case .null?: return nil
            default: return try present(type, key, s)
            }
        }

        /// `decodeIfPresent` as the protocol's default spells it.
        private func present<T: Decodable>(_ type: T.Type, _ key: Key, _ s: Int) throws -> T? {
            guard contains(key), try !decodeNil(forKey: key) else { return nil }
            return try general(type, key, s)
        }

        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: "a row has no nested values"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key], debugDescription: "a row has no nested values"))
        }

        func superDecoder() throws -> any Decoder {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "a row has no nested values"))
        }

        /// A field decoded as a value of its own (a property wrapper, an enum with a raw value).
        func superDecoder(forKey key: Key) throws -> any Decoder {
            RowDecoder(fields: decoder.fields, codingPath: codingPath + [key])
        }

        static func under(_ error: DecodingError, _ path: [any CodingKey]) -> DecodingError {
            switch error {
            case .typeMismatch(let t, let c):
                return .typeMismatch(t, .init(codingPath: path + c.codingPath, debugDescription: c.debugDescription))
            case .valueNotFound(let t, let c):
                return .valueNotFound(t, .init(codingPath: path + c.codingPath, debugDescription: c.debugDescription))
            case .dataCorrupted(let c): return .dataCorrupted(.init(codingPath: path + c.codingPath, debugDescription: c.debugDescription))
            default: return error
            }
        }
    }

    /// A field's own decoder (`superDecoder(forKey:)`): the value of the column its key names.
    struct Single: SingleValueDecodingContainer {
        let decoder: RowDecoder
        var codingPath: [any CodingKey] { decoder.codingPath }

        private var column: String? {
            decoder.codingPath.last.map { decoder.memo.columns[decoder.fields.slot($0.stringValue)] }
        }

        func decodeNil() -> Bool {
            guard let column else { return false }
            return (try? decoder.row.decodeNil(column: column)) ?? false
        }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            guard let column else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "a row is not one value"))
            }
            return try decoder.row.decode(column: column, as: T.self)
        }
    }
}
