import Kernel
import Persistence

public enum RoleService {
    public struct Input: Sendable, Codable, Equatable {
        public var code: String?
        public var name: String?
        public var permissions: [String]?
        public var dataScope: String?
        public init(code: String? = nil, name: String? = nil, permissions: [String]? = nil, dataScope: String? = nil) {
            self.code = code
            self.name = name
            self.permissions = permissions
            self.dataScope = dataScope
        }
    }

    public static func all(_ ctx: ServiceContext) async throws -> [RoleRow] {
        try ctx.require(.roles, .view)
        return try await OrganisationQueries.roles(on: ctx.store)
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> RoleRow {
        try ctx.require(.roles, .view)
        guard let row = try await OrganisationQueries.role(id, on: ctx.store) else { throw DomainError.notFound }
        return row
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> RoleRow {
        try ctx.require(.roles, .create)
        return try await ctx.write { ctx in
            let v = try await validate(input, id: nil, ctx)
            let now = ctx.nowMillis
            let id = try await AccessWrites.insert(v, at: now, on: ctx.store)
            let row = try await OrganisationQueries.role(id, on: ctx.store)!
            try await ctx.audit("create", "role", id, Audit.diff([:], snapshot(row)))
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> RoleRow {
        try ctx.require(.roles, .edit)
        return try await ctx.write { ctx in
            guard let old = try await OrganisationQueries.role(id, on: ctx.store) else { throw DomainError.notFound }
            try Validate.version(version, current: old.version)
            if old.builtin, old.code == "admin" { throw DomainError(.conflict, code: "builtin_role") }
            let v = try await validate(input, id: id, ctx)
            try ensureNoEscalation(Permission.parseList(old.permissions), scope: DataScope(rawValue: old.dataScope) ?? .all, ctx)
            try await ensureHoldersCovered(old, becoming: v, ctx)
            try await AccessWrites.update(role: id, v, version: old.version, at: ctx.nowMillis, on: ctx.store)
            let row = try await OrganisationQueries.role(id, on: ctx.store)!
            try Validate.bumped(row.version, from: old.version)
            try await ctx.audit("update", "role", id, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    typealias Valid = AccessWrites.Role

    static func validate(_ input: Input, id: Int64?, _ ctx: ServiceContext) async throws -> Valid {
        let code = try Validate.code(input.code, "code")
        let name = try Validate.required(input.name, "name", max: 100)
        let scope = try Validate.oneOf(input.dataScope, "dataScope", as: DataScope.self)
        var permissions: Set<Permission> = []
        for text in input.permissions ?? [] {
            if text == "*" { permissions.formUnion(Permission.all); continue }
            guard let p = Permission(text) else { throw DomainError.invalid("permissions", code: "unknown_permission", args: [text]) }
            permissions.insert(p)
        }
        try ensureNoEscalation(permissions, scope: scope, ctx)
        if let existing = try await OrganisationQueries.role(code: code, on: ctx.store), existing.id != id {
            throw DomainError.duplicate("code", value: code)
        }
        return Valid(code: code, name: name, permissions: permissions, scope: scope)
    }

    /// Nobody hands out more than they hold: every permission, at a scope no wider than their own.
    static func ensureNoEscalation(_ permissions: Set<Permission>, scope: DataScope, _ ctx: ServiceContext) throws {
        guard let me = ctx.principal else { return }
        for p in permissions {
            guard let mine = me.grants[p], mine >= scope else {
                throw DomainError(.forbidden, code: "permission_escalation", field: "permissions", args: [p.description])
            }
        }
    }

    /// A role's holders gain or lose what it grants: the editor must hold every one of them
    /// (as they are and as they will be), and is never one of them.
    static func ensureHoldersCovered(_ old: RoleRow, becoming v: Valid, _ ctx: ServiceContext) async throws {
        guard let me = ctx.principal else { return }
        var edited = old
        edited.permissions = Permission.formatList(v.permissions)
        edited.dataScope = v.scope.rawValue
        let holders = try await AccessQueries.holders(ofRole: old.id, on: ctx.store)
        for user in holders {
            if user.id == me.userId { throw DomainError(.forbidden, code: "cannot_change_own", field: "permissions", args: ["roleIds"]) }
            let roles = try await AccessQueries.roles(ofUser: user.id, on: ctx.store)
            let granted = try await OrganisationQueries.grantedBranches(ofUser: user.id, on: ctx.store)
            for set in [roles, roles.map { $0.id == old.id ? edited : $0 }] {
                let p = try await AccessQueries.principal(of: user, roles: set, grantedBranches: granted, on: ctx.store)
                try await Authority.ensureCovers(p, field: "permissions", ctx)
            }
        }
    }

    static func snapshot(_ r: RoleRow) -> [String: String?] {
        ["code": r.code, "name": r.name, "permissions": r.permissions, "dataScope": r.dataScope]
    }
}
