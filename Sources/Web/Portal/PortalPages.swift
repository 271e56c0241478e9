import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Views

/// 经销商门户: the distributor's own account, orders from its price list, deliveries, statement
/// and weekly stock report. Every page answers for the signed-in distributor only.
enum PortalPages {
    static func money(_ v: Int64) -> String { Money(fen: v).description }

    static func home(_ req: Request) async throws -> Response {
        let t = req.t
        let p = try await PortalService.partner(req.services)
        let st = try await PortalService.statement(
            from: String(StockPages.today(req).prefix(8)) + "01", to: StockPages.today(req), req.services)
        let orders = try await PortalService.orders(req.services).prefix(5)
        let html = CommonPages.detail(
            PageShell.context(req), title: p.name,
            actions: [PageAction(label: t("portal.order.new"), href: "/portal/orders/new", primary: true)],
            facts: [
                (t("portal.owed"), .text(money(st.open))),
                (t("portal.month_charges"), .text(money(try Checked.sum(st.lines.map(\.charge))))),
                (t("portal.month_paid"), .text(money(try Checked.sum(st.lines.map(\.payment))))),
            ]
        ) {
            h("section", ["class": "card"]) {
                h("h2") { t("portal.nav.orders") }
                if orders.isEmpty { h("p", ["class": "empty"]) { t("portal.no_orders") } }
                h("ul", ["class": "plain"]) {
                    for o in orders {
                        h("li") {
                            CommonPages.link(o.number, "/portal/orders/\(o.id)");
                            " · " + o.orderDate + " · " + t("order.status." + o.status)
                        }
                    }
                }
            }
        }
        return PageShell.page(req, html)
    }

