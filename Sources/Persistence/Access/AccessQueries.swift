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

public struct LoginThrottleRow: Codable, Sendable {
    public var username: String
    public var failures: Int64
    public var lastFailureAt: Int64
    public var lockedUntil: Int64?
}

public enum AccessQueries {
    public static func session(hash: String, now: Int64, on store: Store) async throws -> SessionRow? {
        try await store.first("SELECT * FROM sessions WHERE token_hash = \(bind: hash) AND expires_at > \(bind: now)", as: SessionRow.self)
    }

    public static func apiToken(hash: String, now: Int64, on store: Store) async throws -> ApiTokenRow? {
        try await store.first("""
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

    public static func throttle(_ username: String, on store: Store) async throws -> LoginThrottleRow? {
        try await store.first("SELECT * FROM login_throttle WHERE username = \(bind: username)", as: LoginThrottleRow.self)
    }

    /// Loads everything a request needs to know about its user in three small queries.
    public static func principal(userId: Int64, on store: Store) async throws -> (UserRow, Principal)? {
        guard let user = try await OrganisationQueries.user(userId, on: store), user.active else { return nil }
        let roles = try await store.all("""
            SELECT r.* FROM roles r JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = \(bind: userId)
            """, as: RoleRow.self)
        var grants: [Permission: DataScope] = [:]
        for role in roles {
            let scope = DataScope(rawValue: role.dataScope) ?? .own
            for p in Permission.parseList(role.permissions) {
                grants[p] = max(grants[p] ?? scope, scope)
            }
        }
        let granted = try await OrganisationQueries.grantedBranches(ofUser: userId, on: store)
        // The branch and department trees are small (tens of rows): walk them in memory.
        struct Node: Decodable { var id: Int64; var parentId: Int64? }
        let branchNodes = try await store.all("SELECT id, parent_id FROM branches", as: Node.self)
        let branchTree = descendants(of: user.branchId, in: branchNodes.map { ($0.id, $0.parentId) })
        var departmentTree: Set<Int64> = []
        if let d = user.departmentId {
            let deptNodes = try await store.all("SELECT id, parent_id FROM departments", as: Node.self)
            departmentTree = descendants(of: d, in: deptNodes.map { ($0.id, $0.parentId) })
        }
        var principal = Principal(userId: user.id, username: user.username, displayName: user.displayName,
                                  branchId: user.branchId, departmentId: user.departmentId,
                                  branchTree: branchTree, departmentTree: departmentTree,
                                  grantedBranches: Set(granted), grants: grants)
        principal.roleIds = roles.map(\.id).sorted()
        principal.partnerId = user.partnerId
        return (user, principal)
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
