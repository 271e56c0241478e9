import Foundation
import Kernel
import SQLKit

/// An opaque position in a keyset-paged list: the sort key and id of the last row shown.
public struct Cursor: Sendable, Equatable, Codable {
    public enum Key: Sendable, Equatable, Codable {
        case text(String)
        case int(Int64)
    }
    public var key: Key
    public var id: Int64
    public init(key: Key, id: Int64) {
        self.key = key
        self.id = id
    }

    /// Base64url of a small JSON object; a program treats it as opaque.
    public var encoded: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public init?(encoded: String) {
        var b64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard let data = Data(base64Encoded: b64), let c = try? JSONDecoder().decode(Cursor.self, from: data) else { return nil }
        self = c
    }

    /// The keyset condition after `cursor`. A cursor is opaque but not trusted: its key must be of
    /// the column's kind (ids and `…_at` times are numbers, the rest text) and hold no NUL, else it
    /// is refused (400) before it can reach the database as a comparison of mismatched types.
    public static func condition(_ cursor: Cursor?, column: String, descending: Bool) throws -> SQLQueryString {
        guard let cursor else { return "" }
        let op = descending ? "<" : ">"
        let numeric = column == "id" || column.hasSuffix("_at")
        let bound: SQLQueryString
        switch cursor.key {
        case .text(let s) where !numeric && !s.contains("\u{0}"): bound = "\(bind: s)"
        case .int(let i) where numeric: bound = "\(bind: i)"
        default: throw DomainError(.badRequest, code: "invalid_cursor", field: "cursor")
        }
        // `col >= b AND (col > b OR id > c)`: the same rows as `col > b OR (col = b AND id > c)`,
        // written so that both databases start an index range at b instead of scanning to it.
        let inclusive = descending ? "<=" : ">="
        return
            " AND \(ident: column) \(unsafeRaw: inclusive) \(bound) AND (\(ident: column) \(unsafeRaw: op) \(bound) OR id \(unsafeRaw: op) \(bind: cursor.id))"
    }

    public static func orderBy(column: String, descending: Bool, limit: Int) -> SQLQueryString {
        let dir = descending ? "DESC" : "ASC"
        return " ORDER BY \(ident: column) \(unsafeRaw: dir), id \(unsafeRaw: dir) LIMIT \(literal: limit + 1)"
    }

    /// Fetching limit + 1 rows tells whether there is a next page without counting.
    public static func page<T>(_ rows: [T], limit: Int, cursorOf: (T) -> Cursor) -> Page<T> {
        if rows.count > limit {
            let items = Array(rows.prefix(limit))
            return Page(items: items, nextCursor: cursorOf(items[items.count - 1]).encoded)
        }
        return Page(items: rows, nextCursor: nil)
    }
}

public enum Search {
    /// Escapes LIKE wildcards so a user's % or _ is matched literally.
    public static func escapeLike(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
