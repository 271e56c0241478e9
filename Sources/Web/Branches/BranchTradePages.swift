import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 分支机构调拨 and 经营成果 as pages: transfers between independently accounted branches (in
/// transit, send, receive, the transfer price per pair) and branch and consolidated results with
/// the documents behind every figure.
enum BranchTradePages {
    struct LineForm: Content { var product: String?; var unit: String?; var quantity: String?; var batch: String? }
    struct Form: Content {
        var fromWarehouseId: String?; var toWarehouseId: String?; var date: String?; var note: String?; var lines: [LineForm]?
    }

    static func list(_ req: Request) async throws -> Response { try await page(req, Form(date: StockPages.today(req)), error: nil) }

    static func page(_ req: Request, _ f: Form, error: (any Error)?) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let status = req.query[String.self, at: "status"]
        let rows = try await BranchTradeService.list(status: status, limit: limit, cursor: cursor, req.services)
        let branches = try await OrganisationQueries.branches(on: req.store)
        let names = Dictionary(uniqueKeysWithValues: branches.map { ($0.id, $0.name) })
        let warehouses = try await InventoryQueries.warehouses(on: req.store).filter(\.active)
        let sendScope = req.state.principal?.rowScope(.stock, .create) ?? .some(branches: [], departments: [], owner: 0)
        let rules = try await BranchTradeService.rules(req.services)
        var model = ListModel(
            basePath: Paths.Branches.transfers(), query: nil,
            filters: [
                .init(
                    name: "status", label: t("common.status"),
                    options: BranchTransferFlow.allStored.map { ($0, t("btransfer.status." + $0)) },
                    selected: status)
            ],
            columns: [
                .init(t("stock.number")), .init(t("btransfer.from")), .init(t("btransfer.to")), .init(t("btransfer.sent")),
                .init(t("btransfer.cost"), cost: true),
                .init(t("btransfer.price")), .init(t("common.status")),
            ],
            rows: rows.items.map { r in
                [
                    CommonPages.link(r.number, Paths.Branches.transfer(r.id)), .text(names[r.fromBranchId] ?? ""),
                    .text(names[r.toBranchId] ?? ""), .text(r.sentDate),
                    .text(FormKit.money(r.totalCost)), .text(FormKit.money(r.totalAmount)),
                    CommonPages.badge(
                        t("btransfer.status." + r.status), r.status == BranchTransferFlow.State.inTransit.rawValue ? "pending" : "approved"),
                ]
            }, nextCursor: rows.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        if !req.seesCosts { model.removeCosts() }
        var m = BranchTransfersModel(list: model)
        m.csrf = req.state.csrf
        if req.state.principal?.can(.stock, .create) == true {
            var send = BranchTransfersModel.Send()
            let label = { (w: WarehouseRow) in (String(w.id), w.name + "（" + (names[w.branchId] ?? "") + "）") }
            send.from = warehouses.filter { WarehouseService.usable($0, scope: sendScope, principal: req.state.principal) }.map(label)
            send.to = warehouses.map(label)
            send.fromId = f.fromWarehouseId
            send.toId = f.toWarehouseId
            send.date = f.date
            send.lines = (f.lines ?? []).map {
                .init(product: $0.product ?? "", unit: $0.unit ?? "", quantity: $0.quantity ?? "", batch: $0.batch ?? "")
            }
            while send.lines.count < 4 { send.lines.append(.init()) }
            send.error = DealForms.errorOf(error, req)
            m.send = send
        }
        m.rules = rules.map { r in
            (names[r.fromBranchId] ?? "") + " → " + (names[r.toBranchId] ?? "") + "：" + t("btransfer.method." + r.method)
                + (r.method == "cost_plus" ? " +" + Fmt.percent(r.markup) + "%" : "")
        }
        m.ruleBranches = req.state.principal?.can(.organisation, .edit) == true ? branches.map { (String($0.id), $0.name) } : []
        return PageShell.page(
            req, BranchTradeViews.transfers(try await ProductPicker.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func send(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            var lines: [BranchTradeService.LineInput] = []
            for l in f.lines ?? [] where !(l.product ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                let found = try await ProductLookup.line(l.product, unit: l.unit, index: lines.count, req.store)
                lines.append(
                    .init(
                        productId: found.productId, unit: found.unit, quantity: l.quantity, batch: (l.batch ?? "").isEmpty ? nil : l.batch))
            }
            let d = try await BranchTradeService.send(
                fromWarehouseId: PageShell.id(f.fromWarehouseId), toWarehouseId: PageShell.id(f.toWarehouseId), date: f.date,
                lines: lines, note: f.note, req.services)
            return PageShell.redirect(req, to: Paths.Branches.transfer(d.transfer.id), flash: "btransfer.sent_flash")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await page(req, f, error: e)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await BranchTradeService.find(try req.id(), req.services)
        let x = d.transfer
        let names = Dictionary(uniqueKeysWithValues: try await OrganisationQueries.branches(on: req.store).map { ($0.id, $0.name) })
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        var facts: [(String, Node)] = [
            (t("btransfer.from"), .text(names[x.fromBranchId] ?? "")), (t("btransfer.to"), .text(names[x.toBranchId] ?? "")),
            (
                t("common.status"),
                CommonPages.badge(
                    t("btransfer.status." + x.status), x.status == BranchTransferFlow.State.inTransit.rawValue ? "pending" : "approved")
            ),
            (t("btransfer.sent"), .text(x.sentDate)), (t("btransfer.received"), .text(x.receivedDate ?? "—")),
            (
                t("btransfer.method"),
                .text(t("btransfer.method." + x.method) + (x.method == "cost_plus" ? " +" + Fmt.percent(x.markup) + "%" : ""))
            ),
            (t("btransfer.cost"), .text(FormKit.money(x.totalCost))), (t("btransfer.price"), .text(FormKit.money(x.totalAmount))),
            (
                t("btransfer.delivery"),
                CommonPages.link(
                    t("btransfer.open_delivery"), Paths.Inventory.document(x.deliveryId),
                    if: PageShell.mayOpen(req, .stock, branch: x.fromBranchId, owner: nil))
            ),
            (
                t("btransfer.receipt"),
                CommonPages.link(
                    t("btransfer.open_receipt"), Paths.Inventory.document(x.receiptId),
                    if: PageShell.mayOpen(req, .stock, branch: x.toBranchId, owner: nil))
            ),
        ]
        if !req.seesCosts { facts.removeAll { $0.0 == t("btransfer.cost") } }
        var m = BranchTransferModel()
        m.showsCost = req.seesCosts
        m.id = x.id
        m.number = x.number
        m.facts = facts
        m.lines = d.lines.map { l in
            .init(
                product: products.label(l.productId),
                quantity: Quantity(units: l.baseQty).description + " " + (products[l.productId]?.baseUnit ?? ""),
                cost: FormKit.money(l.cost),
                amount: FormKit.money(l.amount))
        }
        let mayReceive =
            BranchTransferFlow.State(rawValue: x.status).map {
                BranchTransferFlow.allowedActions($0, grants: req.grants(on: .stock, branch: x.toBranchId, department: nil, owner: nil))
            }?.contains(.receive) == true
        m.receiveOn = mayReceive ? StockPages.today(req) : nil
        m.csrf = req.state.csrf
        return PageShell.page(req, BranchTradeViews.transfer(PageShell.context(req), m))
    }

    static func receive(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct F: Content { var date: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await BranchTradeService.receive(id, date: f.date, req.services)
            return PageShell.redirect(req, to: Paths.Branches.transfer(id), flash: "btransfer.received_flash")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Branches.transfer(id), error: e)
        }
    }

    static func setRule(_ req: Request) async throws -> Response {
        struct F: Content { var fromBranchId: String?; var toBranchId: String?; var method: String?; var markup: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await BranchTradeService.setRule(
                from: PageShell.id(f.fromBranchId), to: PageShell.id(f.toBranchId), method: f.method, markup: f.markup, priceListId: nil,
                req.services)
            return PageShell.redirect(req, to: Paths.Branches.transfers(), flash: "btransfer.rule_saved")
        } catch let e as DomainError where e.kind == .invalid {
            return PageShell.redirect(req, to: Paths.Branches.transfers(), error: e)
        }
    }

    // MARK: results

    static func results(_ req: Request) async throws -> Response {
        let t = req.t
        let this = String(StockPages.today(req).prefix(7))
        let fromText = req.query[String.self, at: "from"] ?? this, toText = req.query[String.self, at: "to"] ?? fromText
        let valid = { (s: String) in s.count == 7 && Validate.isDate(s + "-01") }
        let from = valid(fromText) ? fromText : this, to = valid(toText) && toText >= from ? toText : from
        let r = try await BranchResults.run(from: from, to: to, req.services)
        let names = Dictionary(uniqueKeysWithValues: try await OrganisationQueries.branches(on: req.store).map { ($0.id, $0.name) })
        let products = try await InventoryQueries.products(ids: r.eliminations.flatMap { $0.details.map(\.productId) }, on: req.store)
        func money(_ v: Int64) -> String { FormKit.money(v) }
        func drill(_ v: Int64, _ entity: Int64, _ month: String, _ figure: String) -> BranchResultsModel.Figure {
            .init(money(v), href: Paths.Branches.resultDocuments() + "?entity=\(entity)&month=\(month)&figure=\(figure)")
        }
        var model = BranchResultsModel()
        model.from = from
        model.to = to
        model.months = r.months.map { month in
            var m = BranchResultsModel.Month(month: month)
            m.rows = r.rows.filter { $0.month == month }.map { row in
                (
                    entity: names[row.entityId] ?? "",
                    figures: [
                        drill(row.figures.revenue, row.entityId, month, "sales"),
                        drill(row.figures.internalRevenue, row.entityId, month, "internal"),
                        drill(row.figures.costOfGoods, row.entityId, month, "sales"), .init(money(row.figures.grossProfit)),
                        drill(row.figures.expenses, row.entityId, month, "expenses"), .init(money(row.figures.profit)),
                        .init(money(row.interReceivable)), .init(money(row.interPayable)),
                    ]
                )
            }
            let e = r.eliminations.first { $0.month == month }
            m.eliminated = e.map { e in
                [e.revenue, e.internalRevenue, e.costOfGoods, e.margin].map(FormKit.subtracted) + ["", FormKit.subtracted(e.margin)]
                    + [e.balances, e.balances].map(FormKit.subtracted)
            }
            let c = r.consolidated[month] ?? BranchResults.Figures()
            m.consolidated = [c.revenue, c.internalRevenue, c.costOfGoods, c.grossProfit, c.expenses, c.profit].map(money) + ["", ""]
            if let e, e.internalRevenue != 0 || e.unrealizedEnd != 0 {
                m.hint = t("results.eliminated_hint", money(e.internalRevenue), money(e.unrealizedEnd), money(e.unrealizedStart))
                m.details = e.details.map { d in
                    (names[d.fromEntity] ?? "") + " → " + (names[d.toEntity] ?? "") + " · " + (products[d.productId]?.name ?? "") + " · "
                        + Quantity(units: d.quantity).description + " " + (products[d.productId]?.baseUnit ?? "") + " · "
                        + money(d.unrealized)
                }
            }
            return m
        }
        return PageShell.page(req, BranchTradeViews.results(PageShell.context(req), model))
    }

    /// The documents behind a figure: the entity's sales (deliveries and returns), its internal sales, or its expense claims in a month.
    static func documents(_ req: Request) async throws -> Response {
        let t = req.t
        guard let entity = PageShell.id(req.query[String.self, at: "entity"]), let month = req.query[String.self, at: "month"] else {
            throw DomainError(.badRequest, code: "wrong_type", field: "month", args: ["month"])
        }
        let figure = try Validate.oneOf(req.query[String.self, at: "figure"] ?? "sales", "figure", as: BranchResults.Figure.self)
        var rows: [[Node]] = []
        var columns: [ListModel.Column] = []
        switch try await BranchResults.behind(entity: entity, month: month, figure: figure, req.services) {
        case .expenses(let claims):
            columns = [.init(t("stock.number")), .init(t("expense.date")), .init(t("deal.title")), .init(t("deal.amount"))]
            rows = claims.map {
                [
                    CommonPages.link($0.number, Paths.Expenses.claim($0.id)), .text($0.claimDate), .text($0.title),
                    .text(FormKit.money($0.total)),
                ]
            }
        case .sales(let docs):
            columns = [
                .init(t("stock.number")), .init(t("stock.type")), .init(t("stock.posting_date")), .init(t("stock.partner")),
                .init(t("deal.amount")), .init(t("results.cogs")),
            ]
            rows = docs.map {
                [
                    CommonPages.link($0.number, Paths.Inventory.document($0.id)), .text(t("stock.type." + $0.docType)),
                    .text($0.postingDate), .text($0.partner),
                    .text(FormKit.money($0.amount)), .text(FormKit.money($0.cost)),
                ]
            }
        }
        let model = ListModel(
            basePath: Paths.Branches.resultDocuments(), query: nil, filters: [], columns: columns, rows: rows, nextCursor: nil,
            emptyText: t("list.empty"), searchable: false)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("results.behind", month), model))
    }
}
