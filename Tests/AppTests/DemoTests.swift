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
            try await DemoCRM.load(t.system)
            try await DemoCRM.load(t.system)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM partners WHERE is_customer = TRUE AND owner_id IS NOT NULL", as: Int64.self) == 8)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM activities", as: Int64.self) == 6)
            // A sales rep sees her own customers only; her manager sees the department's.
            let rep = try await t.context(as: "wangfang")
            let mine = try await CustomerService.list(filter: .init(), limit: 50, cursor: nil, rep).items.map(\.name)
            #expect(Set(mine) == ["北京快普科技有限公司", "北京云栖数据技术有限公司"])
            let found = try await CustomerService.list(filter: .init(q: "yqsj"), limit: 50, cursor: nil, rep).items.map(\.name)
            #expect(found == ["北京云栖数据技术有限公司"])
            #expect(try await OrganisationQueries.branches(on: t.store).map(\.code).sorted() == ["CD", "HQ", "SH"])
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM stock_documents WHERE status = 'posted'", as: Int64.self) == 16)
            #expect(try await InventoryFixture.reconcile(t) == [])
            // Each role's person signs in.
            _ = try await t.token("liuyang", password: "demo-password-1")
        }
    }
}
