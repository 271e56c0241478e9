import DocumentsCore
import Foundation
import InventoryCore
import Kernel
import Persistence

/// Drafts of stock documents: create, edit, delete. Posting and cancelling are in StockPosting.
public enum StockDocumentService {
    public struct LineInput: Sendable, Codable, Equatable {
        public var productId: Int64?
        public var unit: String?
        public var quantity: String?
        public var warehouseId: Int64?
        public var toWarehouseId: Int64?
        public var batch: String?
        public var unitCost: String?
        public var unitPrice: String?
        public var returnOfLineId: Int64?
        public var orderLineId: Int64?
        /// The batch's dates (yyyy-MM-dd), when the line brings a new batch in.
        public var productionDate: String?
        public var expiryDate: String?
        public init(
            productId: Int64? = nil, unit: String? = nil, quantity: String? = nil, warehouseId: Int64? = nil, toWarehouseId: Int64? = nil,
            batch: String? = nil, unitCost: String? = nil, unitPrice: String? = nil, returnOfLineId: Int64? = nil,
            orderLineId: Int64? = nil,
            productionDate: String? = nil, expiryDate: String? = nil
        ) {
            self.productionDate = productionDate
            self.expiryDate = expiryDate
            self.productId = productId
            self.unit = unit
            self.quantity = quantity
            self.warehouseId = warehouseId
            self.toWarehouseId = toWarehouseId
            self.batch = batch
            self.unitCost = unitCost
            self.unitPrice = unitPrice
            self.returnOfLineId = returnOfLineId
            self.orderLineId = orderLineId
        }
    }

    public struct Input: Sendable, Codable, Equatable {
        public var type: String?
        public var postingDate: String?
        public var partnerId: Int64?
        public var branchId: Int64?
        public var reason: String?
        public var note: String?
        public var orderId: Int64?
        public var lines: [LineInput]?
        public init(
            type: String? = nil, postingDate: String? = nil, partnerId: Int64? = nil, branchId: Int64? = nil, reason: String? = nil,
            note: String? = nil, orderId: Int64? = nil, lines: [LineInput]? = nil
        ) {
            self.type = type
            self.postingDate = postingDate
            self.partnerId = partnerId
            self.branchId = branchId
            self.reason = reason
            self.note = note
            self.orderId = orderId
            self.lines = lines
        }
    }

    public struct Details: Sendable, Equatable {
        public var document: StockDocumentRow
        public var lines: [StockLineRow]
        public init(document: StockDocumentRow, lines: [StockLineRow]) {
            self.document = document
            self.lines = lines
        }
    }

