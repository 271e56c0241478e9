import Foundation
import InventoryCore
import Kernel
import Persistence
import Services
import TestSupport
import Testing

/// The rules around the flow, through the services: the purchase side, cancelling, billing
/// ahead, the nightly contract job, purchase-order approval, and who sees what.
@Suite("Order to cash: rules")
struct OrderToCashRulesTests {
    /// An active sales contract for the fixture's customer: 100 bags of MA at 3.00 (13% tax),
    /// approved by the manager.
    static func activeContract(_ t: any TestWorld, _ f: CashFixture, end: String = "2027-11-19") async throws -> ContractService.Details {
        let sales = try await t.context(as: "sales"), mgr = try await t.context(as: "mgr")
        if try await ApprovalService.rules(t.system).isEmpty { try await t.managerApproves("contract") }
        let c = try await ContractService.create(
            .init(
                partnerId: f.inv.customer, signDate: "2026-11-20", endDate: end,
                lines: [.init(productId: f.inv.products["MA"], quantity: "100", unitPrice: "3", taxRate: "13")]), sales)
        _ = try await ContractService.transition(c.contract.id, .submit, sales)
        let a = try #require(try await ApprovalService.list(.todo, status: nil, limit: 10, cursor: nil, mgr).items.first)
        _ = try await ApprovalService.decide(a.id, .approve, comment: nil, mgr)
        return try await ContractService.find(c.contract.id, sales)
    }

    static func open(_ t: any TestWorld, _ side: OpenItems.Side) async throws -> Int64 {
        try await AgeingReport.run(.init(side: side, asOf: "2026-12-31"), t.system).total.open
    }

