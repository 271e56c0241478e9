import Paths

/// 内部调拨 between independently accounted branches (the list, the send form, the transfer
/// prices), one transfer, and the branch results with what consolidation eliminates.
public struct BranchTransfersModel: Sendable {
    public struct Line: Sendable {
        public var product = "", unit = "", quantity = "", batch = ""
        public init(product: String = "", unit: String = "", quantity: String = "", batch: String = "") {
            self.product = product
            self.unit = unit
            self.quantity = quantity
            self.batch = batch
        }
    }
    public var list: ListModel
    public var csrf = ""
    /// nil: the reader may not send (no stock create right).
    public var send: Send?
    public var rules: [String] = []
    /// Branches for a new transfer price rule; empty: the reader may not set one.
    public var ruleBranches: [(String, String)] = []

    public struct Send: Sendable {
        public var from: [(String, String)] = [], to: [(String, String)] = []
        public var fromId: String?, toId: String?, date: String?
        public var lines: [Line] = []
        public var error: (field: String?, message: String)?
        public init() {}
    }
    public init(list: ListModel) { self.list = list }
}

public struct BranchTransferModel: Sendable {
    public struct Line: Sendable {
        public var product = "", quantity = "", cost = "", amount = ""
        public init(product: String, quantity: String, cost: String, amount: String) {
            self.product = product
            self.quantity = quantity
            self.cost = cost
            self.amount = amount
        }
    }
    public var id: Int64 = 0
    public var number = ""
    public var facts: [(String, Node)] = []
    public var lines: [Line] = []
    /// Whether the reader may see the sender's cost (`costs.view`).
    public var showsCost = false
    /// The date the receive form proposes; nil: the reader may not receive it.
    public var receiveOn: String?
    public var csrf = ""
    public init() {}
}

public struct BranchResultsModel: Sendable {
    /// A row of figures: revenue, internal revenue, cost of goods, gross profit, expenses, profit,
    /// internal receivable, internal payable; each with a link to the documents behind it, if any.
    public struct Figure: Sendable {
        public var text: String
        public var href: String?
        public init(_ text: String, href: String? = nil) {
            self.text = text
            self.href = href
        }
    }
    public struct Month: Sendable {
        public var month = ""
        public var rows: [(entity: String, figures: [Figure])] = []
        public var eliminated: [String]?
        public var consolidated: [String] = []
        public var hint: String?
        public var details: [String] = []
        public init(month: String) { self.month = month }
    }
    public var from = "", to = ""
    public var months: [Month] = []
    public init() {}
}

