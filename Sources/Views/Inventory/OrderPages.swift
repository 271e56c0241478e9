import Paths

/// Purchase and sales orders: the form and the order page with ordered, done and remaining.
public struct OrderFormModel: Sendable {
    public struct Line: Sendable {
        public var product: String
        public var unit: String
        public var quantity: String
        public var unitPrice: String
        public var warehouseId: String
        public init(product: String = "", unit: String = "", quantity: String = "", unitPrice: String = "", warehouseId: String = "") {
            self.product = product
            self.unit = unit
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.warehouseId = warehouseId
        }
    }
    public var kind: String
    public var action: String
    public var csrf: String
    public var partnerId: String
    public var orderDate: String
    public var expectedDate: String
    public var note: String
    public var version: String?
    public var partners: [(value: String, label: String)]
    public var warehouses: [(value: String, label: String)]
    public var lines: [Line]
    public var error: String?
    /// The company's own fields on orders.
    public var custom: [FormModel.Field] = []
    public init(
        kind: String, action: String, csrf: String, partnerId: String, orderDate: String, expectedDate: String, note: String,
        version: String?,
        partners: [(value: String, label: String)], warehouses: [(value: String, label: String)], lines: [Line], error: String? = nil
    ) {
        self.kind = kind
        self.action = action
        self.csrf = csrf
        self.partnerId = partnerId
        self.orderDate = orderDate
        self.expectedDate = expectedDate
        self.note = note
        self.version = version
        self.partners = partners
        self.warehouses = warehouses
        self.lines = lines
        self.error = error
    }
}

public struct OrderViewModel: Sendable {
    public struct Line: Sendable {
        public var product: String
        public var ordered: String
        public var done: String
        public var remaining: String
        public var price: String
        public var warehouse: String
        public init(product: String, ordered: String, done: String, remaining: String, price: String, warehouse: String) {
            self.product = product
            self.ordered = ordered
            self.done = done
            self.remaining = remaining
            self.price = price
            self.warehouse = warehouse
        }
    }
    /// The company's own fields and their values.
    public var custom: [(String, String)] = []
    public var id: Int64
    public var kind: String
    public var number: String
    public var status: String
    public var partner: String
    public var orderDate: String
    public var expectedDate: String?
    public var note: String?
    public var total: String
    public var totalInCapitals: String
    public var lines: [Line]
    public var transitions: [String]
    public var canFulfil: Bool
    public init(
        id: Int64, kind: String, number: String, status: String, partner: String, orderDate: String, expectedDate: String?, note: String?,
        total: String, totalInCapitals: String, lines: [Line], transitions: [String], canFulfil: Bool
    ) {
        self.id = id
        self.kind = kind
        self.number = number
        self.status = status
        self.partner = partner
        self.orderDate = orderDate
        self.expectedDate = expectedDate
        self.note = note
        self.total = total
        self.totalInCapitals = totalInCapitals
        self.lines = lines
        self.transitions = transitions
        self.canFulfil = canFulfil
    }
}

