import FluentKit

/// The data map (数据地图): each audited change says the channel it came by, and each customer,
/// contact and lead where it came from. Rows written before this say nothing (shown as such).
struct M022DataMap: AsyncMigration {
    var name: String { "022-data-map" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                "ALTER TABLE audit_log ADD COLUMN channel TEXT",
                "ALTER TABLE audit_log ADD COLUMN via TEXT",
                """
                CREATE TABLE record_origins (
                    entity TEXT NOT NULL,
                    entity_id BIGINT NOT NULL,
                    channel TEXT NOT NULL,
                    via TEXT,
                    user_id BIGINT,
                    at BIGINT NOT NULL,
                    PRIMARY KEY (entity, entity_id)
                )
                """,
                "CREATE INDEX record_origins_channel ON record_origins(entity, channel)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            ["DROP TABLE record_origins", "ALTER TABLE audit_log DROP COLUMN via", "ALTER TABLE audit_log DROP COLUMN channel"],
            on: database)
    }
}
