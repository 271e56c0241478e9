import FluentKit

/// Batches get their dates: a product's shelf life (保质期, in days) and, per product and batch,
/// the production and expiry dates recorded when the batch is received. The dates belong to the
/// batch, not to a document line: a second receipt of the same batch must agree with the first.
struct M018BatchDates: AsyncMigration {
    var name: String { "018-batch-dates" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                "ALTER TABLE products ADD COLUMN shelf_life_days BIGINT",
                """
                CREATE TABLE batches (
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    batch TEXT NOT NULL,
                    production_date TEXT,
                    expiry_date TEXT,
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (product_id, batch)
                )
                """,
                "CREATE INDEX batches_expiry ON batches(expiry_date)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["DROP TABLE batches", "ALTER TABLE products DROP COLUMN shelf_life_days"], on: database)
    }
}
