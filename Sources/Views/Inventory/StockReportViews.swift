import Paths

/// The stock reports' own pieces: the date-range filter above a report list, level alerts, and
/// the period close.
public enum StockReportViews {
    /// From and to dates (and hidden fields, and perhaps one checkbox) above a report.
    public static func dateRange(
        action: String, from: String, to: String, hidden: [(String, String)] = [],
        checkbox: (name: String, label: String, checked: Bool)? = nil,
        _ t: Translator
    ) -> Node {
        h("form", ["method": "get", "action": action, "class": "list-filters"]) {
            for (name, value) in hidden { h("input", ["type": "hidden", "name": name, "value": value]) }
            h("label") {
                t("audit.from") + " "; h("input", ["type": "date", "name": "from", "value": from])
            }
            h("label") {
                t("audit.to") + " "; h("input", ["type": "date", "name": "to", "value": to])
            }
            if let c = checkbox {
                h("label") {
                    h("input", ["type": "checkbox", "name": c.name, "value": "true", "checked": flag(c.checked)]); " " + c.label
                }
            }
            h("button", ["type": "submit"]) { t("list.apply") }
        }
    }

    /// Products below their safety stock and above their maximum.
    public static func alerts(_ ctx: PageContext, below: ListModel, over: ListModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("report.alerts")) {
            h("section", ["class": "card"]) {
                h("h2") { t("report.below_safety") }; ListView.render(below, ctx)
            }
            h("section", ["class": "card"]) {
                h("h2") { t("report.overstock") }; ListView.render(over, ctx)
            }
        }
    }

    /// Where each accounting entity's books are closed, and (for who may) closing a period.
    public static func periods(_ ctx: PageContext, _ list: ListModel, entities: [(String, String)]?, csrf: String) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("period.title")) {
            h("p", ["class": "hint"]) { t("period.hint") }
            ListView.render(list, ctx)
            if let entities {
                h("form", ["method": "post", "action": Paths.Inventory.periods(), "class": "form inline-form"]) {
                    Layout.csrfField(csrf)
                    h("div", ["class": "field"]) {
                        h("label", ["for": "f-entity"]) { t("period.entity") }
                        h("select", ["id": "f-entity", "name": "entity"]) {
                            for (id, name) in entities { h("option", ["value": id]) { name } }
                        }
                    }
                    h("div", ["class": "field"]) {
                        h("label", ["for": "f-through"]) { t("period.closed_through") }
                        h("input", ["type": "date", "id": "f-through", "name": "through"])
                    }
                    h("button", ["type": "submit", "class": "primary", "data-confirm": t("action.confirm")]) { t("period.close") }
                }
            }
        }
    }
}
