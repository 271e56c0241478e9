import Kernel
import Paths

/// 合同 page: facts, the actions its state and the reader's rights allow, lines, progress
/// (ordered, delivered, invoiced, collected, margin), making orders split over warehouses, the
/// payment plan, attachments and the approval rounds.
public struct ContractViewModel: Sendable {
    public struct Line: Sendable {
        public var product = "", quantity = "", unitPrice = "", taxRate = "", amount = "", tax = "", invoiced = ""
        public init(product: String, quantity: String, unitPrice: String, taxRate: String, amount: String, tax: String, invoiced: String) {
            self.product = product
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.taxRate = taxRate
            self.amount = amount
            self.tax = tax
            self.invoiced = invoiced
        }
    }
    public struct Left: Sendable {
        public var lineId = "", product = "", left = "", unit = ""
        public init(lineId: String, product: String, left: String, unit: String) {
            self.lineId = lineId
            self.product = product
            self.left = left
            self.unit = unit
        }
    }
    public struct Installment: Sendable {
        public var seq = "", dueDate = "", amount = "", settled = ""
        public var paid = false, overdue = false
        public init(seq: String, dueDate: String, amount: String, settled: String, paid: Bool, overdue: Bool) {
            self.seq = seq
            self.dueDate = dueDate
            self.amount = amount
            self.settled = settled
            self.paid = paid
            self.overdue = overdue
        }
    }
    public struct Attachment: Sendable {
        public var name = "", href = "", size = "", uploaded = "", deleteAction = ""
        public init(name: String, href: String, size: String, uploaded: String, deleteAction: String) {
            self.name = name
            self.href = href
            self.size = size
            self.uploaded = uploaded
            self.deleteAction = deleteAction
        }
    }

    public var id: Int64 = 0
    public var number = ""
    /// "sales" or "purchase".
    public var kind = "sales"
    public var partnerId: Int64 = 0
    public var csrf = ""
    public var actions: [PageAction] = []
    public var facts: [(String, Node)] = []
    /// The commands the contract's state and the reader's rights allow (ContractFlow's names).
    public var offered: Set<String> = []
    public var lines: [Line] = []
    public var total = Money.zero, ordered = Money.zero, delivered = Money.zero, invoiced = Money.zero, collected = Money.zero
    public var costOfGoods = "", grossMargin = ""
    public var orders: [Node] = []
    public var invoices: [Node] = []
    public var left: [Left] = []
    /// Where an order may come from: (id, name), the reader's reach.
    public var warehouses: [(String, String)] = []
    public var installments: [Installment] = []
    public var totalAmount = ""
    /// The plan as the edit form shows it: (due date, amount), blank rows to add.
    public var planRows: [(String, String)] = []
    public var attachments: [Attachment] = []
    public var history: Node = .fragment([])
    public init() {}
}

public enum ContractView {
    static func bar(_ label: String, _ value: Money, of total: Money) -> Node {
        let pct = total.fen > 0 ? Int(min(100, max(0, Int128(value.fen) * 100 / Int128(total.fen)))) : 0
        return h("div", ["class": "progress-row"]) {
            h("span", ["class": "progress-label"]) { label }
            // Drawn as SVG: its width is an attribute, which the content security policy (no inline
            // styles) leaves alone; a styled span showed every bar full.
            h(
                "svg",
                [
                    "class": "progress-bar", "viewBox": "0 0 100 10", "preserveAspectRatio": "none", "role": "progressbar",
                    "aria-valuenow": String(pct), "aria-valuemin": "0", "aria-valuemax": "100", "aria-label": label,
                ]
            ) {
                h("rect", ["class": "track", "width": "100", "height": "10"])
                h("rect", ["class": "fill", "width": String(pct), "height": "10"])
            }
            h("span", ["class": "num"]) { value.description }
        }
    }

    public static func lineTable(_ lines: [ContractViewModel.Line], _ t: Translator) -> Node {
        DataTable.render(
            [
                t("deal.product"), t("stock.quantity"), t("deal.unit_price"), t("deal.tax_rate"), t("deal.amount"), t("deal.tax"),
                t("contract.invoiced"),
            ],
            lines.map { l in
                [
                    .text(l.product), .text(l.quantity), .text(l.unitPrice), .text(l.taxRate), .number(l.amount), .number(l.tax),
                    .number(l.invoiced),
                ]
            })
    }

