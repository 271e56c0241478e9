import SQLKit

public struct InviteRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var userId: Int64
    public var tokenHash: String
    public var createdBy: Int64?
    public var createdAt: Int64
    public var expiresAt: Int64
    public var usedAt: Int64?
}

/// The one-time invitation links' rows.
public enum InviteQueries {
    /// An invitation that can still be used, by its token's hash, locked for the one who uses it.
    public static func usable(hash: String, now: Int64, on store: Store) async throws -> InviteRow? {
        try await store.first(
            """
            SELECT * FROM user_invites WHERE token_hash = \(bind: hash) AND used_at IS NULL AND expires_at > \(bind: now)
            """, as: InviteRow.self)
    }
}

public enum InviteWrites {
    /// A new link for a user; the earlier ones that were not used stop working.
    public static func issue(user: Int64, hash: String, by: Int64?, at now: Int64, expires: Int64, on store: Store) async throws {
        try await store.run("UPDATE user_invites SET used_at = \(bind: now) WHERE user_id = \(bind: user) AND used_at IS NULL")
        try await store.run(
            """
            INSERT INTO user_invites (user_id, token_hash, created_by, created_at, expires_at)
            VALUES (\(bind: user), \(bind: hash), \(bind: by), \(bind: now), \(bind: expires))
            """)
    }

    /// Uses it: answers false when another request used it first.
    public static func use(_ id: Int64, at now: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var id: Int64 }
        return try await store.first(
            "UPDATE user_invites SET used_at = \(bind: now) WHERE id = \(bind: id) AND used_at IS NULL RETURNING id", as: R.self) != nil
    }
}
