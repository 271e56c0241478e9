import Paths

/// 调拨建议 (suggested transfers, ticked ones become drafts) and a product's availability per
/// warehouse.
public struct TransferPlanModel: Sendable {
    public struct Row: Sendable {
        /// product:from:to:quantity, what a ticked box sends.
        public var pick = ""
        public var product = "", from = "", to = "", quantity = "", reason = ""
        public init(pick: String, product: String, from: String, to: String, quantity: String, reason: String) {
            self.pick = pick
            self.product = product
            self.from = from
            self.to = to
            self.quantity = quantity
            self.reason = reason
        }
    }
    public var slowDays = ""
    public var rows: [Row] = []
    public var mayCreate = false
    public var csrf = ""
    public init() {}
}

public enum InventoryViews {
    public static func transferPlan(_ ctx: PageContext, _ m: TransferPlanModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("nav.transfer_plan")) {
            h("form", ["method": "get", "action": Paths.Inventory.transferPlan(), "class": "filters"]) {
                FormKit.field("slowDays", t("transfer.slow_days"), m.slowDays, type: "number")
                h("button", ["type": "submit"]) { t("action.filter") }
            }
            if m.rows.isEmpty {
                h("p", ["class": "empty"]) { t("transfer.none") }
            } else {
                h("form", ["method": "post", "action": Paths.Inventory.transferPlan(), "class": "form wide"]) {
                    Layout.csrfField(m.csrf)
                    DataTable.render(
                        ["", t("deal.product"), t("transfer.from"), t("transfer.to"), t("stock.quantity"), t("transfer.reason")],
                        m.rows.enumerated().map { i, r in
                            [
                                DataTable.Cell(
                                    h(
                                        "input",
                                        [
                                            "type": "checkbox", "name": "pick[]", "value": r.pick, "checked": "",
                                            "aria-label": t("transfer.pick", String(i + 1)),
                                        ])),
                                .text(r.product), .text(r.from), .text(r.to), .number(r.quantity), .text(r.reason),
                            ]
                        })
                    if m.mayCreate {
                        h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("transfer.make") } }
                    }
                }
            }
        }
    }

    /// On hand (in packs), reserved, incoming and available per warehouse.
    public static func availability(_ rows: [[String]], _ t: Translator) -> Node {
        let heads = ["stock.warehouse", "stock.on_hand", "stock.reserved", "stock.incoming", "stock.available"]
        return h("section", ["class": "card"]) {
            h("h2") { t("product.availability") }
            if rows.isEmpty {
                h("p", ["class": "empty"]) { t("list.empty") }
            } else {
                h("div", ["class": "table-wrap"]) {
                    h("table", ["class": "data"]) {
                        h("thead") {
                            h("tr") {
                                for (i, k) in heads.enumerated() { h("th", ["class": i == 0 ? nil : "num"]) { t(k) } }
                            }
                        }
                        h("tbody") {
                            for r in rows {
                                h("tr") {
                                    for (i, k) in heads.enumerated() {
                                        h("td", ["data-label": t(k), "class": i == 0 ? nil : "num"]) { r[i] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