public enum OrderPages {
    public static func form(_ ctx: PageContext, title: String, _ m: OrderFormModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: title) {
            h("form", ["method": "post", "action": m.action, "class": "form wide", "novalidate": ""]) {
                Layout.csrfField(m.csrf)
                if let v = m.version { h("input", ["type": "hidden", "name": "version", "value": v]) }
                if let e = m.error { h("div", ["class": "flash error", "role": "alert"]) { e } }
                h("div", ["class": "grid2"]) {
                    StockDocumentPages.field("partnerId", t(m.kind == "purchase" ? "partner.supplier" : "partner.customer"), error: nil) {
                        h("select", ["id": "f-partnerId", "name": "partnerId"]) {
                            h("option", ["value": ""]) { "—" }
                            for p in m.partners { h("option", ["value": p.value, "selected": flag(p.value == m.partnerId)]) { p.label } }
                        }
                    }
                    StockDocumentPages.field("orderDate", t("order.date"), error: nil) {
                        h("input", ["type": "date", "id": "f-orderDate", "name": "orderDate", "value": m.orderDate])
                    }
                    StockDocumentPages.field("expectedDate", t("order.expected"), error: nil) {
                        h("input", ["type": "date", "id": "f-expectedDate", "name": "expectedDate", "value": m.expectedDate])
                    }
                    StockDocumentPages.field("note", t("stock.note"), error: nil) {
                        h("input", ["type": "text", "id": "f-note", "name": "note", "value": m.note])
                    }
                    for f in m.custom { FormView.field(f, t) }
                }
                h("div", ["class": "table-wrap"]) {
                    h("table", ["class": "data lines"]) {
                        h("thead") {
                            h("tr") {
                                h("th") { "#" }; h("th") { t("stock.product") }; h("th") { t("stock.unit") };
                                h("th") { t("stock.quantity") }
                                h("th") { t("stock.unit_price") }; h("th") { t("stock.warehouse") }
                            }
                        }
                        h("tbody") {
                            for (i, l) in m.lines.enumerated() {
                                h("tr") {
                                    h("td", ["data-label": "#"]) { String(i + 1) }
                                    input(i, "product", t("stock.product"), l.product, placeholder: t("stock.product_hint"))
                                    input(i, "unit", t("stock.unit"), l.unit)
                                    input(i, "quantity", t("stock.quantity"), l.quantity)
                                    input(i, "unitPrice", t("stock.unit_price"), l.unitPrice)
                                    h("td", ["data-label": t("stock.warehouse")]) {
                                        StockDocumentPages.warehouseSelect("lines[\(i)][warehouseId]", l.warehouseId, m.warehouses)
                                    }
                                }
                            }
                        }
                    }
                }
                h("p", ["class": "hint"]) { t("order.lines_hint") }
                h("div", ["class": "form-actions"]) {
                    h("button", ["type": "submit", "class": "primary"]) { t("stock.save_draft") }
                    h("a", ["href": Paths.Inventory.orders() + "?kind=\(m.kind)", "class": "button"]) { t("action.cancel") }
                }
            }
        }
    }

    static func input(_ i: Int, _ name: String, _ label: String, _ value: String, placeholder: String? = nil) -> Node {
        h("td", ["data-label": label]) {
            h(
                "input",
                [
                    "type": "text", "name": "lines[\(i)][\(name)]", "value": value, "aria-label": label, "placeholder": placeholder,
                    "size": "10", "list": name == "product" ? FormKit.productOptions : nil,
                ])
        }
    }

    /// The order's facts, then the company's own fields.
    static func facts(_ m: OrderViewModel, _ t: Translator) -> [(String, Node)] {
        var out: [(String, Node)] = [
            (t("stock.number"), .text(m.number)), (t("common.status"), CommonPages.badge(t("order.status." + m.status), m.status)),
            (t(m.kind == "purchase" ? "partner.supplier" : "partner.customer"), .text(m.partner)),
            (t("order.date"), .text(m.orderDate)),
            (t("order.expected"), .text(m.expectedDate ?? "—")), (t("stock.note"), .text(m.note ?? "—")),
            (t("stock.total"), .text(m.total + "（" + m.totalInCapitals + "）")),
        ]
        for (label, value) in m.custom { out.append((label, .text(value))) }
        return out
    }

    public static func show(_ ctx: PageContext, _ m: OrderViewModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("order.kind." + m.kind) + " " + m.number) {
            CommonPages.factList(facts(m, t))
            h("div", ["class": "table-wrap"]) {
                h("table", ["class": "data"]) {
                    h("thead") {
                        h("tr") {
                            h("th") { t("stock.product") }; h("th", ["class": "num"]) { t("order.ordered") };
                            h("th", ["class": "num"]) { t("order.done") }
                            h("th", ["class": "num"]) { t("order.remaining") }; h("th", ["class": "num"]) { t("stock.unit_price") };
                            h("th") { t("stock.warehouse") }
                        }
                    }
                    h("tbody") {
                        for l in m.lines {
                            h("tr") {
                                h("td", ["data-label": t("stock.product")]) { l.product }
                                h("td", ["data-label": t("order.ordered"), "class": "num"]) { l.ordered }
                                h("td", ["data-label": t("order.done"), "class": "num"]) { l.done }
                                h("td", ["data-label": t("order.remaining"), "class": "num"]) { l.remaining }
                                h("td", ["data-label": t("stock.unit_price"), "class": "num"]) { l.price }
                                h("td", ["data-label": t("stock.warehouse")]) { l.warehouse }
                            }
                        }
                    }
                }
            }
            h("div", ["class": "form-actions"]) {
                for tr in m.transitions {
                    CommonPages.actionButton(
                        t("order.action." + tr), action: Paths.Inventory.orderAction(m.id, tr), csrf: ctx.csrf,
                        confirm: tr == "confirm" ? nil : t("action.confirm"), danger: tr == "cancel")
                }
                if m.canFulfil {
                    CommonPages.actionButton(
                        t(m.kind == "purchase" ? "order.receive" : "order.deliver"), action: Paths.Inventory.fulfilOrder(m.id),
                        csrf: ctx.csrf)
                }
            }
        }
    }
}
