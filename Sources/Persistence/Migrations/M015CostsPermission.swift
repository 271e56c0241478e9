import FluentKit
import SQLKit

/// Figures of cost, margin and profit got a permission of their own (`costs.view`); until now
/// `stock.view` showed them. Roles that manage people, money or approvals keep seeing them; a
/// role that only handles goods (a warehouse keeper's) does not, which is the point of the change.
/// `*` already means every permission and is left alone.
struct M015CostsPermission: AsyncMigration {
    var name: String { "015-costs-permission" }

    func prepare(on database: any Database) async throws {
        func has(_ p: String) -> String { "(' ' || permissions || ' ') LIKE '% \(p) %'" }
        let managesMore = ["cash.view", "approvals.approve", "organisation.edit", "users.edit"].map(has).joined(separator: " OR ")
        try await DDL.run(
            [
                "UPDATE roles SET permissions = permissions || ' costs.view' WHERE permissions <> '*' AND \(has("stock.view"))"
                    + " AND NOT \(has("costs.view")) AND (\(managesMore))"
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["UPDATE roles SET permissions = TRIM(REPLACE(' ' || permissions || ' ', ' costs.view ', ' '))"], on: database)
    }
}
