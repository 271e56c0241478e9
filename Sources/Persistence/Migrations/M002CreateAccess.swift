import FluentKit

/// Sessions for pages, hashed API tokens, and the login throttle that slows and locks
/// repeated failures per user name, whether or not that user exists.
struct M002CreateAccess: AsyncMigration {
    var name: String { "002-create-access" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY,
                    user_id BIGINT NOT NULL REFERENCES users(id),
                    csrf_token TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    ip TEXT
                )
                """,
                "CREATE INDEX sessions_user ON sessions(user_id)",
                """
                CREATE TABLE api_tokens (
                    id {pk},
                    user_id BIGINT NOT NULL REFERENCES users(id),
                    name TEXT NOT NULL,
                    token_hash TEXT NOT NULL UNIQUE,
                    hint TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT,
                    last_used_at BIGINT,
                    revoked_at BIGINT
                )
                """,
                "CREATE INDEX api_tokens_user ON api_tokens(user_id)",
                """
                CREATE TABLE login_throttle (
                    username TEXT PRIMARY KEY,
                    failures BIGINT NOT NULL,
                    last_failure_at BIGINT NOT NULL,
                    locked_until BIGINT
                )
                """,
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["DROP TABLE login_throttle", "DROP TABLE api_tokens", "DROP TABLE sessions"], on: database)
    }
}