    public static func page(_ ctx: PageContext, _ m: ContractViewModel) -> String {
        let t = ctx.t
        let sales = m.kind == "sales"
        let base = Paths.Contracts.contract(m.id)
        return CommonPages.detail(ctx, title: t("contract.title", m.number), actions: m.actions, facts: m.facts) {
            h("div", ["class": "actions"]) {
                for a in ["submit", "withdraw", "complete", "renew"] where m.offered.contains(a) {
                    CommonPages.actionButton(t("contract.action." + a), action: Paths.Contracts.contractAction(m.id, a), csrf: m.csrf)
                }
                if m.offered.contains("delete") {
                    CommonPages.actionButton(
                        t("action.delete"), action: Paths.Contracts.deleteContract(m.id), csrf: m.csrf,
                        confirm: t("contract.delete_confirm"), danger: true)
                }
            }
            if m.offered.contains("terminate") {
                h("details", ["class": "card"]) {
                    h("summary") { t("contract.action.terminate") }
                    h("form", ["method": "post", "action": Paths.Contracts.contractAction(m.id, "terminate"), "class": "followup-form"]) {
                        Layout.csrfField(m.csrf)
                        FormKit.labelled(t("contract.end_reason")) {
                            h(
                                "input",
                                [
                                    "name": "reason", "required": "", "aria-label": t("contract.end_reason"),
                                    "placeholder": t("contract.end_reason"),
                                ])
                        }
                        h("button", ["type": "submit", "class": "danger"]) { t("contract.action.terminate") }
                    }
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("deal.lines") }; lineTable(m.lines, t)
            }
            h("section", ["class": "card"]) {
                h("h2") { t("contract.progress") }
                bar(t("contract.ordered"), m.ordered, of: m.total)
                bar(t(sales ? "contract.delivered" : "contract.received"), m.delivered, of: m.total)
                bar(t("contract.invoiced"), m.invoiced, of: m.total)
                bar(t(sales ? "contract.collected" : "contract.paid"), m.collected, of: m.total)
                if sales && !m.grossMargin.isEmpty {
                    CommonPages.factList([
                        (t("contract.cost_of_goods"), .text(m.costOfGoods)), (t("contract.gross_margin"), .text(m.grossMargin)),
                    ])
                }
                if !m.orders.isEmpty {
                    h("p") {
                        t("contract.orders") + "："; for o in m.orders { o; " " }
                    }
                }
                if !m.invoices.isEmpty {
                    h("p") {
                        t("nav.invoices") + "："; for i in m.invoices { i; " " }
                    }
                }
                if m.offered.contains("makeOrder"), !m.warehouses.isEmpty, !m.left.isEmpty { orderSplit(m, t) }
                if m.offered.contains("bill") {
                    h("p") {
                        h(
                            "a",
                            [
                                "href": Paths.Cash.newInvoice() + "?side=\(m.kind)&partnerId=\(m.partnerId)&contractId=\(m.id)",
                                "class": "button",
                            ]
                        ) {
                            t("invoice.new")
                        }
                        " "
                        h(
                            "a",
                            [
                                "href": (sales ? Paths.Cash.newCollection() : Paths.Cash.newPayment())
                                    + "?partnerId=\(m.partnerId)&contractId=\(m.id)",
                                "class": "button",
                            ]
                        ) { t(sales ? "collection.new" : "payment.new") }
                    }
                }
            }
            plan(m, t)
            attachments(m, t)
            m.history
        }
    }

