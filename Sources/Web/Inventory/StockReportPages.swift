import Foundation
import InventoryCore
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// The stock reports as pages: on hand, one product's ledger, 收发存汇总表, level alerts,
/// gross margin, and the period close.
enum StockReportPages {
    static func warehouses(_ req: Request) async throws -> [WarehouseRow] {
        let scope = try req.services.require(.stock, .view)
        return try await InventoryQueries.warehouses(on: req.store).filter {
            scope.contains(branch: $0.branchId, department: nil, owner: nil)
        }
    }

    static func warehouseFilter(_ req: Request, _ all: [WarehouseRow]) -> (filter: ListModel.Filter, ids: [Int64]) {
        let selected = req.query[String.self, at: "warehouseId"]
        let ids = selected.flatMap(Int64.init).map { s in all.contains { $0.id == s } ? [s] : [] } ?? all.map(\.id)
        return (
            .init(name: "warehouseId", label: req.t("stock.warehouse"), options: all.map { (String($0.id), $0.name) }, selected: selected),
            ids
        )
    }

    static func balances(_ req: Request) async throws -> Response {
        let t = req.t
        let all = try await warehouses(req)
        let (filter, ids) = warehouseFilter(req, all)
        let (limit, cursor) = try req.paging()
        let q = req.query[String.self, at: "q"]
        let page = try await StockReports.balances(
            warehouses: ids, productId: nil, q: q, includeZero: false, limit: limit, cursor: cursor, on: req.store)
        let units = try await InventoryQueries.units(of: page.items.map(\.productId), on: req.store)
        var model = ListModel(
            basePath: Paths.Inventory.balances(), query: q, filters: [filter],
            columns: [
                .init(t("common.code")), .init(t("common.name")), .init(t("stock.warehouse")), .init(t("stock.batch")),
                .init(t("stock.quantity"), numeric: true), .init(t("stock.in_packs")), .init(t("stock.value"), numeric: true, cost: true),
                .init(t("stock.unit_cost"), numeric: true, cost: true),
            ],
            rows: page.items.map { b in
                let pack = units[b.productId]?.filter { $0.factor > Quantity.one }.max { $0.factor < $1.factor }.map {
                    ProductUnit(name: $0.name, factor: Quantity(units: $0.factor))
                }
                return [
                    CommonPages.link(b.code, Paths.Inventory.ledger() + "?productId=\(b.productId)"), .text(b.name), .text(b.warehouse),
                    .text(b.batch),
                    .text(Quantity(units: b.qty).description + " " + b.baseUnit),
                    .text(UnitConversion.packsAndLoose(Quantity(units: b.qty), pack: pack, baseName: b.baseUnit)),
                    .text(Money(fen: b.value).description),
                    .text(UnitPrice.display(value: Money(fen: b.value), per: Quantity(units: b.qty))),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.onLaterPage = cursor != nil
        if !req.seesCosts { model.removeCosts() }
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("report.balances"), actions: Exports.actions(req, .stock, Paths.Inventory.exportBalances),
                model))
    }

    static func ledger(_ req: Request) async throws -> Response {
        let t = req.t
        guard let productId = try APIID.query(req, "productId") else { throw DomainError.notFound }
        let product = try await ProductService.forStockReport(productId, req.services)
        let all = try await warehouses(req)
        let (filter, ids) = warehouseFilter(req, all)
        let from = try InventoryAPI.dateQuery(req, "from"), to = try InventoryAPI.dateQuery(req, "to")
        let r = try await StockReports.ledger(productId: productId, warehouses: ids, from: from, to: to, limit: 2000, on: req.store)
        var q = r.openingQty, v = r.openingValue
        var rows: [[Node]] = [
            [
                .text(from ?? ""), .text(t("report.opening")), .text(""), .text(""), .text(""), .text(""),
                .text(Quantity(units: q).description), .text(Money(fen: v).description),
            ]
        ]
        for l in r.lines {
            q = try q.plus(l.qty)
            v = try v.plus(l.value)
            rows.append([
                .text(l.postingDate), CommonPages.link(l.number, Paths.Inventory.document(l.documentId)), .text(t("report.kind." + l.kind)),
                .text(l.warehouse),
                .text(l.qty == 0 ? "" : Quantity(units: l.qty).description), .text(Money(fen: l.value).description),
                .text(Quantity(units: q).description), .text(Money(fen: v).description),
            ])
        }
        var model = ListModel(
            basePath: Paths.Inventory.ledger(), query: nil, filters: [filter],
            columns: [
                .init(t("stock.posting_date")), .init(t("stock.number")), .init(t("report.kind")), .init(t("stock.warehouse")),
                .init(t("stock.quantity"), numeric: true),
                .init(t("stock.value"), numeric: true, cost: true), .init(t("report.balance_qty"), numeric: true),
                .init(t("report.balance_value"), numeric: true, cost: true),
            ], rows: rows, nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        if !req.seesCosts { model.removeCosts() }
        // Each of the page's two forms sends the other's choices again: a filter never drops the rest.
        model.kept = [("productId", String(productId)), ("from", from ?? ""), ("to", to ?? "")]
        let intro = StockReportViews.dateRange(
            action: Paths.Inventory.ledger(), from: from ?? "", to: to ?? "",
            hidden: [("productId", String(productId))] + (filter.selected.map { [("warehouseId", $0)] } ?? []), t)
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("stock.ledger") + " · " + product.code + " " + product.name, intro: intro, model))
    }

