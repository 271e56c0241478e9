import Paths

/// 价格体系: sales regions, a price list's form and page, the price-deviation report.
public struct RegionsModel: Sendable {
    /// nil while editing one region: the page shows its form only.
    public var list: ListModel?
    /// nil: the reader may not create (or edit) a region.
    public var form: Form?
    public var editing = false

    public struct Form: Sendable {
        public var action = "", csrf = ""
        public var version: String?
        public var code: String?, name: String?, provinces: String?
        public var active = true
        public var error: (field: String?, message: String)?
        public init() {}
    }
    public init() {}
}

public struct PriceListFormModel: Sendable {
    public var title = "", action = "", cancel = "", csrf = ""
    public var version: String?
    public var error: (field: String?, message: String)?
    public var code: String?, name: String?, regionId: String?, customerLevel: String?, validFrom: String?, validTo: String?, note: String?
    public var active = true
    public var regions: [(String, String)] = [], levels: [(String, String)] = []
    /// Each row's product, unit, price and floorPrice as typed.
    public var items: [[String: String]] = []
    public init() {}
}

public struct PriceListModel: Sendable {
    public var name = ""
    public var actions: [PageAction] = []
    public var facts: [(String, Node)] = []
    /// Product, unit, price, floor price.
    public var items: [[String]] = []
    public var note: String?
    public init() {}
}

public struct DeviationModel: Sendable {
    public struct Row: Sendable {
        public var key = "", lines = "", listAmount = "", actualAmount = "", deviation = "", belowFloor = ""
        public var warn = false
        public init(key: String, lines: String, listAmount: String, actualAmount: String, deviation: String, belowFloor: String, warn: Bool)
        {
            self.key = key
            self.lines = lines
            self.listAmount = listAmount
            self.actualAmount = actualAmount
            self.deviation = deviation
            self.belowFloor = belowFloor
            self.warn = warn
        }
    }
    public var groups: [String] = []
    public var groupBy = "region"
    public var from = "", to = ""
    public var rows: [Row] = []
    public init() {}
}

public enum PricingViews {
    public static func regions(_ ctx: PageContext, _ m: RegionsModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t(m.editing ? "region.edit" : "nav.regions")) {
            if let list = m.list { ListView.render(list, ctx) }
            if let f = m.form {
                h("section", ["class": "card"]) {
                    h("h2") { t(m.editing ? "region.edit" : "region.new") }
                    h("form", ["method": "post", "action": f.action, "class": "form"]) {
                        Layout.csrfField(f.csrf)
                        if let v = f.version { h("input", ["type": "hidden", "name": "version", "value": v]) }
                        FormKit.formError(f.error, besideFieldsStartingWith: ["code", "name", "provinces"])
                        FormKit.field(
                            "code", t("common.code"), f.code, required: true, error: f.error?.field == "code" ? f.error?.message : nil)
                        FormKit.field(
                            "name", t("common.name"), f.name, required: true, error: f.error?.field == "name" ? f.error?.message : nil)
                        FormKit.field(
                            "provinces", t("region.provinces"), f.provinces, required: true,
                            error: f.error?.field?.hasPrefix("provinces") == true ? f.error?.message : nil)
                        h("p", ["class": "muted"]) { t("region.provinces_hint") }
                        FormKit.checkbox("active", t("common.active"), checked: f.active)
                        h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("action.save") } }
                    }
                }
            }
        }
    }

    public static func listForm(_ ctx: PageContext, _ m: PriceListFormModel) -> String {
        let t = ctx.t
        func e(_ n: String) -> String? { m.error?.field == n ? m.error?.message : nil }
        return Layout.page(ctx, title: m.title) {
            h("form", ["method": "post", "action": m.action, "class": "form"]) {
                Layout.csrfField(m.csrf)
                if let v = m.version { h("input", ["type": "hidden", "name": "version", "value": v]) }
                FormKit.formError(m.error, beside: ["code", "name", "regionId", "customerLevel", "validFrom", "validTo"])
                FormKit.field("code", t("common.code"), m.code, required: true, error: e("code"))
                FormKit.field("name", t("common.name"), m.name, required: true, error: e("name"))
                FormKit.select(
                    "regionId", t("customer.region"), m.regions, selected: m.regionId, blank: t("price.any_region"), error: e("regionId"))
                FormKit.select(
                    "customerLevel", t("customer.level"), m.levels, selected: m.customerLevel, blank: t("price.any_level"),
                    error: e("customerLevel"))
                FormKit.field("validFrom", t("price.valid_from"), m.validFrom, type: "date", required: true, error: e("validFrom"))
                FormKit.field("validTo", t("price.valid_to"), m.validTo, type: "date", error: e("validTo"))
                FormKit.checkbox("active", t("common.active"), checked: m.active)
                h("p", ["class": "muted"]) { t("price.items_hint") }
                FormKit.inputGrid(
                    "items",
                    [
                        .init("product", t("deal.product_code"), size: "12"), .init("unit", t("stock.unit"), size: "4"),
                        .init("price", t("price.price"), size: "8", decimal: true),
                        .init("floorPrice", t("deal.floor_price"), size: "8", decimal: true),
                    ], m.items)
                FormKit.footer(note: m.note, cancel: m.cancel, t)
            }
        }
    }

    public static func list(_ ctx: PageContext, _ m: PriceListModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: m.name, actions: m.actions, facts: m.facts) {
            DataTable.render(
                [t("deal.product"), t("stock.unit"), t("price.price"), t("deal.floor_price")],
                m.items.map { [.text($0[0]), .text($0[1]), .number($0[2]), .number($0[3])] })
            if let n = m.note { h("p") { n } }
        }
    }

    public static func deviation(_ ctx: PageContext, _ m: DeviationModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("nav.price_deviation")) {
            h("form", ["method": "get", "action": Paths.Pricing.deviation(), "class": "filters"]) {
                FormKit.select("groupBy", t("ageing.group"), m.groups.map { ($0, t("price.group." + $0)) }, selected: m.groupBy)
                FormKit.field("from", t("report.from"), m.from, type: "date")
                FormKit.field("to", t("report.to"), m.to, type: "date")
                h("button", ["type": "submit"]) { t("action.filter") }
            }
            DataTable.render(
                [
                    t("price.group." + m.groupBy), t("price.lines"), t("price.list_amount"), t("price.actual_amount"), t("price.deviation"),
                    t("price.below_floor_lines"),
                ],
                m.rows.map { r in
                    [
                        .text(r.key), .number(r.lines), .number(r.listAmount), .number(r.actualAmount), .number(r.deviation),
                        .number(r.belowFloor),
                    ]
                },
                rowClasses: DataTable.warnings(m.rows.map(\.warn)))
            if m.rows.isEmpty { h("p", ["class": "empty"]) { t("price.no_sales") } }
        }
    }
}
