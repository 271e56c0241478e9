import Foundation
import InventoryCore
import Kernel
import Persistence
import Services
import TestSupport
import Testing

@Suite("Inter-branch trade")
struct BranchTradeTests {
    @Test func aTransferBetweenIndependentBranchesIsASaleAndAPurchaseAndACostChangeTravelsOn() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let sys = t.system
            let ma = f.products["MA"]!
            _ = try await BranchTradeService.setRule(from: f.hq, to: f.sh, method: "cost_plus", markup: "5", priceListId: nil, sys)
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "100", at: "2")])
            // Within one entity it is a plain transfer; without a receiving warehouse nothing is sent.
            let same = await #expect(throws: DomainError.self) {
                try await BranchTradeService.send(
                    fromWarehouseId: f.w1, toWarehouseId: f.w2, date: "2026-11-05", lines: [.init(productId: ma, quantity: "1")], sys)
            }
            #expect(same?.code == "same_entity_transfer")
            let nowhere = await #expect(throws: DomainError.self) {
                try await BranchTradeService.send(
                    fromWarehouseId: f.w1, toWarehouseId: nil, date: "2026-11-05", lines: [.init(productId: ma, quantity: "1")], sys)
            }
            #expect(nowhere?.code == "no_receiving_warehouse" && nowhere?.field == "toWarehouseId")
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM stock_documents", as: Int64.self) == 1, "nothing written")
            // 40 bags at cost 80.00 plus 5%: 84.00, owed by Shanghai to Beijing.
            let sent = try await BranchTradeService.send(
                fromWarehouseId: f.w1, toWarehouseId: f.w3, date: "2026-11-05", lines: [.init(productId: ma, quantity: "40")], sys)
            #expect(sent.transfer.status == "in_transit" && sent.transfer.totalCost == 8_000 && sent.transfer.totalAmount == 8_400)
            let hqIB = try await BranchTradeService.internalPartner(of: f.hq, t.store, at: 0),
                shIB = try await BranchTradeService.internalPartner(of: f.sh, t.store, at: 0)
            func open(_ side: OpenItems.Side, _ partner: Int64) async throws -> Int64 {
                try await AgeingReport.run(.init(side: side, partnerId: partner, asOf: "2026-12-31"), sys).total.open
            }
            #expect(try await open(.ar, shIB.id) == 8_400)
            #expect(try await open(.ap, hqIB.id) == 8_400, "both sides owe from the moment the goods leave")
            #expect(try await InventoryFixture.balance(t, ma, f.w3).qty == .zero, "in transit")
            let alone = await #expect(throws: DomainError.self) { try await StockPosting.cancel(sent.transfer.deliveryId, sys) }
            #expect(alone?.code == "branch_transfer_document")
            // Shanghai confirms; sells 10.
            _ = try await BranchTradeService.receive(sent.transfer.id, date: "2026-11-06", sys)
            #expect(try await open(.ap, hqIB.id) == 8_400)
            #expect(try await InventoryFixture.balance(t, ma, f.w3) == (Quantity(40), Money(fen: 8_400)))
            let sale = try await f.post(t, .salesDelivery, date: "2026-11-07", lines: [f.issue("MA", "10", price: "3", warehouse: f.w3)])
            #expect(sale.lines[0].costValue == 2_100)
            // A receipt entered late at Beijing raises what the 40 bags cost there: 88.00, so 92.40 between the branches,
            // and Shanghai's stock and the cost of its sale follow.
            try await f.post(t, .purchaseReceipt, date: "2026-11-02", lines: [f.receipt("MA", "50", at: "2.6")])
            let after = try await BranchTradeService.find(sent.transfer.id, sys)
            #expect(after.transfer.totalCost == 8_800 && after.transfer.totalAmount == 9_240)
            let ar = try await open(.ar, shIB.id), ap = try await open(.ap, hqIB.id)
            #expect(ar == 9_240 && ap == 9_240)
            #expect(try await InventoryQueries.line(sale.lines[0].id, on: t.store)?.costValue == 2_310)
            #expect(try await InventoryFixture.balance(t, ma, f.w3) == (Quantity(30), Money(fen: 6_930)))
            #expect(try await InventoryFixture.reconcile(t).isEmpty)
        }
    }

    /// A month of a company with a head office and an independent Shanghai branch: purchases in
    /// Beijing, 100 bags to Shanghai at cost plus 5%, sales in both, a distributor's order, an
    /// expense claim in Shanghai. Every figure, to the fen.
    @Test func branchResultsAndTheConsolidatedViewAgreeToTheFen() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let sys = t.system
            let ma = f.products["MA"]!
            _ = try await BranchTradeService.setRule(from: f.hq, to: f.sh, method: "cost_plus", markup: "5", priceListId: nil, sys)
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "200", at: "2")])
            let sent = try await BranchTradeService.send(
                fromWarehouseId: f.w1, toWarehouseId: f.w3, date: "2026-11-03", lines: [.init(productId: ma, quantity: "100")], sys)
            _ = try await BranchTradeService.receive(sent.transfer.id, date: "2026-11-04", sys)
            // Beijing sells 50 at 3.39 (150.00 net of 13% VAT); Shanghai 60 at 3.39 (180.00 net).
            try await f.post(t, .salesDelivery, date: "2026-11-10", lines: [f.issue("MA", "50", price: "3.39")])
            try await f.post(t, .salesDelivery, date: "2026-11-12", lines: [f.issue("MA", "60", price: "3.39", warehouse: f.w3)])
            // A distributor's order: 30 at 2.825 (75.00 net).
            let distributor = try await PartnerService.create(.init(code: "D-CD", name: "成都川渝经销有限公司", isCustomer: true), sys).id
            let order = try await OrderService.create(
                kind: .sales,
                .init(
                    partnerId: distributor, orderDate: "2026-11-15",
                    lines: [.init(productId: ma, quantity: "30", unitPrice: "2.825", warehouseId: f.w1)]), sys)
            _ = try await OrderService.transition(order.order.id, kind: .sales, .confirm, sys)
            _ = try await StockPosting.post(
                try await StockDocumentService.create(
                    .init(
                        type: "salesDelivery", postingDate: "2026-11-16", partnerId: distributor,
                        lines: [
                            .init(productId: ma, quantity: "30", warehouseId: f.w1, orderLineId: order.lines[0].id)
                        ]), sys
                ).document.id, sys)
            // An expense claim in Shanghai: 50.00, approved.
            let role = try await RoleService.create(
                .init(code: "clerk", name: "文员", permissions: ["expenses.view", "expenses.create", "expenses.edit"], dataScope: "own"), sys
            ).id
            let admin = try #require(try await OrganisationQueries.user(username: "admin", on: t.store))
            _ = try await UserService.create(
                .init(
                    username: "shclerk", displayName: "上海文员", password: TestApp.userPassword, branchId: f.sh, managerId: admin.id,
                    roleIds: [role]), sys)
            let clerk = try await t.context(as: "shclerk"), boss = try await t.context(as: "admin")
            let travel = try #require(try await ExpenseService.categories(t.store).first { $0.code == "TRAVEL" }).id
            let claim = try await ExpenseService.create(
                .init(
                    title: "门店巡检", claimDate: "2026-11-20",
                    lines: [.init(categoryId: travel, expenseDate: "2026-11-19", amount: "50")]), clerk)
            // No approval rule for claims: submitted is approved.
            #expect(try await ExpenseService.transition(claim.claim.id, .submit, clerk).claim.status == "approved")
            #expect(try await ApprovalService.list(.todo, status: nil, limit: 5, cursor: nil, boss).items.isEmpty)

            let r = try await BranchResults.run(from: "2026-11", to: "2026-11", sys)
            let hq = try #require(r.rows.first { $0.entityId == f.hq && $0.month == "2026-11" })
            let sh = try #require(r.rows.first { $0.entityId == f.sh && $0.month == "2026-11" })
            // Beijing: 150.00 + 75.00 outside, 210.00 to Shanghai; cost 100.00 + 60.00 + 200.00.
            #expect(hq.figures.revenue == 43_500 && hq.figures.internalRevenue == 21_000 && hq.figures.costOfGoods == 36_000)
            #expect(hq.figures.grossProfit == 7_500 && hq.figures.expenses == 0 && hq.figures.profit == 7_500)
            #expect(hq.interReceivable == 21_000 && hq.interPayable == 0)
            // Shanghai: 180.00 at a cost of 60 × 2.10 = 126.00; 50.00 of expenses.
            #expect(sh.figures.revenue == 18_000 && sh.figures.costOfGoods == 12_600 && sh.figures.grossProfit == 5_400)
            #expect(sh.figures.expenses == 5_000 && sh.figures.profit == 400 && sh.interPayable == 21_000)
            // Eliminated: the 210.00 sold inside, and the margin still in Shanghai's 40 bags: 40/100 × 10.00 = 4.00.
            let e = try #require(r.eliminations.first)
            #expect(
                e.internalRevenue == 21_000 && e.unrealizedEnd == 400 && e.unrealizedStart == 0 && e.costOfGoods == 20_600
                    && e.balances == 21_000)
            #expect(e.details.first?.quantity == Quantity(40).units)
            // Consolidated: 405.00 revenue, 280.00 cost (what the goods sold outside cost the company), 125.00 gross profit.
            let c = try #require(r.consolidated["2026-11"])
            #expect(c.revenue == 40_500 && c.costOfGoods == 28_000 && c.grossProfit == 12_500 && c.expenses == 5_000 && c.profit == 7_500)
            // The sum of the branches less the eliminations is the consolidated result.
            #expect(hq.figures.revenue + sh.figures.revenue - e.revenue == c.revenue)
            #expect(hq.figures.costOfGoods + sh.figures.costOfGoods - e.costOfGoods == c.costOfGoods)
            #expect(hq.figures.profit + sh.figures.profit - (e.revenue - e.costOfGoods) == c.profit)
            #expect(try await InventoryFixture.reconcile(t).isEmpty)
            // The pages: results with the documents behind each figure, the transfers; a send without a receiving warehouse is named.
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            for lang in ["zh-CN", "en"] {
                _ = try await b.get("/lang/\(lang)")
                for path in [
                    "/branches/results?from=2026-11&to=2026-11", "/branches/results?from=2026-10&to=2026-12", "/branches/transfers",
                    "/branches/transfers?status=in_transit",
                    "/branches/transfers/\(sent.transfer.id)", "/branches/results/documents?entity=\(f.hq)&month=2026-11&figure=sales",
                    "/branches/results/documents?entity=\(f.hq)&month=2026-11&figure=internal",
                    "/branches/results/documents?entity=\(f.sh)&month=2026-11&figure=expenses",
                ] {
                    let page = try await b.get(path)
                    #expect(page.status == .ok, "\(path)")
                    #expect(!page.text.contains("⟦"), "\(path) in \(lang) is translated")
                }
            }
            _ = try await b.get("/lang/zh-CN")
            let results = try await b.get("/branches/results?from=2026-11&to=2026-11")
            #expect(results.text.contains("405.00") && results.text.contains("125.00") && results.text.contains("4.00"))
            let form = try await b.get("/branches/transfers")
            let refused = try await b.post(
                "/branches/transfers",
                [
                    ("_csrf", Browser.csrf(form.text)), ("fromWarehouseId", String(f.w1)), ("date", "2026-11-25"),
                    ("lines[0][product]", "MA"), ("lines[0][quantity]", "5"),
                ])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("请选择调入仓库"))
            // The head office's live view (the clock says 2026-11-18, a Wednesday): the month, the week from Monday the 16th, today.
            let views = try await HQDashboard.run(today: "2026-11-18", sys)
            let bj = try #require(views.first { $0.branchId == f.hq }), shv = try #require(views.first { $0.branchId == f.sh })
            #expect(bj.periods[.month]?.sales == 43_500 && bj.periods[.month]?.grossProfit == 7_500)
            #expect(bj.periods[.week]?.sales == 7_500 && bj.periods[.week]?.grossProfit == 1_500 && bj.periods[.today]?.sales == 0)
            #expect(shv.periods[.month]?.sales == 18_000 && shv.periods[.month]?.grossProfit == 5_400)
            #expect(bj.stockValue == 4_000 && shv.stockValue == 8_400 && shv.inTransit == 0)
            let hqPage = try await b.get("/branches/hq")
            #expect(hqPage.status == .ok && hqPage.text.contains("<svg") && hqPage.text.contains("435.00"))
            _ = try await b.get("/lang/en")
            #expect(!(try await b.get("/branches/hq")).text.contains("⟦"))
        }
    }
}
