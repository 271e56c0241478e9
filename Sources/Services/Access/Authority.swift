import Kernel
import Persistence

/// Who may manage whom. Nobody widens their own rights: a user is managed (edited, deactivated,
/// given a new password, given roles) only by someone whose scope holds them by branch or
/// department, never by the "my own record" rule, and who holds every grant they would have.
enum Authority {
    /// The user as the scope sees them: by branch and department only.
    static func holds(_ scope: RowScope, _ user: UserRow) -> Bool {
        scope.contains(branch: user.branchId, department: user.departmentId, owner: nil)
    }

    /// Refuses unless the acting user holds every grant `target` has (or would have), at least
    /// as far as it reaches. The system itself may do anything.
    static func ensureCovers(_ target: Principal, field: String, _ ctx: ServiceContext) async throws {
        guard let me = ctx.principal else { return }
        let departments = try await AccessQueries.departmentBranches(on: ctx.store)
        if let p = me.firstUncovered(in: target, departmentBranch: departments) {
            throw DomainError(.forbidden, code: "permission_escalation", field: field, args: [p.description])
        }
    }

    /// The principal of a user as stored now (inactive users included).
    static func principal(of user: UserRow, _ ctx: ServiceContext) async throws -> Principal {
        let roles = try await AccessQueries.roles(ofUser: user.id, on: ctx.store)
        let granted = try await OrganisationQueries.grantedBranches(ofUser: user.id, on: ctx.store)
        return try await AccessQueries.principal(of: user, roles: roles, grantedBranches: granted, on: ctx.store)
    }

    /// Refuses unless the acting user may manage `user` with `action` on users: the user is
    /// someone else, inside the acting user's scope by branch or department, and holds nothing
    /// the acting user does not. Unseen users are 404, seen but out of reach 403.
    static func ensureManages(_ user: UserRow, _ action: Action, _ ctx: ServiceContext) async throws {
        guard let me = ctx.principal else { return }
        let scope = try ctx.require(.users, action)
        guard holds(scope, user) else {
            if user.id != me.userId,
                me.rowScope(.users, .view)?.contains(branch: user.branchId, department: user.departmentId, owner: user.id) != true
            {
                throw DomainError.notFound
            }
            throw DomainError(.forbidden, code: "user_outside_scope", args: [user.username])
        }
        try await ensureCovers(try await principal(of: user, ctx), field: "id", ctx)
    }

    /// After a change to the organisation (a branch or department moved), the acting user's own
    /// reach must not have grown: a change that widens its author is refused.
    static func ensureNotWidened(from before: Principal?, _ ctx: ServiceContext) async throws {
        guard let before, let user = try await OrganisationQueries.user(before.userId, on: ctx.store) else { return }
        let after = try await principal(of: user, ctx)
        let departments = try await AccessQueries.departmentBranches(on: ctx.store)
        if let p = before.firstUncovered(in: after, departmentBranch: departments) {
            throw DomainError(.forbidden, code: "widens_own_reach", args: [p.description])
        }
    }
}
