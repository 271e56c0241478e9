import FluentKit

/// Imports as jobs: the file's rows kept with the job (so a run stopped by a restart goes on
/// where it was), the mapping chosen, and per row what became of it.
struct M020Imports: AsyncMigration {
    var name: String { "020-imports" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE import_jobs (
                    id {pk},
                    kind TEXT NOT NULL,
                    file_name TEXT NOT NULL,
                    header TEXT NOT NULL,
                    mapping TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    match_key TEXT NOT NULL,
                    into_pool BOOLEAN NOT NULL DEFAULT FALSE,
                    status TEXT NOT NULL,
                    total BIGINT NOT NULL,
                    processed BIGINT NOT NULL DEFAULT 0,
                    created BIGINT NOT NULL DEFAULT 0,
                    updated BIGINT NOT NULL DEFAULT 0,
                    refused BIGINT NOT NULL DEFAULT 0,
                    lease_until BIGINT,
                    created_by BIGINT NOT NULL REFERENCES users(id),
                    version BIGINT NOT NULL,
                    created_at BIGINT NOT NULL,
                    started_at BIGINT,
                    finished_at BIGINT
                )
                """,
                "CREATE INDEX import_jobs_status ON import_jobs(status, id)",
                """
                CREATE TABLE import_rows (
                    job_id BIGINT NOT NULL REFERENCES import_jobs(id),
                    line BIGINT NOT NULL,
                    cells TEXT NOT NULL,
                    outcome TEXT,
                    record_id BIGINT,
                    field TEXT,
                    code TEXT,
                    args TEXT,
                    before TEXT,
                    after_version BIGINT,
                    PRIMARY KEY (job_id, line)
                )
                """,
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["DROP TABLE import_rows", "DROP TABLE import_jobs"], on: database)
    }
}
