import FluentKit

/// The audit log, and what every business document shares: gapless numbers, idempotent API
/// writes, company settings.
struct M003CreateAuditAndDocuments: AsyncMigration {
    var name: String { "003-create-audit-and-documents" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE audit_log (
                    id {pk},
                    at BIGINT NOT NULL,
                    user_id BIGINT,
                    username TEXT,
                    ip TEXT,
                    request_id TEXT,
                    action TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    entity_id TEXT,
                    branch_id BIGINT,
                    changes TEXT NOT NULL
                )
                """,
                "CREATE INDEX audit_entity ON audit_log(entity, entity_id, id)",
                "CREATE INDEX audit_user ON audit_log(user_id, id)",
                "CREATE INDEX audit_at ON audit_log(at, id)",
                """
                CREATE TABLE document_sequences (
                    branch_id BIGINT NOT NULL,
                    doc_type TEXT NOT NULL,
                    year BIGINT NOT NULL,
                    last_number BIGINT NOT NULL,
                    PRIMARY KEY (branch_id, doc_type, year)
                )
                """,
                """
                CREATE TABLE idempotency_keys (
                    user_id BIGINT NOT NULL,
                    idem_key TEXT NOT NULL,
                    method TEXT NOT NULL,
                    path TEXT NOT NULL,
                    request_hash TEXT NOT NULL,
                    status BIGINT NOT NULL,
                    body TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (user_id, idem_key)
                )
                """,
                """
                CREATE TABLE settings (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                )
                """,
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            [
                "DROP TABLE settings", "DROP TABLE idempotency_keys", "DROP TABLE document_sequences",
                "DROP TABLE audit_log",
            ], on: database)
    }
}
