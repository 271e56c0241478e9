import FluentKit
import SQLKit

/// Customer search that stays fast at a million customers: a trigram index over `search_text`
/// (name, its pinyin and initials, code, tags, phone digits of the customer and its contacts,
/// e-mail) — SQLite's FTS5 trigram table kept in step by triggers, PostgreSQL's pg_trgm GIN
/// index — and an index for walking one owner's customers by name.
struct M006CustomerSearch: AsyncMigration {
    var name: String { "006-customer-search" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        var statements = [
            "CREATE INDEX partners_owner_name ON partners(owner_id, name, id)",
            "UPDATE partners SET search_text = search_text || COALESCE(' ' || phone_digits, '') || COALESCE(' ' || LOWER(email), '')",
        ]
        if sql.dialect.name == "postgresql" {
            statements += [
                "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                "CREATE INDEX partners_search_trgm ON partners USING gin (search_text gin_trgm_ops)",
            ]
        } else {
            statements += [
                "CREATE VIRTUAL TABLE partners_fts USING fts5(search_text, content='partners', content_rowid='id', tokenize='trigram')",
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
            ]
        }
        try await DDL.run(statements, on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await DDL.run(["DROP INDEX partners_search_trgm", "DROP INDEX partners_owner_name"], on: database)
        } else {
            try await DDL.run(
                [
                    "DROP TRIGGER partners_fts_update", "DROP TRIGGER partners_fts_delete", "DROP TRIGGER partners_fts_insert",
                    "DROP TABLE partners_fts", "DROP INDEX partners_owner_name",
                ], on: database)
        }
    }
}
