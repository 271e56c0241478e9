import Foundation
import InventoryCore
import Kernel
import Services
import TestSupport
import Testing
import Vapor

@testable import Persistence

/// Batches carry their dates: fresh milk of seven days comes in with its production date, goes
/// out first to expire first, is never sold past its date, and is listed and alerted as it nears.
@Suite("Batches: dates, first to expire first, near expiry")
struct BatchExpiryTests {
    static func milk(_ t: any TestWorld) async throws -> Int64 {
        try await ProductService.create(
            .init(
                code: "MILK", name: "鲜牛奶", baseUnit: "盒", units: [.init(name: "箱", factor: "12")], costingMethod: "fifo",
                tracking: "batch", purchasePrice: "10", salePrice: "15", floorPrice: "12", shelfLifeDays: 7), t.system
        ).product.id
    }

    static func line(
        _ product: Int64, _ qty: String, _ w: Int64, batch: String? = nil, cost: String? = nil, price: String? = nil,
        produced: String? = nil, expires: String? = nil, returnOf: Int64? = nil
    ) -> StockDocumentService.LineInput {
        .init(
            productId: product, quantity: qty, warehouseId: w, batch: batch, unitCost: cost, unitPrice: price, returnOfLineId: returnOf,
            productionDate: produced, expiryDate: expires)
    }

    @Test func aReceiptDatesItsBatchAndADeliveryTakesTheFirstToExpire() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            let milk = try await Self.milk(t)
            // A product with a shelf life will not take a new batch without its dates.
            let undated = await refusal {
                try await f.post(t, .purchaseReceipt, date: "2026-11-02", lines: [Self.line(milk, "10", f.w1, batch: "B1", cost: "10")])
            }
            #expect(undated?.code == "batch_dates_required" && undated?.field == "lines[0].productionDate")
            let backwards = await refusal {
                try await f.post(
                    t, .purchaseReceipt, date: "2026-11-02",
                    lines: [Self.line(milk, "10", f.w1, batch: "B1", cost: "10", produced: "2026-11-02", expires: "2026-11-01")])
            }
            #expect(backwards?.code == "expiry_before_production" && backwards?.field == "lines[0].expiryDate")

            // B1 arrives first but B2, older, expires first: the production day counts as the first of seven.
            let r1 = try await f.post(
                t, .purchaseReceipt, date: "2026-11-02",
                lines: [Self.line(milk, "10", f.w1, batch: "B1", cost: "10", produced: "2026-11-01")])
            #expect(r1.lines[0].expiryDate == "2026-11-07" && r1.lines[0].productionDate == "2026-11-01")
            try await f.post(
                t, .purchaseReceipt, date: "2026-11-02", lines: [Self.line(milk, "5", f.w1, batch: "B2", cost: "10", expires: "2026-11-05")]
            )

            // A delivery naming no batch takes B2; the draft shows it before it is posted.
            let draft = try await StockDocumentService.create(
                .init(
                    type: "salesDelivery", postingDate: "2026-11-03", partnerId: f.customer,
                    lines: [Self.line(milk, "3", f.w1, price: "15")]),
                t.system)
            #expect(draft.lines[0].batch == "B2" && draft.lines[0].expiryDate == "2026-11-05")
            _ = try await StockPosting.post(draft.document.id, t.system)

            // B2 has 2 left: a line of 8 must be split, and the error lists the batches in the order to take them.
            let split = await refusal {
                try await f.post(t, .salesDelivery, date: "2026-11-03", lines: [Self.line(milk, "8", f.w1, price: "15")])
            }
            #expect(split?.code == "batch_split_needed" && split?.field == "lines[0].batch")
            #expect(split?.args.last?.hasPrefix("B2 2盒（2026-11-05）、B1 10盒（2026-11-07）") == true, "\(split?.args ?? [])")
            // Two lines of one document draw on the batch together.
            let two = try await f.post(
                t, .salesDelivery, date: "2026-11-03",
                lines: [Self.line(milk, "2", f.w1, price: "15"), Self.line(milk, "4", f.w1, price: "15")])
            #expect(two.lines.map(\.batch) == ["B2", "B1"])

            // Past its date a batch is not sold, and the suggestion passes it by.
            try await f.post(
                t, .purchaseReceipt, date: "2026-11-04",
                lines: [Self.line(milk, "4", f.w1, batch: "B0", cost: "10", produced: "2026-10-28")])
            let expired = await refusal {
                try await f.post(t, .salesDelivery, date: "2026-11-05", lines: [Self.line(milk, "1", f.w1, batch: "B0", price: "15")])
            }
            #expect(expired?.code == "batch_expired" && expired?.args == ["MILK", "B0", "2026-11-03"])
            let skip = try await f.post(t, .salesDelivery, date: "2026-11-05", lines: [Self.line(milk, "1", f.w1, price: "15")])
            #expect(skip.lines[0].batch == "B1")
            // It may still leave by another door (scrapped).
            let scrap = try await f.post(
                t, .otherIssue, date: "2026-11-05", lines: [Self.line(milk, "4", f.w1)], reason: "过期报损")
            #expect(scrap.lines[0].batch == "B0")

