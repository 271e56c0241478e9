import DocumentsCore
import Foundation
import InventoryCore
import Kernel
import Paths
import Persistence

/// The distributor portal (经销商门户): a distributor's people sign in as external users tied to
/// the distributor and see its account only: the products and prices of its price list, its
/// orders (placed here as drafts for head office to confirm), deliveries, what it owes and its
/// statement, and the weekly report of its stock on hand and sell-through. Anything else is a 404.
/// Head office sees the channel's stock from those reports.
public enum PortalService {
    /// The partner the signed-in external user belongs to, else 403.
    public static func partner(_ ctx: ServiceContext) async throws -> PartnerRow {
        guard let pid = ctx.principal?.partnerId, let p = try await InventoryQueries.partner(pid, on: ctx.store), p.active else {
            throw DomainError.forbidden
        }
        return p
    }

    // MARK: - Portal users (created by head office)

    public static func createUser(
        partnerId: Int64?, username: String?, displayName: String?, password: String?, _ ctx: ServiceContext
    ) async throws -> UserRow {
        try ctx.require(.users, .create)
        // Hashed before the transaction: a deliberately slow hash must not hold up other writes.
        // A refused password is reported where it always was, after the checks before it.
        let hashed = Result { try ctx.passwords.hash(Validate.password(password)) }
        return try await ctx.write { ctx in
            // Opening an account on a customer opens its prices, orders and statement: it needs the
            // right to edit that customer, and the new user lands in the customer's branch.
            guard let pid = partnerId, let p = try await InventoryQueries.partner(pid, on: ctx.store), p.isCustomer,
                p.internalBranchId == nil,
                (try? await CustomerService.findForEdit(pid, .edit, ctx)) != nil
            else {
                throw DomainError.invalid("partnerId", code: "not_found")
            }
            try ctx.requireReach(.users, .create, branch: p.branchId, field: "partnerId")
            let name = try Validate.code(username, "username").lowercased()
            if try await OrganisationQueries.user(username: name, on: ctx.store) != nil {
                throw DomainError.duplicate("username", value: name)
            }
            let display = try Validate.required(displayName, "displayName", max: 60)
            let hash = try hashed.get()
            let now = ctx.nowMillis
            let id = try await AccessWrites.insert(
                AccessWrites.User(
                    username: name, displayName: display, email: nil, phone: nil, branchId: p.branchId, departmentId: nil, managerId: nil,
                    locale: nil, active: true),
                passwordHash: hash, partner: pid, at: now, on: ctx.store)
            try await ctx.audit(
                "create_portal_user", "user", id, branch: p.branchId,
                [FieldChange("username", old: nil, new: name), FieldChange("partner", old: nil, new: p.name)])
            return try await OrganisationQueries.user(id, on: ctx.store)!
        }
    }

    public static func users(_ ctx: ServiceContext) async throws -> [UserRow] {
        let scope = try ctx.require(.users, .view)
        return try await PortalQueries.users(scope, on: ctx.store)
    }

    // MARK: - The distributor's side

    public struct CatalogItem: Sendable, Equatable {
        public var product: ProductRow
        public var unit: String
        public var price: UnitPrice
    }

    /// What the distributor may order: the items of the price lists that apply to it today.
    public static func catalog(_ ctx: ServiceContext) async throws -> [CatalogItem] {
        let p = try await partner(ctx)
        let today = CalendarDate.chinaDate(ctx.nowMillis)
        let regionId = PriceService.regionOf(p, try await PriceService.regions(ctx.store))
        let lists = try await PricingQueries.listsInForce(on: today, region: regionId, level: p.level, on: ctx.store)
        let items = try await PricingQueries.items(ofLists: lists.map(\.id), on: ctx.store)
        let products = try await InventoryQueries.products(ids: items.map(\.productId), on: ctx.store)
        let units = try await InventoryQueries.units(of: Array(products.keys), on: ctx.store)
        let keys: [(productId: Int64, unit: String, factor: Int64)] = Array(Set(items.map { "\($0.productId)|\($0.unit)" })).sorted()
            .compactMap { k in
                let parts = k.split(separator: "|")
                guard let pid = Int64(parts[0]), let u = units[pid]?.first(where: { $0.name == String(parts[1]) }) else { return nil }
                return (pid, u.name, u.factor)
            }
        let proposals = try await PriceService.propose(for: p, date: today, keys, products: products, ctx.store)
        return zip(keys, proposals).compactMap { k, prop in
            guard let product = products[k.productId], product.active else { return nil }
            return CatalogItem(product: product, unit: k.unit, price: prop.price)
        }.sorted { ($0.product.code, $0.unit) < ($1.product.code, $1.unit) }
    }

