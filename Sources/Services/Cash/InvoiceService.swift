import DocumentsCore
import Foundation
import Kernel
import Persistence

/// Invoices (发票): sales invoices to customers and purchase invoices from suppliers, 普通 or
/// 专用, against delivered (received) lines or against contract lines, never beyond what was
/// delivered or contracted. An issued invoice is an open item; cancelling one puts the billing
/// back where it came from.
public enum InvoiceService {
    public enum Side: String, Sendable, CaseIterable {
        case sales, purchase
        var openSide: OpenItems.Side { self == .sales ? .ar : .ap }
        var prefix: String { self == .sales ? "IV" : "PI" }
    }

    public enum Kind: String, Sendable, CaseIterable { case ordinary, special }

    public struct LineInput: Sendable, Codable, Equatable {
        /// A posted delivery (receipt) line.
        public var stockLineId: Int64?
        /// Or a contract line (invoicing ahead of delivery, or services).
        public var contractLineId: Int64?
        /// Tax included; defaults to everything still to invoice on the line.
        public var amount: String?
        public init(stockLineId: Int64? = nil, contractLineId: Int64? = nil, amount: String? = nil) {
            self.stockLineId = stockLineId
            self.contractLineId = contractLineId
            self.amount = amount
        }
    }

    public struct Input: Sendable {
        public var side: String?
        public var kind: String?
        public var invoiceNo: String?
        public var partnerId: Int64?
        public var contractId: Int64?
        public var invoiceDate: String?
        public var note: String?
        /// Lines, or whole documents: every line of these deliveries still to invoice.
        public var lines: [LineInput]?
        public var stockDocumentIds: [Int64]?
        public init(
            side: String? = nil, kind: String? = nil, invoiceNo: String? = nil, partnerId: Int64? = nil, contractId: Int64? = nil,
            invoiceDate: String? = nil,
            note: String? = nil, lines: [LineInput]? = nil, stockDocumentIds: [Int64]? = nil
        ) {
            self.side = side
            self.kind = kind
            self.invoiceNo = invoiceNo
            self.partnerId = partnerId
            self.contractId = contractId
            self.invoiceDate = invoiceDate
            self.note = note
            self.lines = lines
            self.stockDocumentIds = stockDocumentIds
        }
    }

    public struct Details: Sendable {
        public var invoice: InvoiceRow
        public var lines: [InvoiceLineRow]
        /// What is still open on it.
        public var open: Money
        /// Whether money has been settled against it (then it is no longer cancelled).
        public var settled: Bool
        public var facts: InvoiceFlow.Facts { .init(settled: settled) }
    }

