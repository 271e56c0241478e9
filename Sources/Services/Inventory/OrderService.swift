import DocumentsCore
import Foundation
import InventoryCore
import Kernel
import Persistence

/// Purchase and sales orders: what was ordered, what is done (received or delivered through
/// stock documents naming the order line), what remains; and available-to-promise.
public enum OrderService {
    public enum Kind: String, Sendable, CaseIterable {
        case purchase, sales
        var prefix: String { self == .purchase ? "PO" : "SO" }
        public var documentType: StockDocumentType { self == .purchase ? .purchaseReceipt : .salesDelivery }
    }

    public typealias Status = OrderFlow.State

    public struct LineInput: Sendable, Codable, Equatable {
        public var productId: Int64?
        public var unit: String?
        public var quantity: String?
        public var unitPrice: String?
        public var warehouseId: Int64?
        public init(
            productId: Int64? = nil, unit: String? = nil, quantity: String? = nil, unitPrice: String? = nil, warehouseId: Int64? = nil
        ) {
            self.productId = productId
            self.unit = unit
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.warehouseId = warehouseId
        }
    }

    public struct Input: Sendable, Codable, Equatable {
        public var partnerId: Int64?
        public var orderDate: String?
        public var expectedDate: String?
        public var note: String?
        public var lines: [LineInput]?
        /// Custom field values by key (those not named stay).
        public var customFields: [String: String]?
        public init(
            partnerId: Int64? = nil, orderDate: String? = nil, expectedDate: String? = nil, note: String? = nil, lines: [LineInput]? = nil,
            customFields: [String: String]? = nil
        ) {
            self.customFields = customFields
            self.partnerId = partnerId
            self.orderDate = orderDate
            self.expectedDate = expectedDate
            self.note = note
            self.lines = lines
        }
    }

    public struct Details: Sendable, Equatable {
        public var order: OrderRow
        public var lines: [OrderLineRow]
        public var facts: OrderFlow.Facts { .init(hasDeliveries: lines.contains { $0.doneQty != 0 }) }
        public init(order: OrderRow, lines: [OrderLineRow]) {
            self.order = order
            self.lines = lines
        }
    }

