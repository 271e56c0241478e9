import DocumentsCore
import Foundation
import InventoryCore
import Kernel
import Persistence
import SQLKit

/// Open items: what a customer owes (ar) and what is owed to a supplier (ap), line by line.
/// A posted delivery (receipt) line is an item until it is invoiced; an invoice line is one
/// from then on (its amount moves from the delivery's item to the invoice's). Money received
/// or paid settles items. Each item keeps residual = amount - invoiced - settled, so
/// receivables are the sum of residuals, always.
public enum OpenItems {
    public enum Side: String, Sendable, CaseIterable { case ar, ap }

    /// Writes the items of a posted sales delivery or return (ar) or purchase receipt or return (ap).
    static func posted(_ doc: StockDocumentRow, _ lines: [StockLineRow], _ ctx: ServiceContext) async throws {
        guard let type = StockDocumentType(rawValue: doc.docType), let partner = doc.partnerId, doc.reversalOf == nil else { return }
        let side: Side, sign: Int64
        switch type {
        case .salesDelivery: (side, sign) = (.ar, 1)
        case .salesReturn: (side, sign) = (.ar, -1)
        case .purchaseReceipt: (side, sign) = (.ap, 1)
        case .purchaseReturn: (side, sign) = (.ap, -1)
        default: return
        }
        var rows: [SQLQueryString] = []
        for l in lines {
            let value = try await owed(l, sales: side == .ar, ctx.store)
            guard value != 0 else { continue }
            let contractLine = l.orderLineId == nil && l.returnOfLineId == nil ? nil : try await contractLine(of: l, ctx.store)
            let amount = try sign.times(value)
            var invoiced: Int64 = 0
            // Invoiced in advance against the contract line: that much of the delivery is billed already.
            if let cl = contractLine, amount > 0, cl.advanceOpen > 0 {
                invoiced = min(amount, cl.advanceOpen)
                try await ctx.store.run(
                    "UPDATE contract_lines SET advance_open = advance_open - \(bind: invoiced) WHERE id = \(bind: cl.id)")
            }
            rows.append(
                """
                (\(bind: side.rawValue), 'stock', \(bind: partner), \(bind: doc.branchId), \(bind: contractLine?.contractId), \(bind: doc.id), \(bind: doc.number),
                 \(bind: l.id), \(bind: l.productId), \(bind: doc.postingDate), \(bind: amount), \(bind: invoiced), 0, \(bind: try amount.minus(invoiced)))
                """)
        }
        guard !rows.isEmpty else { return }
        var q: SQLQueryString = """
            INSERT INTO open_items (side, source, partner_id, branch_id, contract_id, doc_id, doc_number, line_id, product_id, doc_date, amount, invoiced, settled, residual)
            VALUES
            """
        for (i, r) in rows.enumerated() {
            q += i == 0 ? " " : ", "
            q += r
        }
        // A line may owe already (an inter-branch receipt's payable starts when the goods are sent).
        q += " ON CONFLICT (source, line_id) DO NOTHING"
        try await ctx.store.run(q)
    }

    /// What a line is owed at: a sales line its amount charged, a receipt its value (fixed, or
    /// quantity × unit cost); a return without a price of its own what the returned line was.
    static func owed(_ l: StockLineRow, sales: Bool, _ store: Store) async throws -> Int64 {
        func own(_ line: StockLineRow) throws -> Int64? {
            if sales { return line.amount }
            if let v = line.fixedValue { return v }
            return try line.unitCost.map { try MoneyRounding.cny.value(of: Quantity(units: line.quantity), at: UnitPrice(units: $0)).fen }
        }
        if let v = try own(l) { return v }
        guard let r = l.returnOfLineId, let original = try await InventoryQueries.line(r, on: store), original.baseQty != 0,
            let whole = try own(original)
        else { return 0 }
        return try MoneyRounding.cny.share(
            of: Money(fen: whole), part: Quantity(units: l.baseQty), whole: Quantity(units: original.baseQty)
        ).fen
    }

    /// A cancelled delivery takes its items away; refused once it is invoiced or settled.
    static func cancelled(_ doc: StockDocumentRow, _ ctx: ServiceContext) async throws {
        let items = try await ctx.store.all(
            "SELECT * FROM open_items WHERE source = 'stock' AND doc_id = \(bind: doc.id)", as: OpenItemRow.self)
        guard !items.isEmpty else { return }
        if items.contains(where: { $0.settled != 0 }) { throw DomainError(.conflict, code: "document_settled", args: [doc.number]) }
        if items.contains(where: { $0.invoiced != 0 }) { throw DomainError(.conflict, code: "document_invoiced", args: [doc.number]) }
        try await remove(items, number: doc.number, ctx)
    }

