import Foundation
import InventoryCore
import Kernel
import Persistence
import SQLKit
import Services
import TestSupport
import Testing

@Suite("Stock documents and the costed ledger")
struct StockPostingTests {
    static func money(_ s: String) -> Money { try! Money(parsing: s) }
    static func qty(_ s: String) -> Quantity { try! Quantity(parsing: s) }

    @Test func receiptInCasesThenDeliveryInBags() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            // 2 箱 at 48.00 a case = 48 bags worth 96.00.
            try await f.post(t, .purchaseReceipt, date: "2026-11-02", lines: [f.receipt("MA", "2", at: "48", unit: "箱")])
            let d = try await f.post(t, .salesDelivery, date: "2026-11-03", lines: [f.issue("MA", "10", price: "3.5")])
            #expect(d.lines[0].costValue == 2000)
            #expect(d.lines[0].amount == 3500)
            let b = try await InventoryFixture.balance(t, f.products["MA"]!, f.w1)
            #expect(b.qty == Self.qty("38"))
            #expect(b.value == Self.money("76"))
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    @Test func issueBeyondStockIsRefusedNamingProductWarehouseAndShortfallAndWritesNothing() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            try await f.post(t, .purchaseReceipt, date: "2026-11-02", lines: [f.receipt("MA", "5", at: "2")])
            let draft = try await StockDocumentService.create(
                .init(
                    type: "salesDelivery", postingDate: "2026-11-03", partnerId: f.customer,
                    lines: [f.issue("MA", "8", price: "3")]), t.system)
            do {
                try await StockPosting.post(draft.document.id, t.system)
                Issue.record("posted beyond stock")
            } catch let e as DomainError {
                #expect(e.code == "insufficient_stock")
                #expect(e.args.contains("MA") && e.args.contains("北京一仓") && e.args.contains("3"), "\(e.args)")
            }
            #expect(try await InventoryQueries.document(draft.document.id, on: t.store)?.status == "draft")
            #expect(
                try await t.store.scalar(
                    "SELECT COUNT(*) AS n FROM stock_entries WHERE document_id = \(bind: draft.document.id)", as: Int64.self) == 0)
            #expect(try await InventoryFixture.balance(t, f.products["MA"]!, f.w1).qty == Self.qty("5"))
        }
    }

    @Test func badLinesNameTheField() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            func refused(_ line: StockDocumentService.LineInput, _ code: String, field: String) async {
                do {
                    _ = try await StockDocumentService.create(
                        .init(type: "otherReceipt", postingDate: "2026-11-02", reason: "init", lines: [line]), t.system)
                    Issue.record("accepted \(line)")
                } catch let e as DomainError {
                    #expect(e.code == code)
                    #expect(e.field == field)
                } catch { Issue.record("\(error)") }
            }
            await refused(f.receipt("MA", "1", at: "2", unit: "桶"), "unknown_unit", field: "lines[0].unit")
            await refused(f.receipt("MA", "0.000001", at: "2", unit: "半袋"), "not_exact_in_base", field: "lines[0].quantity")
            await refused(f.receipt("MA", "-1", at: "2"), "not_positive", field: "lines[0].quantity")
            await refused(f.receipt("LOT", "1", at: "2"), "batch_required", field: "lines[0].batch")
            await refused(.init(productId: f.products["MA"], quantity: "1", warehouseId: f.w1), "required", field: "lines[0].unitCost")
            // A zero-cost receipt is first-class, but it says why.
            do {
                _ = try await StockDocumentService.create(
                    .init(
                        type: "purchaseReceipt", postingDate: "2026-11-02", partnerId: f.supplier,
                        lines: [f.receipt("MA", "1", at: "0")]), t.system)
                Issue.record("zero cost without reason")
            } catch let e as DomainError { #expect(e.code == "zero_cost_needs_reason") }
            let gift = try await f.post(t, .purchaseReceipt, date: "2026-11-02", lines: [f.receipt("MA", "10", at: "0")], reason: "供应商赠品")
            #expect(gift.document.status == "posted")
        }
    }

    @Test func backdatedReceiptRecostsTheIssueAfterIt() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            try await f.post(t, .purchaseReceipt, date: "2026-11-10", lines: [f.receipt("MA", "5", at: "10")])
            let sale = try await f.post(t, .salesDelivery, date: "2026-11-12", lines: [f.issue("MA", "5", price: "30")])
            #expect(sale.lines[0].costValue == 5000)
            // Entered late, dated earlier: 5 at 20 on the 9th. The sale on the 12th now takes the average 15.
            try await f.post(t, .purchaseReceipt, date: "2026-11-09", lines: [f.receipt("MA", "5", at: "20")])
            let after = try await InventoryQueries.line(sale.lines[0].id, on: t.store)
            #expect(after?.costValue == 7500)
            let b = try await InventoryFixture.balance(t, f.products["MA"]!, f.w1)
            #expect(b.qty == Self.qty("5"))
            #expect(b.value == Self.money("75"))
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    @Test func fifoSharesOneCostAcrossTheScopesWarehouses() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("FIFO", "10", at: "10", warehouse: f.w1)])
            try await f.post(t, .purchaseReceipt, date: "2026-11-02", lines: [f.receipt("FIFO", "10", at: "20", warehouse: f.w2)])
            // One delivery from two warehouses: FIFO across the head office scope takes the 10.00 layer first.
            let d = try await f.post(
                t, .salesDelivery, date: "2026-11-03",
                lines: [
                    f.issue("FIFO", "4", price: "30", warehouse: f.w1),
                    f.issue("FIFO", "4", price: "30", warehouse: f.w2),
                ])
            #expect(d.lines.map(\.costValue) == [4000, 4000])
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    @Test func returnsComeBackAtTheirValue() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("FIFO", "10", at: "10")])
            let second = try await f.post(t, .purchaseReceipt, date: "2026-11-02", lines: [f.receipt("FIFO", "10", at: "20")])
            let sale = try await f.post(t, .salesDelivery, date: "2026-11-03", lines: [f.issue("FIFO", "12", price: "30")])
            #expect(sale.lines[0].costValue == 14000)
            // The customer sends back 3 of the 12: they return at the sale's own cost, 140.00 x 3/12.
            let back = try await f.post(
                t, .salesReturn, date: "2026-11-04",
                lines: [
                    .init(
                        productId: f.products["FIFO"], quantity: "3", warehouseId: f.w1,
                        returnOfLineId: sale.lines[0].id)
                ])
            #expect(back.lines[0].costValue == 3500)
            // 2 go back to the supplier of the second receipt, at that receipt's cost.
            let toSupplier = try await f.post(
                t, .purchaseReturn, date: "2026-11-05",
                lines: [
                    .init(
                        productId: f.products["FIFO"], quantity: "2", warehouseId: f.w1,
                        returnOfLineId: second.lines[0].id)
                ])
            #expect(toSupplier.lines[0].costValue == 4000)
            // More than is left to return is refused.
            await #expect(throws: DomainError.self) {
                _ = try await StockDocumentService.create(
                    .init(
                        type: "salesReturn", postingDate: "2026-11-06", partnerId: f.customer,
                        lines: [.init(productId: f.products["FIFO"], quantity: "10", warehouseId: f.w1, returnOfLineId: sale.lines[0].id)]),
                    t.system)
            }
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    /// A replay reads ledger entries field by field (`StockEntryRow: FieldDecodable`): what it reads
    /// must be what the plain decoder reads from the same rows — every field, NULLs, a return's
    /// link and a shortage's settlement — on the writer's connection and on the readers'.
    @Test func ledgerEntriesReadFieldByFieldAsTheyDecode() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            try await Settings.set(Settings.Key.allowNegativeStock, "true", on: t.store)
            let short = try await f.post(t, .salesDelivery, date: "2026-11-01", lines: [f.issue("FIFO", "4", price: "9")])
            _ = try await f.post(t, .purchaseReceipt, date: "2026-11-02", lines: [f.receipt("FIFO", "10", at: "3.5", warehouse: f.w2)])
            _ = try await f.post(t, .purchaseReceipt, date: "2026-11-02", lines: [f.receipt("FIFO", "10", at: "3")])
            let sale = try await f.post(t, .salesDelivery, date: "2026-11-03", lines: [f.issue("FIFO", "5", price: "9")])
            _ = try await f.post(
                t, .salesReturn, date: "2026-11-04",
                lines: [.init(productId: f.products["FIFO"], quantity: "2", warehouseId: f.w1, returnOfLineId: sale.lines[0].id)])
            let product = try #require(f.products["FIFO"])
            let query: SQLQueryString =
                "SELECT e.*, l.return_of_line_id FROM stock_entries e LEFT JOIN stock_document_lines l ON l.id = e.line_id WHERE e.product_id = \(bind: product) ORDER BY e.posting_date, e.id"
            let plain = try await t.store.all(query, as: PlainEntry.self)
            let pooled = try await t.store.all(query, as: StockEntryRow.self)
            let written = try await t.store.write { s in try await s.all(query, as: StockEntryRow.self) }
            let replayed = try await t.store.write { s in
                try await Ledger.replay(product: product, scope: pooled[0].scopeKey, after: "", id: 0, on: s)
            }
            #expect(
                plain.count >= 6 && plain.contains { $0.settlesLineId == short.lines[0].id }
                    && plain.contains { $0.returnOfLineId == sale.lines[0].id })
            #expect(pooled.map(PlainEntry.init) == plain)
            #expect(written.map(PlainEntry.init) == plain)
            #expect(replayed.map(PlainEntry.init) == plain)
        }
    }

    /// The entry's fields as the synthesized decoder reads them.
    struct PlainEntry: Decodable, Equatable {
        var id: Int64, productId: Int64, warehouseId: Int64, scopeKey: String, batch: String, postingDate: String, documentId: Int64
        var lineId: Int64, kind: String, qty: Int64, value: Int64, settlesLineId: Int64?, createdAt: Int64, returnOfLineId: Int64?
        init(_ e: StockEntryRow) {
            (id, productId, warehouseId, scopeKey, batch, postingDate) = (
                e.id, e.productId, e.warehouseId, e.scopeKey, e.batch, e.postingDate
            )
            (documentId, lineId, kind, qty, value) = (e.documentId, e.lineId, e.kind, e.qty, e.value)
            (settlesLineId, createdAt, returnOfLineId) = (e.settlesLineId, e.createdAt, e.returnOfLineId)
        }
    }

    @Test func postingTwiceChangesNothing() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            let d = try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "10", at: "1")])
            let again = try await StockPosting.post(d.document.id, t.system)
            #expect(again.document.version == d.document.version)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM stock_entries", as: Int64.self) == 1)
        }
    }

    @Test func cancellingWritesAReversalAndRefusesWhenTheGoodsHaveLeft() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            let r1 = try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("FIFO", "10", at: "10")])
            let r2 = try await f.post(t, .purchaseReceipt, date: "2026-11-02", lines: [f.receipt("FIFO", "10", at: "20")])
            let sale = try await f.post(t, .salesDelivery, date: "2026-11-03", lines: [f.issue("FIFO", "15", price: "30")])
            #expect(sale.lines[0].costValue == 20000)
            // Without the first receipt the sale of the 3rd could not have happened: refused.
            do {
                try await StockPosting.cancel(r1.document.id, t.system)
                Issue.record("cancelled a receipt whose goods had left")
            } catch let e as DomainError { #expect(e.code == "receipt_consumed", "\(e)") }
            let r3 = try await f.post(t, .purchaseReceipt, date: "2026-11-04", lines: [f.receipt("FIFO", "10", at: "30")])
            await #expect(throws: DomainError.self) { try await StockPosting.cancel(r2.document.id, t.system) }
            // The last receipt is whole: it leaves exactly as it came.
            try await StockPosting.cancel(r3.document.id, t.system)
            #expect(try await InventoryQueries.document(r3.document.id, on: t.store)?.status == "cancelled")
            var b = try await InventoryFixture.balance(t, f.products["FIFO"]!, f.w1)
            #expect(b.qty == Self.qty("5"))
            #expect(b.value == Self.money("100"))
            // Cancelling the sale brings its 15 back at its cost.
            try await StockPosting.cancel(sale.document.id, t.system)
            b = try await InventoryFixture.balance(t, f.products["FIFO"]!, f.w1)
            #expect(b.qty == Self.qty("20"))
            #expect(b.value == Self.money("300"))
            await #expect(throws: DomainError.self) { try await StockPosting.cancel(sale.document.id, t.system) }
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    @Test func closedPeriodRefusesDocumentsDatedInside() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            try await f.post(t, .purchaseReceipt, date: "2026-10-15", lines: [f.receipt("MA", "10", at: "1")])
            _ = try await PeriodService.close(entity: f.hq, through: "2026-10-31", t.system)
            do {
                try await f.post(t, .purchaseReceipt, date: "2026-10-20", lines: [f.receipt("MA", "1", at: "1")])
                Issue.record("posted into a closed period")
            } catch let e as DomainError { #expect(e.code == "period_closed") }
            // Shanghai keeps its own books: its October is still open.
            try await f.post(t, .purchaseReceipt, date: "2026-10-20", lines: [f.receipt("MA", "1", at: "1", warehouse: f.w3)])
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "1", at: "1")])
        }
    }

    @Test func transfersMoveValueInsideAScopeAndAreRefusedAcrossEntities() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "3", at: "10")])
            let tr = try await f.post(
                t, .transfer, date: "2026-11-02",
                lines: [.init(productId: f.products["MA"], quantity: "1", warehouseId: f.w1, toWarehouseId: f.w2)])
            #expect(tr.lines[0].costValue == 1000)
            #expect(try await InventoryFixture.balance(t, f.products["MA"]!, f.w2).value == Self.money("10"))
            do {
                _ = try await StockDocumentService.create(
                    .init(
                        type: "transfer", postingDate: "2026-11-02",
                        lines: [.init(productId: f.products["MA"], quantity: "1", warehouseId: f.w1, toWarehouseId: f.w3)]), t.system)
                Issue.record("transfer across entities accepted")
            } catch let e as DomainError { #expect(e.code == "transfer_across_entities") }
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    @Test func stockCountPostsGainsAtCurrentCostAndLossesAtCost() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "10", at: "3")])
            let count = try await f.post(
                t, .stockCount, date: "2026-11-05", lines: [.init(productId: f.products["MA"], quantity: "12", warehouseId: f.w1)])
            #expect(count.lines[0].bookQty == Self.qty("10").units)
            #expect(count.lines[0].costValue == 600)
            let loss = try await f.post(
                t, .stockCount, date: "2026-11-06", lines: [.init(productId: f.products["MA"], quantity: "9", warehouseId: f.w1)])
            #expect(loss.lines[0].costValue == 900)
            #expect(try await InventoryFixture.balance(t, f.products["MA"]!, f.w1).qty == Self.qty("9"))
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    @Test func negativeStockWhenAllowedSettlesOnTheCoveringReceipt() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            try await Settings.set(CostingScopes.allowNegativeSetting, "true", on: t.store)
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("FIFO", "10", at: "10")])
            let sale = try await f.post(t, .salesDelivery, date: "2026-11-02", lines: [f.issue("FIFO", "15", price: "30")])
            #expect(sale.lines[0].costValue == 15000)
            try await f.post(t, .purchaseReceipt, date: "2026-11-03", lines: [f.receipt("FIFO", "15", at: "15")])
            // The 5 sold without stock now cost 15.00 each: the sale's cost of goods is settled to 175.00.
            #expect(try await InventoryQueries.line(sale.lines[0].id, on: t.store)?.costValue == 17500)
            let b = try await InventoryFixture.balance(t, f.products["FIFO"]!, f.w1)
            #expect(b.qty == Self.qty("10"))
            #expect(b.value == Self.money("150"))
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    /// Posting remembers the branch tree and the costing settings (`Store.remembered`): a change
    /// to either counts from the next post, and inside the changing transaction at once.
    @Test func aChangedSettingOrBranchCountsFromTheNextPost() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            do {
                try await f.post(t, .otherIssue, date: "2026-11-02", lines: [f.issue("MA", "1")])
                Issue.record("an issue without stock was posted")
            } catch let e as DomainError { #expect(e.code == "insufficient_stock") }
            try await Settings.set(CostingScopes.allowNegativeSetting, "true", on: t.store)
            let issued = try await f.post(t, .otherIssue, date: "2026-11-02", lines: [f.issue("MA", "1")])
            #expect(issued.document.status == "posted")
            try await t.store.write { s in
                #expect(try await CostingScopes.load(s, warehouses: []).allowNegative)
                try await Settings.set(CostingScopes.allowNegativeSetting, "false", on: s)
                #expect(try await CostingScopes.load(s, warehouses: []).allowNegative == false, "the changing transaction reads afresh")
            }
            #expect(try await CostingScopes.load(t.store, warehouses: []).allowNegative == false)
            // The Shanghai branch keeps its own books, then joins the head office's.
            let w3 = try #require(try await InventoryQueries.warehouse(f.w3, on: t.store))
            #expect(try await CostingScopes.load(t.store, warehouses: [w3]).key(warehouse: f.w3) == "E\(f.sh)")
            let sh = try await BranchService.find(f.sh, t.system)
            _ = try await BranchService.update(
                f.sh, .init(code: sh.code, name: sh.name, parentId: sh.parentId, kind: sh.kind, accounting: "consolidated", active: true),
                version: sh.version, t.system)
            #expect(try await CostingScopes.load(t.store, warehouses: [w3]).key(warehouse: f.w3) == "E\(f.hq)")
        }
    }

    @Test func specificIdentificationCostsEachBatchOnItsOwn() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            try await f.post(
                t, .purchaseReceipt, date: "2026-11-01",
                lines: [f.receipt("LOT", "5", at: "10", batch: "A1"), f.receipt("LOT", "5", at: "30", batch: "B2")])
            let d = try await f.post(t, .salesDelivery, date: "2026-11-02", lines: [f.issue("LOT", "2", price: "40", batch: "B2")])
            #expect(d.lines[0].costValue == 6000)
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    @Test func twentyConcurrentDeliveriesRaceForTheLastTenUnits() async throws {
        try await TestDB.run { t in
            let f = try await InventoryFixture.make(t)
            try await f.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.receipt("MA", "10", at: "3")])
            var drafts: [Int64] = []
            for _ in 0..<20 {
                drafts.append(
                    try await StockDocumentService.create(
                        .init(
                            type: "salesDelivery", postingDate: "2026-11-02", partnerId: f.customer,
                            lines: [f.issue("MA", "1", price: "5")]), t.system
                    ).document.id)
            }
            let ctx = t.system
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for id in drafts {
                    group.addTask {
                        do { _ = try await StockPosting.post(id, ctx); return true } catch { return false }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 10)
            let b = try await InventoryFixture.balance(t, f.products["MA"]!, f.w1)
            #expect(b.qty == .zero)
            #expect(b.value == .zero)
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }
}
