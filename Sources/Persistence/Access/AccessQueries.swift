import Kernel
import SQLKit

public struct SessionRow: Codable, Sendable {
    public var tokenHash: String
    public var userId: Int64
    public var csrfToken: String
    public var createdAt: Int64
    public var expiresAt: Int64
    public var ip: String?
}

public struct ApiTokenRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var userId: Int64
    public var name: String
    public var tokenHash: String
    public var hint: String
    public var createdAt: Int64
    public var expiresAt: Int64?
    public var lastUsedAt: Int64?
    public var revokedAt: Int64?
}

public enum AccessQueries {
    public static func session(hash: String, now: Int64, on store: Store) async throws -> SessionRow? {
        try await store.first("SELECT * FROM sessions WHERE token_hash = \(bind: hash) AND expires_at > \(bind: now)", as: SessionRow.self)
    }

    public static func apiToken(hash: String, now: Int64, on store: Store) async throws -> ApiTokenRow? {
        try await store.first(
            """
            SELECT * FROM api_tokens WHERE token_hash = \(bind: hash) AND revoked_at IS NULL
            AND (expires_at IS NULL OR expires_at > \(bind: now))
            """, as: ApiTokenRow.self)
    }

    public static func apiTokens(ofUser id: Int64, on store: Store) async throws -> [ApiTokenRow] {
        try await store.all("SELECT * FROM api_tokens WHERE user_id = \(bind: id) ORDER BY id DESC", as: ApiTokenRow.self)
    }

    public static func apiToken(_ id: Int64, on store: Store) async throws -> ApiTokenRow? {
        try await store.first("SELECT * FROM api_tokens WHERE id = \(bind: id)", as: ApiTokenRow.self)
    }

    /// Loads everything a request needs to know about its user in three small queries.
    public static func roles(ofUser id: Int64, on store: Store) async throws -> [RoleRow] {
        try await store.all(
            "SELECT r.* FROM roles r JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = \(bind: id)", as: RoleRow.self)
    }

    /// Who holds a role, by id.
    public static func holders(ofRole id: Int64, on store: Store) async throws -> [UserRow] {
        try await store.all(
            "SELECT u.* FROM users u JOIN user_roles ur ON ur.user_id = u.id WHERE ur.role_id = \(bind: id) ORDER BY u.id", as: UserRow.self
        )
    }

    /// Every active user's id, in order.
    public static func activeUserIds(on store: Store) async throws -> [Int64] {
        struct R: Decodable { var id: Int64 }
        return try await store.all("SELECT id FROM users WHERE active = \(bind: true) ORDER BY id", as: R.self).map(\.id)
    }

    public static func principal(userId: Int64, on store: Store) async throws -> (UserRow, Principal)? {
        guard let user = try await OrganisationQueries.user(userId, on: store), user.active else { return nil }
        let roles = try await roles(ofUser: userId, on: store)
        let granted = try await OrganisationQueries.grantedBranches(ofUser: userId, on: store)
        return (user, try await principal(of: user, roles: roles, grantedBranches: granted, on: store))
    }

    /// The principal a user would have with these roles and cross-branch grants, where the user
    /// row says (its branch and department): what an edit of a user or a role would make of them.
    public static func principal(
        of user: UserRow, roles: [RoleRow], grantedBranches granted: [Int64], on store: Store
    ) async throws -> Principal {
        try await principal(
            of: Placement(
                userId: user.id, username: user.username, displayName: user.displayName, branchId: user.branchId,
                departmentId: user.departmentId, partnerId: user.partnerId),
            roles: roles, grantedBranches: granted, on: store)
    }

    /// Where a user sits, stored or proposed.
    public struct Placement: Sendable {
        public var userId: Int64
        public var username: String
        public var displayName: String
        public var branchId: Int64
        public var departmentId: Int64?
        public var partnerId: Int64?
        public init(userId: Int64, username: String, displayName: String, branchId: Int64, departmentId: Int64?, partnerId: Int64?) {
            self.userId = userId
            self.username = username
            self.displayName = displayName
            self.branchId = branchId
            self.departmentId = departmentId
            self.partnerId = partnerId
        }
    }

    public static func principal(
        of user: Placement, roles: [RoleRow], grantedBranches granted: [Int64], on store: Store
    ) async throws -> Principal {
        var grants: [Permission: DataScope] = [:]
        for role in roles {
            let scope = DataScope(rawValue: role.dataScope) ?? .own
            for p in Permission.parseList(role.permissions) {
                grants[p] = max(grants[p] ?? scope, scope)
            }
        }
        // The branch and department trees are small (tens of rows): walk them in memory.
        struct Node: Decodable { var id: Int64; var parentId: Int64? }
        let branchNodes = try await store.all("SELECT id, parent_id FROM branches", as: Node.self)
        let branchTree = descendants(of: user.branchId, in: branchNodes.map { ($0.id, $0.parentId) })
        var departmentTree: Set<Int64> = []
        if let d = user.departmentId {
            let deptNodes = try await store.all("SELECT id, parent_id FROM departments", as: Node.self)
            departmentTree = descendants(of: d, in: deptNodes.map { ($0.id, $0.parentId) })
        }
        var principal = Principal(
            userId: user.userId, username: user.username, displayName: user.displayName,
            branchId: user.branchId, departmentId: user.departmentId,
            branchTree: branchTree, departmentTree: departmentTree,
            grantedBranches: Set(granted), grants: grants)
        principal.roleIds = roles.map(\.id).sorted()
        principal.partnerId = user.partnerId
        return principal
    }

    /// Each department's branch, for comparing reaches (`Principal.firstUncovered`).
    public static func departmentBranches(on store: Store) async throws -> [Int64: Int64] {
        struct Row: Decodable { var id: Int64; var branchId: Int64 }
        return Dictionary(
            uniqueKeysWithValues: try await store.all("SELECT id, branch_id FROM departments", as: Row.self).map { ($0.id, $0.branchId) })
    }

    static func descendants(of root: Int64, in nodes: [(Int64, Int64?)]) -> Set<Int64> {
        var children: [Int64: [Int64]] = [:]
        for (id, parent) in nodes { if let parent { children[parent, default: []].append(id) } }
        var result: Set<Int64> = [root]
        var stack = [root]
        while let next = stack.popLast() {
            for c in children[next] ?? [] where !result.contains(c) {
                result.insert(c)
                stack.append(c)
            }
        }
        return result
    }
}
