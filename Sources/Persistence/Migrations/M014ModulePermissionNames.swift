import FluentKit
import SQLKit

/// Two modules took the name they have in every other layer: `org` became `organisation` and
/// `finance` became `cash`. Roles keep their rights under the new names (the old ones are still
/// read, so nothing is lost if a role escaped this).
struct M014ModulePermissionNames: AsyncMigration {
    var name: String { "014-module-permission-names" }

    func prepare(on database: any Database) async throws {
        // `org.` is found nowhere inside `organisation.`, so running the rewrite over a role that
        // already has new names changes nothing.
        try await DDL.run(
            ["UPDATE roles SET permissions = REPLACE(REPLACE(permissions, 'org.', 'organisation.'), 'finance.', 'cash.')"], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            ["UPDATE roles SET permissions = REPLACE(REPLACE(permissions, 'organisation.', 'org.'), 'cash.', 'finance.')"], on: database)
    }
}
