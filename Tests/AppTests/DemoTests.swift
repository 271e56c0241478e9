import Foundation
import Persistence
import Services
import TestSupport
import Testing

@Suite("concord demo")
struct DemoTests {
    @Test func theDemoCompanyLoadsOnceAndItsBooksReconcile() async throws {
        try await TestApp.run { t in
            let first = try await DemoCompany.load(password: "demo-password-1", t.system)
            #expect(first.loaded)
            try await DemoInventory.load(month: "2026-10", t.system)
            let again = try await DemoCompany.load(password: "demo-password-1", t.system)
            #expect(!again.loaded, "loading twice changes nothing")
            try await DemoInventory.load(month: "2026-10", t.system)
            #expect(try await OrganisationQueries.branches(on: t.store).map(\.code).sorted() == ["CD", "HQ", "SH"])
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM stock_documents WHERE status = 'posted'", as: Int64.self) == 16)
            #expect(try await InventoryFixture.reconcile(t) == [])
            // Each role's person signs in.
            _ = try await t.token("liuyang", password: "demo-password-1")
        }
    }
}
