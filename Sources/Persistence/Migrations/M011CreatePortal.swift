import FluentKit

/// The distributor portal: a user may belong to a partner (an external user who sees only that
/// partner's account), and distributors report their stock on hand and sell-through each week.
/// Quantities BIGINT millionths of the base unit.
struct M011CreatePortal: AsyncMigration {
    var name: String { "011-create-portal" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                "ALTER TABLE users ADD COLUMN partner_id BIGINT REFERENCES partners(id)",
                """
                CREATE TABLE channel_reports (
                    id {pk},
                    partner_id BIGINT NOT NULL REFERENCES partners(id),
                    week TEXT NOT NULL,
                    product_id BIGINT NOT NULL REFERENCES products(id),
                    on_hand BIGINT NOT NULL,
                    sold BIGINT NOT NULL,
                    reported_by BIGINT REFERENCES users(id),
                    created_at BIGINT NOT NULL,
                    UNIQUE (partner_id, week, product_id)
                )
                """,
                "CREATE INDEX channel_reports_week ON channel_reports(week, partner_id)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["DROP TABLE channel_reports"], on: database)
    }
}
