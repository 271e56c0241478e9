import Foundation
import InventoryCore
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

@Suite("Accounting mode per branch")
struct AccountingSwitchTests {
    @Test func aSwitchHappensAtAPeriodBoundarySaysWhatItMovesAndKeepsTheValue() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let sys = t.system
            // Shanghai bought in October (the clock is in November: a boundary, nothing posted yet this month).
            try await f.post(t, .purchaseReceipt, date: "2026-10-20", lines: [f.receipt("MA", "30", at: "2.2", warehouse: f.w3)])
            try await f.post(t, .purchaseReceipt, date: "2026-10-21", lines: [f.receipt("MA", "100", at: "2")])
            let plan = try await AccountingSwitch.plan(f.sh, to: "consolidated", sys)
            #expect(plan.warehouses == [f.w3] && plan.effective == "2026-11-01")
            #expect(plan.moves.map(\.qty) == [Quantity(30).units] && plan.moves.map(\.value) == [6_600] && plan.postedThisMonth == 0)
            // Editing the branch cannot change it: the switch does.
            let sh = try #require(try await OrganisationQueries.branch(f.sh, on: t.store))
            let direct = await #expect(throws: DomainError.self) {
                try await BranchService.update(
                    f.sh, .init(code: "SH", name: sh.name, parentId: f.hq, kind: "branch", accounting: "consolidated"), version: sh.version,
                    sys)
            }
            #expect(direct?.code == "use_accounting_switch")
            let switched = try await AccountingSwitch.apply(f.sh, to: "consolidated", version: sh.version, sys)
            #expect(switched.accounting == "consolidated")
            // The 30 bags keep their 66.00 and now share head office's costing: (200.00 + 66.00) / 130.
            #expect(try await InventoryFixture.balance(t, f.products["MA"]!, f.w3) == (Quantity(30), Money(fen: 6_600)))
            let sale = try await f.post(t, .salesDelivery, date: "2026-11-05", lines: [f.issue("MA", "13", price: "3", warehouse: f.w3)])
            #expect(sale.lines[0].costValue == 2_660, "13 × 266.00 / 130")
            #expect(try await InventoryFixture.reconcile(t).isEmpty)
            // Back to independent in the middle of November: refused, nothing written.
            let now = try #require(try await OrganisationQueries.branch(f.sh, on: t.store))
            let documents = try await t.store.scalar("SELECT COUNT(*) AS n FROM stock_documents", as: Int64.self)
            let mid = await #expect(throws: DomainError.self) {
                try await AccountingSwitch.apply(f.sh, to: "independent", version: now.version, sys)
            }
            #expect(mid?.code == "mode_switch_mid_period" && mid?.args.first == "2026-11")
            #expect(try await OrganisationQueries.branch(f.sh, on: t.store)?.accounting == "consolidated")
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM stock_documents", as: Int64.self) == documents)
            // Through the API: the plan, then the refusal.
            let token = try await t.token()
            let planned = try await t.api(.GET, "/api/v1/branches/\(f.sh)/accounting-switch?to=independent", token: token)
            #expect(
                planned.status == .ok && planned.json["postedThisMonth"] as? Int == 3,
                "the switch's own issue and receipt, and the sale: \(planned.text)")
            let refused = try await t.api(
                .POST, "/api/v1/branches/\(f.sh)/accounting-switch", token: token, json: #"{"to":"independent","version":\#(now.version)}"#)
            #expect(refused.status == .conflict)
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            for lang in ["zh-CN", "en"] {
                _ = try await b.get("/lang/\(lang)")
                let page = try await b.get("/organisation/branches/\(f.sh)/accounting?to=independent")
                #expect(page.status == .ok && !page.text.contains("⟦"))
            }
        }
    }
}
