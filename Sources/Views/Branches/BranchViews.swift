/// 总部看板 (every branch today, this week, this month, its stock and alerts) and switching a
/// branch's accounting mode (what will move, then the switch, or why not now).
public struct HQModel: Sendable {
    public struct Row: Sendable {
        public var branch = ""
        /// Sales, gross profit and collections for each period, in the order of `periods`.
        public var figures: [String] = []
        public var stockValue = ""
        public var alerts: [Node] = []
        public var warn = false
        public init(branch: String, figures: [String], stockValue: String, alerts: [Node], warn: Bool) {
            self.branch = branch
            self.figures = figures
            self.stockValue = stockValue
            self.alerts = alerts
            self.warn = warn
        }
    }
    public var today = ""
    public var periods: [String] = []
    public var sales = Chart.Series(), gross = Chart.Series(), stock = Chart.Series()
    public var rows: [Row] = []
    public init() {}
}

public struct AccountingSwitchModel: Sendable {
    public var title = ""
    public var facts: [(String, Node)] = []
    /// What moves: warehouse, product (and batch), quantity, value.
    public var moves: [[String]] = []
    /// Why it cannot switch now (documents already posted this period).
    public var notNow: String?
    /// The switch form's target mode and the branch's version; nil: the reader may not switch.
    public var form: (action: String, to: String, version: String)?
    public var csrf = ""
    public init() {}
}

public enum BranchViews {
    public static func hq(_ ctx: PageContext, _ m: HQModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("nav.hq")) {
            h("p", ["class": "muted"]) { t("hq.as_of", m.today) }
            h("div", ["class": "cards"]) {
                for (key, series) in [("hq.chart.sales", m.sales), ("hq.chart.gross", m.gross), ("hq.chart.stock", m.stock)] {
                    let title = Chart.title(t(key), unit: series.unitKey.map { t($0) })
                    h("section", ["class": "card"]) {
                        h("h2") { title }; Chart.bar(title, series.points)
                    }
                }
            }
            DataTable.render(
                [t("results.entity")] + m.periods.flatMap { [t("hq.sales." + $0), t("hq.gross." + $0), t("hq.collected." + $0)] }
                    + [t("hq.stock_value"), t("hq.alerts")],
                m.rows.map { r in
                    [.text(r.branch)] + r.figures.map { .number($0) }
                        + [
                            .number(r.stockValue),
                            DataTable.Cell(.fragment(Array(r.alerts.map { [$0, Node.text(" ")] }.joined().dropLast()))),
                        ]
                },
                rowClasses: DataTable.warnings(m.rows.map(\.warn)))
        }
    }

    public static func accountingSwitch(_ ctx: PageContext, _ m: AccountingSwitchModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: m.title, facts: m.facts) {
            h("section", ["class": "card"]) {
                h("h2") { t("accounting.moves") }
                if m.moves.isEmpty {
                    h("p", ["class": "empty"]) { t("accounting.no_moves") }
                } else {
                    DataTable.render(
                        [t("stock.warehouse"), t("deal.product"), t("stock.quantity"), t("stock.value")],
                        m.moves.map { [.text($0[0]), .text($0[1]), .number($0[2]), .number($0[3])] })
                }
                h("p", ["class": "muted"]) { t("accounting.moves_hint") }
            }
            if let why = m.notNow {
                h("p", ["class": "notice warn"]) { why }
            } else if let f = m.form {
                h("form", ["method": "post", "action": f.action, "class": "inline-form"]) {
                    Layout.csrfField(m.csrf)
                    h("input", ["type": "hidden", "name": "to", "value": f.to])
                    h("input", ["type": "hidden", "name": "version", "value": f.version])
                    h("button", ["type": "submit", "class": "primary"]) { t("accounting.do_switch") }
                }
            }
        }
    }
}
