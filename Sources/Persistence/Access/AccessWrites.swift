import Kernel
import SQLKit

/// Writes to the tables of sign-in and rights (users, roles, sessions, API tokens, the sign-in
/// throttle), inside the services' transactions: the services validate and decide, these say it
/// in SQL.
public enum AccessWrites {
    // MARK: roles

    /// A role as validated, ready to store.
    public struct Role: Sendable {
        public var code: String
        public var name: String
        public var permissions: Set<Permission>
        public var scope: DataScope
        public init(code: String, name: String, permissions: Set<Permission>, scope: DataScope) {
            self.code = code
            self.name = name
            self.permissions = permissions
            self.scope = scope
        }
    }

    /// `builtin`: the first administrator's role, which nobody edits away.
    public static func insert(_ v: Role, builtin: Bool = false, at now: Int64, on store: Store) async throws -> Int64 {
        store.accessChanged()
        return try await store.insertReturningID(
            """
            INSERT INTO roles (code, name, permissions, data_scope, builtin, version, created_at, updated_at)
            VALUES (\(bind: v.code), \(bind: v.name), \(bind: Permission.formatList(v.permissions)), \(bind: v.scope.rawValue),
                    \(bind: builtin), 1, \(bind: now), \(bind: now))
            """)
    }

    public static func update(role id: Int64, _ v: Role, version: Int64, at now: Int64, on store: Store) async throws {
        store.accessChanged()
        try await store.run(
            """
            UPDATE roles SET code = \(bind: v.code), name = \(bind: v.name), permissions = \(bind: Permission.formatList(v.permissions)),
                data_scope = \(bind: v.scope.rawValue), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            """)
    }

    // MARK: users

    /// A user's record as validated, ready to store (roles and branch grants are set apart).
    public struct User: Sendable {
        public var username: String
        public var displayName: String
        public var email: String?
        public var phone: String?
        public var branchId: Int64
        public var departmentId: Int64?
        public var managerId: Int64?
        public var locale: String?
        public var active: Bool
        public init(
            username: String, displayName: String, email: String?, phone: String?, branchId: Int64, departmentId: Int64?,
            managerId: Int64?, locale: String?, active: Bool
        ) {
            self.username = username
            self.displayName = displayName
            self.email = email
            self.phone = phone
            self.branchId = branchId
            self.departmentId = departmentId
            self.managerId = managerId
            self.locale = locale
            self.active = active
        }
    }

    /// `partner`: the customer a portal account belongs to (nil for internal users).
    public static func insert(_ v: User, passwordHash: String, partner: Int64? = nil, at now: Int64, on store: Store) async throws -> Int64
    {
        store.accessChanged()
        return try await store.insertReturningID(
            """
            INSERT INTO users (username, display_name, email, phone, password_hash, branch_id, department_id, manager_id, locale,
                               active, version, created_at, updated_at, partner_id)
            VALUES (\(bind: v.username), \(bind: v.displayName), \(bind: v.email), \(bind: v.phone), \(bind: passwordHash), \(bind: v.branchId),
                    \(bind: v.departmentId), \(bind: v.managerId), \(bind: v.locale), \(bind: v.active), 1, \(bind: now), \(bind: now), \(bind: partner))
            """)
    }

    public static func update(user id: Int64, _ v: User, version: Int64, at now: Int64, on store: Store) async throws {
        store.accessChanged()
        try await store.run(
            """
            UPDATE users SET username = \(bind: v.username), display_name = \(bind: v.displayName), email = \(bind: v.email),
                phone = \(bind: v.phone), branch_id = \(bind: v.branchId), department_id = \(bind: v.departmentId),
                manager_id = \(bind: v.managerId), locale = \(bind: v.locale), active = \(bind: v.active),
                version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            """)
    }

    /// The user's roles and the branches granted beyond their own become exactly these.
    public static func setLinks(ofUser id: Int64, roles: [Int64], grantedBranches: [Int64], on store: Store) async throws {
        store.accessChanged()
        try await store.run("DELETE FROM user_roles WHERE user_id = \(bind: id)")
        try await store.run("DELETE FROM user_branch_grants WHERE user_id = \(bind: id)")
        for r in roles { try await store.run("INSERT INTO user_roles (user_id, role_id) VALUES (\(bind: id), \(bind: r))") }
        for b in grantedBranches {
            try await store.run("INSERT INTO user_branch_grants (user_id, branch_id) VALUES (\(bind: id), \(bind: b))")
        }
    }

