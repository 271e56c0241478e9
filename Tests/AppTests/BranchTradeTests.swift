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
                try await BranchTradeService.send(fromWarehouseId: f.w1, toWarehouseId: f.w2, date: "2026-11-05", lines: [.init(productId: ma, quantity: "1")], sys)
            }
            #expect(same?.code == "same_entity_transfer")
            let nowhere = await #expect(throws: DomainError.self) {
                try await BranchTradeService.send(fromWarehouseId: f.w1, toWarehouseId: nil, date: "2026-11-05", lines: [.init(productId: ma, quantity: "1")], sys)
            }
            #expect(nowhere?.code == "no_receiving_warehouse" && nowhere?.field == "toWarehouseId")
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM stock_documents", as: Int64.self) == 1, "nothing written")
            // 40 bags at cost 80.00 plus 5%: 84.00, owed by Shanghai to Beijing.
            let sent = try await BranchTradeService.send(fromWarehouseId: f.w1, toWarehouseId: f.w3, date: "2026-11-05", lines: [.init(productId: ma, quantity: "40")], sys)
            #expect(sent.transfer.status == "in_transit" && sent.transfer.totalCost == 8_000 && sent.transfer.totalAmount == 8_400)
            let hqIB = try await BranchTradeService.internalPartner(of: f.hq, t.store, at: 0), shIB = try await BranchTradeService.internalPartner(of: f.sh, t.store, at: 0)
            func open(_ side: OpenItems.Side, _ partner: Int64) async throws -> Int64 {
                try await AgeingReport.run(.init(side: side, partnerId: partner, asOf: "2026-12-31"), sys).total.open
            }
            #expect(try await open(.ar, shIB.id) == 8_400)
            #expect(try await open(.ap, hqIB.id) == 0, "the payable starts when Shanghai confirms")
            #expect(try await InventoryFixture.balance(t, ma, f.w3).qty == .zero, "in transit")
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
}
