import Paths

/// 经销商门户: the distributor's home, order form, order and delivery, statement, weekly stock
/// report; and at head office, the portal's user accounts.
public enum PortalViews {
    /// An order's state as the distributor reads it: one placed and not yet confirmed by head
    /// office (a draft, or waiting for approval inside) is "placed, awaiting confirmation", not a draft.
    public static func orderStatus(_ status: String, _ t: Translator) -> String {
        status == "draft" || status == "pending" ? t("portal.order.status.waiting") : t("order.status." + status)
    }

    public struct Home: Sendable {
        public var name = ""
        public var owed = "", monthCharges = "", monthPaid = ""
        /// The latest orders: number, link, date and status.
        public var orders: [(number: String, href: String, date: String, status: String)] = []
        public init() {}
    }

    public static func home(_ ctx: PageContext, _ m: Home) -> String {
        let t = ctx.t
        return CommonPages.detail(
            ctx, title: m.name, actions: [PageAction(label: t("portal.order.new"), href: Paths.Portal.newOrder(), primary: true)],
            facts: [
                (t("portal.owed"), .text(m.owed)), (t("portal.month_charges"), .text(m.monthCharges)),
                (t("portal.month_paid"), .text(m.monthPaid)),
            ]
        ) {
            h("section", ["class": "card"]) {
                h("h2") { t("portal.nav.orders") }
                if m.orders.isEmpty { h("p", ["class": "empty"]) { t("portal.no_orders") } }
                h("ul", ["class": "plain"]) {
                    for o in m.orders {
                        h("li") {
                            CommonPages.link(o.number, o.href); " · " + o.date + " · " + orderStatus(o.status, t)
                        }
                    }
                }
            }
        }
    }

    public struct OrderForm: Sendable {
        public struct Item: Sendable {
            public var productId = "", product = "", productName = "", unit = "", price = ""
            public init(productId: String, product: String, productName: String, unit: String, price: String) {
                self.productId = productId
                self.product = product
                self.productName = productName
                self.unit = unit
                self.price = price
            }
        }
        public var csrf = ""
        public var items: [Item] = []
        public var error: String?
        public init() {}
    }