    @Test func billingAheadIsMatchedByTheDeliveryAndNothingIsCountedTwice() async throws {
        try await TestDB.run { t in
            let f = try await CashFixture.make(t)
            try await f.inv.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.inv.receipt("MA", "200", at: "2")])
            let sales = try await t.context(as: "sales")
            let c = try await Self.activeContract(t, f)
            let line = c.lines[0]
            // Invoiced ahead: 120.00 of the 300.00, nothing delivered yet.
            let ahead = try await InvoiceService.create(
                .init(
                    partnerId: f.inv.customer, contractId: c.contract.id, invoiceDate: "2026-11-21",
                    lines: [.init(contractLineId: line.id, amount: "120")]), sales)
            #expect(try await Self.open(t, .ar) == 12_000)
            let tooMuch = await #expect(throws: DomainError.self) {
                try await InvoiceService.create(
                    .init(partnerId: f.inv.customer, lines: [.init(contractLineId: line.id, amount: "180.01")]), sales)
            }
            #expect(tooMuch?.code == "invoice_exceeds_contract")
            // 50 bags delivered (150.00): the first 120.00 of it is billed already.
            let order = try await ContractToOrder.make(c.contract.id, lines: [], warehouseId: f.inv.w1, orderDate: "2026-11-21", sales)
            let d = try await StockDocumentService.create(
                .init(
                    type: "salesDelivery", postingDate: "2026-11-22", partnerId: f.inv.customer,
                    lines: [
                        .init(
                            productId: line.productId, quantity: "50", warehouseId: f.inv.w1, unitPrice: "3", orderLineId: order.lines[0].id
                        )
                    ]), sales)
            _ = try await StockPosting.post(d.document.id, sales)
            #expect(try await Self.open(t, .ar) == 15_000, "120.00 invoiced + 30.00 delivered and not invoiced")
            // The ahead invoice cannot be cancelled now that goods cover it.
            let cancel = await #expect(throws: DomainError.self) { try await InvoiceService.cancel(ahead.invoice.id, sales) }
            #expect(cancel?.code == "invoice_advance_delivered")
            // Invoicing the delivery takes only what is left of it.
            let rest = try await InvoiceService.create(.init(partnerId: f.inv.customer, stockDocumentIds: [d.document.id]), sales)
            #expect(rest.invoice.totalAmount == 3_000)
            #expect(try await Self.open(t, .ar) == 15_000)
            // Cancelling the second invoice puts the 30.00 back on the delivery.
            _ = try await InvoiceService.cancel(rest.invoice.id, sales)
            #expect(try await Self.open(t, .ar) == 15_000)
            let items = try await AgeingReport.items(side: .ar, partnerId: f.inv.customer, sales)
            #expect(items.map(\.residual).sorted() == [3_000, 12_000])
            // A cancelled delivery that was invoiced is refused.
            let undo = await #expect(throws: DomainError.self) { try await StockPosting.cancel(d.document.id, sales) }
            #expect(undo?.code == "document_invoiced")
        }
    }

    @Test func moneyTakenBackLetsTheInvoiceAndThenTheDeliveryBeCancelled() async throws {
        try await TestDB.run { t in
            let f = try await CashFixture.make(t)
            let sales = try await t.context(as: "sales")
            try await f.inv.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.inv.receipt("MA", "100", at: "2")])
            let d = try await f.inv.post(t, .salesDelivery, date: "2026-11-02", lines: [f.inv.issue("MA", "50", price: "3")])
            let bill = try await InvoiceService.create(
                .init(partnerId: f.inv.customer, invoiceDate: "2026-11-03", stockDocumentIds: [d.document.id]), sales)
            let money = try await PaymentService.create(
                .in,
                .init(
                    partnerId: f.inv.customer, paymentDate: "2026-11-04", amount: "150", mode: "document",
                    targets: [.init(invoiceId: bill.invoice.id)]), sales)
            let openAfterMoney = try await Self.open(t, .ar)
            #expect(money.payment.applied == 15_000 && openAfterMoney == 0)
            // While the money stands on it, neither the invoice nor the delivery can go.
            let settled = await #expect(throws: DomainError.self) { try await InvoiceService.cancel(bill.invoice.id, sales) }
            #expect(settled?.code == "document_settled")
            let invoiced = await #expect(throws: DomainError.self) { try await StockPosting.cancel(d.document.id, sales) }
            #expect(invoiced?.code == "document_invoiced")
            // The collection taken back, then the invoice, then the delivery: nothing is owed and nothing is left behind.
            _ = try await PaymentService.cancel(money.payment.id, direction: .in, sales)
            #expect(try await Self.open(t, .ar) == 15_000)
            _ = try await InvoiceService.cancel(bill.invoice.id, sales)
            #expect(try await Self.open(t, .ar) == 15_000, "owed on the delivery again")
            _ = try await StockPosting.cancel(d.document.id, sales)
            #expect(try await Self.open(t, .ar) == 0)
            #expect(try await t.store.scalar("SELECT COUNT(*) AS n FROM open_items WHERE side = 'ar'", as: Int64.self) == 0)
            #expect(try await InventoryFixture.reconcile(t) == [])
        }
    }

    @Test func theSupplierSideReceiptInvoicePaymentAndCredits() async throws {
        try await TestDB.run { t in
            let f = try await CashFixture.make(t)
            let sales = try await t.context(as: "sales")
            let receipt = try await f.inv.post(
                t, .purchaseReceipt, date: "2026-11-01", lines: [f.inv.receipt("MA", "100", at: "2"), f.inv.receipt("FIFO", "50", at: "3")])
            #expect(try await Self.open(t, .ap) == 35_000, "received 200.00 + 150.00, owed to the supplier")
            let bill = try await InvoiceService.create(
                .init(
                    side: "purchase", kind: "special", invoiceNo: "12345678", partnerId: f.inv.supplier,
                    stockDocumentIds: [receipt.document.id]), sales)
            #expect(bill.invoice.totalAmount == 35_000 && bill.invoice.side == "purchase")
            // Paid 400.00 oldest first: 350.00 applied, 50.00 stays as a credit.
            let pay = try await PaymentService.create(
                .out, .init(partnerId: f.inv.supplier, paymentDate: "2026-11-10", amount: "400"), sales)
            #expect(pay.payment.applied == 35_000 && pay.unapplied.fen == 5_000)
            let ap = try await AgeingReport.run(.init(side: .ap, asOf: "2026-12-31"), t.system)
            #expect(ap.total.open == 0 && ap.credits[f.inv.supplier] == 5_000)
            // Cancelling the payment opens the invoice again; a customer is not a supplier.
            _ = try await PaymentService.cancel(pay.payment.id, direction: .out, sales)
            #expect(try await Self.open(t, .ap) == 35_000)
            let wrong = await #expect(throws: DomainError.self) {
                try await PaymentService.create(.out, .init(partnerId: f.inv.customer, amount: "1"), sales)
            }
            #expect(wrong?.code == "not_a_supplier" && wrong?.field == "partnerId")
            // A payment nothing is open for stays whole as a credit, and applies later.
            let early = try await PaymentService.create(
                .out, .init(partnerId: f.inv.supplier, paymentDate: "2026-11-11", amount: "100", mode: "none"), sales)
            #expect(early.payment.applied == 0)
            let later = try await PaymentService.settle(
                early.payment.id, direction: .out, mode: "document", targets: [.init(invoiceId: bill.invoice.id)], sales)
            let openAfter = try await Self.open(t, .ap)
            #expect(later.payment.applied == 10_000 && openAfter == 25_000)
        }
    }

    @Test func theNightlyJobRemindsBeforeTheEndExpiresAfterItAndListsOverdueInstallments() async throws {
        try await TestDB.run { t in
            let f = try await CashFixture.make(t)
            let sales = try await t.context(as: "sales")
            let soon = try await Self.activeContract(t, f, end: "2026-12-10")
            let later = try await Self.activeContract(t, f, end: "2027-06-30")
            _ = try await ContractService.setPlan(
                soon.contract.id, [.init(dueDate: "2026-11-25", amount: "100"), .init(dueDate: "2026-12-05", amount: "200")], sales)
            let (reminded, expired) = try await ContractService.runDaily(today: "2026-11-27", t.system)
            #expect(reminded == 1 && expired == 0, "only the contract ending within its 30 days")
            #expect(try await ContractService.runDaily(today: "2026-11-28", t.system).0 == 0, "told once")
            let notes = try await NotificationService.list(unreadOnly: true, limit: 10, cursor: nil, sales).items
            #expect(notes.contains { $0.kind == "notify.contract.renewal" && $0.link == "/contracts/\(soon.contract.id)" })
            let overdue = try await ContractService.overdue(asOf: "2026-11-27", limit: 10, sales)
            #expect(overdue.map(\.seq) == [1] && overdue.first?.contractId == soon.contract.id)
            #expect(try await ContractService.runDaily(today: "2026-12-11", t.system).1 == 1)
            #expect(try await ContractService.find(soon.contract.id, sales).contract.status == "expired")
            #expect(try await ContractService.find(later.contract.id, sales).contract.status == "active")
            // Renewing makes a draft for the next term.
            let next = try await ContractService.renew(soon.contract.id, sales)
            #expect(
                next.contract.status == "draft" && next.contract.renewalOf == soon.contract.id && next.contract.startDate == "2026-12-11")
        }
    }

    @Test func aPurchaseOrderOverTheThresholdWaitsForItsApproverAndRejectionNeedsAReason() async throws {
        try await TestDB.run { t in
            let f = try await CashFixture.make(t)
            let sales = try await t.context(as: "sales"), mgr = try await t.context(as: "mgr"), cfo = try await t.context(as: "cfo")
            _ = try await ApprovalService.saveRule(
                nil,
                .init(
                    docType: "purchase_order", minAmount: "1000", name: "大额采购",
                    steps: [.init(kind: .user, ref: f.users["cfo"])]), version: nil, t.system)
            let small = try await OrderService.create(
                kind: .purchase,
                .init(
                    partnerId: f.inv.supplier, orderDate: "2026-11-20",
                    lines: [
                        .init(productId: f.inv.products["MA"], quantity: "10", unitPrice: "2", warehouseId: f.inv.w1)
                    ]), sales)
            #expect(try await OrderService.transition(small.order.id, kind: .purchase, .confirm, t.system).order.status == "confirmed")
            let big = try await OrderService.create(
                kind: .purchase,
                .init(
                    partnerId: f.inv.supplier, orderDate: "2026-11-20",
                    lines: [
                        .init(productId: f.inv.products["MA"], quantity: "1000", unitPrice: "2", warehouseId: f.inv.w1)
                    ]), sales)
            #expect(try await OrderService.transition(big.order.id, kind: .purchase, .confirm, sales).order.status == "pending")
            let a = try #require(try await ApprovalService.list(.todo, status: nil, limit: 10, cursor: nil, cfo).items.first)
            let notMine = await #expect(throws: DomainError.self) { try await ApprovalService.decide(a.id, .approve, comment: nil, mgr) }
            #expect(notMine?.kind == .forbidden)
            let bare = await #expect(throws: DomainError.self) { try await ApprovalService.decide(a.id, .reject, comment: "  ", cfo) }
            #expect(bare?.field == "comment")
            _ = try await ApprovalService.decide(a.id, .reject, comment: "价格偏高，重新询价", cfo)
            #expect(try await OrderService.find(big.order.id, kind: .purchase, sales).order.status == "draft")
            let told = try await NotificationService.list(unreadOnly: true, limit: 10, cursor: nil, sales).items
            #expect(told.contains { $0.kind == "notify.approval.rejected" && NotificationService.args($0).contains("价格偏高，重新询价") })
            // The history stays on the document; someone unrelated cannot open it.
            let rounds = try await ApprovalService.history(.purchaseOrder, docId: big.order.id, sales)
            #expect(rounds.map(\.approval.status) == ["rejected"] && rounds[0].actions.map(\.action) == ["submit", "reject"])
            let other = try await t.context(as: "other")
            await #expect(throws: DomainError.self) { try await ApprovalService.details(a.id, other) }
        }
    }

    @Test func aSalespersonSeesTheReceivablesOfTheirOwnCustomersOnly() async throws {
        try await TestDB.run { t in
            let f = try await CashFixture.make(t)
            try await f.inv.post(t, .purchaseReceipt, date: "2026-11-01", lines: [f.inv.receipt("MA", "100", at: "2")])
            let other = try await t.context(as: "other")
            // The fixture's customer is nobody's; one of "other"'s own gets a delivery too.
            let mine = try await CustomerService.create(.init(name: "其他销售的客户有限公司"), other)
            try await f.inv.post(t, .salesDelivery, date: "2026-11-05", lines: [f.inv.issue("MA", "10", price: "3")])
            _ = try await StockPosting.post(
                try await StockDocumentService.create(
                    .init(
                        type: "salesDelivery", postingDate: "2026-11-06", partnerId: mine.id,
                        lines: [
                            f.inv.issue("MA", "5", price: "3")
                        ]), t.system
                ).document.id, t.system)
            let all = try await AgeingReport.run(.init(side: .ar, asOf: "2026-11-30"), t.system)
            #expect(all.total.open == 4_500)
            let own = try await AgeingReport.run(.init(side: .ar, asOf: "2026-11-30"), other)
            #expect(own.total.open == 1_500 && own.rows.map(\.partnerId) == [mine.id])
            #expect(try await AgeingReport.items(side: .ar, partnerId: f.inv.customer, other).isEmpty)
            // Ageing buckets by document date.
            let aged = try await AgeingReport.run(.init(side: .ar, asOf: "2027-01-20"), t.system)
            #expect(aged.total.d61to90 == 4_500 && aged.total.d0to30 == 0)
        }
    }
}