    public struct OrderLine: Sendable, Codable, Equatable {
        public var productId: Int64?
        public var unit: String?
        public var quantity: String?
        public init(productId: Int64? = nil, unit: String? = nil, quantity: String? = nil) {
            self.productId = productId
            self.unit = unit
            self.quantity = quantity
        }
    }

    /// Places an order at the price list's prices: a draft sales order head office confirms,
    /// shipped from the distributor's branch; its salesperson is told.
    public static func placeOrder(_ lines: [OrderLine], note: String?, _ ctx: ServiceContext) async throws -> OrderService.Details {
        let p = try await partner(ctx)
        let catalog = try await catalog(ctx)
        let chosen = lines.filter { !($0.quantity ?? "").isEmpty }
        guard !chosen.isEmpty else { throw DomainError.required("lines") }
        guard chosen.count <= Limits.lines else {
            throw DomainError.invalid("lines", code: "too_many", args: ["lines", String(Limits.lines)])
        }
        for (i, l) in chosen.enumerated() {
            guard catalog.contains(where: { $0.product.id == l.productId && $0.unit == (l.unit ?? $0.product.baseUnit) }) else {
                throw DomainError.invalid("lines[\(i)].productId", code: "not_in_price_list")
            }
        }
        let scopes = try await CostingScopes.load(ctx.store)
        let entity = scopes.entity(ofBranch: p.branchId)
        guard
            let warehouse = try await InventoryQueries.warehouses(on: ctx.store).filter({
                $0.active && scopes.entity(ofBranch: $0.branchId) == entity
            })
            .sorted(by: { ($0.branchId == p.branchId ? 0 : 1, $0.id) < ($1.branchId == p.branchId ? 0 : 1, $1.id) }).first
        else {
            throw DomainError(.conflict, code: "no_shipping_warehouse")
        }
        // The order is written by the system on the distributor's behalf: the distributor has no internal rights.
        // The order, its salesperson and the notice are one write: all of it or nothing.
        var sys = ctx
        sys.principal = nil
        return try await sys.write { sys in
            let ctx = sys
            let order = try await OrderService.create(
                kind: .sales,
                .init(
                    partnerId: p.id, orderDate: CalendarDate.chinaDate(ctx.nowMillis), note: try Validate.optional(note, "note", max: 500),
                    lines: chosen.map { .init(productId: $0.productId, unit: $0.unit, quantity: $0.quantity, warehouseId: warehouse.id) }),
                sys)
            try await InventoryWrites.setOwner(ofOrder: order.order.id, p.ownerId, on: ctx.store)
            if let owner = p.ownerId {
                try await NotificationService.send(
                    [
                        .init(
                            userId: owner, kind: "notify.portal.order", args: [p.name, order.order.number],
                            link: Paths.Inventory.order(order.order.id))
                    ],
                    ctx.store, at: ctx.nowMillis)
            }
            return try await OrderService.Details(order: InventoryQueries.order(order.order.id, on: ctx.store)!, lines: order.lines)
        }
    }

    public static func orders(_ ctx: ServiceContext) async throws -> [OrderRow] {
        let p = try await partner(ctx)
        return try await PortalQueries.orders(ofPartner: p.id, on: ctx.store)
    }

    public static func order(_ id: Int64, _ ctx: ServiceContext) async throws -> OrderService.Details {
        let p = try await partner(ctx)
        guard let o = try await InventoryQueries.order(id, on: ctx.store), o.partnerId == p.id else { throw DomainError.notFound }
        return OrderService.Details(order: o, lines: try await InventoryQueries.orderLines(of: id, on: ctx.store))
    }

    public static func deliveries(_ ctx: ServiceContext) async throws -> [StockDocumentRow] {
        let p = try await partner(ctx)
        return try await PortalQueries.deliveries(ofPartner: p.id, on: ctx.store)
    }

    public static func delivery(_ id: Int64, _ ctx: ServiceContext) async throws -> (StockDocumentRow, [StockLineRow]) {
        let p = try await partner(ctx)
        guard let d = try await InventoryQueries.document(id, on: ctx.store), d.partnerId == p.id,
            d.status == StockDocumentFlow.State.posted.rawValue,
            ["salesDelivery", "salesReturn"].contains(d.docType)
        else { throw DomainError.notFound }
        return (d, try await InventoryQueries.lines(of: id, on: ctx.store))
    }

    public struct StatementLine: Sendable, Equatable {
        public var date: String
        public var document: String
        public var kind: String
        public var charge: Int64
        public var payment: Int64
        public var balance: Int64
    }

