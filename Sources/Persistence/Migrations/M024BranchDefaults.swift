import FluentKit

/// Each branch may name the warehouse its people's documents start from (默认仓库): new stock
/// documents and orders propose it on every line.
struct M024BranchDefaults: AsyncMigration {
    var name: String { "024-branch-defaults" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(["ALTER TABLE branches ADD COLUMN default_warehouse_id BIGINT REFERENCES warehouses(id)"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["ALTER TABLE branches DROP COLUMN default_warehouse_id"], on: database)
    }
}