    static let columns = ScopeFilter.Columns(branch: "branch_id", department: nil, owner: "owner_id")

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.stock, .view)
        guard let d = try await InventoryQueries.document(id, on: ctx.store),
            scope.contains(branch: d.branchId, department: nil, owner: d.ownerId)
        else {
            throw DomainError.notFound
        }
        return Details(document: d, lines: try await InventoryQueries.lines(of: id, on: ctx.store))
    }

    public static func list(
        filter: InventoryQueries.DocumentFilter, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<StockDocumentRow> {
        let scope = try ctx.require(.stock, .view)
        return try await InventoryQueries.documents(scope: scope, filter: filter, limit: limit, cursor: cursor, on: ctx.store)
    }

    /// Creates a draft; with `post`, posts it in the same transaction (保存并过账): either both
    /// happen or neither does.
    public static func create(_ input: Input, post: Bool = false, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.stock, .create)
        if post { try ctx.require(.stock, .edit) }
        return try await ctx.write { ctx in
            let v = try await validate(input, documentId: nil, scope: scope, ctx)
            let number = try await DocumentNumbers.issue(
                prefix: v.type.prefix, branch: (v.branchId, v.branchCode), date: v.postingDate, table: "stock_documents", on: ctx.store)
            let now = ctx.nowMillis
            let doc = try await InventoryWrites.insert(
                v.record, number: number, owner: ctx.principal?.userId ?? ctx.actor.userId, at: now, on: ctx.store)
            let d = Details(document: doc, lines: try await insertLines(doc.id, v.lines, ctx))
            try await ctx.audit("create", "stock_document", doc.id, branch: v.branchId, Audit.diff([:], snapshot(d)))
            return post ? try await StockPosting.postDraft(d, ctx, prepared: v) : d
        }
    }

    /// Changes a draft; with `post`, posts it in the same transaction.
    public static func update(
        _ id: Int64, _ input: Input, version: Int64?, post: Bool = false, _ ctx: ServiceContext
    ) async throws -> Details {
        let scope = try ctx.require(.stock, .edit)
        return try await ctx.write { ctx in
            guard let old = try await InventoryQueries.documentForUpdate(id, on: ctx.store),
                scope.contains(branch: old.branchId, department: nil, owner: old.ownerId)
            else { throw DomainError.notFound }
            try Validate.version(version, current: old.version)
            try StockDocumentFlow.require(.edit, from: old.status, .init(isReversal: old.reversalOf != nil), number: old.number)
            var input = input
            input.type = old.docType
            let v = try await validate(input, documentId: id, scope: scope, ctx)
            let before = Details(document: old, lines: try await InventoryQueries.lines(of: id, on: ctx.store))
            guard let doc = try await InventoryWrites.update(document: id, v.record, at: ctx.nowMillis, on: ctx.store) else {
                throw DomainError.notFound
            }
            let d = Details(document: doc, lines: try await insertLines(id, v.lines, ctx))
            try await ctx.audit("update", "stock_document", id, branch: v.branchId, Audit.diff(snapshot(before), snapshot(d)))
            return post ? try await StockPosting.postDraft(d, ctx, prepared: v) : d
        }
    }

    /// A draft may be deleted; a posted document only cancelled.
    public static func delete(_ id: Int64, _ ctx: ServiceContext) async throws {
        let scope = try ctx.require(.stock, .delete)
        try await ctx.write { ctx in
            guard let d = try await InventoryQueries.documentForUpdate(id, on: ctx.store),
                scope.contains(branch: d.branchId, department: nil, owner: d.ownerId)
            else { throw DomainError.notFound }
            try StockDocumentFlow.require(.delete, from: d.status, .init(isReversal: d.reversalOf != nil), number: d.number)
            try await InventoryWrites.delete(document: id, on: ctx.store)
            try await ctx.audit("delete", "stock_document", id, branch: d.branchId, [FieldChange("number", old: d.number, new: nil)])
        }
    }

    struct ValidLine {
        var productId: Int64
        var unit: String
        var factor: Quantity
        var quantity: Quantity
        var baseQty: Quantity
        var warehouseId: Int64
        var toWarehouseId: Int64?
        var batch: String?
        var unitCost: UnitPrice?
        var unitPrice: UnitPrice?
        var returnOfLineId: Int64?
        var orderLineId: Int64?
        var bookQty: Quantity?
        var listPrice: UnitPrice?
        var floorPrice: UnitPrice?
        /// The batch's dates to record with the draft.
        var batchDates: BatchQueries.BatchRow?
    }

    /// A delivery's prices against the price system: a line without a price takes the list's; each
    /// line keeps the list price and floor it was measured against; a price under the floor is
    /// refused unless an order approved it (the line is at or above its order line's price) or
    /// it is a gift (zero, with a reason). The system itself (imports, jobs) is trusted.
    static func priceDelivery(
        _ lines: inout [ValidLine], partner: PartnerRow?, date: String, reason: String?, products: [Int64: ProductRow],
        _ ctx: ServiceContext
    ) async throws {
        let proposals = try await PriceService.propose(
            for: partner, date: date, lines.map { ($0.productId, $0.unit, $0.factor.units) }, products: products, ctx.store)
        for i in lines.indices {
            let p = proposals[i]
            lines[i].listPrice = p.price
            lines[i].floorPrice = p.floor
            if lines[i].unitPrice == nil {
                lines[i].unitPrice = p.price
                _ = try AmountOverflow.naming("lines[\(i)].quantity") { try MoneyRounding.cny.value(of: lines[i].quantity, at: p.price) }
            }
            guard let price = lines[i].unitPrice, price < p.floor, ctx.principal != nil else { continue }
            if price.units == 0, reason != nil { continue }
            if let ol = lines[i].orderLineId, let line = try? await OrderService.line(ol, ctx), line.order.partnerId == partner?.id {
                let line = line.line
                let approved = UnitPrice(
                    units: Int64(
                        clamping: ScaledDecimal.divideRounded(Int128(line.unitPrice) * Int128(lines[i].factor.units), Int128(line.factor))))
                if price >= approved { continue }
            }
            let code = products[lines[i].productId]?.code ?? ""
            throw DomainError.invalid(
                "lines[\(i)].unitPrice", code: "price_below_floor", args: [code, price.description, p.floor.description])
        }
    }

    struct Valid {
        var type: StockDocumentType
        var postingDate: String
        var partnerId: Int64?
        var branchId: Int64
        var branchCode: String
        var reason: String?
        var note: String?
        var orderId: Int64?
        var lines: [ValidLine]
        /// What validation loaded and posting needs again.
        var products: [Int64: ProductRow]
        var scopes: CostingScopes

        var record: InventoryWrites.Document {
            InventoryWrites.Document(
                type: type.rawValue, branchId: branchId, partnerId: partnerId, postingDate: postingDate, reason: reason, note: note,
                orderId: orderId)
        }
    }

    static func validate(_ input: Input, documentId: Int64?, scope: RowScope, _ ctx: ServiceContext) async throws -> Valid {
        let type = try Validate.oneOf(input.type, "type", as: StockDocumentType.self)
        guard let date = input.postingDate, !date.isEmpty else { throw DomainError.required("postingDate") }
        guard Validate.isDate(date) else { throw DomainError.invalid("postingDate", code: "invalid_date") }
        let reason = try Validate.optional(input.reason, "reason", max: 200)
        let note = try Validate.optional(input.note, "note", max: 1000)
        // A return's partner is the one its lines were delivered to or received from (below).
        var partnerId: Int64?
        var partnerRow: PartnerRow?
        if type.needsPartner, type.returnsLineOf == nil {
            let partner = try await DealLines.party(input.partnerId, sales: !type.partnerIsSupplier, ctx)
            partnerRow = partner
            partnerId = partner.id
        } else if type.returnsLineOf == nil, let p = input.partnerId {
            partnerId = try await DealLines.visibleParty(p, ctx).id
        }
        let inputLines = input.lines ?? []
        guard !inputLines.isEmpty else { throw DomainError.required("lines") }
        guard inputLines.count <= 500 else { throw DomainError.invalid("lines", code: "too_many_lines", args: ["500"]) }
        let products = try await InventoryQueries.products(ids: inputLines.compactMap(\.productId), on: ctx.store)
        let units = try await InventoryQueries.units(of: Array(products.keys), on: ctx.store)
        let warehouses = try await InventoryQueries.warehouses(
            ids: inputLines.flatMap { [$0.warehouseId, $0.toWarehouseId].compactMap { $0 } }, on: ctx.store)
        let scopes = try await CostingScopes.load(ctx.store, warehouses: Array(warehouses.values))
        var lines: [ValidLine] = []
        var batchesSeen: [String: BatchQueries.BatchRow] = [:]
        var taken: [String: Quantity] = [:]
        for (i, l) in inputLines.enumerated() {
            let f = "lines[\(i)]"
            guard let pid = l.productId else { throw DomainError.required(f + ".productId") }
            guard let product = products[pid] else { throw DomainError.invalid(f + ".productId", code: "not_found") }
            if !product.active { throw DomainError.invalid(f + ".productId", code: "product_inactive", args: [product.code]) }
            let unitName = (l.unit?.isEmpty ?? true) ? product.baseUnit : l.unit!
            guard let unit = units[pid]?.first(where: { $0.name == unitName }) else {
                throw DomainError.invalid(f + ".unit", code: "unknown_unit", args: [product.code, unitName])
            }
            guard let qty = try Validate.quantity(l.quantity, f + ".quantity", allowZero: type == .stockCount) else {
                throw DomainError.required(f + ".quantity")
            }
            let base = try Validate.base(
                qty, factor: Quantity(units: unit.factor), f + ".quantity",
                notExact: DomainError.invalid(
                    f + ".quantity", code: "not_exact_in_base", args: [product.code, qty.description, unitName, product.baseUnit]))
            guard let wid = l.warehouseId else { throw DomainError.required(f + ".warehouseId") }
            guard let wh = warehouses[wid], WarehouseService.usable(wh, scope: scope, principal: ctx.principal) else {
                throw DomainError.invalid(f + ".warehouseId", code: "not_found")
            }
            var toWarehouse: Int64?
            if type == .transfer {
                guard let to = l.toWarehouseId else { throw DomainError.required(f + ".toWarehouseId") }
                guard let toWh = warehouses[to], WarehouseService.usable(toWh, scope: scope, principal: ctx.principal) else {
                    throw DomainError.invalid(f + ".toWarehouseId", code: "not_found")
                }
                guard to != wid else { throw DomainError.invalid(f + ".toWarehouseId", code: "same_warehouse") }
                guard scopes.key(warehouse: to) == scopes.key(warehouse: wid) else {
                    throw DomainError.invalid(f + ".toWarehouseId", code: "transfer_across_entities", args: [wh.name, toWh.name])
                }
                toWarehouse = to
            }
            var batch = try Validate.optional(l.batch, f + ".batch", max: 64)
            if product.tracking != "none" || product.costingMethod == CostingMethod.specific.rawValue, batch == nil,
                type.returnsLineOf == nil
            {
                // An issue that names no batch takes the one that expires first; a return, its original's (below).
                guard [.salesDelivery, .otherIssue, .transfer].contains(type), product.tracking == "batch" else {
                    throw DomainError.invalid(f + ".batch", code: "batch_required", args: [product.code])
                }
                batch = try await BatchService.firstToExpire(
                    product: product, warehouse: wid, need: base, date: date, sale: type == .salesDelivery, taken: taken, field: f,
                    ctx.store)
            }
            if type == .salesDelivery, let b = batch {
                try await BatchService.refuseExpired(product: product, batch: b, date: date, field: f, ctx.store)
            }
            if product.tracking == "serial", base != Quantity(1) {
                throw DomainError.invalid(f + ".quantity", code: "serial_is_one", args: [product.code])
            }
            var unitCost: UnitPrice?
            if type.takesUnitCost {
                guard let p = try Validate.unitPrice(l.unitCost, f + ".unitCost") else { throw DomainError.required(f + ".unitCost") }
                _ = try AmountOverflow.naming(f + ".quantity") { try MoneyRounding.cny.value(of: qty, at: p) }
                if p.units == 0, reason == nil { throw DomainError.invalid("reason", code: "zero_cost_needs_reason", args: [product.code]) }
                unitCost = p
            }
            var unitPrice: UnitPrice?
            if type == .salesDelivery, l.unitPrice?.isEmpty ?? true {
                // No price typed: the order line's, else the price list's (below).
                if let ol = l.orderLineId, let line = try? await OrderService.line(ol, ctx), line.order.partnerId == partnerId {
                    let line = line.line
                    unitPrice = UnitPrice(
                        units: try AmountOverflow.naming(f + ".unit") {
                            try Checked.narrow(
                                ScaledDecimal.divideRounded(Int128(line.unitPrice) * Int128(unit.factor), Int128(line.factor)))
                        })
                }
            } else if type.takesUnitPrice {
                guard let p = try Validate.unitPrice(l.unitPrice, f + ".unitPrice") else { throw DomainError.required(f + ".unitPrice") }
                if p.units == 0, reason == nil {
                    throw DomainError.invalid("reason", code: "zero_price_needs_reason", args: [product.code])
                }
                unitPrice = p
            } else if let p = try Validate.unitPrice(l.unitPrice, f + ".unitPrice") {
                unitPrice = p
            }
            if let p = unitPrice { _ = try AmountOverflow.naming(f + ".quantity") { try MoneyRounding.cny.value(of: qty, at: p) } }
            var returnOf: Int64?
            if let originalType = type.returnsLineOf {
                guard let r = l.returnOfLineId else { throw DomainError.required(f + ".returnOfLineId") }
                // The line returned is one the user may see; it fixes the partner and the price.
                guard let original = try await InventoryQueries.line(r, on: ctx.store),
                    let originalDoc = try await InventoryQueries.document(original.documentId, on: ctx.store),
                    ctx.principal == nil
                        || ctx.principal?.rowScope(.stock, .view)?.contains(
                            branch: originalDoc.branchId, department: nil, owner: originalDoc.ownerId) == true
                else { throw DomainError.invalid(f + ".returnOfLineId", code: "not_found") }
                guard originalDoc.docType == originalType.rawValue,
                    StockDocumentFlow.rule(.returnLines).from.contains(stored: originalDoc.status),
                    original.productId == pid
                else {
                    throw DomainError.invalid(f + ".returnOfLineId", code: "not_returnable")
                }
                let returnedTo = originalDoc.partnerId
                if let given = input.partnerId, given != returnedTo {
                    throw DomainError.invalid("partnerId", code: "return_other_partner", args: [originalDoc.number])
                }
                if let p = partnerId, p != returnedTo {
                    throw DomainError.invalid(f + ".returnOfLineId", code: "return_other_partner", args: [originalDoc.number])
                }
                partnerId = returnedTo
                // What it comes back at is what it went out at: the original's price in the same unit, never the body's.
                unitPrice = type == .salesReturn && original.unit == unitName ? original.unitPrice.map { UnitPrice(units: $0) } : nil
                let returned =
                    try await postedReturnedQty(of: r, excludingDocument: documentId, ctx.store)
                    + Quantity.sum(lines.filter { $0.returnOfLineId == r }.map(\.baseQty))
                let left = try Quantity(units: original.baseQty) - returned
                if base > left {
                    throw DomainError.invalid(
                        f + ".quantity", code: "return_exceeds", args: [product.code, left.description, product.baseUnit])
                }
                if batch == nil { batch = original.batch }
                if (original.batch ?? "") != (batch ?? "") {
                    throw DomainError.invalid(f + ".batch", code: "return_batch_differs", args: [original.batch ?? ""])
                }
                returnOf = r
            }
            var bookQty: Quantity?
            if type == .stockCount {
                // The book quantity is frozen when the count is recorded.
                let b = try await Ledger.balance(product: pid, warehouse: wid, batch: batch ?? "", on: ctx.store)
                bookQty = Quantity(units: b?.qty ?? 0)
            }
            let batchDates = try await BatchService.dates(
                production: l.productionDate, expiry: l.expiryDate, field: f, type: type, product: product, batch: batch,
                seen: &batchesSeen, ctx.store)
            if let b = batch { taken["\(pid)|\(wid)|\(b)", default: .zero] = try taken["\(pid)|\(wid)|\(b)", default: .zero] + base }
            lines.append(
                ValidLine(
                    productId: pid, unit: unitName, factor: Quantity(units: unit.factor), quantity: qty, baseQty: base, warehouseId: wid,
                    toWarehouseId: toWarehouse, batch: batch, unitCost: unitCost, unitPrice: unitPrice, returnOfLineId: returnOf,
                    orderLineId: l.orderLineId, bookQty: bookQty, batchDates: batchDates))
        }
        if type.needsPartner, partnerId == nil { throw DomainError.required("partnerId") }
        // The order a document fulfils, and every order line it consumes, are the user's to see and the partner's own.
        var orderId: Int64?
        if let o = input.orderId {
            let kind: OrderService.Kind = type.partnerIsSupplier ? .purchase : .sales
            guard [.purchaseReceipt, .salesDelivery].contains(type), let order = try? await OrderService.find(o, kind: kind, ctx),
                order.order.partnerId == partnerId
            else {
                throw DomainError.invalid("orderId", code: "not_found")
            }
            orderId = order.order.id
        }
        if type == .salesDelivery {
            try await priceDelivery(&lines, partner: partnerRow, date: date, reason: reason, products: products, ctx)
        }
        let fromOrders = lines.enumerated().compactMap { i, l in
            l.orderLineId.map { (index: i, orderLine: $0, product: l.productId, qty: l.baseQty) }
        }
        if !fromOrders.isEmpty { try await OrderService.checkOrderLines(type, fromOrders, partner: partnerId, order: orderId, ctx) }
        // A document belongs to the branch its goods leave from (or arrive at), never one named in
        // the request; split over the branches of one set of books, it belongs to that entity.
        let branches = Set(lines.compactMap { warehouses[$0.warehouseId]?.branchId })
        let entities = Set(branches.map { scopes.entity(ofBranch: $0) })
        guard entities.count == 1, let entity = entities.first else {
            throw DomainError.invalid("lines", code: "lines_in_several_branches")
        }
        let branchId = branches.count == 1 ? branches.first! : entity
        if let named = input.branchId, named != branchId { throw DomainError.invalid("branchId", code: "branch_follows_warehouses") }
        guard let branch = scopes.branches[branchId] else { throw DomainError.invalid("branchId", code: "not_found") }
        return Valid(
            type: type, postingDate: date, partnerId: partnerId, branchId: branchId, branchCode: branch.code, reason: reason, note: note,
            orderId: orderId, lines: lines, products: products, scopes: scopes)
    }

    static func postedReturnedQty(of line: Int64, excludingDocument: Int64?, _ store: Store) async throws -> Quantity {
        Quantity(units: try await InventoryQueries.returned(ofLine: line, excludingDocument: excludingDocument, on: store))
    }

    /// Inserts the lines in one statement and answers them as stored. A line with a unit price
    /// carries its amount (quantity x price of the entered unit, in fen) from the start.
    static func insertLines(_ documentId: Int64, _ lines: [ValidLine], _ ctx: ServiceContext) async throws -> [StockLineRow] {
        var records: [InventoryWrites.DocumentLine] = []
        for (i, l) in lines.enumerated() {
            let amount = try AmountOverflow.naming("lines[\(i)].unitPrice") {
                try l.unitPrice.map { try MoneyRounding.cny.value(of: l.quantity, at: $0).fen }
            }
            let listAmount = try AmountOverflow.naming("lines[\(i)].quantity") {
                try l.listPrice.map { try MoneyRounding.cny.value(of: l.quantity, at: $0).fen }
            }
            records.append(
                InventoryWrites.DocumentLine(
                    productId: l.productId, unit: l.unit, factor: l.factor.units, quantity: l.quantity.units, baseQty: l.baseQty.units,
                    warehouseId: l.warehouseId, toWarehouseId: l.toWarehouseId, batch: l.batch, unitCost: l.unitCost?.units,
                    unitPrice: l.unitPrice?.units, returnOfLineId: l.returnOfLineId, orderLineId: l.orderLineId, bookQty: l.bookQty?.units,
                    amount: amount, listPrice: l.listPrice?.units, listAmount: listAmount, floorPrice: l.floorPrice?.units))
        }
        for d in lines.compactMap(\.batchDates) { try await BatchQueries.record(d, at: ctx.nowMillis, on: ctx.store) }
        var rows = try await InventoryWrites.insertLines(document: documentId, records, on: ctx.store)
        // The lines answer with their batches' dates, as they read back.
        for pid in Set(rows.filter { $0.batch != nil }.map(\.productId)) {
            let dates = try await BatchQueries.dates(
                product: pid, batches: rows.filter { $0.productId == pid }.compactMap(\.batch), on: ctx.store)
            for i in rows.indices where rows[i].productId == pid {
                guard let d = rows[i].batch.flatMap({ dates[$0] }) else { continue }
                rows[i].productionDate = d.productionDate
                rows[i].expiryDate = d.expiryDate
            }
        }
        return rows
    }

    static func snapshot(_ d: Details) -> [String: String?] {
        let doc = d.document
        return [
            "number": doc.number, "type": doc.docType, "status": doc.status, "postingDate": doc.postingDate,
            "partnerId": doc.partnerId.map(String.init),
            "reason": doc.reason, "note": doc.note,
            "lines": d.lines.map { "\($0.productId)×\(Quantity(units: $0.quantity))\($0.unit)@\($0.warehouseId)" }.joined(separator: "; "),
        ]
    }
}
