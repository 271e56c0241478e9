import FluentKit
import SQLKit

/// Attachments' bytes live in the database, beside their rows: every server of a deployment
/// sees them, a backup holds them, and a file appears and goes with the transaction that adds or
/// removes it. (Files saved on disk before this stay readable there.)
struct M013AttachmentContents: AsyncMigration {
    var name: String { "013-attachment-contents" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let blob = sql.dialect.name == "postgresql" ? "BYTEA" : "BLOB"
        try await DDL.run(
            [
                """
                CREATE TABLE attachment_contents (
                    stored_name TEXT PRIMARY KEY,
                    data \(blob) NOT NULL
                )
                """
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["DROP TABLE attachment_contents"], on: database)
    }
}
