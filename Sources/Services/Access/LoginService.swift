import Foundation
import Kernel
import Persistence
import SQLKit

/// Password sign-in with backoff and lock-out. Every failure, whether the user exists or not,
/// answers the same message after the same bcrypt work and a growing delay; five failures in a
/// row lock the name for fifteen minutes. No answer tells a wrong name from a wrong password.
public enum LoginService {
    public static let lockAfter: Int64 = 5
    public static let lockMillis: Int64 = 15 * 60 * 1000
    public static let forgetAfterMillis: Int64 = 15 * 60 * 1000

    public struct Outcome: Sendable {
        public var user: UserRow?
        /// How long to wait before answering (0 on success).
        public var delayMillis: Int64
    }

    public static let invalid = DomainError(.unauthenticated, code: "invalid_credentials")

    public static func authenticate(username rawName: String?, password: String?, _ ctx: ServiceContext) async throws -> Outcome {
        let username = (rawName ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = password ?? ""
        let now = ctx.nowMillis
        var throttle = try await AccessQueries.throttle(username, on: ctx.store)
        if let t = throttle, now - t.lastFailureAt > forgetAfterMillis, (t.lockedUntil ?? 0) <= now { throttle = nil }
        let locked = (throttle?.lockedUntil ?? 0) > now
        let user = username.isEmpty ? nil : try await OrganisationQueries.user(username: username, on: ctx.store)
        var ok = false
        if let user, !locked {
            ok = ctx.passwords.verify(password, hash: user.passwordHash) && user.active
        } else {
            ctx.passwords.verifyDummy(password)
        }
        if ok, let user {
            try await ctx.write { ctx in
                try await ctx.store.run("DELETE FROM login_throttle WHERE username = \(bind: username)")
                try await ctx.store.run("UPDATE users SET last_login_at = \(bind: now) WHERE id = \(bind: user.id)")
                var audited = ctx
                audited.actor = ActingUser(userId: user.id, username: user.username, ip: ctx.actor.ip, requestId: ctx.actor.requestId)
                try await audited.audit("login", "user", user.id, branch: user.branchId, [])
            }
            return Outcome(user: user, delayMillis: 0)
        }
        let failures = (throttle?.failures ?? 0) + 1
        let lockUntil: Int64? = locked ? throttle?.lockedUntil : (failures >= lockAfter ? now + lockMillis : nil)
        try await ctx.write { ctx in
            try await ctx.store.run("""
                INSERT INTO login_throttle (username, failures, last_failure_at, locked_until)
                VALUES (\(bind: username), \(bind: failures), \(bind: now), \(bind: lockUntil))
                ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
                    locked_until = excluded.locked_until
                """)
            try await ctx.audit(lockUntil != nil && !locked ? "login_locked" : "login_failed", "login", nil,
                                [FieldChange("username", old: nil, new: String(username.prefix(64)))])
        }
        return Outcome(user: nil, delayMillis: min(failures, 10) * 300)
    }
}

/// Page sessions: a random id in an HttpOnly cookie, stored hashed, with its CSRF token.
public enum SessionService {
    public static let lifetimeMillis: Int64 = 12 * 3600 * 1000

    public struct Issued: Sendable {
        public var token: String
        public var csrf: String
        public var expiresAt: Int64
    }

    public static func open(for user: UserRow, _ ctx: ServiceContext) async throws -> Issued {
        let token = ctx.tokens.token(32)
        let csrf = ctx.tokens.token(24)
        let expires = ctx.nowMillis + lifetimeMillis
        try await ctx.write { ctx in
            try await ctx.store.run("DELETE FROM sessions WHERE expires_at < \(bind: ctx.nowMillis)")
            try await ctx.store.run("""
                INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, ip)
                VALUES (\(bind: SecretHash.sha256(token)), \(bind: user.id), \(bind: csrf), \(bind: ctx.nowMillis), \(bind: expires), \(bind: ctx.actor.ip))
                """)
        }
        return Issued(token: token, csrf: csrf, expiresAt: expires)
    }

    public static func close(token: String, _ ctx: ServiceContext) async throws {
        try await ctx.write { ctx in
            try await ctx.store.run("DELETE FROM sessions WHERE token_hash = \(bind: SecretHash.sha256(token))")
            try await ctx.audit("logout", "user", ctx.actor.userId, [])
        }
    }
}

/// Bearer tokens for programs: shown once, stored hashed, revocable.
public enum ApiTokenService {
    public static let defaultLifetimeMillis: Int64 = 90 * 24 * 3600 * 1000

    public struct Issued: Sendable {
        public var row: ApiTokenRow
        public var token: String
    }

    public static func issue(for user: UserRow, name: String?, _ ctx: ServiceContext) async throws -> Issued {
        let label = try Validate.optional(name, "name", max: 100) ?? "api"
        let token = "cct_" + ctx.tokens.token(32)
        let now = ctx.nowMillis
        let row = try await ctx.write { ctx in
            let id = try await ctx.store.insertReturningID("""
                INSERT INTO api_tokens (user_id, name, token_hash, hint, created_at, expires_at)
                VALUES (\(bind: user.id), \(bind: label), \(bind: SecretHash.sha256(token)), \(bind: String(token.prefix(8))), \(bind: now),
                        \(bind: now + defaultLifetimeMillis))
                """)
            var audited = ctx
            audited.actor.userId = audited.actor.userId ?? user.id
            audited.actor.username = audited.actor.username ?? user.username
            try await audited.audit("create", "api_token", id, branch: user.branchId, [FieldChange("name", old: nil, new: label)])
            return try await AccessQueries.apiToken(id, on: ctx.store)!
        }
        return Issued(row: row, token: token)
    }

    /// A user revokes their own tokens; whoever manages a user (`Authority.ensureManages`) revokes theirs.
    public static func revoke(_ id: Int64, _ ctx: ServiceContext) async throws {
        try await ctx.write { ctx in
            guard let row = try await AccessQueries.apiToken(id, on: ctx.store) else { throw DomainError.notFound }
            if let me = ctx.principal, row.userId != me.userId {
                // Someone else's token: only for whoever manages its owner; nobody else learns it exists.
                guard me.can(.users, .edit), let owner = try await OrganisationQueries.user(row.userId, on: ctx.store) else { throw DomainError.notFound }
                try await Authority.ensureManages(owner, .edit, ctx)
            }
            guard row.revokedAt == nil else { return }
            try await ctx.store.run("UPDATE api_tokens SET revoked_at = \(bind: ctx.nowMillis) WHERE id = \(bind: id)")
            try await ctx.audit("revoke", "api_token", id, [FieldChange("revokedAt", old: nil, new: String(ctx.nowMillis))])
        }
    }
}
