import DocumentsCore
import Foundation
import InventoryCore
import Kernel
import Persistence

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
        var rows: [CashWrites.StockItem] = []
        for l in lines {
            let value = try await owed(l, sales: side == .ar, ctx.store)
            guard value != 0 else { continue }
            let contractLine = l.orderLineId == nil && l.returnOfLineId == nil ? nil : try await contractLine(of: l, ctx.store)
            let amount = try sign.times(value)
            var invoiced: Int64 = 0
            // Invoiced in advance against the contract line: that much of the delivery is billed already.
            if let cl = contractLine, amount > 0, cl.advanceOpen > 0 {
                invoiced = min(amount, cl.advanceOpen)
                try await CashWrites.useAdvance(ofContractLine: cl.id, invoiced, on: ctx.store)
            }
            rows.append(
                CashWrites.StockItem(
                    side: side.rawValue, partnerId: partner, branchId: doc.branchId, contractId: contractLine?.contractId, docId: doc.id,
                    docNumber: doc.number, lineId: l.id, productId: l.productId, docDate: doc.postingDate, amount: amount,
                    invoiced: invoiced))
        }
        // A line may owe already (an inter-branch receipt's payable starts when the goods are sent).
        try await CashWrites.insert(stockItems: rows, on: ctx.store)
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
        let items = try await CashQueries.items(ofStockDocument: doc.id, on: ctx.store)
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
        let ids = items.map(\.id)
        if try await CashQueries.anySettled(ids, on: ctx.store) { throw DomainError(.conflict, code: "document_settled", args: [number]) }
        if try await CashQueries.anyInvoiced(ids, on: ctx.store) { throw DomainError(.conflict, code: "document_invoiced", args: [number]) }
        try await CashWrites.remove(items: ids, on: ctx.store)
    }

    static func contractLine(of l: StockLineRow, _ store: Store) async throws -> ContractLineRow? {
        var orderLine = l.orderLineId
        if orderLine == nil, let r = l.returnOfLineId { orderLine = try await InventoryQueries.line(r, on: store)?.orderLineId }
        guard let ol = orderLine else { return nil }
        return try await CashQueries.contractLine(ofOrderLine: ol, on: store)
    }

    static func item(_ id: Int64, _ store: Store) async throws -> OpenItemRow? {
        try await CashQueries.item(id, on: store)
    }

    /// Moves `amount` of billing from a delivery item to an invoice item; money that had been
    /// settled on the delivery beyond what is left of it moves with it.
    static func bill(_ delivery: OpenItemRow, amount: Int64, to invoiceItem: Int64, _ ctx: ServiceContext) async throws {
        // Money settled beyond what stays open moves first, so the delivery is never owed below zero.
        var excess = max(0, amount - max(0, delivery.amount - delivery.invoiced - delivery.settled))
        if excess > 0 { try await moveSettlements(from: delivery, excess: &excess, to: invoiceItem, ctx) }
        try await CashWrites.bill(item: delivery.id, amount, on: ctx.store)
    }

    static func moveSettlements(from delivery: OpenItemRow, excess: inout Int64, to invoiceItem: Int64, _ ctx: ServiceContext) async throws
    {
        let settled = try await CashQueries.settlements(ofItem: delivery.id, on: ctx.store)
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
        try await CashWrites.settle(payment: payment, item: item, amount: amount, at: ctx.nowMillis, on: ctx.store)
    }
}