public enum BranchTradeViews {
    public static func transfers(_ ctx: PageContext, _ m: BranchTransfersModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("nav.branch_transfers")) {
            ListView.render(m.list, ctx)
            if let s = m.send {
                h("section", ["class": "card"]) {
                    h("h2") { t("btransfer.new") }
                    h("p", ["class": "muted"]) { t("btransfer.hint") }
                    sendForm(s, csrf: m.csrf, t)
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("btransfer.rules") }
                if m.rules.isEmpty { h("p", ["class": "empty"]) { t("btransfer.no_rules") } }
                h("ul", ["class": "plain"]) { for r in m.rules { h("li") { r } } }
                if !m.ruleBranches.isEmpty {
                    h("form", ["method": "post", "action": Paths.Branches.transferPrices(), "class": "inline-form"]) {
                        Layout.csrfField(m.csrf)
                        FormKit.select("fromBranchId", t("btransfer.from"), m.ruleBranches, selected: nil)
                        FormKit.select("toBranchId", t("btransfer.to"), m.ruleBranches, selected: nil)
                        FormKit.select(
                            "method", t("btransfer.method"),
                            [("cost", t("btransfer.method.cost")), ("cost_plus", t("btransfer.method.cost_plus"))], selected: "cost_plus")
                        FormKit.field("markup", t("btransfer.markup"), "5")
                        h("button", ["type": "submit"]) { t("action.save") }
                    }
                }
            }
        }
    }

    static func sendForm(_ s: BranchTransfersModel.Send, csrf: String, _ t: Translator) -> Node {
        func e(_ n: String) -> String? { s.error?.field == n ? s.error?.message : nil }
        func input(_ name: String, _ value: String, size: String, label: String, decimal: Bool = false) -> DataTable.Cell {
            DataTable.Cell(
                h(
                    "input",
                    [
                        "name": name, "value": value, "size": size, "inputmode": decimal ? "decimal" : nil, "aria-label": label,
                        "list": name.hasSuffix("[product]") ? FormKit.productOptions : nil,
                    ]))
        }
        return h("form", ["method": "post", "action": Paths.Branches.transfers(), "class": "form"]) {
            Layout.csrfField(csrf)
            FormKit.formError(s.error, beside: ["fromWarehouseId", "toWarehouseId", "date"])
            FormKit.select(
                "fromWarehouseId", t("btransfer.from_warehouse"), s.from, selected: s.fromId, blank: "—", error: e("fromWarehouseId"))
            FormKit.select("toWarehouseId", t("btransfer.to_warehouse"), s.to, selected: s.toId, blank: "—", error: e("toWarehouseId"))
            FormKit.field("date", t("btransfer.sent"), s.date, type: "date", required: true, error: e("date"))
            DataTable.render(
                [t("deal.product_code"), t("stock.unit"), t("stock.quantity"), t("stock.batch")],
                s.lines.enumerated().map { i, l in
                    [
                        input("lines[\(i)][product]", l.product, size: "12", label: t("deal.product_code")),
                        input("lines[\(i)][unit]", l.unit, size: "4", label: t("stock.unit")),
                        input("lines[\(i)][quantity]", l.quantity, size: "6", label: t("stock.quantity"), decimal: true),
                        input("lines[\(i)][batch]", l.batch, size: "10", label: t("stock.batch")),
                    ]
                }, cssClass: "data lines")
            h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("btransfer.send") } }
        }
    }

    public static func transfer(_ ctx: PageContext, _ m: BranchTransferModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: t("btransfer.title", m.number), facts: m.facts) {
            if m.showsCost {
                DataTable.render(
                    [t("deal.product"), t("stock.quantity"), t("btransfer.cost"), t("btransfer.price")],
                    m.lines.map { [.text($0.product), .number($0.quantity), .number($0.cost), .number($0.amount)] })
            } else {
                DataTable.render(
                    [t("deal.product"), t("stock.quantity"), t("btransfer.price")],
                    m.lines.map { [.text($0.product), .number($0.quantity), .number($0.amount)] })
            }
            if let date = m.receiveOn {
                h("form", ["method": "post", "action": Paths.Branches.receiveTransfer(m.id), "class": "inline-form"]) {
                    Layout.csrfField(m.csrf)
                    FormKit.field("date", t("btransfer.received"), date, type: "date")
                    h("button", ["type": "submit", "class": "primary"]) { t("btransfer.receive") }
                }
            }
        }
    }

    public static func results(_ ctx: PageContext, _ m: BranchResultsModel) -> String {
        let t = ctx.t
        func cell(_ f: BranchResultsModel.Figure) -> DataTable.Cell {
            DataTable.Cell(f.href.map { CommonPages.link(f.text, $0) } ?? .text(f.text), numeric: true)
        }
        return Layout.page(ctx, title: t("nav.branch_results")) {
            h("form", ["method": "get", "action": Paths.Branches.results(), "class": "filters"]) {
                FormKit.field("from", t("report.from"), m.from)
                FormKit.field("to", t("report.to"), m.to)
                h("button", ["type": "submit"]) { t("action.filter") }
            }
            for month in m.months {
                h("section", ["class": "card"]) {
                    h("h2") { month.month }
                    DataTable.render(
                        [
                            t("results.entity"), t("results.revenue"), t("results.internal"), t("results.cogs"), t("results.gross"),
                            t("results.expenses"), t("results.profit"), t("results.inter_ar"), t("results.inter_ap"),
                        ],
                        month.rows.map { row in [.text(row.entity)] + row.figures.map(cell) }
                            + (month.eliminated.map { e in
                                [[.text(t("results.eliminated"))] + e.map { $0.isEmpty ? .text("") : .number($0) }]
                            } ?? [])
                            + [
                                [DataTable.Cell(.text(t("results.consolidated")), header: true)]
                                    + month.consolidated.map { DataTable.Cell(.text($0), numeric: !$0.isEmpty, header: true) }
                            ],
                        rowClasses: month.eliminated == nil ? [:] : [month.rows.count: "warn"])
                    if let hint = month.hint {
                        h("p", ["class": "muted"]) { hint }
                        h("ul", ["class": "plain"]) { for d in month.details { h("li") { d } } }
                    }
                }
            }
        }
    }
}
