import DocumentsCore
import Foundation
import InventoryCore
import Kernel
import Persistence

/// Inter-branch trade (DESIGN.md sections 5 and 6): goods moved between two independently
/// accounted branches are a sale by the sender and a purchase by the receiver at the transfer
/// price the pair agreed (cost, cost plus a margin, or a price list), posted as one action: the
/// sender's delivery with its receivable from the receiver, and the receiver's receipt (the goods
/// in transit until the receiver confirms it) with its payable to the sender (往来), both written
/// when the goods are sent. When a
/// back-dated document changes what the goods cost the sender, a cost-based price changes with
/// it and the receiver's stock is re-costed.
public enum BranchTradeService {
    public enum Method: String, Sendable, CaseIterable, Codable {
        case cost
        case costPlus = "cost_plus"
        case priceList = "price_list"
    }

    // MARK: - Pricing rules per pair

    public static func rules(_ ctx: ServiceContext) async throws -> [TransferPriceRow] {
        try ctx.require(.stock, .view)
        return try await BranchTradeQueries.rules(on: ctx.store)
    }

    public static func setRule(
        from: Int64?, to: Int64?, method: String?, markup: String?, priceListId: Int64?, _ ctx: ServiceContext
    ) async throws -> TransferPriceRow {
        try ctx.require(.organisation, .edit)
        return try await ctx.write { ctx in
            guard let from, try await OrganisationQueries.branch(from, on: ctx.store) != nil else {
                throw DomainError.invalid("fromBranchId", code: "not_found")
            }
            guard let to, to != from, try await OrganisationQueries.branch(to, on: ctx.store) != nil else {
                throw DomainError.invalid("toBranchId", code: "not_found")
            }
            // The price between two branches moves profit from one to the other: it needs the reach of both.
            try ctx.requireReach(.organisation, .edit, branch: from, field: "fromBranchId")
            try ctx.requireReach(.organisation, .edit, branch: to, field: "toBranchId")
            let m = try Validate.oneOf(method ?? "cost", "method", as: Method.self)
            var bp: Int64 = 0
            if m == .costPlus {
                guard let text = markup, let v = try? ScaledDecimal.parse(text, scale: 2), (0...100_00).contains(v) else {
                    throw DomainError.invalid("markup", code: "invalid_percent")
                }
                bp = v
            }
            if m == .priceList {
                guard let l = priceListId, try await PricingQueries.list(l, on: ctx.store) != nil else {
                    throw DomainError.invalid("priceListId", code: "not_found")
                }
            }
            let id = try await BranchTradeWrites.setRule(
                from: from, to: to, method: m.rawValue, markup: bp, priceList: m == .priceList ? priceListId : nil, at: ctx.nowMillis,
                on: ctx.store)
            try await ctx.audit(
                "transfer_price", "branch", from, branch: from,
                [
                    FieldChange("to", old: nil, new: String(to)), FieldChange("method", old: nil, new: m.rawValue),
                    FieldChange("markup", old: nil, new: ScaledDecimal.format(bp, scale: 2, minDecimals: 0)),
                ])
            guard let rule = try await BranchTradeQueries.rule(id, on: ctx.store) else { throw DomainError.notFound }
            return rule
        }
    }

    static func rule(from: Int64, to: Int64, _ store: Store) async throws -> (Method, Int64, Int64?) {
        guard let r = try await BranchTradeQueries.rule(from: from, to: to, on: store) else { return (.cost, 0, nil) }
        return (Method(rawValue: r.method) ?? .cost, r.markup, r.priceListId)
    }

    /// The partner record that stands for a branch in the others' books (created on first use).
    public static func internalPartner(of branchId: Int64, _ store: Store, at now: Int64) async throws -> PartnerRow {
        if let p = try await CRMQueries.internalPartner(ofBranch: branchId, on: store) { return p }
        guard let b = try await OrganisationQueries.branch(branchId, on: store) else { throw DomainError.notFound }
        let name = b.name + "（内部往来）"
        return try await CRMWrites.insertInternalPartner(
            code: "IB-" + b.code, name: name, nameKey: PartnerService.nameKey(name), branch: branchId, at: now, on: store)
    }

    // MARK: - Sending and receiving

