import Foundation
import InventoryCore
import Kernel
import Persistence
import Services

/// The demo company's order to cash: an approval rule, a quote under the floor approved by the
/// general manager, the contract made from it with a payment plan, its order, delivery and
/// invoice, a first collection (the rest is open and shows in receivables), and a purchase
/// contract with a supplier. Dated in the demo month, after its stock came in.
public enum DemoFinance {
    struct IDRow: Decodable { var id: Int64 }
    /// Decides a document's approval to the end, each step by the person it waits for (finance,
    /// else the manager), as they would on their approvals page.
    static func approveAll(
        _ type: ApprovalService.DocType, _ id: Int64, finance: ServiceContext, manager: ServiceContext, _ ctx: ServiceContext
    ) async throws {
        while let a = try await ApprovalService.current(type, id, ctx.store), a.status == "pending" {
            let who = try await ctx.store.first(
                "SELECT user_id AS id FROM approval_assignees WHERE approval_id = \(bind: a.id) AND step_no = \(bind: a.stepNo)",
                as: IDRow.self)?.id
            let actor = who == finance.principal?.userId ? finance : manager
            _ = try await ApprovalService.decide(a.id, .approve, comment: "同意", actor)
        }
    }

    public static func load(month: String, _ ctx: ServiceContext) async throws {
        guard try await ctx.store.first("SELECT id FROM quotes LIMIT 1", as: IDRow.self) == nil else { return }
        func user(_ name: String) async throws -> UserRow? { try await OrganisationQueries.user(username: name, on: ctx.store) }
        guard let wang = try await user("wangfang"), let boss = try await user("zhangwei"), let sun = try await user("sunli"),
            let kuaipu = try await ctx.store.first("SELECT * FROM partners WHERE code = 'C-001'", as: PartnerRow.self),
            let coke = try await ctx.store.first(
                "SELECT * FROM partners WHERE is_supplier = \(bind: true) AND name LIKE '%可口可乐%'", as: PartnerRow.self),
            let cola = try await InventoryQueries.product(code: "KL-330", on: ctx.store),
            let water = try await InventoryQueries.product(code: "NF-550", on: ctx.store),
            let bj = try await ctx.store.first("SELECT * FROM warehouses WHERE code = 'BJ-C'", as: WarehouseRow.self)
        else { return }
        func asUser(_ u: UserRow) async throws -> ServiceContext { try await ctx.acting(as: u, requestId: "demo") }
        let wangCtx = try await asUser(wang), bossCtx = try await asUser(boss), sunCtx = try await asUser(sun)
        func day(_ d: Int) -> String { month + "-" + (d < 10 ? "0\(d)" : "\(d)") }
        // Finance reviews every contract; from 50,000 on the manager first.
        _ = try await ApprovalService.saveRule(
            nil, .init(docType: "contract", minAmount: "0", name: "合同审核", steps: [.init(kind: .user, ref: sun.id)]), version: nil, ctx)
        _ = try await ApprovalService.saveRule(
            nil,
            .init(
                docType: "contract", minAmount: "50000", name: "大额合同",
                steps: [
                    .init(kind: .manager, ref: nil),
                    .init(kind: .user, ref: sun.id),
                ]), version: nil, ctx)
        func approveAll(_ type: ApprovalService.DocType, _ id: Int64) async throws {
            try await Self.approveAll(type, id, finance: sunCtx, manager: bossCtx, ctx)
        }
        // Water at 34.00 a case is under its floor (1.50 a bottle, 36.00 a case).
        let quote = try await QuoteService.create(
            .init(
                partnerId: kuaipu.id, title: "快普科技 年度饮料供应", quoteDate: day(20), validUntil: CalendarDate.add(days: 60, to: day(20)),
                note: "含送货上门",
                lines: [
                    .init(productId: cola.id, unit: "箱", quantity: "20", unitPrice: "70", taxRate: "13"),
                    .init(productId: water.id, unit: "箱", quantity: "50", unitPrice: "34", taxRate: "13"),
                ]), wangCtx)
        _ = try await QuoteService.transition(quote.quote.id, .submit, wangCtx)
        try await approveAll(.quote, quote.quote.id)
        _ = try await QuoteService.transition(quote.quote.id, .send, wangCtx)
        let contract = try await ContractService.create(
            .init(
                quoteId: quote.quote.id, signDate: day(22), startDate: day(22),
                endDate: CalendarDate.add(days: 364, to: day(22)), renewNoticeDays: 30), wangCtx)
        let cid = contract.contract.id
        _ = try await ContractService.setPlan(
            cid, [.init(dueDate: day(26), amount: "1500"), .init(dueDate: CalendarDate.add(days: 30, to: day(26)), amount: "1600")], wangCtx
        )
        _ = try await ContractService.transition(cid, .submit, wangCtx)
        try await approveAll(.contract, cid)
        let order = try await ContractToOrder.make(cid, lines: [], warehouseId: bj.id, orderDate: day(23), ctx)
        let delivery = try await StockDocumentService.create(
            .init(
                type: StockDocumentType.salesDelivery.rawValue, postingDate: day(24), partnerId: kuaipu.id,
                orderId: order.order.id,
                lines: order.lines.map {
                    .init(
                        productId: $0.productId, unit: $0.unit, quantity: Quantity(units: $0.quantity).description,
                        warehouseId: $0.warehouseId, unitPrice: UnitPrice(units: $0.unitPrice).description,
                        orderLineId: $0.id)
                }), ctx)
        _ = try await StockPosting.post(delivery.document.id, ctx)
        let invoice = try await InvoiceService.create(
            .init(
                side: "sales", kind: "special", invoiceNo: "044031900111", partnerId: kuaipu.id, invoiceDate: day(25),
                stockDocumentIds: [delivery.document.id]), sunCtx)
        _ = try await PaymentService.create(
            .in,
            .init(
                partnerId: kuaipu.id, contractId: cid, paymentDate: day(26), amount: "1500", method: "bank", reference: "BOC-0026",
                mode: "document", targets: [.init(invoiceId: invoice.invoice.id)]), sunCtx)
        // A purchase contract with the supplier, active, its first payment made ahead (a credit).
        let purchase = try await ContractService.create(
            .init(
                kind: "purchase", partnerId: coke.id, title: "可口可乐 年度采购框架协议", signDate: day(10), startDate: day(10),
                endDate: CalendarDate.add(days: 364, to: day(10)), renewNoticeDays: 45,
                lines: [.init(productId: cola.id, unit: "箱", quantity: "500", unitPrice: "44.40", taxRate: "13")]), bossCtx)
        _ = try await ContractService.transition(purchase.contract.id, .submit, bossCtx)
        try await approveAll(.contract, purchase.contract.id)
        _ = try await PaymentService.create(
            .out,
            .init(
                partnerId: coke.id, contractId: purchase.contract.id, paymentDate: day(12), amount: "5000", method: "bank",
                reference: "预付货款", mode: "none"), sunCtx)
    }
}