    public static func find(_ id: Int64, kind: Kind, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.orders, .view)
        guard let o = try await InventoryQueries.order(id, on: ctx.store), o.kind == kind.rawValue,
            scope.contains(branch: o.branchId, department: nil, owner: o.ownerId)
        else { throw DomainError.notFound }
        return Details(order: o, lines: try await InventoryQueries.orderLines(of: id, on: ctx.store))
    }

    public static func list(kind: Kind, status: String?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<OrderRow>
    {
        let scope = try ctx.require(.orders, .view)
        let rows = try await InventoryQueries.orders(
            kind: kind.rawValue, scope, status: status, before: cursor?.id, limit: limit + 1, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func create(kind: Kind, _ input: Input, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.orders, .create)
        return try await ctx.write { ctx in
            let v = try await validate(kind: kind, input, scope: scope, ctx)
            let number = try await DocumentNumbers.issue(
                prefix: kind.prefix, branch: (v.branchId, v.branchCode), date: v.orderDate, table: "orders", on: ctx.store)
            let now = ctx.nowMillis
            let id = try await InventoryWrites.insert(
                v.record, lines: v.lines.map(\.record),
                number: number,
                kind: kind.rawValue, owner: ctx.principal?.userId ?? ctx.actor.userId, at: now, on: ctx.store)
            _ = try await CustomFieldService.apply(input.customFields, entity: .order, id: id, existing: "{}", ctx)
            let d = Details(
                order: try await InventoryQueries.order(id, on: ctx.store)!,
                lines: try await InventoryQueries.orderLines(of: id, on: ctx.store))
            try await ctx.audit(
                "create", kind.rawValue + "_order", id, branch: v.branchId, [FieldChange("number", old: nil, new: d.order.number)])
            return d
        }
    }

    public static func update(_ id: Int64, kind: Kind, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> Details {
        let scope = try ctx.require(.orders, .edit)
        return try await ctx.write { ctx in
            let old = try await find(id, kind: kind, ctx)
            try Validate.version(version, current: old.order.version)
            try ctx.reach(.orders, .edit, branch: old.order.branchId, department: nil, owner: old.order.ownerId)
            try OrderFlow.require(.edit, from: old.order.status, old.facts, number: old.order.number)
            let v = try await validate(kind: kind, input, scope: scope, ctx)
            try await InventoryWrites.update(order: id, v.record, lines: v.lines.map(\.record), at: ctx.nowMillis, on: ctx.store)
            _ = try await CustomFieldService.apply(
                input.customFields, entity: .order, id: id, existing: old.order.customValues ?? "{}", ctx)
            try await ctx.audit(
                "update", kind.rawValue + "_order", id, branch: old.order.branchId,
                [FieldChange("lines", old: String(old.lines.count), new: String(v.lines.count))])
            return Details(
                order: try await InventoryQueries.order(id, on: ctx.store)!,
                lines: try await InventoryQueries.orderLines(of: id, on: ctx.store))
        }
    }

    /// confirm, close or cancel: only through the named transitions (`OrderFlow.transitions`).
    public static func transition(_ id: Int64, kind: Kind, _ t: OrderFlow.Command, _ ctx: ServiceContext) async throws -> Details {
        // Confirming is approving; an order that needs approval (a purchase order under a rule, a
        // sales order under the floor) is submitted by whoever may edit it and its approvers decide.
        guard OrderFlow.transitions.contains(t), let right = OrderFlow.ownAction(t) else { throw DomainError.notFound }
        try ctx.require(.orders, right)
        return try await ctx.write { ctx in
            try await ctx.store.lock("orders", [id])
            let old = try await find(id, kind: kind, ctx)
            let o = old.order
            try ctx.reach(.orders, right, branch: o.branchId, department: nil, owner: o.ownerId)
            try OrderFlow.require(t, from: o.status, old.facts, number: o.number)
            let approvalType: ApprovalService.DocType = kind == .sales ? .salesOrder : .purchaseOrder
            var pending = false
            // A purchase order goes through the approval rules; a sales order priced under the
            // floor (and not made from an approved contract) too.
            var routed = t == .confirm && kind == .purchase
            if t == .confirm, kind == .sales, o.contractId == nil { routed = try await belowFloor(old, ctx) }
            switch t {
            case .cancel where OrderFlow.rule(.approve).from.contains(stored: o.status):
                try await ApprovalService.withdraw(approvalType, docId: id, ctx)
            case .confirm where routed:
                let amount = try old.lines.reduce(Money.zero) {
                    try $0 + MoneyRounding.cny.value(of: Quantity(units: $1.quantity), at: UnitPrice(units: $1.unitPrice))
                }
                pending =
                    try await ApprovalService.submit(approvalType, docId: id, number: o.number, branchId: o.branchId, amount: amount, ctx)
                    != nil
            default: break
            }
            // Confirming without an approval is approving it oneself.
            if t == .confirm, !pending { try ctx.require(.orders, .approve) }
            try await setStatus(o, t, pending: pending, audit: t == .confirm && pending ? "submit" : nil, ctx)
            return Details(order: try await InventoryQueries.order(id, on: ctx.store)!, lines: old.lines)
        }
    }

    /// The one place an order's state is written.
    static func setStatus(
        _ o: OrderRow, _ command: OrderFlow.Command, pending: Bool = false, audit: String? = nil, _ ctx: ServiceContext
    )
        async throws
    {
        let to = try OrderFlow.target(command, from: o.status, .init(hasDeliveries: false), number: o.number, pending: pending)
        try await InventoryWrites.setStatus(ofOrder: o.id, to, at: ctx.nowMillis, on: ctx.store)
        try await ctx.audit(
            audit ?? command.rawValue, o.kind + "_order", o.id, branch: o.branchId, [FieldChange("status", old: o.status, new: to.rawValue)]
        )
    }

    /// The approval of an order decided: approved confirms it, anything else returns it to draft.
    static func approvalDecided(_ id: Int64, status: String, _ ctx: ServiceContext) async throws {
        guard let o = try await InventoryQueries.order(id, on: ctx.store), OrderFlow.rule(.approve).from.contains(stored: o.status) else {
            return
        }
        try await setStatus(o, status == "approved" ? .approve : .reject, audit: "approval_" + status, ctx)
    }

    /// Whether a line is priced under its floor (the price system's, on the order date).
    static func belowFloor(_ d: Details, _ ctx: ServiceContext) async throws -> Bool {
        let partner = try await InventoryQueries.partner(d.order.partnerId, on: ctx.store)
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: ctx.store)
        let proposals = try await PriceService.propose(
            for: partner, date: d.order.orderDate, d.lines.map { ($0.productId, $0.unit, $0.factor) },
            products: products, ctx.store)
        return zip(d.lines, proposals).contains { UnitPrice(units: $0.unitPrice) < $1.floor }
    }

    /// An order line and its order, when the user may see the order (404 otherwise, as if it did not exist).
    public static func line(_ id: Int64, _ ctx: ServiceContext) async throws -> (line: OrderLineRow, order: OrderRow) {
        guard let ol = try await InventoryQueries.orderLine(id, on: ctx.store),
            let order = try await InventoryQueries.order(ol.orderId, on: ctx.store)
        else { throw DomainError.notFound }
        if let p = ctx.principal {
            guard p.rowScope(.orders, .view)?.contains(branch: order.branchId, department: nil, owner: order.ownerId) == true else {
                throw DomainError.notFound
            }
        }
        return (ol, order)
    }

    /// Stock document lines naming an order line must match it, belong to the document's partner
    /// (and order, when it names one) and not exceed what remains.
    static func checkOrderLines(
        _ type: StockDocumentType, _ lines: [(index: Int, orderLine: Int64, product: Int64, qty: Quantity)],
        partner: Int64?, order orderId: Int64?, _ ctx: ServiceContext
    ) async throws {
        var used: [Int64: Quantity] = [:]
        for l in lines {
            let f = "lines[\(l.index)].orderLineId"
            guard let (ol, order) = try? await line(l.orderLine, ctx), order.partnerId == partner, orderId == nil || order.id == orderId
            else {
                throw DomainError.invalid(f, code: "not_found")
            }
            let expected: StockDocumentType = order.kind == Kind.purchase.rawValue ? .purchaseReceipt : .salesDelivery
            guard expected == type, OrderFlow.rule(.fill).from.contains(stored: order.status), ol.productId == l.product else {
                throw DomainError.invalid(f, code: "order_line_mismatch", args: [order.number])
            }
            let already = used[l.orderLine] ?? .zero
            let remaining = try Quantity(units: ol.baseQty) - Quantity(units: ol.doneQty) - already
            if l.qty > remaining { throw DomainError.invalid(f, code: "order_line_exceeded", args: [order.number, remaining.description]) }
            used[l.orderLine] = try already + l.qty
        }
    }

    /// Marks orders whose every line is done as completed (and back when a cancellation reopens one).
    static func refreshStatus(orderLineIds: [Int64], _ ctx: ServiceContext) async throws {
        guard !orderLineIds.isEmpty else { return }
        for o in try await InventoryQueries.orders(ofLines: orderLineIds, on: ctx.store) {
            guard let order = try await InventoryQueries.order(o, on: ctx.store) else { continue }
            let lines = try await InventoryQueries.orderLines(of: o, on: ctx.store)
            let done = lines.allSatisfy { $0.doneQty >= $0.baseQty }
            if done, OrderFlow.rule(.complete).from.contains(stored: order.status) {
                try await setStatus(order, .complete, ctx)
            } else if !done, OrderFlow.rule(.reopen).from.contains(stored: order.status) {
                try await setStatus(order, .reopen, ctx)
            }
        }
    }

    public struct ATP: Codable, Sendable, Equatable {
        public var productId: Int64
        public var warehouseId: Int64
        public var onHand: Int64
        public var reserved: Int64
        public var incoming: Int64
        public var available: Int64
    }

    /// Available to promise per product and warehouse: on hand - reserved by confirmed sales
    /// orders + incoming on confirmed purchase orders.
    public static func availableToPromise(productId: Int64, _ ctx: ServiceContext) async throws -> [ATP] {
        let scope = try ctx.require(.stock, .view)
        let warehouses = try await InventoryQueries.warehouses(on: ctx.store).filter {
            scope.contains(branch: $0.branchId, department: nil, owner: nil)
        }
        let onHand = try await InventoryQueries.onHand(ofProduct: productId, on: ctx.store)
        let reserved = try await InventoryQueries.openOnOrders(ofProduct: productId, kind: Kind.sales.rawValue, on: ctx.store)
        let incoming = try await InventoryQueries.openOnOrders(ofProduct: productId, kind: Kind.purchase.rawValue, on: ctx.store)
        return warehouses.compactMap { w in
            let h = onHand[w.id] ?? 0
            let r = reserved[w.id] ?? 0
            let i = incoming[w.id] ?? 0
            if h == 0, r == 0, i == 0 { return nil }
            return ATP(productId: productId, warehouseId: w.id, onHand: h, reserved: r, incoming: i, available: h - r + i)
        }
    }

    struct ValidLine {
        var productId: Int64
        var unit: String
        var factor: Quantity
        var quantity: Quantity
        var baseQty: Quantity
        var unitPrice: UnitPrice
        var warehouseId: Int64
        var priceGiven = true
        var listPrice: UnitPrice?

        var record: InventoryWrites.OrderLine {
            InventoryWrites.OrderLine(
                productId: productId, unit: unit, factor: factor.units, quantity: quantity.units, baseQty: baseQty.units,
                unitPrice: unitPrice.units, warehouseId: warehouseId, listPrice: listPrice?.units)
        }
    }

    struct Valid {
        var partnerId: Int64
        var branchId: Int64
        var branchCode: String
        var orderDate: String
        var expectedDate: String?
        var note: String?
        var lines: [ValidLine]

        var record: InventoryWrites.Order {
            InventoryWrites.Order(partnerId: partnerId, branchId: branchId, orderDate: orderDate, expectedDate: expectedDate, note: note)
        }
    }

    static func validate(kind: Kind, _ input: Input, scope: RowScope, _ ctx: ServiceContext) async throws -> Valid {
        let partner = try await DealLines.party(input.partnerId, sales: kind == .sales, ctx)
        let pid = partner.id
        guard let date = input.orderDate, !date.isEmpty else { throw DomainError.required("orderDate") }
        guard Validate.isDate(date) else { throw DomainError.invalid("orderDate", code: "invalid_date") }
        if let e = input.expectedDate, !e.isEmpty, !Validate.isDate(e) { throw DomainError.invalid("expectedDate", code: "invalid_date") }
        let inputLines = input.lines ?? []
        guard !inputLines.isEmpty else { throw DomainError.required("lines") }
        guard inputLines.count <= Limits.lines else {
            throw DomainError.invalid("lines", code: "too_many", args: ["lines", String(Limits.lines)])
        }
        let products = try await InventoryQueries.products(ids: inputLines.compactMap(\.productId), on: ctx.store)
        let units = try await InventoryQueries.units(of: Array(products.keys), on: ctx.store)
        let warehouses = Dictionary(uniqueKeysWithValues: try await InventoryQueries.warehouses(on: ctx.store).map { ($0.id, $0) })
        var lines: [ValidLine] = []
        for (i, l) in inputLines.enumerated() {
            let f = "lines[\(i)]"
            guard let p = l.productId.flatMap({ products[$0] }) else {
                throw DomainError.invalid(f + ".productId", code: l.productId == nil ? "required" : "not_found", args: [f + ".productId"])
            }
            if !p.active { throw DomainError.invalid(f + ".productId", code: "product_inactive", args: [p.code]) }
            let unitName = (l.unit?.isEmpty ?? true) ? p.baseUnit : l.unit!
            guard let unit = units[p.id]?.first(where: { $0.name == unitName }) else {
                throw DomainError.invalid(f + ".unit", code: "unknown_unit", args: [p.code, unitName])
            }
            guard let q = try Validate.quantity(l.quantity, f + ".quantity") else {
                throw DomainError.invalid(f + ".quantity", code: "not_positive", args: [f + ".quantity"])
            }
            let base = try Validate.base(
                q, factor: Quantity(units: unit.factor), f + ".quantity",
                notExact: DomainError.invalid(
                    f + ".quantity", code: "not_exact_in_base", args: [p.code, q.description, unitName, p.baseUnit]))
            let price =
                try Validate.unitPrice(l.unitPrice, f + ".unitPrice")
                ?? AmountOverflow.naming(f + ".unit") {
                    try Validate.perUnit(kind == .sales ? p.salePrice : p.purchasePrice, factor: Quantity(units: unit.factor))
                }
            _ = try AmountOverflow.naming(f + ".quantity") { try MoneyRounding.cny.value(of: q, at: price) }
            guard let w = l.warehouseId, let wh = warehouses[w], WarehouseService.usable(wh, scope: scope, principal: ctx.principal) else {
                throw DomainError.invalid(
                    f + ".warehouseId", code: l.warehouseId == nil ? "required" : "not_found", args: [f + ".warehouseId"])
            }
            lines.append(
                ValidLine(
                    productId: p.id, unit: unitName, factor: Quantity(units: unit.factor), quantity: q, baseQty: base, unitPrice: price,
                    warehouseId: w,
                    priceGiven: !(l.unitPrice?.isEmpty ?? true)))
        }
        if kind == .sales {
            // Sales prices come from the price list when none is typed; each line keeps its list price.
            let proposals = try await PriceService.propose(
                for: partner, date: date, lines.map { ($0.productId, $0.unit, $0.factor.units) }, products: products, ctx.store)
            for i in lines.indices {
                lines[i].listPrice = proposals[i].price
                if !lines[i].priceGiven { lines[i].unitPrice = proposals[i].price }
            }
        }
        // The order belongs to the branch its warehouses are in (one entity's, when split over its branches).
        let scopes = try await CostingScopes.load(ctx.store, warehouses: lines.compactMap { warehouses[$0.warehouseId] })
        let branches = Set(lines.compactMap { warehouses[$0.warehouseId]?.branchId })
        let entities = Set(branches.map { scopes.entity(ofBranch: $0) })
        guard entities.count == 1, let entity = entities.first else {
            throw DomainError.invalid("lines", code: "lines_in_several_branches")
        }
        let branch = branches.count == 1 ? branches.first! : entity
        let code = try await OrganisationQueries.branch(branch, on: ctx.store)?.code ?? "HQ"
        return Valid(
            partnerId: pid, branchId: branch, branchCode: code, orderDate: date,
            expectedDate: input.expectedDate.flatMap { $0.isEmpty ? nil : $0 },
            note: try Validate.optional(input.note, "note", max: 1000), lines: lines)
    }
}
