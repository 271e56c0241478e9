import FluentKit
import SQLKit

/// Large exports run as jobs: the request that asks for one answers at once, the file is
/// written in the background and kept with the job (in the database, like attachments, so any
/// server of a deployment hands it out) until the nightly jobs remove it after seven days.
struct M034ExportJobs: AsyncMigration {
    var name: String { "034-export-jobs" }

    func prepare(on database: any Database) async throws {
        let blob = (database as! any SQLDatabase).dialect.name == "postgresql" ? "BYTEA" : "BLOB"
        try await DDL.run(
            [
                """
                CREATE TABLE export_jobs (
                    id {pk},
                    module TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    title TEXT NOT NULL,
                    format TEXT NOT NULL,
                    filter TEXT NOT NULL,
                    status TEXT NOT NULL,
                    row_count BIGINT NOT NULL DEFAULT 0,
                    data \(blob),
                    error_code TEXT,
                    error_args TEXT,
                    created_by BIGINT NOT NULL REFERENCES users(id),
                    created_at BIGINT NOT NULL,
                    finished_at BIGINT
                )
                """,
                "CREATE INDEX export_jobs_creator ON export_jobs(created_by, id)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["DROP TABLE export_jobs"], on: database)
    }
}
