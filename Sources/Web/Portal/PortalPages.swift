import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 经销商门户: the distributor's own account, orders from its price list, deliveries, statement
/// and weekly stock report. Every page answers for the signed-in distributor only.
enum PortalPages {
    static func home(_ req: Request) async throws -> Response {
        let p = try await PortalService.partner(req.services)
        let st = try await PortalService.statement(
            from: String(StockPages.today(req).prefix(8)) + "01", to: StockPages.today(req), req.services)
        var m = PortalViews.Home()
        m.name = p.name
        m.owed = FormKit.money(st.open)
        m.monthCharges = FormKit.money(try Checked.sum(st.lines.map(\.charge)))
        m.monthPaid = FormKit.money(try Checked.sum(st.lines.map(\.payment)))
        m.orders = try await PortalService.orders(req.services).prefix(5).map {
            (number: $0.number, href: Paths.Portal.order($0.id), date: $0.orderDate, status: $0.status)
        }
        return PageShell.page(req, PortalViews.home(PageShell.context(req), m))
    }

    static func orders(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await PortalService.orders(req.services)
        let model = ListModel(
            basePath: Paths.Portal.orders(), query: nil, filters: [],
            columns: [.init(t("stock.number")), .init(t("order.date")), .init(t("common.status"))],
            rows: rows.map {
                [CommonPages.link($0.number, Paths.Portal.order($0.id)), .text($0.orderDate), .text(PortalViews.orderStatus($0.status, t))]
            },
            nextCursor: nil, emptyText: t("portal.no_orders"), searchable: false)
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("portal.nav.orders"),
                actions: [PageAction(label: t("portal.order.new"), href: Paths.Portal.newOrder(), primary: true)], model))
    }

    static func newOrder(_ req: Request) async throws -> Response { try await orderForm(req, error: nil) }

    static func orderForm(_ req: Request, error: (any Error)?) async throws -> Response {
        var m = PortalViews.OrderForm()
        m.csrf = req.state.csrf
        m.items = try await PortalService.catalog(req.services).map {
            .init(
                productId: String($0.product.id), product: $0.product.code + " " + $0.product.name, productName: $0.product.name,
                unit: $0.unit, price: $0.price.description)
        }
        m.error = DealForms.errorOf(error, req)?.message
        return PageShell.page(req, PortalViews.orderForm(PageShell.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func placeOrder(_ req: Request) async throws -> Response {
        struct L: Content { var productId: String?; var unit: String?; var quantity: String? }
        struct F: Content { var note: String?; var lines: [L]? }
        let f = try req.content.decode(F.self)
        do {
            let d = try await PortalService.placeOrder(
                (f.lines ?? []).map { .init(productId: PageShell.id($0.productId), unit: $0.unit, quantity: $0.quantity) },
                note: f.note, req.services)
            return PageShell.redirect(req, to: Paths.Portal.order(d.order.id), flash: "portal.order.placed")
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
        var m = PortalViews.Document()
        m.title = t("portal.order.title", d.order.number)
        m.facts = [
            (t("order.date"), .text(d.order.orderDate)), (t("common.status"), .text(PortalViews.orderStatus(d.order.status, t))),
            (t("deal.total"), .text(total.description + "（" + ChineseAmount.capitals(total) + "）")),
        ]
        m.headers = [t("deal.product"), t("stock.quantity"), t("price.price"), t("portal.delivered")]
        m.lines = d.lines.map { l in
            [
                .text(products.label(l.productId)),
                .text("\(Quantity(units: l.quantity)) \(l.unit)"), .number(UnitPrice(units: l.unitPrice).description),
                .text("\(Quantity(units: l.doneQty)) \(products[l.productId]?.baseUnit ?? "")"),
            ]
        }
        return PageShell.page(req, PortalViews.document(PageShell.context(req), m))
    }

    static func deliveries(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await PortalService.deliveries(req.services)
        let model = ListModel(
            basePath: Paths.Portal.deliveries(), query: nil, filters: [],
            columns: [.init(t("stock.number")), .init(t("stock.type")), .init(t("stock.posting_date"))],
            rows: rows.map {
                [CommonPages.link($0.number, Paths.Portal.delivery($0.id)), .text(t("stock.type." + $0.docType)), .text($0.postingDate)]
            },
            nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("portal.nav.deliveries"), model))
    }

    static func delivery(_ req: Request) async throws -> Response {
        let t = req.t
        let (d, lines) = try await PortalService.delivery(try req.id(), req.services)
        let products = try await InventoryQueries.products(ids: lines.map(\.productId), on: req.store)
        var m = PortalViews.Document()
        m.title = d.number
        m.facts = [(t("stock.type"), .text(t("stock.type." + d.docType))), (t("stock.posting_date"), .text(d.postingDate))]
        m.headers = [t("deal.product"), t("stock.quantity"), t("stock.batch"), t("deal.amount")]
        m.lines = lines.map { l in
            [
                .text(products.label(l.productId)),
                .text("\(Quantity(units: l.quantity)) \(l.unit)"), .text(l.batch ?? ""), .number(FormKit.money(l.amount ?? 0)),
            ]
        }
        return PageShell.page(req, PortalViews.document(PageShell.context(req), m))
    }

    static func statement(_ req: Request) async throws -> Response {
        let t = req.t
        let today = StockPages.today(req)
        let fromText = req.query[String.self, at: "from"] ?? "", toText = req.query[String.self, at: "to"] ?? ""
        let from = Validate.isDate(fromText) ? fromText : String(today.prefix(8)) + "01", to = Validate.isDate(toText) ? toText : today
        let st = try await PortalService.statement(from: from, to: to, req.services)
        var m = PortalViews.Statement()
        m.from = from
        m.to = to
        m.opening = FormKit.money(st.opening)
        m.closing = FormKit.money(st.closing)
        m.owed = FormKit.money(st.open)
        m.lines = st.lines.map { l in
            .init(
                date: l.date, document: l.document + " · " + t("portal.kind." + l.kind),
                charge: l.charge == 0 ? "" : FormKit.money(l.charge),
                payment: l.payment == 0 ? "" : FormKit.money(l.payment), balance: FormKit.money(l.balance))
        }
        return PageShell.page(req, PortalViews.statement(PageShell.context(req), m))
    }

    static func reports(_ req: Request) async throws -> Response { try await reportsPage(req, error: nil) }

    static func reportsPage(_ req: Request, error: (any Error)?) async throws -> Response {
        let catalog = try await PortalService.catalog(req.services)
        let rows = try await PortalService.reports(req.services)
        let products = try await InventoryQueries.products(ids: rows.map(\.productId) + catalog.map(\.product.id), on: req.store)
        var seen = Set<Int64>()
        var m = PortalViews.Reports()
        m.csrf = req.state.csrf
        m.week = PortalService.week(of: StockPages.today(req))
        m.items = catalog.filter { seen.insert($0.product.id).inserted }.map { c in
            .init(
                productId: String(c.product.id), label: c.product.code + " " + c.product.name + "（" + c.product.baseUnit + "）",
                productName: c.product.name)
        }
        m.error = DealForms.errorOf(error, req)?.message
        m.history = rows.map { r in
            [
                r.week, products[r.productId].map { $0.code + " " + $0.name } ?? "", Quantity(units: r.onHand).description,
                Quantity(units: r.sold).description,
            ]
        }
        return PageShell.page(req, PortalViews.reports(PageShell.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func sendReport(_ req: Request) async throws -> Response {
        struct L: Content { var productId: String?; var onHand: String?; var sold: String? }
        struct F: Content { var lines: [L]? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await PortalService.report(
                week: nil, (f.lines ?? []).map { .init(productId: PageShell.id($0.productId), onHand: $0.onHand, sold: $0.sold) },
                req.services)
            return PageShell.redirect(req, to: Paths.Portal.reports(), flash: "portal.report.saved")
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
            basePath: Paths.Portal.channelStock(), query: nil, filters: [],
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
        let model = ListModel(
            basePath: Paths.Portal.users(), query: nil, filters: [],
            columns: [.init(t("user.username")), .init(t("user.display_name")), .init(t("portal.distributor"))],
            rows: rows.map { [.text($0.username), .text($0.displayName), .text($0.partnerId.flatMap { partners[$0] } ?? "")] },
            nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        var m = PortalViews.Users(list: model)
        m.csrf = req.state.csrf
        m.customers = customers
        m.partnerId = f.partnerId
        m.username = f.username
        m.displayName = f.displayName
        m.error = DealForms.errorOf(error, req)
        return PageShell.page(req, PortalViews.users(PageShell.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func createUser(_ req: Request) async throws -> Response {
        let f = try req.content.decode(UserForm.self)
        do {
            _ = try await PortalService.createUser(
                partnerId: PageShell.id(f.partnerId), username: f.username, displayName: f.displayName, password: f.password, req.services)
            return PageShell.redirect(req, to: Paths.Portal.users(), flash: "portal.user.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await usersPage(req, f, error: e)
        }
    }
}
