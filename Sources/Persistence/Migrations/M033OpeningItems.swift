import FluentKit
import SQLKit

/// Open receivables and payables brought over from the old system (期初应收应付) are open items of
/// their own source, `opening`, per document of the old books, and name no product: an open
/// item's product becomes optional. PostgreSQL drops the NOT NULL; SQLite cannot alter a column,
/// and rebuilding a table that others reference by foreign key would need the keys off, so its
/// stored definition is edited in place — SQLite's documented way to remove a NOT NULL (the rows
/// and the file format are unchanged) — inside one transaction with the schema version raised.
struct M033OpeningItems: AsyncMigration {
    var name: String { "033-opening-items" }

    static let notNull = "product_id BIGINT NOT NULL REFERENCES products(id)"
    static let nullable = "product_id BIGINT REFERENCES products(id)"

    func prepare(on database: any Database) async throws {
        try await change(from: Self.notNull, to: Self.nullable, on: database)
    }

    func revert(on database: any Database) async throws {
        try await change(from: Self.nullable, to: Self.notNull, on: database)
    }

    private func change(from: String, to: String, on database: any Database) async throws {
        if (database as! any SQLDatabase).dialect.name == "postgresql" {
            let verb = to == Self.nullable ? "DROP" : "SET"
            try await DDL.run(["ALTER TABLE open_items ALTER COLUMN product_id \(verb) NOT NULL"], on: database)
            return
        }
        try await database.transaction { db in
            let sql = db as! any SQLDatabase
            struct Version: Decodable {
                var schemaVersion: Int64
                enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version" }
            }
            guard let version = try await sql.raw("PRAGMA schema_version").first(decoding: Version.self)?.schemaVersion else {
                throw StoreError.noRowReturned
            }
            try await sql.raw("PRAGMA writable_schema = ON").run()
            try await sql.raw(
                """
                UPDATE sqlite_schema SET sql = replace(sql, \(bind: from), \(bind: to)) WHERE type = 'table' AND name = 'open_items'
                """
            ).run()
            // The stored text must have held the old definition: else nothing changed and saying so beats going on.
            struct Definition: Decodable { var sql: String }
            guard
                try await sql.raw("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'open_items'")
                    .first(decoding: Definition.self)?.sql.contains(to) == true
            else { throw StoreError.noRowReturned }
            try await sql.raw("PRAGMA schema_version = \(unsafeRaw: String(version + 1))").run()
            try await sql.raw("PRAGMA writable_schema = OFF").run()
        }
    }
}
