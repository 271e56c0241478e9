import DocumentsCore
import Foundation
import Kernel
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
        let err = DealForms.errorOf(error, req)
        var model = ListModel(
            basePath: "/branches/transfers", query: nil,
            filters: [
                .init(
                    name: "status", label: t("common.status"),
                    options: BranchTransferFlow.allStored.map { ($0, t("btransfer.status." + $0)) },
                    selected: status)
            ],
            columns: [
                .init(t("stock.number")), .init(t("btransfer.from")), .init(t("btransfer.to")), .init(t("btransfer.sent")),
                .init(t("btransfer.cost")),
                .init(t("btransfer.price")), .init(t("common.status")),
            ],
            rows: rows.items.map { r in
                [
                    CommonPages.link(r.number, "/branches/transfers/\(r.id)"), .text(names[r.fromBranchId] ?? ""),
                    .text(names[r.toBranchId] ?? ""), .text(r.sentDate),
                    .text(FormKit.money(r.totalCost)), .text(FormKit.money(r.totalAmount)),
                    CommonPages.badge(
                        t("btransfer.status." + r.status), r.status == BranchTransferFlow.State.inTransit.rawValue ? "pending" : "approved"),
                ]
            }, nextCursor: rows.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        var lines = f.lines ?? []
        while lines.count < 4 { lines.append(LineForm()) }
        let html = Layout.page(PageShell.context(req), title: t("nav.branch_transfers")) {
            ListView.render(model, t)
            if req.state.principal?.can(.stock, .create) == true {
                h("section", ["class": "card"]) {
                    h("h2") { t("btransfer.new") }
                    h("p", ["class": "muted"]) { t("btransfer.hint") }
                    h("form", ["method": "post", "action": "/branches/transfers", "class": "form"]) {
                        Layout.csrfField(req.state.csrf)
                        if let err, !["fromWarehouseId", "toWarehouseId", "date"].contains(err.field ?? "") {
                            h("p", ["class": "form-error", "role": "alert"]) { err.message }
                        }
                        let options = warehouses.map { (String($0.id), $0.name + "（" + (names[$0.branchId] ?? "") + "）") }
                        let fromOptions = warehouses.filter {
                            WarehouseService.usable($0, scope: sendScope, principal: req.state.principal)
                        }
                        .map { (String($0.id), $0.name + "（" + (names[$0.branchId] ?? "") + "）") }
                        FormKit.select(
                            "fromWarehouseId", t("btransfer.from_warehouse"), fromOptions, selected: f.fromWarehouseId, blank: "—",
                            error: err?.field == "fromWarehouseId" ? err?.message : nil)
                        FormKit.select(
                            "toWarehouseId", t("btransfer.to_warehouse"), options, selected: f.toWarehouseId, blank: "—",
                            error: err?.field == "toWarehouseId" ? err?.message : nil)
                        FormKit.field(
                            "date", t("btransfer.sent"), f.date, type: "date", required: true,
                            error: err?.field == "date" ? err?.message : nil)
                        h("table", ["class": "data lines"]) {
                            h("thead") {
                                h("tr") {
                                    h("th") { t("deal.product_code") }; h("th") { t("stock.unit") }; h("th") { t("stock.quantity") };
                                    h("th") { t("stock.batch") }
                                }
                            }
                            h("tbody") {
                                for (i, l) in lines.enumerated() {
                                    h("tr") {
                                        h("td") {
                                            h(
                                                "input",
                                                [
                                                    "name": "lines[\(i)][product]", "value": l.product ?? "", "size": "12",
                                                    "aria-label": t("deal.product_code"),
                                                ])
                                        }
                                        h("td") {
                                            h(
                                                "input",
                                                [
                                                    "name": "lines[\(i)][unit]", "value": l.unit ?? "", "size": "4",
                                                    "aria-label": t("stock.unit"),
                                                ])
                                        }
                                        h("td") {
                                            h(
                                                "input",
                                                [
                                                    "name": "lines[\(i)][quantity]", "value": l.quantity ?? "", "size": "6",
                                                    "inputmode": "decimal", "aria-label": t("stock.quantity"),
                                                ])
                                        }
                                        h("td") {
                                            h(
                                                "input",
                                                [
                                                    "name": "lines[\(i)][batch]", "value": l.batch ?? "", "size": "10",
                                                    "aria-label": t("stock.batch"),
                                                ])
                                        }
                                    }
                                }
                            }
                        }
                        h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("btransfer.send") } }
                    }
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("btransfer.rules") }
                if rules.isEmpty { h("p", ["class": "empty"]) { t("btransfer.no_rules") } }
                h("ul", ["class": "plain"]) {
                    for r in rules {
                        h("li") {
                            (names[r.fromBranchId] ?? "") + " → " + (names[r.toBranchId] ?? "") + "：" + t("btransfer.method." + r.method)
                                + (r.method == "cost_plus" ? " +" + Fmt.percent(r.markup) + "%" : "")
                        }
                    }
                }
                if req.state.principal?.can(.org, .edit) == true {
                    h("form", ["method": "post", "action": "/branches/transfer-prices", "class": "inline-form"]) {
                        Layout.csrfField(req.state.csrf)
                        let b = branches.map { (String($0.id), $0.name) }
                        FormKit.select("fromBranchId", t("btransfer.from"), b, selected: nil)
                        FormKit.select("toBranchId", t("btransfer.to"), b, selected: nil)
                        FormKit.select(
                            "method", t("btransfer.method"),
                            [("cost", t("btransfer.method.cost")), ("cost_plus", t("btransfer.method.cost_plus"))], selected: "cost_plus")
                        FormKit.field("markup", t("btransfer.markup"), "5")
                        h("button", ["type": "submit"]) { t("action.save") }
                    }
                }
            }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
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
            return PageShell.redirect(req, to: "/branches/transfers/\(d.transfer.id)", flash: "btransfer.sent_flash")
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
        let facts: [(String, Node)] = [
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
                    t("btransfer.open_delivery"), "/inventory/documents/\(x.deliveryId)",
                    if: PageShell.mayOpen(req, .stock, branch: x.fromBranchId, owner: nil))
            ),
            (
                t("btransfer.receipt"),
                CommonPages.link(
                    t("btransfer.open_receipt"), "/inventory/documents/\(x.receiptId)",
                    if: PageShell.mayOpen(req, .stock, branch: x.toBranchId, owner: nil))
            ),
        ]
        let html = CommonPages.detail(PageShell.context(req), title: t("btransfer.title", x.number), facts: facts) {
            h("table", ["class": "data"]) {
                h("thead") {
                    h("tr") {
                        h("th") { t("deal.product") }; h("th") { t("stock.quantity") }; h("th") { t("btransfer.cost") };
                        h("th") { t("btransfer.price") }
                    }
                }
                h("tbody") {
                    for l in d.lines {
                        h("tr") {
                            h("td") { (products[l.productId]?.code ?? "") + " " + (products[l.productId]?.name ?? "") }
                            h("td", ["class": "num"]) {
                                Quantity(units: l.baseQty).description + " " + (products[l.productId]?.baseUnit ?? "")
                            }
                            h("td", ["class": "num"]) { FormKit.money(l.cost) }; h("td", ["class": "num"]) { FormKit.money(l.amount) }
                        }
                    }
                }
            }
            if BranchTransferFlow.State(rawValue: x.status).map({
                BranchTransferFlow.allowedActions($0, grants: req.grants(on: .stock, branch: x.toBranchId, department: nil, owner: nil))
            })?.contains(.receive) == true {
                h("form", ["method": "post", "action": "/branches/transfers/\(x.id)/receive", "class": "inline-form"]) {
                    Layout.csrfField(req.state.csrf)
                    FormKit.field("date", t("btransfer.received"), StockPages.today(req), type: "date")
                    h("button", ["type": "submit", "class": "primary"]) { t("btransfer.receive") }
                }
            }
        }
        return PageShell.page(req, html)
    }

    static func receive(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct F: Content { var date: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await BranchTradeService.receive(id, date: f.date, req.services)
            return PageShell.redirect(req, to: "/branches/transfers/\(id)", flash: "btransfer.received_flash")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return PageShell.redirect(req, to: "/branches/transfers/\(id)", error: e)
        }
    }

    static func setRule(_ req: Request) async throws -> Response {
        struct F: Content { var fromBranchId: String?; var toBranchId: String?; var method: String?; var markup: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await BranchTradeService.setRule(
                from: PageShell.id(f.fromBranchId), to: PageShell.id(f.toBranchId), method: f.method, markup: f.markup, priceListId: nil,
                req.services)
            return PageShell.redirect(req, to: "/branches/transfers", flash: "btransfer.rule_saved")
        } catch let e as DomainError where e.kind == .invalid {
            return PageShell.redirect(req, to: "/branches/transfers", error: e)
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
        func drill(_ v: Int64, _ entity: Int64, _ m: String, _ figure: String) -> Node {
            CommonPages.link(money(v), "/branches/results/documents?entity=\(entity)&month=\(m)&figure=\(figure)")
        }
        let html = Layout.page(PageShell.context(req), title: t("nav.branch_results")) {
            h("form", ["method": "get", "action": "/branches/results", "class": "filters"]) {
                FormKit.field("from", t("report.from"), from)
                FormKit.field("to", t("report.to"), to)
                h("button", ["type": "submit"]) { t("action.filter") }
            }
            for m in r.months {
                h("section", ["class": "card"]) {
                    h("h2") { m }
                    h("table", ["class": "data"]) {
                        h("thead") {
                            h("tr") {
                                h("th") { t("results.entity") }; h("th") { t("results.revenue") }; h("th") { t("results.internal") };
                                h("th") { t("results.cogs") }
                                h("th") { t("results.gross") }; h("th") { t("results.expenses") }; h("th") { t("results.profit") };
                                h("th") { t("results.inter_ar") }
                                h("th") { t("results.inter_ap") }
                            }
                        }
                        h("tbody") {
                            for row in r.rows where row.month == m {
                                h("tr") {
                                    h("td") { names[row.entityId] ?? "" }
                                    h("td", ["class": "num"]) { drill(row.figures.revenue, row.entityId, m, "sales") }
                                    h("td", ["class": "num"]) { drill(row.figures.internalRevenue, row.entityId, m, "internal") }
                                    h("td", ["class": "num"]) { drill(row.figures.costOfGoods, row.entityId, m, "sales") }
                                    h("td", ["class": "num"]) { money(row.figures.grossProfit) }
                                    h("td", ["class": "num"]) { drill(row.figures.expenses, row.entityId, m, "expenses") }
                                    h("td", ["class": "num"]) { money(row.figures.profit) }
                                    h("td", ["class": "num"]) { money(row.interReceivable) };
                                    h("td", ["class": "num"]) { money(row.interPayable) }
                                }
                            }
                            if let e = r.eliminations.first(where: { $0.month == m }) {
                                h("tr", ["class": "warn"]) {
                                    h("td") { t("results.eliminated") }; h("td", ["class": "num"]) { "−" + money(e.revenue) };
                                    h("td", ["class": "num"]) { "−" + money(e.internalRevenue) }
                                    h("td", ["class": "num"]) { "−" + money(e.costOfGoods) };
                                    h("td", ["class": "num"]) { "−" + money(e.margin) }
                                    h("td") { "" }; h("td", ["class": "num"]) { "−" + money(e.margin) }
                                    h("td", ["class": "num"]) { "−" + money(e.balances) };
                                    h("td", ["class": "num"]) { "−" + money(e.balances) }
                                }
                            }
                            let c = r.consolidated[m] ?? BranchResults.Figures()
                            h("tr") {
                                h("th") { t("results.consolidated") }; h("th", ["class": "num"]) { money(c.revenue) };
                                h("th", ["class": "num"]) { money(c.internalRevenue) }
                                h("th", ["class": "num"]) { money(c.costOfGoods) }; h("th", ["class": "num"]) { money(c.grossProfit) };
                                h("th", ["class": "num"]) { money(c.expenses) }
                                h("th", ["class": "num"]) { money(c.profit) }; h("th") { "" }; h("th") { "" }
                            }
                        }
                    }
                    if let e = r.eliminations.first(where: { $0.month == m }), e.internalRevenue != 0 || e.unrealizedEnd != 0 {
                        h("p", ["class": "muted"]) {
                            t("results.eliminated_hint", money(e.internalRevenue), money(e.unrealizedEnd), money(e.unrealizedStart))
                        }
                        h("ul", ["class": "plain"]) {
                            for d in e.details {
                                h("li") {
                                    (names[d.fromEntity] ?? "") + " → " + (names[d.toEntity] ?? "") + " · "
                                        + (products[d.productId]?.name ?? "") + " · "
                                        + Quantity(units: d.quantity).description + " " + (products[d.productId]?.baseUnit ?? "") + " · "
                                        + money(d.unrealized)
                                }
                            }
                        }
                    }
                }
            }
        }
        return PageShell.page(req, html)
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
                    CommonPages.link($0.number, "/expenses/claims/\($0.id)"), .text($0.claimDate), .text($0.title),
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
                    CommonPages.link($0.number, "/inventory/documents/\($0.id)"), .text(t("stock.type." + $0.docType)),
                    .text($0.postingDate), .text($0.partner),
                    .text(FormKit.money($0.amount)), .text(FormKit.money($0.cost)),
                ]
            }
        }
        let model = ListModel(
            basePath: "/branches/results/documents", query: nil, filters: [], columns: columns, rows: rows, nextCursor: nil,
            emptyText: t("list.empty"), searchable: false)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("results.behind", month), model))
    }
}