    public static func list(
        side: Side?, partnerId: Int64?, contractId: Int64?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<InvoiceRow> {
        let scope = try ctx.require(.cash, .view)
        let rows = try await InvoiceQueries.list(
            scope, side: side?.rawValue, partner: partnerId, contract: contractId, before: cursor?.id, limit: limit + 1, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext, action: Action = .view) async throws -> Details {
        let scope = try ctx.require(.cash, action)
        guard let i = try await InvoiceQueries.invoice(id, on: ctx.store) else { throw DomainError.notFound }
        if !scope.contains(branch: i.branchId, department: nil, owner: i.ownerId) {
            // Whoever may see the contract reads the invoices issued under it (the salesperson follows the billing of their deal).
            guard action == .view, let c = i.contractId, (try? await ContractService.row(c, ctx)) != nil else { throw DomainError.notFound }
        }
        let lines = try await InvoiceQueries.lines(ofInvoice: id, on: ctx.store)
        let standing = try await InvoiceQueries.standing(ofInvoice: id, on: ctx.store)
        return Details(invoice: i, lines: lines, open: Money(fen: standing.open), settled: standing.settled)
    }

    struct Planned {
        var productId: Int64
        var stockItem: OpenItemRow?
        var contractLine: ContractLineRow?
        var baseQty: Int64
        var taxRate: Int64
        var amount: Int64
    }

    public struct Billable: Sendable {
        public typealias Document = InvoiceQueries.Uninvoiced
        public var documents: [Document]
        /// Contract lines not yet fully invoiced, with their contract's number and the product.
        public var contractLines: [(line: ContractLineRow, contract: String, product: String)]
    }

    /// What can still be invoiced to (by) a partner the user may name: deliveries (receipts) with
    /// an uninvoiced part and the lines of its active contracts, as far as the user reaches.
    public static func billable(side: Side, partner: Int64, contract: Int64?, _ ctx: ServiceContext) async throws -> Billable {
        let scope = try ctx.require(.cash, .view)
        guard (try? await DealLines.visibleParty(partner, ctx)) != nil else { return Billable(documents: [], contractLines: []) }
        let docs = try await InvoiceQueries.uninvoiced(side: side.openSide.rawValue, partner: partner, scope, on: ctx.store)
        let contracts =
            ((try? await ContractService.list(.init(kind: side.rawValue, partnerId: partner), limit: 200, cursor: nil, ctx))?.items ?? [])
            .filter { ContractFlow.rule(.bill).from.contains(stored: $0.status) && (contract == nil || $0.id == contract) }
        guard !contracts.isEmpty else { return Billable(documents: docs, contractLines: []) }
        let lines = try await InvoiceQueries.uninvoicedLines(ofContracts: contracts.map(\.id), on: ctx.store)
        let products = try await InventoryQueries.products(ids: lines.map(\.productId), on: ctx.store)
        return Billable(
            documents: docs,
            contractLines: lines.map { l in
                (
                    l, contracts.first { $0.id == l.contractId }?.number ?? "",
                    (products[l.productId]?.code ?? "") + " " + (products[l.productId]?.name ?? "")
                )
            })
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.cash, .create)
        return try await ctx.write { ctx in
            let side = try Validate.oneOf(input.side ?? "sales", "side", as: Side.self)
            let kind = try Validate.oneOf(input.kind ?? "ordinary", "kind", as: Kind.self)
            let partner = try await DealLines.party(input.partnerId, sales: side == .sales, ctx)
            let date =
                try input.invoiceDate.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.date($0, "invoiceDate") }
                ?? CalendarDate.chinaDate(ctx.nowMillis)
            let invoiceNo = try Validate.optional(input.invoiceNo, "invoiceNo", max: 40)
            var contract: ContractRow?
            if let c = input.contractId {
                guard let row = try? await ContractService.row(c, ctx), row.partnerId == partner.id else {
                    throw DomainError.invalid("contractId", code: "not_found")
                }
                guard ContractFlow.rule(.bill).from.contains(stored: row.status) else {
                    throw DomainError.invalid("contractId", code: "contract_not_active", args: [row.number])
                }
                contract = row
            }
            var lineInputs = input.lines ?? []
            guard (input.stockDocumentIds ?? []).count <= Limits.lines, (input.lines ?? []).count <= Limits.lines else {
                throw DomainError.invalid("lines", code: "too_many", args: ["lines", String(Limits.lines)])
            }
            // Deliveries and receipts are billed only where the user's finance scope reaches (as if others did not exist).
            let reach = scope
            for d in input.stockDocumentIds ?? [] {
                let items = try await InvoiceQueries.stockItems(ofDocument: d, side: side.openSide.rawValue, reach, on: ctx.store)
                guard !items.isEmpty else { throw DomainError.invalid("stockDocumentIds", code: "not_found") }
                lineInputs += items.filter { $0.amount - $0.invoiced > 0 }.map { LineInput(stockLineId: $0.lineId) }
            }
            guard !lineInputs.isEmpty else { throw DomainError.required("lines") }
            guard lineInputs.count <= 500 else { throw DomainError.invalid("lines", code: "too_many", args: ["lines", "500"]) }
            var planned: [Planned] = []
            var usedStock: [Int64: Int64] = [:], usedContract: [Int64: Int64] = [:]
            for (i, l) in lineInputs.enumerated() {
                let f = "lines[\(i)]"
                let given = try Validate.money(l.amount, f + ".amount", positive: true)
                if let sl = l.stockLineId {
                    // Locked until the invoice is written: two invoices of one delivery line take turns.
                    guard
                        let item = try await InvoiceQueries.stockItemLocked(ofLine: sl, reach, on: ctx.store),
                        item.partnerId == partner.id, item.side == side.openSide.rawValue, item.amount > 0
                    else {
                        throw DomainError.invalid(f + ".stockLineId", code: "not_found")
                    }
                    if let c = contract, item.contractId != c.id {
                        throw DomainError.invalid(f + ".stockLineId", code: "other_contract", args: [c.number])
                    }
                    let left = item.amount - item.invoiced - (usedStock[item.id] ?? 0)
                    let amount = given?.fen ?? left
                    guard amount > 0, amount <= left else {
                        throw DomainError.invalid(
                            f + ".amount", code: "invoice_exceeds_delivery", args: [item.docNumber, Money(fen: max(left, 0)).description])
                    }
                    usedStock[item.id] = try (usedStock[item.id] ?? 0).plus(amount)
                    guard let sline = try await InventoryQueries.line(sl, on: ctx.store) else {
                        throw DomainError.invalid(f + ".stockLineId", code: "not_found")
                    }
                    var cl: ContractLineRow?
                    if let cid = item.contractId {
                        cl = try await OpenItems.contractLine(of: sline, ctx.store)
                        _ = cid
                    }
                    var rate = cl?.taxRate ?? 0
                    if cl == nil { rate = try await InventoryQueries.product(sline.productId, on: ctx.store)?.taxRate ?? 0 }
                    let qty = try Checked.narrow(ScaledDecimal.divideRounded(Int128(sline.baseQty) * Int128(amount), Int128(item.amount)))
                    planned.append(
                        Planned(productId: sline.productId, stockItem: item, contractLine: cl, baseQty: qty, taxRate: rate, amount: amount))
                } else if let clid = l.contractLineId {
                    guard
                        let cl = try await InvoiceQueries.contractLine(clid, locked: true, on: ctx.store),
                        let c = try? await ContractService.row(cl.contractId, ctx), c.partnerId == partner.id,
                        c.kind == (side == .sales ? "sales" : "purchase"), ContractFlow.rule(.bill).from.contains(stored: c.status)
                    else {
                        throw DomainError.invalid(f + ".contractLineId", code: "not_found")
                    }
                    if let k = contract, k.id != c.id {
                        throw DomainError.invalid(f + ".contractLineId", code: "other_contract", args: [k.number])
                    }
                    let left = cl.amount - cl.invoicedAmount - (usedContract[cl.id] ?? 0)
                    let amount = given?.fen ?? left
                    guard amount > 0, amount <= left else {
                        throw DomainError.invalid(
                            f + ".amount", code: "invoice_exceeds_contract", args: [c.number, Money(fen: max(left, 0)).description])
                    }
                    usedContract[cl.id] = try (usedContract[cl.id] ?? 0).plus(amount)
                    let qty = Int64(ScaledDecimal.divideRounded(Int128(cl.baseQty) * Int128(amount), Int128(cl.amount)))
                    planned.append(
                        Planned(
                            productId: cl.productId, stockItem: nil, contractLine: cl, baseQty: qty, taxRate: cl.taxRate, amount: amount))
                } else {
                    throw DomainError.invalid(f + ".stockLineId", code: "required", args: [f + ".stockLineId"])
                }
            }
            // Billing through deliveries counts against the contract line too.
            for p in planned where p.stockItem != nil {
                guard let cl = p.contractLine else { continue }
                let left = cl.amount - cl.invoicedAmount - (usedContract[cl.id] ?? 0)
                guard p.amount <= left else {
                    throw DomainError.invalid(
                        "lines", code: "invoice_exceeds_contract", args: [contract?.number ?? "", Money(fen: max(left, 0)).description])
                }
                usedContract[cl.id] = try (usedContract[cl.id] ?? 0).plus(p.amount)
            }
            var branchId = planned.compactMap(\.stockItem?.branchId).first ?? contract?.branchId ?? 0
            if branchId == 0 { branchId = try await DealLines.branch(nil, scope: scope, ctx).id }
            guard let branch = try await OrganisationQueries.branch(branchId, on: ctx.store) else { throw DomainError.notFound }
            let number = try await DealLines.number(side.prefix, branch: (branch.id, branch.code), date: date, table: "invoices", ctx.store)
            let total = try Money.sum(planned.map { Money(fen: $0.amount) }).fen
            let taxes = try planned.map { try VAT.included(in: Money(fen: $0.amount), rate: $0.taxRate).fen }
            let tax = try Money.sum(taxes.map(Money.init(fen:))).fen
            let contractId =
                contract?.id
                ?? {
                    let ids = Set(planned.compactMap { $0.contractLine?.contractId })
                    return ids.count == 1 ? ids.first : nil
                }()
            let now = ctx.nowMillis
            let id = try await InvoiceWrites.insert(
                InvoiceWrites.Invoice(
                    number: number, side: side.rawValue, kind: kind.rawValue, invoiceNo: invoiceNo, branchId: branch.id,
                    partnerId: partner.id,
                    contractId: contractId, date: date, net: total - tax, tax: tax, total: total, ownerId: ctx.principal?.userId,
                    note: try Validate.optional(input.note, "note", max: 1000)),
                at: now, on: ctx.store)
            for (i, p) in planned.enumerated() {
                let (lineId, itemId) = try await InvoiceWrites.insertLine(
                    invoice: id, lineNo: Int64(i + 1), productId: p.productId, stockLine: p.stockItem?.lineId,
                    contractLine: p.stockItem == nil ? p.contractLine?.id : nil, baseQty: p.baseQty, taxRate: p.taxRate, amount: p.amount,
                    tax: taxes[i],
                    item: (side.openSide.rawValue, partner.id, branch.id, p.contractLine?.contractId, number, date), on: ctx.store)
                if let cl = p.contractLine { try await InvoiceWrites.addInvoiced(toContractLine: cl.id, p.amount, on: ctx.store) }
                if let item = p.stockItem {
                    try await match(lineId, OpenItems.item(item.id, ctx.store)!, p.amount, itemId, ctx)
                } else if let cl = p.contractLine {
                    // Against a contract line: first bill what was delivered and not yet invoiced, the rest is billed ahead.
                    var rest = p.amount
                    let delivered = try await InvoiceQueries.uninvoicedDeliveries(ofContractLine: cl.id, on: ctx.store)
                    for d in delivered where rest > 0 {
                        let take = min(rest, d.amount - d.invoiced)
                        try await match(lineId, d, take, itemId, ctx)
                        rest -= take
                    }
                    if rest > 0 { try await InvoiceWrites.addAdvance(toContractLine: cl.id, rest, on: ctx.store) }
                }
            }
            try await ctx.audit(
                "issue", "invoice", id, branch: branch.id,
                [
                    FieldChange("number", old: nil, new: number), FieldChange("total", old: nil, new: Money(fen: total).description),
                    FieldChange("kind", old: nil, new: kind.rawValue),
                ])
            return try await find(id, ctx)
        }
    }

