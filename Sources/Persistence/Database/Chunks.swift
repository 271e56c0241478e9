extension Array {
    /// The array in slices of at most `size`, in order: the rows or ids of one statement each.
    /// SQLite takes at most 32,766 bound values, and a statement of a few hundred is planned
    /// quickly on both databases.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        precondition(size > 0, "a chunk holds something")
        return stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension Array where Element: Encodable & Sendable {
    /// The values as binds of an `IN (...)` list, `size` to a statement.
    func chunkedBinds(_ size: Int = 500) -> [[any Encodable & Sendable]] {
        chunked(size).map { $0.map { $0 as any Encodable & Sendable } }
    }
}
