import Foundation
import Kernel
import Persistence
import SQLKit

/// The first start: a head office and an administrator, and nothing else. The administrator's
/// password comes from the environment or is generated and shown once; there is no default.
public enum Bootstrap {
    public struct Result: Sendable {
        public var created: Bool
        /// Set only when the password was generated here and must be shown once.
        public var generatedPassword: String?
    }

    public static func ensure(adminPassword: String?, _ ctx: ServiceContext) async throws -> Result {
        try await ctx.write { ctx in
            if try await OrganisationQueries.headOffice(on: ctx.store) != nil { return Result(created: false, generatedPassword: nil) }
            let password: String
            var generated: String?
            if let given = adminPassword, !given.isEmpty {
                password = try Validate.password(given, "CONCORD_ADMIN_PASSWORD")
            } else {
                password = ctx.tokens.token(18)
                generated = password
            }
            let now = ctx.nowMillis
            let hq = try await ctx.store.insertReturningID(
                """
                INSERT INTO branches (code, name, parent_id, kind, accounting, active, version, created_at, updated_at)
                VALUES ('HQ', '总部', NULL, \(bind: BranchKind.headOffice.rawValue), \(bind: AccountingMode.independent.rawValue), \(bind: true), 1,
                        \(bind: now), \(bind: now))
                """)
            let role = try await ctx.store.insertReturningID(
                """
                INSERT INTO roles (code, name, permissions, data_scope, builtin, version, created_at, updated_at)
                VALUES ('admin', '系统管理员', '*', 'all', \(bind: true), 1, \(bind: now), \(bind: now))
                """)
            let hash = try ctx.passwords.hash(password)
            let admin = try await ctx.store.insertReturningID(
                """
                INSERT INTO users (username, display_name, password_hash, branch_id, active, version, created_at, updated_at)
                VALUES ('admin', '管理员', \(bind: hash), \(bind: hq), \(bind: true), 1, \(bind: now), \(bind: now))
                """)
            try await ctx.store.run("INSERT INTO user_roles (user_id, role_id) VALUES (\(bind: admin), \(bind: role))")
            try await ctx.audit("bootstrap", "branch", hq, branch: hq, [FieldChange("code", old: nil, new: "HQ")])
            try await ctx.audit("bootstrap", "user", admin, branch: hq, [FieldChange("username", old: nil, new: "admin")])
            return Result(created: true, generatedPassword: generated)
        }
    }
}