    static func orders(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await PortalService.orders(req.services)
        let model = ListModel(
            basePath: "/portal/orders", query: nil, filters: [],
            columns: [.init(t("stock.number")), .init(t("order.date")), .init(t("common.status"))],
            rows: rows.map {
                [CommonPages.link($0.number, "/portal/orders/\($0.id)"), .text($0.orderDate), .text(t("order.status." + $0.status))]
            },
            nextCursor: nil, emptyText: t("portal.no_orders"), searchable: false)
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("portal.nav.orders"),
                actions: [PageAction(label: t("portal.order.new"), href: "/portal/orders/new", primary: true)], model))
    }

    static func newOrder(_ req: Request) async throws -> Response { try await orderForm(req, error: nil) }

    static func orderForm(_ req: Request, error: (any Error)?) async throws -> Response {
        let t = req.t
        let catalog = try await PortalService.catalog(req.services)
        let err = DealForms.errorOf(error, req)
        let html = Layout.page(PageShell.context(req), title: t("portal.order.new")) {
            if catalog.isEmpty {
                h("p", ["class": "empty"]) { t("portal.no_catalog") }
            } else {
                h("form", ["method": "post", "action": "/portal/orders", "class": "form wide"]) {
                    Layout.csrfField(req.state.csrf)
                    if let err { h("p", ["class": "form-error", "role": "alert"]) { err.message } }
                    h("table", ["class": "data lines"]) {
                        h("thead") {
                            h("tr") {
                                h("th") { t("deal.product") }; h("th") { t("stock.unit") }; h("th") { t("price.price") };
                                h("th") { t("stock.quantity") }
                            }
                        }
                        h("tbody") {
                            for (i, c) in catalog.enumerated() {
                                h("tr") {
                                    h("td") { c.product.code + " " + c.product.name }; h("td") { c.unit };
                                    h("td", ["class": "num"]) { c.price.description }
                                    h("td") {
                                        h("input", ["type": "hidden", "name": "lines[\(i)][productId]", "value": String(c.product.id)])
                                        h("input", ["type": "hidden", "name": "lines[\(i)][unit]", "value": c.unit])
                                        h(
                                            "input",
                                            [
                                                "name": "lines[\(i)][quantity]", "inputmode": "decimal", "size": "6",
                                                "aria-label": t("stock.quantity") + " " + c.product.name,
                                            ])
                                    }
                                }
                            }
                        }
                    }
                    FormKit.footer(note: nil, cancel: "/portal/orders", t)
                }
            }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func placeOrder(_ req: Request) async throws -> Response {
        struct L: Content { var productId: String?; var unit: String?; var quantity: String? }
        struct F: Content { var note: String?; var lines: [L]? }
        let f = try req.content.decode(F.self)
        do {
            let d = try await PortalService.placeOrder(
                (f.lines ?? []).map { .init(productId: PageShell.id($0.productId), unit: $0.unit, quantity: $0.quantity) },
                note: f.note, req.services)
            return PageShell.redirect(req, to: "/portal/orders/\(d.order.id)", flash: "portal.order.placed")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await orderForm(req, error: e)
        }
    }

    static func order(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await PortalService.order(try req.id(), req.services)
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let total = try d.lines.reduce(Money.zero) {
            try $0 + MoneyRounding.cny.value(of: Quantity(units: $1.quantity), at: UnitPrice(units: $1.unitPrice))
        }
        let html = CommonPages.detail(
            PageShell.context(req), title: t("portal.order.title", d.order.number),
            facts: [
                (t("order.date"), .text(d.order.orderDate)), (t("common.status"), .text(t("order.status." + d.order.status))),
                (t("deal.total"), .text(total.description + "（" + ChineseAmount.capitals(total) + "）")),
            ]
        ) {
            h("table", ["class": "data"]) {
                h("thead") {
                    h("tr") {
                        h("th") { t("deal.product") }; h("th") { t("stock.quantity") }; h("th") { t("price.price") };
                        h("th") { t("portal.delivered") }
                    }
                }
                h("tbody") {
                    for l in d.lines {
                        h("tr") {
                            h("td") { (products[l.productId]?.code ?? "") + " " + (products[l.productId]?.name ?? "") }
                            h("td") { "\(Quantity(units: l.quantity)) \(l.unit)" };
                            h("td", ["class": "num"]) { UnitPrice(units: l.unitPrice).description }
                            h("td") { "\(Quantity(units: l.doneQty)) \(products[l.productId]?.baseUnit ?? "")" }
                        }
                    }
                }
            }
        }
        return PageShell.page(req, html)
    }

    static func deliveries(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await PortalService.deliveries(req.services)
        let model = ListModel(
            basePath: "/portal/deliveries", query: nil, filters: [],
            columns: [.init(t("stock.number")), .init(t("stock.type")), .init(t("stock.posting_date"))],
            rows: rows.map {
                [CommonPages.link($0.number, "/portal/deliveries/\($0.id)"), .text(t("stock.type." + $0.docType)), .text($0.postingDate)]
            },
            nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("portal.nav.deliveries"), model))
    }

    static func delivery(_ req: Request) async throws -> Response {
        let t = req.t
        let (d, lines) = try await PortalService.delivery(try req.id(), req.services)
        let products = try await InventoryQueries.products(ids: lines.map(\.productId), on: req.store)
        let html = CommonPages.detail(
            PageShell.context(req), title: d.number,
            facts: [(t("stock.type"), .text(t("stock.type." + d.docType))), (t("stock.posting_date"), .text(d.postingDate))]
        ) {
            h("table", ["class": "data"]) {
                h("thead") {
                    h("tr") {
                        h("th") { t("deal.product") }; h("th") { t("stock.quantity") }; h("th") { t("stock.batch") };
                        h("th") { t("deal.amount") }
                    }
                }
                h("tbody") {
                    for l in lines {
                        h("tr") {
                            h("td") { (products[l.productId]?.code ?? "") + " " + (products[l.productId]?.name ?? "") }
                            h("td") { "\(Quantity(units: l.quantity)) \(l.unit)" }; h("td") { l.batch ?? "" };
                            h("td", ["class": "num"]) { money(l.amount ?? 0) }
                        }
                    }
                }
            }
        }
        return PageShell.page(req, html)
    }

    static func statement(_ req: Request) async throws -> Response {
        let t = req.t
        let today = StockPages.today(req)
        let fromText = req.query[String.self, at: "from"] ?? "", toText = req.query[String.self, at: "to"] ?? ""
        let from = Validate.isDate(fromText) ? fromText : String(today.prefix(8)) + "01", to = Validate.isDate(toText) ? toText : today
        let st = try await PortalService.statement(from: from, to: to, req.services)
        let html = Layout.page(PageShell.context(req), title: t("portal.nav.statement")) {
            h("form", ["method": "get", "action": "/portal/statement", "class": "filters"]) {
                FormKit.field("from", t("report.from"), from, type: "date"); FormKit.field("to", t("report.to"), to, type: "date")
                h("button", ["type": "submit"]) { t("action.filter") }
            }
            h("table", ["class": "data"]) {
                h("thead") {
                    h("tr") {
                        h("th") { t("invoice.date") }; h("th") { t("approval.document") }; h("th") { t("portal.charge") };
                        h("th") { t("portal.payment") }; h("th") { t("portal.balance") }
                    }
                }
                h("tbody") {
                    h("tr") {
                        h("td") { from }; h("td") { t("portal.opening") }; h("td") { "" }; h("td") { "" };
                        h("td", ["class": "num"]) { money(st.opening) }
                    }
                    for l in st.lines {
                        h("tr") {
                            h("td") { l.date }; h("td") { l.document + " · " + t("portal.kind." + l.kind) }
                            h("td", ["class": "num"]) { l.charge == 0 ? "" : money(l.charge) };
                            h("td", ["class": "num"]) { l.payment == 0 ? "" : money(l.payment) }
                            h("td", ["class": "num"]) { money(l.balance) }
                        }
                    }
                    h("tr") {
                        h("th") { to }; h("th") { t("portal.closing") }; h("th") { "" }; h("th") { "" };
                        h("th", ["class": "num"]) { money(st.closing) }
                    }
                }
            }
            h("p") { t("portal.owed") + "：" + money(st.open) }
        }
        return PageShell.page(req, html)
    }

    static func reports(_ req: Request) async throws -> Response { try await reportsPage(req, error: nil) }

    static func reportsPage(_ req: Request, error: (any Error)?) async throws -> Response {
        let t = req.t
        let catalog = try await PortalService.catalog(req.services)
        let rows = try await PortalService.reports(req.services)
        let products = try await InventoryQueries.products(ids: rows.map(\.productId) + catalog.map(\.product.id), on: req.store)
        let err = DealForms.errorOf(error, req)
        var seen = Set<Int64>()
        let items = catalog.filter { seen.insert($0.product.id).inserted }
        let html = Layout.page(PageShell.context(req), title: t("portal.nav.reports")) {
            h("section", ["class": "card"]) {
                h("h2") { t("portal.report.new", PortalService.week(of: StockPages.today(req))) }
                h("form", ["method": "post", "action": "/portal/reports", "class": "form wide"]) {
                    Layout.csrfField(req.state.csrf)
                    if let err { h("p", ["class": "form-error", "role": "alert"]) { err.message } }
                    h("table", ["class": "data lines"]) {
                        h("thead") {
                            h("tr") {
                                h("th") { t("deal.product") }; h("th") { t("portal.on_hand") }; h("th") { t("portal.sold") }
                            }
                        }
                        h("tbody") {
                            for (i, c) in items.enumerated() {
                                h("tr") {
                                    h("td") { c.product.code + " " + c.product.name + "（" + c.product.baseUnit + "）" }
                                    h("td") {
                                        h("input", ["type": "hidden", "name": "lines[\(i)][productId]", "value": String(c.product.id)])
                                        h(
                                            "input",
                                            [
                                                "name": "lines[\(i)][onHand]", "inputmode": "decimal", "size": "6",
                                                "aria-label": t("portal.on_hand") + " " + c.product.name,
                                            ])
                                    }
                                    h("td") {
                                        h(
                                            "input",
                                            [
                                                "name": "lines[\(i)][sold]", "inputmode": "decimal", "size": "6",
                                                "aria-label": t("portal.sold") + " " + c.product.name,
                                            ])
                                    }
                                }
                            }
                        }
                    }
                    h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("portal.report.send") } }
                }
            }
            h("table", ["class": "data"]) {
                h("thead") {
                    h("tr") {
                        h("th") { t("portal.week") }; h("th") { t("deal.product") }; h("th") { t("portal.on_hand") };
                        h("th") { t("portal.sold") }
                    }
                }
                h("tbody") {
                    for r in rows {
                        h("tr") {
                            h("td") { r.week }; h("td") { products[r.productId].map { $0.code + " " + $0.name } ?? "" }
                            h("td", ["class": "num"]) { Quantity(units: r.onHand).description };
                            h("td", ["class": "num"]) { Quantity(units: r.sold).description }
                        }
                    }
                }
            }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func sendReport(_ req: Request) async throws -> Response {
        struct L: Content { var productId: String?; var onHand: String?; var sold: String? }
        struct F: Content { var lines: [L]? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await PortalService.report(
                week: nil, (f.lines ?? []).map { .init(productId: PageShell.id($0.productId), onHand: $0.onHand, sold: $0.sold) },
                req.services)
            return PageShell.redirect(req, to: "/portal/reports", flash: "portal.report.saved")
        } catch let e as DomainError where e.kind == .invalid {
            return try await reportsPage(req, error: e)
        }
    }

    // MARK: head office

    static func channelStock(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await PortalService.channelStock(req.services)
        let partners = try await PageShell.names(.partners, rows.map(\.partnerId), req)
        let products = try await InventoryQueries.products(ids: rows.map(\.productId), on: req.store)
        let model = ListModel(
            basePath: "/channel/stock", query: nil, filters: [],
            columns: [
                .init(t("portal.distributor")), .init(t("portal.week")), .init(t("deal.product")), .init(t("portal.on_hand")),
                .init(t("portal.sold")), .init(t("portal.weeks_cover")),
            ],
            rows: rows.map { r in
                [
                    .text(partners[r.partnerId] ?? ""), .text(r.week), .text(products[r.productId].map { $0.code + " " + $0.name } ?? ""),
                    .text(Quantity(units: r.onHand).description), .text(Quantity(units: r.sold).description),
                    .text(
                        r.sold > 0
                            ? ScaledDecimal.format(
                                ScaledDecimal.divideRounded(Int128(r.onHand) * 10, Int128(r.sold)), scale: 1, minDecimals: 1) : "—"),
                ]
            }, nextCursor: nil, emptyText: t("portal.no_reports"), searchable: false)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("nav.channel_stock"), model))
    }

    struct UserForm: Content { var partnerId: String?; var username: String?; var displayName: String?; var password: String? }

    static func users(_ req: Request) async throws -> Response { try await usersPage(req, UserForm(), error: nil) }

    static func usersPage(_ req: Request, _ f: UserForm, error: (any Error)?) async throws -> Response {
        let t = req.t
        let rows = try await PortalService.users(req.services)
        let partners = try await PageShell.names(.partners, rows.compactMap(\.partnerId), req)
        let customers = try await DealForms.customers(req)
        let err = DealForms.errorOf(error, req)
        func e(_ n: String) -> String? { err?.field == n ? err?.message : nil }
        let model = ListModel(
            basePath: "/channel/portal-users", query: nil, filters: [],
            columns: [.init(t("user.username")), .init(t("user.display_name")), .init(t("portal.distributor"))],
            rows: rows.map { [.text($0.username), .text($0.displayName), .text($0.partnerId.flatMap { partners[$0] } ?? "")] },
            nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        let html = Layout.page(PageShell.context(req), title: t("nav.portal_users")) {
            ListView.render(model, t)
            h("section", ["class": "card"]) {
                h("h2") { t("portal.user.new") }
                h("form", ["method": "post", "action": "/channel/portal-users", "class": "form"]) {
                    Layout.csrfField(req.state.csrf)
                    FormKit.select(
                        "partnerId", t("portal.distributor"), customers, selected: f.partnerId, blank: "—", error: e("partnerId"))
                    FormKit.field("username", t("user.username"), f.username, required: true, error: e("username"))
                    FormKit.field("displayName", t("user.display_name"), f.displayName, required: true, error: e("displayName"))
                    FormKit.field("password", t("user.password"), nil, type: "password", required: true, error: e("password"))
                    h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("action.save") } }
                }
            }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func createUser(_ req: Request) async throws -> Response {
        let f = try req.content.decode(UserForm.self)
        do {
            _ = try await PortalService.createUser(
                partnerId: PageShell.id(f.partnerId), username: f.username, displayName: f.displayName, password: f.password, req.services)
            return PageShell.redirect(req, to: "/channel/portal-users", flash: "portal.user.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await usersPage(req, f, error: e)
        }
    }
}
