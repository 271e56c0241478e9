import FluentKit

/// One-time links by which a person sets their own password and signs in for the first time.
/// Only the token's hash is kept; a link works once and until it expires.
struct M017UserInvites: AsyncMigration {
    var name: String { "017-user-invites" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE user_invites (
                    id {pk},
                    user_id BIGINT NOT NULL REFERENCES users(id),
                    token_hash TEXT NOT NULL UNIQUE,
                    created_by BIGINT REFERENCES users(id),
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    used_at BIGINT
                )
                """,
                "CREATE INDEX user_invites_user ON user_invites(user_id)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["DROP TABLE user_invites"], on: database)
    }
}