    /// Each product still to order gets two rows (two warehouses) without the script; with it, as
    /// many as there are warehouses.
    static func orderSplit(_ m: ContractViewModel, _ t: Translator) -> Node {
        let label = t(m.kind == "sales" ? "contract.make_sales_order" : "contract.make_purchase_order")
        let second = m.warehouses.dropFirst().first?.0
        return h("details", ["class": "order-split", "open": ""]) {
            h("summary") { label }
            h("form", ["method": "post", "action": Paths.Contracts.contractOrder(m.id), "class": "form"]) {
                Layout.csrfField(m.csrf)
                h("p", ["class": "muted"]) { t("contract.order_hint") }
                h("table", ["class": "data lines"]) {
                    h("thead") {
                        h("tr") {
                            h("th") { t("deal.product") }; h("th") { t("contract.left_to_order") }; h("th") { t("stock.quantity") };
                            h("th") { t("contract.order_from") }
                        }
                    }
                    h("tbody") {
                        for (n, item) in m.left.enumerated() {
                            for k in 0..<2 {
                                let i = n * 2 + k
                                h("tr", ["data-group": String(n)]) {
                                    h("td", ["data-label": t("deal.product")]) { k == 0 ? item.product : "" }
                                    h("td", ["data-label": t("contract.left_to_order")]) { k == 0 ? "\(item.left) \(item.unit)" : "" }
                                    h("td", ["data-label": t("stock.quantity")]) {
                                        h("input", ["type": "hidden", "name": "lines[\(i)][contractLineId]", "value": item.lineId])
                                        h(
                                            "input",
                                            [
                                                "name": "lines[\(i)][quantity]", "value": k == 0 ? item.left : "", "inputmode": "decimal",
                                                "size": "6", "aria-label": t("stock.quantity"),
                                            ])
                                    }
                                    h("td", ["data-label": t("contract.order_from")]) {
                                        h("select", ["name": "lines[\(i)][warehouseId]", "aria-label": t("contract.order_from")]) {
                                            for (id, name) in m.warehouses {
                                                h("option", ["value": id, "selected": flag(k == 1 && id == second)]) { name }
                                            }
                                        }
                                        if k == 0, m.warehouses.count > 2 {
                                            h(
                                                "button",
                                                [
                                                    "type": "button", "class": "add-row", "data-add-row": "", "hidden": "",
                                                    "title": t("contract.add_warehouse"), "aria-label": t("contract.add_warehouse"),
                                                ]
                                            ) { "+" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                h("button", ["type": "submit", "class": "primary"]) { label }
            }
        }
    }

    static func plan(_ m: ContractViewModel, _ t: Translator) -> Node {
        h("section", ["class": "card"]) {
            h("h2") { t("contract.plan") }
            if m.installments.isEmpty {
                h("p", ["class": "empty"]) { t("contract.plan_empty") }
            } else {
                h("table", ["class": "data"]) {
                    h("thead") {
                        h("tr") {
                            h("th") { "#" }; h("th") { t("contract.due_date") }; h("th") { t("deal.amount") };
                            h("th") { t("contract.collected") }; h("th") { t("common.status") }
                        }
                    }
                    h("tbody") {
                        for i in m.installments {
                            h("tr", ["class": i.overdue ? "warn" : nil]) {
                                h("td", ["data-label": "#"]) { i.seq }
                                h("td", ["data-label": t("contract.due_date")]) { i.dueDate }
                                h("td", ["data-label": t("deal.amount"), "class": "num"]) { i.amount }
                                h("td", ["data-label": t("contract.collected"), "class": "num"]) { i.settled }
                                h("td", ["data-label": t("common.status")]) {
                                    if i.paid {
                                        CommonPages.badge(t("contract.installment.paid"), "approved")
                                    } else if i.overdue {
                                        CommonPages.badge(t("contract.installment.overdue"), "rejected")
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if m.offered.contains("setPlan") {
                h("details") {
                    h("summary") { t("contract.plan_edit") }
                    h("form", ["method": "post", "action": Paths.Contracts.contractPlan(m.id), "class": "form"]) {
                        Layout.csrfField(m.csrf)
                        h("p", ["class": "muted"]) { t("contract.plan_hint", m.totalAmount) }
                        for (i, r) in m.planRows.enumerated() {
                            h("div", ["class": "inline-form"]) {
                                FormKit.labelled(t("contract.due_date")) {
                                    h(
                                        "input",
                                        [
                                            "type": "date", "name": "items[\(i)][dueDate]", "value": r.0,
                                            "aria-label": t("contract.due_date"),
                                        ])
                                }
                                FormKit.labelled(t("deal.amount")) {
                                    h(
                                        "input",
                                        [
                                            "name": "items[\(i)][amount]", "value": r.1, "inputmode": "decimal",
                                            "aria-label": t("deal.amount"),
                                        ])
                                }
                            }
                        }
                        h("button", ["type": "submit", "class": "primary"]) { t("action.save") }
                    }
                }
            }
        }
    }

    static func attachments(_ m: ContractViewModel, _ t: Translator) -> Node {
        let mayAttach = m.offered.contains("attach")
        return h("section", ["class": "card"]) {
            h("h2") { t("contract.attachments") }
            if m.attachments.isEmpty { h("p", ["class": "empty"]) { t("contract.no_attachments") } }
            h("ul", ["class": "plain"]) {
                for a in m.attachments {
                    h("li") {
                        CommonPages.link(a.name, a.href)
                        " · " + a.size + " · " + a.uploaded
                        if mayAttach {
                            " "
                            CommonPages.actionButton(
                                t("action.delete"), action: a.deleteAction, csrf: m.csrf, confirm: t("contract.attachment_delete_confirm"),
                                danger: true)
                        }
                    }
                }
            }
            if mayAttach {
                FormKit.upload(
                    action: Paths.Contracts.contractAttachments(m.id), csrf: m.csrf, label: t("contract.attachment_file"),
                    accept: ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.txt", hint: t("contract.upload_hint"), t)
            }
        }
    }
}
