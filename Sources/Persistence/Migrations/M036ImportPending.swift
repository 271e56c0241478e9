import FluentKit

/// The rows of an import still to run, found without walking the ones done: the worker asks for
/// the next batch of a job's rows without an outcome, and without this index each batch read every
/// row run before it (the run of a 100,000-row file grew slower batch by batch).
struct M036ImportPending: AsyncMigration {
    var name: String { "036-import-pending" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(["CREATE INDEX import_rows_pending ON import_rows(job_id, line) WHERE outcome IS NULL"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["DROP INDEX import_rows_pending"], on: database)
    }
}