    public static func orderForm(_ ctx: PageContext, _ m: OrderForm) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("portal.order.new")) {
            if m.items.isEmpty {
                h("p", ["class": "empty"]) { t("portal.no_catalog") }
            } else {
                h("form", ["method": "post", "action": Paths.Portal.orders(), "class": "form wide"]) {
                    Layout.csrfField(m.csrf)
                    FormKit.formError(m.error)
                    DataTable.render(
                        [t("deal.product"), t("stock.unit"), t("price.price"), t("stock.quantity")],
                        m.items.enumerated().map { i, c in
                            [
                                .text(c.product), .text(c.unit), .number(c.price),
                                DataTable.Cell(
                                    .fragment([
                                        h("input", ["type": "hidden", "name": "lines[\(i)][productId]", "value": c.productId]),
                                        h("input", ["type": "hidden", "name": "lines[\(i)][unit]", "value": c.unit]),
                                        h(
                                            "input",
                                            [
                                                "name": "lines[\(i)][quantity]", "inputmode": "decimal", "size": "6",
                                                "aria-label": t("stock.quantity") + " " + c.productName,
                                            ]),
                                    ])),
                            ]
                        }, cssClass: "data lines")
                    FormKit.footer(note: nil, cancel: Paths.Portal.orders(), t)
                }
            }
        }
    }

    /// An order or a delivery: its facts and its lines.
    public struct Document: Sendable {
        public var title = ""
        public var facts: [(String, Node)] = []
        public var headers: [String] = []
        public var lines: [[DataTable.Cell]] = []
        public init() {}
    }

    public static func document(_ ctx: PageContext, _ m: Document) -> String {
        CommonPages.detail(ctx, title: m.title, facts: m.facts) { DataTable.render(m.headers, m.lines) }
    }

    public struct Statement: Sendable {
        public struct Line: Sendable {
            public var date = "", document = "", charge = "", payment = "", balance = ""
            public init(date: String, document: String, charge: String, payment: String, balance: String) {
                self.date = date
                self.document = document
                self.charge = charge
                self.payment = payment
                self.balance = balance
            }
        }
        public var from = "", to = ""
        public var opening = "", closing = "", owed = ""
        public var lines: [Line] = []
        public init() {}
    }

    public static func statement(_ ctx: PageContext, _ m: Statement) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("portal.nav.statement")) {
            h("form", ["method": "get", "action": Paths.Portal.statement(), "class": "filters"]) {
                FormKit.field("from", t("report.from"), m.from, type: "date"); FormKit.field("to", t("report.to"), m.to, type: "date")
                h("button", ["type": "submit"]) { t("action.filter") }
            }
            DataTable.render(
                [t("invoice.date"), t("approval.document"), t("portal.charge"), t("portal.payment"), t("portal.balance")],
                [[.text(m.from), .text(t("portal.opening")), .text(""), .text(""), .number(m.opening)]]
                    + m.lines.map { [.text($0.date), .text($0.document), .number($0.charge), .number($0.payment), .number($0.balance)] }
                    + [
                        [
                            DataTable.Cell(.text(m.to), header: true), DataTable.Cell(.text(t("portal.closing")), header: true),
                            DataTable.Cell(.text(""), header: true), DataTable.Cell(.text(""), header: true),
                            DataTable.Cell(.text(m.closing), numeric: true, header: true),
                        ]
                    ])
            h("p") { t("portal.owed") + "：" + m.owed }
        }
    }

    public struct Reports: Sendable {
        public struct Item: Sendable {
            public var productId = "", label = "", productName = ""
            public init(productId: String, label: String, productName: String) {
                self.productId = productId
                self.label = label
                self.productName = productName
            }
        }
        public var csrf = ""
        public var week = ""
        public var items: [Item] = []
        public var error: String?
        /// Reports sent: week, product, on hand, sold.
        public var history: [[String]] = []
        public init() {}
    }

    public static func reports(_ ctx: PageContext, _ m: Reports) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("portal.nav.reports")) {
            h("section", ["class": "card"]) {
                h("h2") { t("portal.report.new", m.week) }
                h("form", ["method": "post", "action": Paths.Portal.reports(), "class": "form wide"]) {
                    Layout.csrfField(m.csrf)
                    FormKit.formError(m.error)
                    DataTable.render(
                        [t("deal.product"), t("portal.on_hand"), t("portal.sold")],
                        m.items.enumerated().map { i, c in
                            [
                                .text(c.label),
                                DataTable.Cell(
                                    .fragment([
                                        h("input", ["type": "hidden", "name": "lines[\(i)][productId]", "value": c.productId]),
                                        h(
                                            "input",
                                            [
                                                "name": "lines[\(i)][onHand]", "inputmode": "decimal", "size": "6",
                                                "aria-label": t("portal.on_hand") + " " + c.productName,
                                            ]),
                                    ])),
                                DataTable.Cell(
                                    h(
                                        "input",
                                        [
                                            "name": "lines[\(i)][sold]", "inputmode": "decimal", "size": "6",
                                            "aria-label": t("portal.sold") + " " + c.productName,
                                        ])),
                            ]
                        }, cssClass: "data lines")
                    h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("portal.report.send") } }
                }
            }
            DataTable.render(
                [t("portal.week"), t("deal.product"), t("portal.on_hand"), t("portal.sold")],
                m.history.map { r in [.text(r[0]), .text(r[1]), .number(r[2]), .number(r[3])] })
        }
    }

    public struct Users: Sendable {
        public var list: ListModel
        public var csrf = ""
        public var customers: [(String, String)] = []
        public var partnerId: String?, username: String?, displayName: String?
        public var error: (field: String?, message: String)?
        public init(list: ListModel) { self.list = list }
    }

    public static func users(_ ctx: PageContext, _ m: Users) -> String {
        let t = ctx.t
        func e(_ n: String) -> String? { m.error?.field == n ? m.error?.message : nil }
        return Layout.page(ctx, title: t("nav.portal_users")) {
            ListView.render(m.list, ctx)
            h("section", ["class": "card"]) {
                h("h2") { t("portal.user.new") }
                h("form", ["method": "post", "action": Paths.Portal.users(), "class": "form"]) {
                    Layout.csrfField(m.csrf)
                    FormKit.select(
                        "partnerId", t("portal.distributor"), m.customers, selected: m.partnerId, blank: "—", error: e("partnerId"))
                    FormKit.field("username", t("user.username"), m.username, required: true, error: e("username"))
                    FormKit.field("displayName", t("user.display_name"), m.displayName, required: true, error: e("displayName"))
                    FormKit.field("password", t("user.password"), nil, type: "password", required: true, error: e("password"))
                    h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("action.save") } }
                }
            }
        }
    }
}
