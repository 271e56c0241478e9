import FluentKit

/// Custom fields (自定义字段) on leads, opportunities, contracts, products and orders, as on
/// customers and contacts: their values as JSON beside each record.
struct M031MoreCustomFields: AsyncMigration {
    var name: String { "031-more-custom-fields" }

    static let tables = ["leads", "opportunities", "contracts", "products", "orders"]

    func prepare(on database: any Database) async throws {
        try await DDL.run(Self.tables.map { "ALTER TABLE \($0) ADD COLUMN custom_values TEXT NOT NULL DEFAULT '{}'" }, on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(Self.tables.map { "ALTER TABLE \($0) DROP COLUMN custom_values" }, on: database)
    }
}