    public struct LineInput: Sendable, Codable, Equatable {
        public var productId: Int64?
        public var unit: String?
        public var quantity: String?
        public var batch: String?
        public init(productId: Int64? = nil, unit: String? = nil, quantity: String? = nil, batch: String? = nil) {
            self.productId = productId
            self.unit = unit
            self.quantity = quantity
            self.batch = batch
        }
    }

    public struct Details: Sendable {
        public var transfer: BranchTransferRow
        public var lines: [BranchTransferLineRow]
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.stock, .view)
        guard let t = try await BranchTradeQueries.transfer(id, on: ctx.store),
            scope.contains(branch: t.fromBranchId, department: nil, owner: nil)
                || scope.contains(branch: t.toBranchId, department: nil, owner: nil)
        else {
            throw DomainError.notFound
        }
        return Details(
            transfer: t,
            lines: try await BranchTradeQueries.lines(ofTransfer: id, on: ctx.store))
    }

    public static func list(status: String?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<BranchTransferRow> {
        let scope = try ctx.require(.stock, .view)
        let rows = try await BranchTradeQueries.transfers(scope, status: status, before: cursor?.id, limit: limit + 1, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    /// Sends goods to another accounting entity: the sender's delivery is posted, its cost fixes
    /// the transfer price, the receiver's receipt waits in transit for confirmation.
    public static func send(
        fromWarehouseId: Int64?, toWarehouseId: Int64?, date: String?, lines: [LineInput], note: String? = nil,
        _ ctx: ServiceContext
    ) async throws -> Details {
        let scope = try ctx.require(.stock, .create)
        return try await ctx.write { ctx in
            // The goods leave from a warehouse of the sender's; they go to any other entity's.
            guard let fw = fromWarehouseId, let from = try await InventoryQueries.warehouse(fw, on: ctx.store),
                WarehouseService.usable(from, scope: scope, principal: ctx.principal)
            else {
                throw DomainError.invalid(
                    "fromWarehouseId", code: fromWarehouseId == nil ? "required" : "not_found", args: ["fromWarehouseId"])
            }
            guard let tw = toWarehouseId else { throw DomainError.invalid("toWarehouseId", code: "no_receiving_warehouse") }
            guard let to = try await InventoryQueries.warehouse(tw, on: ctx.store), to.active else {
                throw DomainError.invalid("toWarehouseId", code: "not_found")
            }
            let postingDate = try Validate.date(date, "date")
            let scopes = try await CostingScopes.load(ctx.store, warehouses: [from, to])
            let sender = scopes.entity(ofWarehouse: fw), receiver = scopes.entity(ofWarehouse: tw)
            guard sender != receiver else { throw DomainError.invalid("toWarehouseId", code: "same_entity_transfer") }
            guard !lines.isEmpty else { throw DomainError.required("lines") }
            let now = ctx.nowMillis
            let (method, markup, listId) = try await rule(from: sender, to: receiver, ctx.store)
            let toPartner = try await internalPartner(of: receiver, ctx.store, at: now),
                fromPartner = try await internalPartner(of: sender, ctx.store, at: now)
            guard let sb = try await OrganisationQueries.branch(sender, on: ctx.store) else { throw DomainError.notFound }
            let number = try await DealLines.number("DB", branch: (sb.id, sb.code), date: postingDate, table: "branch_transfers", ctx.store)
            // The sender's side: a delivery to the receiver, posted now.
            let delivery = try await StockDocumentService.create(
                .init(
                    type: StockDocumentType.salesDelivery.rawValue, postingDate: postingDate, partnerId: toPartner.id,
                    branchId: from.branchId, reason: "分支机构调拨 " + number, note: note,
                    lines: lines.map {
                        .init(
                            productId: $0.productId, unit: $0.unit, quantity: $0.quantity, warehouseId: fw,
                            batch: $0.batch, unitPrice: "0")
                    }), post: true, ctx)
            let products = try await InventoryQueries.products(ids: delivery.lines.map(\.productId), on: ctx.store)
            let listPrices: [PriceService.Proposal] =
                method == .priceList
                ? try await PriceService.propose(
                    for: toPartner, date: postingDate, delivery.lines.map { ($0.productId, $0.unit, $0.factor) }, products: products,
                    ctx.store)
                : []
            var amounts: [Int64] = []
            for (i, l) in delivery.lines.enumerated() {
                let cost = l.costValue ?? 0
                let amount: Int64 =
                    switch method {
                    case .cost: cost
                    case .costPlus: try Checked.narrow(ScaledDecimal.divideRounded(Int128(cost) * Int128(10000 + markup), 10000))
                    case .priceList: try MoneyRounding.cny.value(of: Quantity(units: l.quantity), at: listPrices[i].price).fen
                    }
                amounts.append(amount)
            }
            _ = listId
            try await setDeliveryAmounts(delivery.lines, amounts, ctx.store)
            try await OpenItems.posted(delivery.document, try await InventoryQueries.lines(of: delivery.document.id, on: ctx.store), ctx)
            // The receiver's side: a receipt from the sender at the same amounts, in transit.
            let receipt = try await StockDocumentService.create(
                .init(
                    type: StockDocumentType.purchaseReceipt.rawValue, postingDate: postingDate, partnerId: fromPartner.id,
                    branchId: to.branchId, reason: "分支机构调拨 " + number, note: note,
                    lines: try zip(delivery.lines, amounts).map { l, a in
                        .init(
                            productId: l.productId, unit: l.unit, quantity: Quantity(units: l.quantity).description, warehouseId: tw,
                            batch: l.batch, unitCost: try unitPrice(a, l.quantity).description)
                    }), ctx)
            for (r, a) in zip(receipt.lines, amounts) {
                try await InventoryWrites.fixValue(ofLine: r.id, a, on: ctx.store)
            }
            // Both sides owe from the moment the goods leave: the receiver's payable is written now, while the goods are in transit.
            try await OpenItems.posted(receipt.document, try await InventoryQueries.lines(of: receipt.document.id, on: ctx.store), ctx)
            let id = try await BranchTradeWrites.insert(
                BranchTradeWrites.Sent(
                    number: number, fromBranch: sender, toBranch: receiver, fromWarehouse: fw, toWarehouse: tw, sentDate: postingDate,
                    deliveryId: delivery.document.id, receiptId: receipt.document.id, method: method.rawValue, markup: markup,
                    totalCost: try Checked.sum(delivery.lines.map { $0.costValue ?? 0 }), totalAmount: try Checked.sum(amounts),
                    createdBy: ctx.principal?.userId,
                    lines: delivery.lines.enumerated().map { i, l in
                        BranchTradeWrites.Sent.Line(
                            productId: l.productId, deliveryLineId: l.id, receiptLineId: receipt.lines[i].id, baseQty: l.baseQty,
                            cost: l.costValue ?? 0, amount: amounts[i])
                    }),
                at: now, on: ctx.store)
            try await ctx.audit(
                "send", "branch_transfer", id, branch: sender,
                [
                    FieldChange("number", old: nil, new: number),
                    FieldChange("amount", old: nil, new: Money(fen: try Checked.sum(amounts)).description),
                ])
            return try await find(id, ctx)
        }
    }

    static func unitPrice(_ amount: Int64, _ quantity: Int64) throws -> UnitPrice {
        // fen × 10^4 = millionths of a yuan; per entered unit (quantity in millionths).
        UnitPrice(
            units: quantity == 0
                ? 0 : try Checked.narrow(ScaledDecimal.divideRounded(Int128(amount) * 10_000 * 1_000_000, Int128(quantity))))
    }

    static func setDeliveryAmounts(_ lines: [StockLineRow], _ amounts: [Int64], _ store: Store) async throws {
        for (l, a) in zip(lines, amounts) {
            try await InventoryWrites.setPrice(ofLine: l.id, unitPrice: unitPrice(a, l.quantity).units, amount: a, on: store)
        }
    }

    /// The receiver confirms the goods arrived: its receipt is posted (at the transfer price as it
    /// stands now).
    public static func receive(_ id: Int64, date: String?, _ ctx: ServiceContext) async throws -> Details {
        try ctx.require(.stock, .edit)
        return try await ctx.write { ctx in
            let d = try await find(id, ctx)
            let to = try BranchTransferFlow.target(.receive, from: d.transfer.status, number: d.transfer.number)
            let scope = try ctx.require(.stock, .edit)
            guard
                scope.contains(branch: d.transfer.toBranchId, department: nil, owner: nil)
                    || ctx.principal?.branchId == d.transfer.toBranchId
            else { throw DomainError.forbidden }
            let when = try date.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.date($0, "date") } ?? d.transfer.sentDate
            guard when >= d.transfer.sentDate else { throw DomainError.invalid("date", code: "received_before_sent") }
            if when != d.transfer.sentDate {
                try await InventoryWrites.setPostingDate(ofDocument: d.transfer.receiptId, when, on: ctx.store)
            }
            _ = try await StockPosting.post(d.transfer.receiptId, ctx)
            try await BranchTradeWrites.received(id, to, on: when, on: ctx.store)
            try await ctx.audit(
                "receive", "branch_transfer", id, branch: d.transfer.toBranchId,
                [FieldChange("status", old: d.transfer.status, new: to.rawValue)]
            )
            return try await find(id, ctx)
        }
    }

    /// After a re-cost: transfers priced on cost whose sending cost changed take the new price,
    /// on both sides, and the receiver's stock is re-costed when the goods were already received.
    static func propagate(products: [Int64], depth: Int = 0, _ ctx: ServiceContext) async throws {
        guard depth < 5, !products.isEmpty else { return }
        let changed = try await BranchTradeQueries.costChanged(ofProducts: products, on: ctx.store)
        guard !changed.isEmpty else { return }
        var replays: [Int64: (String, [Int64: Money], Int64)] = [:]  // receipt document -> (date, values, product)
        for c in changed {
            guard let t = try await BranchTradeQueries.transfer(c.transferId, on: ctx.store), let method = Method(rawValue: t.method),
                method != .priceList
            else {
                try await BranchTradeWrites.reprice(line: c.id, cost: c.costValue, amount: nil, on: ctx.store)
                continue
            }
            let amount =
                method == .cost
                ? c.costValue : try Checked.narrow(ScaledDecimal.divideRounded(Int128(c.costValue) * Int128(10000 + t.markup), 10000))
            let delta = try amount.minus(c.amount)
            try await BranchTradeWrites.reprice(line: c.id, cost: c.costValue, amount: amount, on: ctx.store)
            try await BranchTradeWrites.addToTotals(ofTransfer: t.id, cost: c.costValue - c.cost, amount: delta, on: ctx.store)
            guard delta != 0, let dl = try await InventoryQueries.line(c.deliveryLineId, on: ctx.store),
                let rl = try await InventoryQueries.line(c.receiptLineId, on: ctx.store)
            else { continue }
            try await setDeliveryAmounts([dl], [amount], ctx.store)
            try await InventoryWrites.fixValue(ofLine: rl.id, amount, unitCost: unitPrice(amount, rl.quantity).units, on: ctx.store)
            for line in [dl.id, rl.id] { try await CashWrites.adjustOpenItem(source: "stock", line: line, by: delta, on: ctx.store) }
            if t.status == BranchTransferFlow.State.received.rawValue, let receivedOn = t.receivedDate {
                var entry = replays[t.receiptId] ?? (receivedOn, [:], c.productId)
                entry.1[rl.id] = Money(fen: amount)
                replays[t.receiptId] = entry
            }
            try await ctx.audit(
                "reprice", "branch_transfer", t.id, branch: t.fromBranchId,
                [
                    FieldChange(
                        "amount", old: Money(fen: c.amount).description,
                        new: Money(fen: amount).description)
                ])
        }
        // The receiver's stock carries the new value from the day it came in.
        var onward: Set<Int64> = []
        for (receiptId, r) in replays.sorted(by: { $0.key < $1.key }) {
            guard let doc = try await InventoryQueries.document(receiptId, on: ctx.store) else { continue }
            let lines = try await InventoryQueries.lines(of: doc.id, on: ctx.store)
            let warehouses = try await InventoryQueries.warehouses(ids: lines.map(\.warehouseId), on: ctx.store)
            let scopes = try await CostingScopes.load(ctx.store, warehouses: Array(warehouses.values))
            for productId in Set(lines.filter { r.1[$0.id] != nil }.map(\.productId)) {
                guard let product = try await InventoryQueries.product(productId, on: ctx.store),
                    let l = lines.first(where: { $0.productId == productId })
                else { continue }
                try await StockPosting.replay(product: product, scope: scopes.key(warehouse: l.warehouseId), from: r.0, values: r.1, ctx)
                onward.insert(productId)
            }
        }
        try await propagate(products: onward.sorted(), depth: depth + 1, ctx)
    }
}
