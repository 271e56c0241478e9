import Foundation
import Kernel
import Persistence

/// Password sign-in with backoff and lock-out. Every failure, whether the user exists or not,
/// answers the same message after the same bcrypt work and a growing delay. Attempts are counted
/// before the password is checked, in one statement each, so parallel guesses all count and those
/// past a limit are refused without checking: five in a row lock a name from one address for
/// fifteen minutes; thirty from one address lock that address; a hundred on one name from
/// anywhere lock the name. A stranger elsewhere thus cannot keep a person out: the person's own
/// address keeps its own count. No answer tells a wrong name from a wrong password.
public enum LoginService {
    public static let lockAfter: Int64 = 5
    public static let lockAddressAfter: Int64 = 30
    public static let lockNameAfter: Int64 = 100
    public static let lockMillis: Int64 = 15 * 60 * 1000
    public static let forgetAfterMillis: Int64 = 15 * 60 * 1000

    public struct Outcome: Sendable {
        public var user: UserRow?
        /// How long to wait before answering (0 on success).
        public var delayMillis: Int64
    }

    public static let invalid = DomainError(.unauthenticated, code: "invalid_credentials")

    /// The counters an attempt counts against: the name from this address, this address, the name.
    static func keys(_ username: String, address: String?) -> [(key: String, limit: Int64)] {
        let addr = address ?? "-"
        return [("n:" + username + "|a:" + addr, lockAfter), ("a:" + addr, lockAddressAfter), ("n:" + username, lockNameAfter)]
    }

    /// Every counter of a name, for forgetting them (a new password).
    public static func forget(username: String, _ store: Store) async throws {
        try await AccessWrites.forget(["n:" + username], on: store)
        try await AccessWrites.forget(startingWith: "n:" + username + "|", on: store)
    }

    public static func authenticate(username rawName: String?, password: String?, _ ctx: ServiceContext) async throws -> Outcome {
        let username = String((rawName ?? "").trimmingCharacters(in: .whitespaces).lowercased().prefix(64))
        let password = password ?? ""
        let now = ctx.nowMillis
        let counters = keys(username, address: ctx.actor.ip)
        // Count the attempt first: a failure stays counted, a success takes it back.
        let (locked, failures, newlyLocked) = try await ctx.write { ctx in
            var locked = false, newlyLocked = false, worst: Int64 = 0
            for c in counters {
                guard let r = try await AccessWrites.countFailure(c.key, at: now, forgetBefore: now - forgetAfterMillis, on: ctx.store)
                else { continue }
                if (r.lockedUntil ?? 0) > now { locked = true }
                if r.failures > c.limit {
                    locked = true
                    if r.lockedUntil ?? 0 <= now {
                        newlyLocked = true
                        try await AccessWrites.lock(c.key, until: now + lockMillis, on: ctx.store)
                    }
                }
                if c.key == counters[0].key { worst = r.failures }
            }
            return (locked, worst, newlyLocked)
        }
        let user = username.isEmpty ? nil : try await OrganisationQueries.user(username: username, on: ctx.store)
        var ok = false
        if let user, !locked {
            ok = ctx.passwords.verify(password, hash: user.passwordHash) && user.active
        } else {
            ctx.passwords.verifyDummy(password)
        }
        if ok, let user {
            try await ctx.write { ctx in
                try await AccessWrites.forget([counters[0].key, counters[2].key], on: ctx.store)
                try await AccessWrites.uncount(counters[1].key, on: ctx.store)
                try await AccessWrites.signedIn(user: user.id, at: now, on: ctx.store)
                var audited = ctx
                audited.actor = ActingUser(userId: user.id, username: user.username, ip: ctx.actor.ip, requestId: ctx.actor.requestId)
                try await audited.audit("login", "user", user.id, branch: user.branchId, [])
            }
            return Outcome(user: user, delayMillis: 0)
        }
        try await ctx.write { ctx in
            try await ctx.audit(
                newlyLocked ? "login_locked" : "login_failed", "login", nil,
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
            try await AccessWrites.openSession(
                hash: SecretHash.sha256(token), user: user.id, csrf: csrf, ip: ctx.actor.ip, at: ctx.nowMillis, expires: expires,
                on: ctx.store)
        }
        return Issued(token: token, csrf: csrf, expiresAt: expires)
    }

    public static func close(token: String, _ ctx: ServiceContext) async throws {
        try await ctx.write { ctx in
            try await AccessWrites.closeSession(hash: SecretHash.sha256(token), on: ctx.store)
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
            let id = try await AccessWrites.insertToken(
                user: user.id, name: label, hash: SecretHash.sha256(token), hint: String(token.prefix(8)), at: now,
                expires: now + defaultLifetimeMillis, on: ctx.store)
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
                guard me.can(.users, .edit), let owner = try await OrganisationQueries.user(row.userId, on: ctx.store) else {
                    throw DomainError.notFound
                }
                try await Authority.ensureManages(owner, .edit, ctx)
            }
            guard row.revokedAt == nil else { return }
            try await AccessWrites.revoke(token: id, at: ctx.nowMillis, on: ctx.store)
            try await ctx.audit("revoke", "api_token", id, [FieldChange("revokedAt", old: nil, new: String(ctx.nowMillis))])
        }
    }
}