    /// Deletes a user nobody has met yet (an import undone): their links and unused invitations
    /// go with them; anything else naming them (a record they own, a document, the log of a
    /// session) refuses it with `inUse`.
    public static func delete(user id: Int64, inUse: @autoclosure () -> any Error, on store: Store) async throws {
        store.accessChanged()
        try await store.run("DELETE FROM user_roles WHERE user_id = \(bind: id)")
        try await store.run("DELETE FROM user_branch_grants WHERE user_id = \(bind: id)")
        try await store.run("DELETE FROM user_invites WHERE user_id = \(bind: id)")
        try await store.delete("DELETE FROM users WHERE id = \(bind: id)", inUse: inUse())
    }

    public static func setPassword(ofUser id: Int64, hash: String, at now: Int64, on store: Store) async throws {
        store.accessChanged()
        try await store.run(
            "UPDATE users SET password_hash = \(bind: hash), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)")
    }

    public static func setLocale(ofUser id: Int64, _ locale: String, on store: Store) async throws {
        store.accessChanged()
        try await store.run("UPDATE users SET locale = \(bind: locale) WHERE id = \(bind: id)")
    }

    public static func signedIn(user id: Int64, at now: Int64, on store: Store) async throws {
        try await store.run("UPDATE users SET last_login_at = \(bind: now) WHERE id = \(bind: id)")
    }

    /// Ends the user's page sessions (but the one whose hash is `keeping`) and revokes their API tokens.
    public static func endAccess(ofUser id: Int64, keeping: String? = nil, at now: Int64, on store: Store) async throws {
        store.accessChanged()
        try await store.run("DELETE FROM sessions WHERE user_id = \(bind: id) AND token_hash <> \(bind: keeping ?? "")")
        try await store.run("UPDATE api_tokens SET revoked_at = \(bind: now) WHERE user_id = \(bind: id) AND revoked_at IS NULL")
    }

    // MARK: sessions and tokens

    /// Opens a page session (and drops the expired ones).
    public static func openSession(
        hash: String, user: Int64, csrf: String, ip: String?, at now: Int64, expires: Int64, on store: Store
    ) async throws {
        try await store.run("DELETE FROM sessions WHERE expires_at < \(bind: now)")
        try await store.run(
            """
            INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, ip)
            VALUES (\(bind: hash), \(bind: user), \(bind: csrf), \(bind: now), \(bind: expires), \(bind: ip))
            """)
    }

    public static func closeSession(hash: String, on store: Store) async throws {
        try await store.run("DELETE FROM sessions WHERE token_hash = \(bind: hash)")
    }

    public static func insertToken(
        user: Int64, name: String, hash: String, hint: String, at now: Int64, expires: Int64, on store: Store
    ) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO api_tokens (user_id, name, token_hash, hint, created_at, expires_at)
            VALUES (\(bind: user), \(bind: name), \(bind: hash), \(bind: hint), \(bind: now), \(bind: expires))
            """)
    }

    public static func revoke(token id: Int64, at now: Int64, on store: Store) async throws {
        store.accessChanged()
        try await store.run("UPDATE api_tokens SET revoked_at = \(bind: now) WHERE id = \(bind: id)")
    }

    // MARK: the sign-in throttle

    public struct Failures: Decodable, Sendable {
        public var failures: Int64
        public var lockedUntil: Int64?
    }

    /// Counts a failed attempt against `key` in one statement (so parallel guesses all count),
    /// starting again from one when the last failure is older than `forgetBefore` and no lock holds.
    public static func countFailure(_ key: String, at now: Int64, forgetBefore: Int64, on store: Store) async throws -> Failures? {
        try await store.first(
            """
            INSERT INTO login_throttle (username, failures, last_failure_at, locked_until) VALUES (\(bind: key), 1, \(bind: now), NULL)
            ON CONFLICT (username) DO UPDATE SET
                failures = CASE WHEN login_throttle.last_failure_at < \(bind: forgetBefore)
                                 AND COALESCE(login_throttle.locked_until, 0) <= \(bind: now) THEN 1 ELSE login_throttle.failures + 1 END,
                last_failure_at = excluded.last_failure_at
            RETURNING failures, locked_until
            """, as: Failures.self)
    }

    public static func lock(_ key: String, until: Int64, on store: Store) async throws {
        try await store.run("UPDATE login_throttle SET locked_until = \(bind: until) WHERE username = \(bind: key)")
    }

    /// Forgets these counters.
    public static func forget(_ keys: [String], on store: Store) async throws {
        for k in keys { try await store.run("DELETE FROM login_throttle WHERE username = \(bind: k)") }
    }

    /// Forgets every counter whose key starts with `prefix`.
    public static func forget(startingWith prefix: String, on store: Store) async throws {
        try await store.run("DELETE FROM login_throttle WHERE username LIKE \(bind: prefix.replacingOccurrences(of: "%", with: "") + "%")")
    }

    /// Takes one counted attempt back.
    public static func uncount(_ key: String, on store: Store) async throws {
        try await store.run("UPDATE login_throttle SET failures = failures - 1 WHERE username = \(bind: key) AND failures > 0")
    }
}
