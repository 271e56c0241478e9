import Foundation
import InventoryCore
import Kernel
import Persistence
import Services
import TestSupport
import Testing
import VaporTesting

@Suite("Transfer planning")
struct TransferPlanningTests {
    @Test func overstockAndSlowStockAreProposedToWarehousesUnderSafetyWithinOneEntity() async throws {
        try await TestApp.run { t in
            let f = try await InventoryFixture.make(t)
            let sys = t.system
            let store2 = try await WarehouseService.create(.init(code: "BJ3", name: "北京三仓", branchId: f.hq, kind: "store"), sys).id
            // Water: BJ1 may hold at most 100; BJ2 needs 30; Shanghai (another entity) needs 50 too.
            let ma = try await ProductService.find(f.products["MA"]!, sys)
            _ = try await ProductService.update(
                ma.product.id,
                .init(
                    code: "MA", name: ma.product.name, baseUnit: "袋",
                    units: [.init(name: "箱", factor: "24"), .init(name: "半袋", factor: "0.5")],
                    costingMethod: "moving_average", purchasePrice: "2", salePrice: "3", floorPrice: "2.5", standardCost: "2",
                    stockLevels: [
                        .init(warehouseId: f.w1, safetyQty: "10", maxQty: "100"), .init(warehouseId: f.w2, safetyQty: "30"),
                        .init(warehouseId: f.w3, safetyQty: "50"),
                    ]),
                version: ma.product.version, sys)
            try await f.post(
                t, .purchaseReceipt, date: "2026-11-01",
                lines: [f.receipt("MA", "120", at: "2"), f.receipt("FIFO", "40", at: "3", warehouse: store2)])
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "5", at: "2", warehouse: f.w3)])
            // Biscuits: the store has not sold any for months; BJ2 needs 25.
            let fifo = try await ProductService.find(f.products["FIFO"]!, sys)
            _ = try await ProductService.update(
                fifo.product.id,
                .init(
                    code: "FIFO", name: fifo.product.name, baseUnit: "袋",
                    units: [.init(name: "箱", factor: "24"), .init(name: "半袋", factor: "0.5")],
                    costingMethod: "fifo", purchasePrice: "2", salePrice: "3", floorPrice: "2.5", standardCost: "2",
                    stockLevels: [.init(warehouseId: f.w2, safetyQty: "25")]),
                version: fifo.product.version, sys)
            let rows = try await TransferPlanning.suggest(today: "2027-03-01", slowDays: 60, sys)
            #expect(
                rows.contains(
                    .init(
                        productId: f.products["MA"]!, fromWarehouseId: f.w1, toWarehouseId: f.w2, quantity: Quantity(20).units,
                        reason: "overstock")),
                "only the 20 over the maximum, and not to Shanghai: another accounting entity")
            #expect(!rows.contains { $0.toWarehouseId == f.w3 })
            #expect(
                rows.contains(
                    .init(
                        productId: f.products["FIFO"]!, fromWarehouseId: store2, toWarehouseId: f.w2, quantity: Quantity(25).units,
                        reason: "slow")))
            // One click: a draft transfer per sending warehouse; posting it moves the stock.
            let ids = try await TransferPlanning.apply(rows, date: "2026-11-20", sys)
            #expect(ids.count == 2)
            for id in ids { _ = try await StockPosting.post(id, sys) }
            #expect(try await InventoryFixture.balance(t, f.products["MA"]!, f.w2).qty == Quantity(20))
            #expect(try await InventoryFixture.balance(t, f.products["FIFO"]!, f.w2).qty == Quantity(25))
            #expect(try await InventoryFixture.reconcile(t).isEmpty)
            // The page lists and applies; nothing left to suggest for the overstock.
            var b = Browser(t: t)
            _ = try await b.login("admin", TestApp.adminPassword)
            for lang in ["zh-CN", "en"] {
                _ = try await b.get("/lang/\(lang)")
                let page = try await b.get("/inventory/reports/transfer-plan?slowDays=30")
                #expect(page.status == .ok && !page.text.contains("⟦"))
            }
            let token = try await t.token()
            let api = try await t.api(.GET, "/api/v1/stock/transfer-suggestions", token: token)
            #expect(api.status == .ok)
        }
    }
}
