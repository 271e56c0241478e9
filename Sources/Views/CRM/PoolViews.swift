import Paths

/// 公海: a refused claim (which limit, until when), and the pool form with its recycle rules per
/// customer level.
public enum PoolViews {
    public static func refused(_ ctx: PageContext, message: String, back: String) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("pool.refused")) {
            h("div", ["class": "flash error", "role": "alert"]) { message }
            h("p") { h("a", ["href": back, "class": "button"]) { t("action.back") } }
        }
    }

    /// A recycle rule as typed: the level ("" for every other level) and its day counts.
    public struct Rule: Sendable {
        public var level = "", noFollowUpDays = "", noDealDays = "", warnDays = ""
        public init(level: String, noFollowUpDays: String, noDealDays: String, warnDays: String) {
            self.level = level
            self.noFollowUpDays = noFollowUpDays
            self.noDealDays = noDealDays
            self.warnDays = warnDays
        }
    }

    public static func form(_ ctx: PageContext, title: String, _ model: FormModel, rules: [Rule]) -> String {
        let t = ctx.t
        func input(_ name: String, _ value: String, _ label: String) -> DataTable.Cell {
            DataTable.Cell(h("input", ["name": name, "inputmode": "numeric", "size": "5", "value": value, "aria-label": label]))
        }
        return Layout.page(ctx, title: title) {
            h("form", ["method": "post", "action": model.action, "class": "form pool-form"]) {
                Layout.csrfField(model.csrf)
                if let e = model.error { h("div", ["class": "flash error", "role": "alert"]) { e } }
                for (k, v) in model.hidden { h("input", ["type": "hidden", "name": k, "value": v]) }
                for field in model.fields { FormView.field(field, t) }
                h("h2") { t("pool.rules") }
                h("p", ["class": "hint"]) { t("pool.rules_hint") }
                h("div", ["class": "table-wrap"]) {
                    DataTable.render(
                        [t("customer.level"), t("pool.no_follow_up_days"), t("pool.no_deal_days"), t("pool.warn_days")],
                        rules.enumerated().map { i, r in
                            [
                                DataTable.Cell(
                                    .fragment([
                                        h("input", ["type": "hidden", "name": "rules[\(i)][level]", "value": r.level]),
                                        .text(r.level.isEmpty ? t("pool.rule.other_levels_short") : r.level),
                                    ])),
                                input("rules[\(i)][noFollowUpDays]", r.noFollowUpDays, t("pool.no_follow_up_days")),
                                input("rules[\(i)][noDealDays]", r.noDealDays, t("pool.no_deal_days")),
                                input("rules[\(i)][warnDays]", r.warnDays, t("pool.warn_days")),
                            ]
                        })
                }
                h("div", ["class": "form-actions"]) {
                    h("button", ["type": "submit", "class": "primary"]) { t("action.save") }
                    h("a", ["href": Paths.CRM.pools(), "class": "button"]) { t("action.cancel") }
                }
            }
        }
    }
}