    public struct Statement: Sendable {
        public var from: String
        public var to: String
        public var opening: Int64
        public var lines: [StatementLine]
        public var closing: Int64
        public var open: Int64
    }

    /// A statement of account: what was owed at the start, charges (deliveries, returns) and
    /// payments in the period, and what is owed at the end.
    public static func statement(from: String, to: String, _ ctx: ServiceContext) async throws -> Statement {
        let p = try await partner(ctx)
        let charges = try await PortalQueries.deliveryCharges(ofPartner: p.id, upTo: to, on: ctx.store)
        let invoiced = try await PortalQueries.invoiceCharges(ofPartner: p.id, upTo: to, on: ctx.store).filter { $0.amount != 0 }
        let payments = try await PortalQueries.collections(ofPartner: p.id, upTo: to, on: ctx.store)
        var events: [(String, String, String, Int64, Int64)] =
            charges.map {
                ($0.docDate, $0.docNumber, $0.source == "opening" ? "opening" : $0.amount < 0 ? "return" : "delivery", $0.amount, 0)
            }
            + invoiced.map { ($0.docDate, $0.docNumber, "invoice", $0.amount, 0) }
            + payments.map { ($0.paymentDate, $0.number, "payment", 0, $0.amount) }
        events.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var balance: Int64 = 0
        var opening: Int64 = 0
        var lines: [StatementLine] = []
        for e in events {
            balance = try balance.plus(e.3.minus(e.4))
            if e.0 < from { opening = balance; continue }
            lines.append(StatementLine(date: e.0, document: e.1, kind: e.2, charge: e.3, payment: e.4, balance: balance))
        }
        let open = try await PortalQueries.owed(byPartner: p.id, on: ctx.store)
        return Statement(from: from, to: to, opening: opening, lines: lines, closing: balance, open: open)
    }

    // MARK: - Weekly stock and sell-through

    public struct ReportLine: Sendable, Codable, Equatable {
        public var productId: Int64?
        public var onHand: String?
        public var sold: String?
        public init(productId: Int64? = nil, onHand: String? = nil, sold: String? = nil) {
            self.productId = productId
            self.onHand = onHand
            self.sold = sold
        }
    }

    /// The Monday of the week a date falls in.
    public static func week(of date: String) -> String { HQDashboard.start(of: .week, today: date) }

    /// Reports (or corrects) a week's stock on hand and sales per product, in base units.
    public static func report(week: String?, _ lines: [ReportLine], _ ctx: ServiceContext) async throws -> [ChannelReportRow] {
        let p = try await partner(ctx)
        return try await ctx.write { ctx in
            let day =
                try week.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.date($0, "week") } ?? CalendarDate.chinaDate(ctx.nowMillis)
            let monday = Self.week(of: day)
            let filled = lines.filter { !($0.onHand ?? "").isEmpty || !($0.sold ?? "").isEmpty }
            guard !filled.isEmpty else { throw DomainError.required("lines") }
            let products = try await InventoryQueries.products(ids: filled.compactMap(\.productId), on: ctx.store)
            for (i, l) in filled.enumerated() {
                guard let pid = l.productId, products[pid] != nil else {
                    throw DomainError.invalid("lines[\(i)].productId", code: "not_found")
                }
                func qty(_ s: String?, _ f: String) throws -> Int64 {
                    guard let s, !s.isEmpty else { return 0 }
                    return try Validate.quantity(s, "lines[\(i)].\(f)", allowZero: true)?.units ?? 0
                }
                let onHand = try qty(l.onHand, "onHand"), sold = try qty(l.sold, "sold")
                try await PortalWrites.report(
                    partner: p.id, week: monday, product: pid, onHand: onHand, sold: sold, by: ctx.principal?.userId, at: ctx.nowMillis,
                    on: ctx.store)
            }
            try await ctx.audit(
                "channel_report", "partner", p.id, branch: p.branchId,
                [
                    FieldChange("week", old: nil, new: monday),
                    FieldChange("lines", old: nil, new: String(filled.count)),
                ])
            return try await PortalQueries.reports(ofPartner: p.id, week: monday, on: ctx.store)
        }
    }

    public static func reports(_ ctx: ServiceContext) async throws -> [ChannelReportRow] {
        let p = try await partner(ctx)
        return try await PortalQueries.reports(ofPartner: p.id, on: ctx.store)
    }

    /// Head office's view of the channel: each distributor's latest reported week per product.
    public static func channelStock(_ ctx: ServiceContext) async throws -> [ChannelReportRow] {
        let scope = try ctx.require(.channel, .view)
        return try await PortalQueries.channelStock(scope, on: ctx.store)
    }
}
