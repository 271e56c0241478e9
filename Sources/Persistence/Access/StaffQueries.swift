import Kernel
import SQLKit

/// Who works here, as pick lists and pages name them.
extension AccessQueries {
    /// People's display names by id.
    public static func userNames(_ ids: [Int64], on store: Store) async throws -> [Int64: String] {
        try await names("SELECT id, display_name AS name FROM users", ids, on: store)
    }

    static func names(_ select: SQLQueryString, _ ids: [Int64], on store: Store) async throws -> [Int64: String] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        struct R: Decodable { var id: Int64; var name: String }
        let rows = try await store.all(select + " WHERE id IN (\(binds: unique.map { $0 as any Encodable & Sendable }))", as: R.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.name) })
    }

    /// An active member of staff as pick lists show them, with what a data scope tests.
    public struct Staff: Decodable, Sendable, Equatable {
        public var id: Int64
        public var displayName: String
        public var branchId: Int64
        public var departmentId: Int64?
    }

    /// Active staff (not portal users), by name; at most 500.
    public static func activeStaff(on store: Store) async throws -> [Staff] {
        try await store.all(
            """
            SELECT id, display_name, branch_id, department_id FROM users
            WHERE active = \(bind: true) AND partner_id IS NULL ORDER BY display_name LIMIT 500
            """, as: Staff.self)
    }

    /// Roles by name.
    public static func roles(on store: Store) async throws -> [RoleRow] {
        try await store.all("SELECT * FROM roles ORDER BY name", as: RoleRow.self)
    }

    /// Records an API token's use.
    public static func touch(tokenId: Int64, at now: Int64, on store: Store) async throws {
        try await store.run("UPDATE api_tokens SET last_used_at = \(bind: now) WHERE id = \(bind: tokenId)")
    }
}