            // The dates of a posted batch are facts: a later receipt may not restate them differently.
            let restated = await refusal {
                try await f.post(
                    t, .purchaseReceipt, date: "2026-11-05",
                    lines: [Self.line(milk, "1", f.w1, batch: "B1", cost: "10", produced: "2026-11-02")])
            }
            #expect(restated?.code == "batch_dates_differ" && restated?.args == ["B1", "2026-11-01", "2026-11-07"])
            // The same dates, or none, are fine.
            try await f.post(t, .purchaseReceipt, date: "2026-11-05", lines: [Self.line(milk, "1", f.w1, batch: "B1", cost: "10")])

            // A return takes the batch of the line it returns.
            let back = try await f.post(
                t, .salesReturn, date: "2026-11-05", lines: [Self.line(milk, "1", f.w1, returnOf: skip.lines[0].id)])
            #expect(back.lines[0].batch == "B1")
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    @Test func nearExpiryFollowsTheShelfLifeAndIsAlertedOnceADay() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let milk = try await Self.milk(t)
            let today = CalendarDate(chinaDayOf: Millis.from(t.clock.now))
            func day(_ n: Int64) -> String { today.adding(days: n).text }
            // Expired yesterday, last day today, two days left (inside milk's window of 7 / 3 = 2), and fresh.
            try await f.post(
                t, .purchaseReceipt, date: day(-3),
                lines: [
                    Self.line(milk, "1", f.w1, batch: "OLD", cost: "10", expires: day(-1)),
                    Self.line(milk, "2", f.w1, batch: "LAST", cost: "10", expires: day(0)),
                    Self.line(milk, "3", f.w2, batch: "SOON", cost: "10", expires: day(2)),
                    Self.line(milk, "4", f.w1, batch: "FRESH", cost: "10", expires: day(3)),
                ])
            let all = try await BatchService.expiring(today: today, days: nil, warehouse: nil, t.system)
            #expect(all.map(\.row.batch) == ["OLD", "LAST", "SOON"])
            #expect(all.map(\.state) == [.expired, .near, .near] && all.map(\.daysLeft) == [-1, 0, 2])
            #expect(
                try await BatchService.expiring(today: today, days: 5, warehouse: f.w1, t.system).map(\.row.batch) == [
                    "OLD", "LAST", "FRESH",
                ])
            #expect(ShelfLife.warningDays(shelfLifeDays: 720) == 45 && ShelfLife.warningDays(shelfLifeDays: 200) == 20)

            // Whoever keeps the warehouses hears of it; a salesperson does not; the next run the same day says nothing new.
            let roles = try await (
                keeper: RoleService.create(
                    .init(code: "keeper", name: "仓管", permissions: ["stock.view", "stock.create", "stock.edit"], dataScope: "all"), t.system
                ).id,
                sales: RoleService.create(.init(code: "seller", name: "销售", permissions: ["customers.view"], dataScope: "own"), t.system).id
            )
            for (name, role) in [("keeper1", roles.keeper), ("seller1", roles.sales)] {
                _ = try await UserService.create(
                    .init(username: name, displayName: name, password: TestApp.userPassword, branchId: f.hq, roleIds: [role]), t.system)
            }
            let first = try #require(try await DailyJobs.run(force: true, t.system))
            #expect(first.expiryAlerts >= 2)
            let again = try #require(try await DailyJobs.run(force: true, t.system))
            #expect(again.expiryAlerts == 0)
            func notices(_ user: String) async throws -> [String] {
                try await t.store.all(
                    """
                    SELECT n.args AS value FROM notifications n JOIN users u ON u.id = n.user_id
                    WHERE u.username = \(bind: user) AND n.kind = 'notify.expiring' ORDER BY n.id
                    """, as: Row.self
                ).map(\.value)
            }
            struct Row: Decodable { var value: String }
            #expect(try await notices("keeper1") == ["[\"北京一仓\",\"2\",\"\(day(-1))\"]", "[\"北京二仓\",\"1\",\"\(day(2))\"]"])
            #expect(try await notices("seller1").isEmpty)

            // The page and the API; refused without stock rights.
            var keeper = Browser(t: t)
            #expect(try await keeper.login("keeper1", TestApp.userPassword).status == .seeOther)
            let page = try await keeper.get("/inventory/reports/expiring")
            #expect(page.status == .ok && page.text.contains("已过期 1 天") && page.text.contains("还剩 2 天") && !page.text.contains("FRESH"))
            let home = try await keeper.get("/")
            #expect(home.text.contains("临期批次"))
            let token = try await t.token("keeper1", password: TestApp.userPassword)
            let api = try await t.api(.GET, "/api/v1/stock/expiring?warehouseId=\(f.w1)", token: token)
            let items = try #require(api.json["items"] as? [[String: Any]])
            #expect(items.map { $0["batch"] as? String } == ["OLD", "LAST"] && items.first?["state"] as? String == "expired")
            let batches = try await t.api(.GET, "/api/v1/stock/batches?productId=\(milk)&warehouseId=\(f.w1)", token: token)
            let held = try #require(batches.json["items"] as? [[String: Any]])
            #expect(held.map { $0["batch"] as? String } == ["OLD", "LAST", "FRESH"])
            let sellerToken = try await t.token("seller1", password: TestApp.userPassword)
            #expect(try await t.api(.GET, "/api/v1/stock/expiring", token: sellerToken).status == .forbidden)
            #expect(try await t.api(.GET, "/api/v1/stock/expiring?days=x", token: token).status == .unprocessableEntity)
        }
    }
}
