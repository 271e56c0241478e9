import Demo
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
            #expect(
                try await t.store.scalar(
                    "SELECT COUNT(*) AS n FROM partners WHERE is_customer = TRUE AND owner_id IS NOT NULL", as: Int64.self) == 8)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM activities", as: Int64.self) == 6)
            // A sales rep sees her own customers only; her manager sees the department's.
            let rep = try await t.context(as: "wangfang")
            let mine = try await CustomerService.list(filter: .init(), limit: 50, cursor: nil, rep).items.map(\.name)
            #expect(Set(mine) == ["北京快普科技有限公司", "北京云栖数据技术有限公司"])
            let found = try await CustomerService.list(filter: .init(q: "yqsj"), limit: 50, cursor: nil, rep).items.map(\.name)
            #expect(found == ["北京云栖数据技术有限公司"])
            #expect(try await OrganisationQueries.branches(on: t.store).map(\.code).sorted() == ["CD", "HQ", "SH"])
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM stock_documents WHERE status = 'posted'", as: Int64.self) == 19)
            #expect(try await InventoryFixture.reconcile(t) == [])
            // Order to cash: the contract is active, half collected, and the books agree.
            try await DemoFinance.load(month: "2026-10", t.system)
            try await DemoFinance.load(month: "2026-10", t.system)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM contracts WHERE status = 'active'", as: Int64.self) == 2)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM quotes", as: Int64.self) == 1)
            let ar = try await AgeingReport.run(.init(side: .ar, asOf: "2026-11-27"), t.system)
            // The contract: 3,100.00 invoiced, 1,500.00 collected; the month's other deliveries are open too (6,912.00 + 2,520.00 +
            // 2,020.00) and this week's fresh milk (1,281.60), less the returned biscuits at what they were charged (163.20).
            #expect(ar.total.open == 160_000 + 691_200 + 252_000 + 202_000 + 128_160 - 16_320)
            let kuaipu = try #require(try await t.store.scalar("SELECT id FROM partners WHERE code = 'C-001'", as: Int64.self))
            let contractOpen = try await AgeingReport.items(side: .ar, partnerId: kuaipu, t.system).filter { $0.contractId != nil }.reduce(
                0
            ) { $0 + $1.residual }
            #expect(contractOpen == 160_000)
            #expect(ar.credits.isEmpty)
            let ap = try await AgeingReport.run(.init(side: .ap, asOf: "2026-11-27"), t.system)
            #expect(ap.credits.values.reduce(0, +) == 500_000, "the payment ahead is a credit")
            #expect(try await InventoryFixture.reconcile(t) == [])
            // Branches and channels: Beijing sold to Shanghai, the distributor bought, the books still agree.
            try await DemoChannel.load(month: "2026-10", t.system)
            try await DemoChannel.load(month: "2026-10", t.system)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM branch_transfers WHERE status = 'received'", as: Int64.self) == 1)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM sightings WHERE flagged = TRUE", as: Int64.self) == 1)
            let results = try await BranchResults.run(from: "2026-10", to: "2026-10", t.system)
            #expect((results.eliminations.first?.internalRevenue ?? 0) > 0)
            #expect(try await InventoryFixture.reconcile(t) == [])
            // Marketing: the fair brought a contract, part of it collected; its return shows in money received.
            try await DemoMarketing.load(month: "2026-10", t.system)
            try await DemoMarketing.load(month: "2026-10", t.system)
            let fair = try #require(try await MarketingQueries.campaign(code: "FAIR-SPRING", on: t.store))
            let d = try await CampaignService.details(fair.id, t.system)
            #expect(
                d.performance.leads == 4 && d.performance.contracts == 1 && d.performance.cost == 1_460_000,
                "two from the booth, one walk-in, one who left a number on the price sheet's link")
            // The price sheet a rep shared: two looks, one of them a buyer now the rep's lead.
            let sheet = try #require(
                try await MaterialService.list(.init(q: "价格表"), limit: 5, cursor: nil, t.system).items.first)
            let figures = try await MaterialService.details(sheet.id, t.system).figures
            #expect(figures.views == 2 && figures.visitors == 2 && figures.leads == 1)
            // The tasting at the fair: three invited, all accepted, two came, one walked in — and became the campaign's lead.
            let tasting = try #require(try await EventService.list(campaign: fair.id, limit: 5, cursor: nil, t.system).items.first)
            let n = try await EventService.counts(tasting.id, t.system)
            #expect(n.invited == 3 && n.accepted == 1 && n.declined == 0 && n.checkedIn == 3 && n.walkIns == 1)
            #expect(d.performance.collected == 1_800_000 && d.returns.roiCollected == 232, "(18,000 − 14,600) / 14,600")
            #expect(try await InventoryFixture.reconcile(t) == [])
            // Each role's person signs in.
            _ = try await t.token("liuyang", password: "demo-password-1")
        }
    }
}
