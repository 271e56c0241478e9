import Kernel
import Persistence

/// Invitations (邀请): an administrator gives a person a one-time link, copied to them (or sent
/// by e-mail once mail exists); by it the person chooses their own password and is signed in.
/// The link works once, for seven days, and a new one replaces the old.
public enum InviteService {
    public static let lifetimeMillis: Int64 = 7 * 24 * 3600 * 1000

    public struct Issued: Sendable {
        /// The secret of the link, shown once.
        public var token: String
        public var expiresAt: Int64
    }

    public static func issue(_ userId: Int64, _ ctx: ServiceContext) async throws -> Issued {
        let scope = try ctx.require(.users, .edit)
        if userId == ctx.principal?.userId { throw DomainError(.forbidden, code: "own_password_needs_current") }
        let token = ctx.tokens.token(32)
        let expires = ctx.nowMillis + lifetimeMillis
        try await ctx.write { ctx in
            let d = try await UserService.details(userId, scope: scope, ctx)
            try await Authority.ensureManages(d.user, .edit, ctx)
            guard d.user.active else { throw DomainError(.conflict, code: "user_inactive", args: [d.user.username]) }
            try await InviteWrites.issue(
                user: userId, hash: SecretHash.sha256(token), by: ctx.principal?.userId, at: ctx.nowMillis, expires: expires, on: ctx.store)
            try await ctx.audit("invite", "user", userId, branch: d.user.branchId, [])
        }
        return Issued(token: token, expiresAt: expires)
    }

    /// Whose invitation this is, while it can be used (for the page that asks for the password).
    public static func invitee(_ token: String, _ ctx: ServiceContext) async throws -> UserRow {
        guard let invite = try await InviteQueries.usable(hash: SecretHash.sha256(token), now: ctx.nowMillis, on: ctx.store),
            let user = try await OrganisationQueries.user(invite.userId, on: ctx.store), user.active
        else { throw DomainError(.notFound, code: "invite_invalid") }
        return user
    }

    /// The person chooses their password (twice); the link is used up, their other sessions and
    /// tokens end, and they are the user the caller signs in.
    public static func accept(_ token: String, password: String?, repeated: String?, _ ctx: ServiceContext) async throws -> UserRow {
        let pw = try Validate.password(password)
        guard repeated == password else { throw DomainError.invalid("passwordRepeat", code: "passwords_differ") }
        let hash = try ctx.passwords.hash(pw)
        return try await ctx.write { ctx in
            let now = ctx.nowMillis
            guard let invite = try await InviteQueries.usable(hash: SecretHash.sha256(token), now: now, on: ctx.store),
                let user = try await OrganisationQueries.user(invite.userId, on: ctx.store), user.active,
                try await InviteWrites.use(invite.id, at: now, on: ctx.store)
            else { throw DomainError(.notFound, code: "invite_invalid") }
            try await AccessWrites.setPassword(ofUser: user.id, hash: hash, at: now, on: ctx.store)
            try await AccessWrites.endAccess(ofUser: user.id, at: now, on: ctx.store)
            try await LoginService.forget(username: user.username, ctx.store)
            try await ctx.audit(
                "accept_invite", "user", user.id, branch: user.branchId, [FieldChange("password", old: nil, new: "***(set)")])
            return user
        }
    }
}