    /// Takes away the items of a cancelled document. What once touched them and has been undone
    /// since (money applied then taken back when its payment was cancelled, matches of a cancelled
    /// invoice) goes with them; anything still standing refuses it.
    static func remove(_ items: [OpenItemRow], number: String, _ ctx: ServiceContext) async throws {
        guard !items.isEmpty else { return }
        let ids = items.map { $0.id as any Encodable & Sendable }
        struct Standing: Decodable { var itemId: Int64 }
        if try await ctx.store.first(
            """
            SELECT item_id FROM settlements WHERE item_id IN (\(binds: ids)) GROUP BY payment_id, item_id HAVING SUM(amount) <> 0
            """, as: Standing.self) != nil
        {
            throw DomainError(.conflict, code: "document_settled", args: [number])
        }
        if try await ctx.store.first(
            """
            SELECT m.item_id FROM invoice_matches m JOIN invoice_lines l ON l.id = m.invoice_line_id JOIN invoices i ON i.id = l.invoice_id
            WHERE m.item_id IN (\(binds: ids)) AND i.status IN (\(states: InvoiceFlow.open)) LIMIT 1
            """, as: Standing.self) != nil
        {
            throw DomainError(.conflict, code: "document_invoiced", args: [number])
        }
        try await ctx.store.run("DELETE FROM settlements WHERE item_id IN (\(binds: ids))")
        try await ctx.store.run("DELETE FROM invoice_matches WHERE item_id IN (\(binds: ids))")
        try await ctx.store.run("DELETE FROM open_items WHERE id IN (\(binds: ids))")
    }

    static func contractLine(of l: StockLineRow, _ store: Store) async throws -> ContractLineRow? {
        var orderLine = l.orderLineId
        if orderLine == nil, let r = l.returnOfLineId { orderLine = try await InventoryQueries.line(r, on: store)?.orderLineId }
        guard let ol = orderLine else { return nil }
        return try await store.first(
            """
            SELECT cl.* FROM contract_lines cl JOIN order_lines o ON o.contract_line_id = cl.id WHERE o.id = \(bind: ol)
            """, as: ContractLineRow.self)
    }

    static func item(_ id: Int64, _ store: Store) async throws -> OpenItemRow? {
        try await store.first("SELECT * FROM open_items WHERE id = \(bind: id)", as: OpenItemRow.self)
    }

    /// Moves `amount` of billing from a delivery item to an invoice item; money that had been
    /// settled on the delivery beyond what is left of it moves with it.
    static func bill(_ delivery: OpenItemRow, amount: Int64, to invoiceItem: Int64, _ ctx: ServiceContext) async throws {
        // Money settled beyond what stays open moves first, so the delivery is never owed below zero.
        var excess = max(0, amount - max(0, delivery.amount - delivery.invoiced - delivery.settled))
        if excess > 0 { try await moveSettlements(from: delivery, excess: &excess, to: invoiceItem, ctx) }
        try await ctx.store.run(
            """
            UPDATE open_items SET invoiced = invoiced + \(bind: amount), residual = residual - \(bind: amount) WHERE id = \(bind: delivery.id)
            """)
    }

    static func moveSettlements(from delivery: OpenItemRow, excess: inout Int64, to invoiceItem: Int64, _ ctx: ServiceContext) async throws
    {
        let settled = try await ctx.store.all(
            "SELECT * FROM settlements WHERE item_id = \(bind: delivery.id) ORDER BY id DESC", as: SettlementRow.self)
        var byPayment: [(Int64, Int64)] = []
        for s in settled {
            if let i = byPayment.firstIndex(where: { $0.0 == s.paymentId }) {
                byPayment[i].1 = try byPayment[i].1.plus(s.amount)
            } else {
                byPayment.append((s.paymentId, s.amount))
            }
        }
        for (payment, onItem) in byPayment where excess > 0 && onItem > 0 {
            let move = min(onItem, excess)
            try await settle(payment: payment, item: delivery.id, amount: -move, ctx)
            try await settle(payment: payment, item: invoiceItem, amount: move, ctx)
            excess -= move
        }
    }

    /// Records money against an item (negative takes it back).
    static func settle(payment: Int64, item: Int64, amount: Int64, _ ctx: ServiceContext) async throws {
        try await ctx.store.run(
            "INSERT INTO settlements (payment_id, item_id, amount, at) VALUES (\(bind: payment), \(bind: item), \(bind: amount), \(bind: ctx.nowMillis))"
        )
        try await ctx.store.run(
            "UPDATE open_items SET settled = settled + \(bind: amount), residual = residual - \(bind: amount) WHERE id = \(bind: item)")
    }
}
