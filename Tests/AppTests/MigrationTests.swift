import FluentKit
import Foundation
import SQLKit
import TestSupport
import Testing

@testable import Persistence

@Suite("Migrations of stored data")
struct MigrationTests {
    /// Roles saved with the modules' old names get the new ones; everything else is left alone.
    @Test func rolesTakeTheModulesNewNames() async throws {
        try await TestApp.run { t in
            try await t.store.write { tx in
                try await tx.run(
                    """
                    INSERT INTO roles (code, name, permissions, data_scope, builtin, version, created_at, updated_at)
                    VALUES ('old', '旧角色', 'finance.view org.edit stock.view organisation.view', 'all', \(bind: false), 1, 0, 0)
                    """)
            }
            try await M014ModulePermissionNames().prepare(on: t.app.db)
            let saved = try await t.store.scalar("SELECT permissions AS v FROM roles WHERE code = 'old'", as: String.self)
            #expect(saved == "cash.view organisation.edit stock.view organisation.view")
            let admin = try await t.store.scalar("SELECT permissions AS v FROM roles WHERE code = 'admin'", as: String.self)
            #expect(admin == "*")
        }
    }
}
