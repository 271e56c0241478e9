import FluentKit

/// Segments (客户分群): saved rules over customer facts and purchase history, evaluated when used;
/// a send records the segment its frozen list came from.
struct M027Segments: AsyncMigration {
    var name: String { "027-segments" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE segments (
                    id {pk},
                    name TEXT NOT NULL,
                    description TEXT,
                    rule TEXT NOT NULL,
                    owner_id BIGINT REFERENCES users(id),
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "ALTER TABLE message_sends ADD COLUMN segment_id BIGINT REFERENCES segments(id)",
                // What a purchase-history rule reads: posted deliveries by customer and date.
                "CREATE INDEX stock_documents_partner_date ON stock_documents(partner_id, posting_date) WHERE partner_id IS NOT NULL",
                // A rule naming products starts from their lines, not from every delivery of the period.
                "CREATE INDEX stock_document_lines_product ON stock_document_lines(product_id, document_id)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            [
                "DROP INDEX stock_document_lines_product", "DROP INDEX stock_documents_partner_date",
                "ALTER TABLE message_sends DROP COLUMN segment_id", "DROP TABLE segments",
            ],
            on: database)
    }
}
