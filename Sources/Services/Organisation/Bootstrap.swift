import Foundation
import Kernel
import Persistence

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
            let hq = try await OrganisationWrites.insert(
                OrganisationWrites.Branch(code: "HQ", name: "总部", parentId: nil, kind: .headOffice, accounting: .independent, active: true),
                at: now, on: ctx.store)
            let role = try await AccessWrites.insert(
                AccessWrites.Role(code: "admin", name: "系统管理员", permissions: Set(Permission.all), scope: .all), builtin: true, at: now,
                on: ctx.store)
            let hash = try ctx.passwords.hash(password)
            let admin = try await AccessWrites.insert(
                AccessWrites.User(
                    username: "admin", displayName: "管理员", email: nil, phone: nil, branchId: hq, departmentId: nil, managerId: nil,
                    locale: nil, active: true),
                passwordHash: hash, at: now, on: ctx.store)
            try await AccessWrites.setLinks(ofUser: admin, roles: [role], grantedBranches: [], on: ctx.store)
            try await ctx.audit("bootstrap", "branch", hq, branch: hq, [FieldChange("code", old: nil, new: "HQ")])
            try await ctx.audit("bootstrap", "user", admin, branch: hq, [FieldChange("username", old: nil, new: "admin")])
            return Result(created: true, generatedPassword: generated)
        }
    }
}