    static func match(
        _ invoiceLine: Int64, _ delivery: OpenItemRow, _ amount: Int64, _ invoiceItem: Int64, _ ctx: ServiceContext
    ) async throws {
        try await InvoiceWrites.match(line: invoiceLine, item: delivery.id, amount: amount, on: ctx.store)
        try await OpenItems.bill(delivery, amount: amount, to: invoiceItem, ctx)
    }

    /// Cancels an invoice nothing has been settled on; what it billed is open on the deliveries again.
    public static func cancel(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        try ctx.require(.cash, .edit)
        return try await ctx.write { ctx in
            _ = try await find(id, ctx, action: .edit)
            // Two cancels (or a cancel and a settlement) of one invoice take turns.
            try await ctx.store.lock("invoices", [id])
            let d = try await find(id, ctx, action: .edit)
            let items = try await InvoiceQueries.itemsLocked(ofInvoice: id, on: ctx.store)
            let to = try InvoiceFlow.target(
                .cancel, from: d.invoice.status, .init(settled: items.contains { $0.settled != 0 }), number: d.invoice.number)
            for l in d.lines {
                let matches = try await InvoiceQueries.matches(ofLine: l.id, on: ctx.store)
                let matched = try Checked.sum(matches.map(\.amount))
                if let cl = l.contractLineId, l.amount > matched {
                    guard
                        let line = try await InvoiceQueries.contractLine(cl, on: ctx.store),
                        line.advanceOpen >= l.amount - matched
                    else { throw DomainError(.conflict, code: "invoice_advance_delivered", args: [d.invoice.number]) }
                    try await InvoiceWrites.addAdvance(toContractLine: cl, -(l.amount - matched), on: ctx.store)
                }
                for m in matches { try await InvoiceWrites.unbill(item: m.itemId, m.amount, on: ctx.store) }
                var contractLine = l.contractLineId
                if contractLine == nil, let item = items.first(where: { $0.lineId == l.id }) {
                    contractLine = try await contractLineOf(item, ctx.store)
                }
                if let cl = contractLine { try await InvoiceWrites.addInvoiced(toContractLine: cl, -l.amount, on: ctx.store) }
            }
            try await InvoiceWrites.setStatus(ofInvoice: id, to, at: ctx.nowMillis, on: ctx.store)
            try await OpenItems.remove(items, number: d.invoice.number, ctx)
            try await ctx.audit(
                "cancel", "invoice", id, branch: d.invoice.branchId, [FieldChange("status", old: d.invoice.status, new: to.rawValue)])
            return try await find(id, ctx)
        }
    }

    static func contractLineOf(_ invoiceItem: OpenItemRow, _ store: Store) async throws -> Int64? {
        guard let l = try await InvoiceQueries.line(invoiceItem.lineId, on: store),
            let sl = l.stockLineId,
            let line = try await InventoryQueries.line(sl, on: store)
        else { return nil }
        return try await OpenItems.contractLine(of: line, store)?.id
    }
}
