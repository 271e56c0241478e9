import Kernel
import SQLKit

/// The one place a user's data scope becomes SQL. Every list, search, report and export of a
/// scoped table adds `ScopeFilter.condition(...)` to its WHERE clause.
public enum ScopeFilter {
    /// Columns that hold a row's branch, department and owner (nil when the table has none).
    public struct Columns: Sendable {
        public var branch: String?
        public var department: String?
        public var owner: String?
        public init(branch: String?, department: String?, owner: String?) {
            self.branch = branch
            self.department = department
            self.owner = owner
        }
    }

    /// "d.branch_id" quoted as table and column.
    static func column(_ name: String) -> SQLQueryString {
        let parts = name.split(separator: ".").map(String.init)
        return parts.count == 2 ? "\(ident: parts[0]).\(ident: parts[1])" : "\(ident: name)"
    }

    public static func condition(_ scope: RowScope, _ columns: Columns) -> SQLQueryString {
        switch scope {
        case .all:
            return "1 = 1"
        case let .some(branches, departments, owner):
            var parts: [SQLQueryString] = []
            if let b = columns.branch, !branches.isEmpty {
                parts.append("\(column(b)) IN (\(binds: branches.sorted().map { $0 as any Encodable & Sendable }))")
            }
            if let d = columns.department, !departments.isEmpty {
                parts.append("\(column(d)) IN (\(binds: departments.sorted().map { $0 as any Encodable & Sendable }))")
            }
            if let o = columns.owner {
                parts.append("\(column(o)) = \(bind: owner)")
            }
            if parts.isEmpty { return "1 = 0" }
            return "(" + parts.joined(separator: " OR ") + ")"
        }
    }
}

/// Cursor paging: lists walk by (sort key, id) and never count every row.
public struct Page<T: Sendable>: Sendable {
    public var items: [T]
    public var nextCursor: String?
    public init(items: [T], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