    static func movement(_ req: Request) async throws -> Response {
        let t = req.t
        let all = try await warehouses(req)
        let (filter, ids) = warehouseFilter(req, all)
        let today = StockPages.today(req)
        let from = try InventoryAPI.dateQuery(req, "from") ?? String(today.prefix(8)) + "01"
        let to = try InventoryAPI.dateQuery(req, "to") ?? today
        let byWarehouse = req.query[String.self, at: "byWarehouse"] == "true"
        let names = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.name) })
        let rows = try await StockReports.movementSummary(from: from, to: to, warehouses: ids, byWarehouse: byWarehouse, on: req.store)
        func money(_ f: Int64) -> Node { .text(Money(fen: f).description) }
        func qty(_ u: Int64) -> Node { .text(Quantity(units: u).description) }
        var totals = (Int64(0), Int64(0), Int64(0), Int64(0))
        var body: [[Node]] = try rows.map { r in
            totals = (
                try totals.0.plus(r.openValue), try totals.1.plus(r.inValue), try totals.2.plus(r.outValue), try totals.3.plus(r.closeValue)
            )
            return [
                CommonPages.link(r.code, Paths.Inventory.ledger() + "?productId=\(r.productId)&from=\(from)&to=\(to)"),
                .text(r.name + (r.warehouseId.flatMap { names[$0] }.map { " · " + $0 } ?? "")), .text(r.baseUnit),
                qty(r.openQty), money(r.openValue), qty(r.inQty), money(r.inValue), qty(r.outQty), money(r.outValue), qty(r.closeQty),
                money(r.closeValue),
            ]
        }
        // The totals are sums of value (quantities of different products do not add up).
        if !rows.isEmpty && req.seesCosts {
            body.append([
                CommonPages.strong(t("report.total")), .text(""), .text(""), .text(""), money(totals.0), .text(""), money(totals.1),
                .text(""),
                money(totals.2), .text(""), money(totals.3),
            ])
        }
        var model = ListModel(
            basePath: Paths.Inventory.movement(), query: nil, filters: [filter],
            columns: [
                .init(t("common.code")), .init(t("common.name")), .init(t("product.base_unit")),
                .init(t("report.open_qty"), numeric: true), .init(t("report.open_value"), numeric: true, cost: true),
                .init(t("report.in_qty"), numeric: true),
                .init(t("report.in_value"), numeric: true, cost: true), .init(t("report.out_qty"), numeric: true),
                .init(t("report.out_value"), numeric: true, cost: true),
                .init(t("report.close_qty"), numeric: true), .init(t("report.close_value"), numeric: true, cost: true),
            ], rows: body, nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        if !req.seesCosts { model.removeCosts() }
        model.kept = [("from", from), ("to", to)] + (byWarehouse ? [("byWarehouse", "true")] : [])
        let intro = StockReportViews.dateRange(
            action: Paths.Inventory.movement(), from: from, to: to, hidden: filter.selected.map { [("warehouseId", $0)] } ?? [],
            checkbox: (name: "byWarehouse", label: t("report.by_warehouse"), checked: byWarehouse), t)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("report.movement"), intro: intro, model))
    }

    static func alerts(_ req: Request) async throws -> Response {
        let t = req.t
        let ids = try await warehouses(req).map(\.id)
        let below = try await StockReports.levelAlerts(below: true, warehouses: ids, on: req.store)
        let over = try await StockReports.levelAlerts(below: false, warehouses: ids, on: req.store)
        let canSeeProducts = req.state.principal?.can(.products, .view) == true
        func table(_ rows: [StockReports.LevelAlert]) -> ListModel {
            ListModel(
                basePath: Paths.Inventory.alerts(), query: nil,
                columns: [
                    .init(t("common.code")), .init(t("common.name")), .init(t("stock.warehouse")),
                    .init(t("stock.quantity"), numeric: true),
                    .init(t("report.safety"), numeric: true), .init(t("report.maximum"), numeric: true),
                ],
                rows: rows.map { a in
                    [
                        CommonPages.link(
                            a.code,
                            canSeeProducts ? Paths.Inventory.product(a.productId) : Paths.Inventory.ledger() + "?productId=\(a.productId)"
                        ), .text(a.name), .text(a.warehouse),
                        .text(Quantity(units: a.qty).description), .text(Quantity(units: a.safetyQty).description),
                        .text(a.maxQty.map { Quantity(units: $0).description } ?? "—"),
                    ]
                },
                nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        }
        return PageShell.page(req, StockReportViews.alerts(PageShell.context(req), below: table(below), over: table(over)))
    }

    /// Stock near or past its expiry (临期 / 过期), first to expire first: each product's own
    /// window from its shelf life, or a number of days picked for all.
    static func expiring(_ req: Request) async throws -> Response {
        let t = req.t
        let all = try await warehouses(req)
        let (filter, _) = warehouseFilter(req, all)
        let daysText = req.query[String.self, at: "days"]
        let days = daysText.flatMap { Int64($0) }
        let rows = try await BatchService.expiring(
            today: CalendarDate.today(req.concord.clock), days: days, warehouse: filter.selected.flatMap { Int64($0) }, req.services)
        let dayOptions: [(value: String, label: String)] = [7, 15, 30, 60, 90].map { (String($0), t("expiry.within_days", String($0))) }
        var model = ListModel(
            basePath: Paths.Inventory.expiring(), query: nil,
            filters: [filter, .init(name: "days", label: t("expiry.window"), options: dayOptions, selected: daysText)],
            columns: [
                .init(t("stock.expiry_date")), .init(t("expiry.days_left")), .init(t("common.code")), .init(t("common.name")),
                .init(t("stock.warehouse")), .init(t("stock.batch")), .init(t("stock.quantity"), numeric: true),
                .init(t("stock.production_date")), .init(t("stock.value"), numeric: true, cost: true),
            ],
            rows: rows.map { e in
                let r = e.row
                return [
                    .text(r.expiryDate),
                    CommonPages.badge(
                        e.state == .expired ? t("expiry.expired_days", String(-e.daysLeft)) : t("expiry.left_days", String(e.daysLeft)),
                        e.state == .expired ? "expired" : "near"),
                    CommonPages.link(r.code, Paths.Inventory.ledger() + "?productId=\(r.productId)&warehouseId=\(r.warehouseId)"),
                    .text(r.name), .text(r.warehouse), .text(r.batch), .text(Quantity(units: r.qty).description + " " + r.baseUnit),
                    .text(r.productionDate ?? "—"), .text(Money(fen: r.value).description),
                ]
            }, nextCursor: nil, emptyText: t("expiry.none"), searchable: false)
        if !req.seesCosts { model.removeCosts() }
        return PageShell.page(
            req, CommonPages.list(PageShell.context(req), title: t("report.expiring"), intro: .text(t("expiry.intro")), model))
    }

    static func margins(_ req: Request) async throws -> Response {
        let t = req.t
        let scope = try req.services.require(.costs, .view)
        let (limit, cursor) = try req.paging()
        let today = StockPages.today(req)
        let from = try InventoryAPI.dateQuery(req, "from") ?? String(today.prefix(8)) + "01"
        let to = try InventoryAPI.dateQuery(req, "to") ?? today
        let page = try await StockReports.margins(from: from, to: to, scope: scope, limit: limit, cursor: cursor, on: req.store)
        var model = ListModel(
            basePath: Paths.Inventory.margins(), query: nil,
            columns: [
                .init(t("stock.number")), .init(t("stock.posting_date")), .init(t("common.code")),
                .init(t("stock.quantity"), numeric: true),
                .init(t("report.revenue"), numeric: true), .init(t("report.cogs"), numeric: true), .init(t("report.margin"), numeric: true),
                .init(t("report.margin_rate"), numeric: true),
            ],
            rows: try page.items.map { m in
                let g = try m.margin()
                return [
                    CommonPages.link(m.number, Paths.Inventory.document(m.documentId)), .text(m.postingDate), .text(m.code + " " + m.name),
                    .text(Quantity(units: m.baseQty).description),
                    .text(g.revenue.description), .text(g.costOfGoods.description), .text(g.margin.description),
                    .text(g.rate.map { ScaledDecimal.format($0, scale: 2, minDecimals: 2) + "%" } ?? "—"),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        let intro = StockReportViews.dateRange(action: Paths.Inventory.margins(), from: from, to: to, t)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("report.margins"), intro: intro, model))
    }

    static func periods(_ req: Request) async throws -> Response {
        let t = req.t
        try req.services.require(.stock, .view)
        let branches = try await OrganisationQueries.branches(on: req.store).filter {
            $0.accounting == AccountingMode.independent.rawValue || $0.parentId == nil
        }
        var rows: [[Node]] = []
        for b in branches {
            let closed = try await PeriodService.closedThrough(entity: b.id, req.store)
            rows.append([.text(b.name), .text(closed ?? "—")])
        }
        let canClose = req.state.principal?.can(.stock, .approve) == true
        let list = ListModel(
            basePath: Paths.Inventory.periods(), query: nil, columns: [.init(t("period.entity")), .init(t("period.closed_through"))],
            rows: rows,
            nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        return PageShell.page(
            req,
            StockReportViews.periods(
                PageShell.context(req), list, entities: canClose ? branches.map { (String($0.id), $0.name) } : nil, csrf: req.state.csrf))
    }

    static func closePeriod(_ req: Request) async throws -> Response {
        struct F: Content { var entity: String?; var through: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await PeriodService.close(entity: PageShell.id(f.entity) ?? 0, through: f.through ?? "", req.services)
            return PageShell.redirect(req, to: Paths.Inventory.periods(), flash: "period.closed")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Inventory.periods(), error: e)
        }
    }
}
