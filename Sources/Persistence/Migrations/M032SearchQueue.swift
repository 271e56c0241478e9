import FluentKit
import SQLKit

/// SQLite's full-text index of customers is brought up to date once per write transaction, just
/// before it commits (`Store.flushSearch`), instead of by a trigger per row: FTS5 writes what it
/// holds to disk at every statement that opens a statement journal, so a transaction writing
/// many customers (an import batch) wrote one small index segment per row and merged them over
/// and over. The triggers now note which customers changed, and what the index held for each
/// (the first old text: the one indexed), in `partners_fts_queue`; a savepoint rolled back takes
/// its notes with it. Segments are merged sixteen at a time rather than four. PostgreSQL's
/// trigram index needs none of this.
struct M032SearchQueue: AsyncMigration {
    var name: String { "032-search-queue" }

    func prepare(on database: any Database) async throws {
        guard (database as! any SQLDatabase).dialect.name != "postgresql" else { return }
        let note = "INSERT OR IGNORE INTO partners_fts_queue (id, indexed, old_text) VALUES"
        try await DDL.run(
            [
                "DROP TRIGGER partners_fts_insert", "DROP TRIGGER partners_fts_delete", "DROP TRIGGER partners_fts_update",
                "CREATE TABLE partners_fts_queue (id INTEGER PRIMARY KEY, indexed INTEGER NOT NULL, old_text TEXT)",
                "CREATE TRIGGER partners_fts_insert AFTER INSERT ON partners BEGIN \(note) (new.id, 0, NULL); END",
                "CREATE TRIGGER partners_fts_delete AFTER DELETE ON partners BEGIN \(note) (old.id, 1, old.search_text); END",
                "CREATE TRIGGER partners_fts_update AFTER UPDATE OF search_text ON partners BEGIN \(note) (old.id, 1, old.search_text); END",
                "INSERT INTO partners_fts(partners_fts, rank) VALUES ('automerge', 16)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        guard (database as! any SQLDatabase).dialect.name != "postgresql" else { return }
        try await DDL.run(
            [
                "DROP TRIGGER partners_fts_insert", "DROP TRIGGER partners_fts_delete", "DROP TRIGGER partners_fts_update",
                "DROP TABLE partners_fts_queue",
                """
                CREATE TRIGGER partners_fts_insert AFTER INSERT ON partners BEGIN
                    INSERT INTO partners_fts(rowid, search_text) VALUES (new.id, new.search_text);
                END
                """,
                """
                CREATE TRIGGER partners_fts_delete AFTER DELETE ON partners BEGIN
                    INSERT INTO partners_fts(partners_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
                END
                """,
                """
                CREATE TRIGGER partners_fts_update AFTER UPDATE OF search_text ON partners BEGIN
                    INSERT INTO partners_fts(partners_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
                    INSERT INTO partners_fts(rowid, search_text) VALUES (new.id, new.search_text);
                END
                """,
                "INSERT INTO partners_fts(partners_fts) VALUES ('rebuild')",
            ], on: database)
    }
}
