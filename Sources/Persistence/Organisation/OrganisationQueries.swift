import Kernel
import SQLKit

/// Reads of the organisation tables. Writes go through Services.
public enum OrganisationQueries {
    public static func branches(on store: Store) async throws -> [BranchRow] {
        try await store.all("SELECT * FROM branches ORDER BY (parent_id IS NOT NULL), code", as: BranchRow.self)
    }

    public static func branch(_ id: Int64, on store: Store) async throws -> BranchRow? {
        try await store.first("SELECT * FROM branches WHERE id = \(bind: id)", as: BranchRow.self)
    }

    public static func headOffice(on store: Store) async throws -> BranchRow? {
        try await store.first("SELECT * FROM branches WHERE parent_id IS NULL ORDER BY id LIMIT 1", as: BranchRow.self)
    }

    /// How many people and sub-departments a department holds.
    public static func members(ofDepartment id: Int64, on store: Store) async throws -> Int64 {
        try await store.scalar(
            """
            SELECT (SELECT COUNT(*) FROM users WHERE department_id = \(bind: id)) + (SELECT COUNT(*) FROM departments WHERE parent_id = \(bind: id)) AS n
            """, as: Int64.self) ?? 0
    }

    /// Whether any stock has moved through a warehouse of the branch.
    public static func stockHasMoved(inBranch id: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first(
            "SELECT id FROM stock_entries WHERE warehouse_id IN (SELECT id FROM warehouses WHERE branch_id = \(bind: id)) LIMIT 1",
            as: R.self)
            != nil
    }

    public static func departments(on store: Store) async throws -> [DepartmentRow] {
        try await store.all("SELECT * FROM departments ORDER BY branch_id, code", as: DepartmentRow.self)
    }

    public static func department(_ id: Int64, on store: Store) async throws -> DepartmentRow? {
        try await store.first("SELECT * FROM departments WHERE id = \(bind: id)", as: DepartmentRow.self)
    }

    public static func roles(on store: Store) async throws -> [RoleRow] {
        try await store.all("SELECT * FROM roles ORDER BY code", as: RoleRow.self)
    }

    public static func role(_ id: Int64, on store: Store) async throws -> RoleRow? {
        try await store.first("SELECT * FROM roles WHERE id = \(bind: id)", as: RoleRow.self)
    }

    public static func role(code: String, on store: Store) async throws -> RoleRow? {
        try await store.first("SELECT * FROM roles WHERE code = \(bind: code)", as: RoleRow.self)
    }

    public static func user(_ id: Int64, on store: Store) async throws -> UserRow? {
        try await store.first("SELECT * FROM users WHERE id = \(bind: id)", as: UserRow.self)
    }

    public static func user(username: String, on store: Store) async throws -> UserRow? {
        try await store.first("SELECT * FROM users WHERE username = \(bind: username.lowercased())", as: UserRow.self)
    }

    /// Active internal users whose display name is exactly this, oldest first (two: a name is ambiguous).
    public static func users(displayName: String, on store: Store) async throws -> [UserRow] {
        try await store.all(
            "SELECT * FROM users WHERE display_name = \(bind: displayName) AND active = \(bind: true) AND partner_id IS NULL ORDER BY id LIMIT 2",
            as: UserRow.self)
    }

    public static func roleIDs(ofUser id: Int64, on store: Store) async throws -> [Int64] {
        struct R: Decodable { var roleId: Int64 }
        return try await store.all("SELECT role_id FROM user_roles WHERE user_id = \(bind: id) ORDER BY role_id", as: R.self).map(\.roleId)
    }

    public static func grantedBranches(ofUser id: Int64, on store: Store) async throws -> [Int64] {
        struct R: Decodable { var branchId: Int64 }
        return try await store.all("SELECT branch_id FROM user_branch_grants WHERE user_id = \(bind: id) ORDER BY branch_id", as: R.self)
            .map(\.branchId)
    }

    public struct UserFilter: Sendable {
        public var q: String?
        public var branchId: Int64?
        public var departmentId: Int64?
        public var active: Bool?
        public init(q: String? = nil, branchId: Int64? = nil, departmentId: Int64? = nil, active: Bool? = nil) {
            self.q = q
            self.branchId = branchId
            self.departmentId = departmentId
            self.active = active
        }
    }

    public enum UserSort: String, Sendable, CaseIterable {
        case username, displayName = "display_name", createdAt = "created_at"
    }

    /// Users the scope reaches, keyset-paged by (sort column, id).
    public static func users(
        scope: RowScope, filter: UserFilter, sort: UserSort, descending: Bool,
        limit: Int, cursor: Cursor?, on store: Store
    ) async throws -> Page<UserRow> {
        var query: SQLQueryString = "SELECT * FROM users WHERE "
        query += ScopeFilter.condition(scope, .init(branch: "branch_id", department: "department_id", owner: "id"))
        if let q = filter.q?.lowercased(), !q.isEmpty {
            let like = "%" + Search.escapeLike(q) + "%"
            query +=
                " AND (LOWER(username) LIKE \(bind: like) ESCAPE '\\' OR LOWER(display_name) LIKE \(bind: like) ESCAPE '\\' OR LOWER(COALESCE(email, '')) LIKE \(bind: like) ESCAPE '\\')"
        }
        if let b = filter.branchId { query += " AND branch_id = \(bind: b)" }
        if let d = filter.departmentId { query += " AND department_id = \(bind: d)" }
        if let a = filter.active { query += " AND active = \(bind: a)" }
        query += try Cursor.condition(cursor, column: sort.rawValue, descending: descending)
        query += Cursor.orderBy(column: sort.rawValue, descending: descending, limit: limit)
        let rows = try await store.all(query, as: UserRow.self)
        return Cursor.page(rows, limit: limit) { row in
            switch sort {
            case .username: Cursor(key: .text(row.username), id: row.id)
            case .displayName: Cursor(key: .text(row.displayName), id: row.id)
            case .createdAt: Cursor(key: .int(row.createdAt), id: row.id)
            }
        }
    }

    public static func userCountsByBranch(on store: Store) async throws -> [(branchId: Int64, users: Int64)] {
        struct R: Decodable { var branchId: Int64; var n: Int64 }
        let rows = try await store.all(
            "SELECT branch_id, COUNT(*) AS n FROM users WHERE active = \(bind: true) GROUP BY branch_id", as: R.self)
        return rows.map { ($0.branchId, $0.n) }
    }
}
