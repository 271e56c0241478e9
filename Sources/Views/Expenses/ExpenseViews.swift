import Paths

/// 费用报销 and 费用预算: the claim form, a claim with its budget check, receipts and approvals,
/// and the month's budgets with actual against them.
public struct ExpenseFormModel: Sendable {
    public struct Line: Sendable {
        public var categoryId = "", expenseDate = "", amount = "", description = ""
        public init(categoryId: String = "", expenseDate: String = "", amount: String = "", description: String = "") {
            self.categoryId = categoryId
            self.expenseDate = expenseDate
            self.amount = amount
            self.description = description
        }
    }
    public var title = ""
    public var action = ""
    public var cancel = ""
    public var csrf = ""
    public var version: String?
    public var error: (field: String?, message: String)?
    public var claimTitle: String?, claimDate: String?, partnerId: String?, contractId: String?, campaign: String?, note: String?
    /// The campaigns a claim may be spent for, and the one picked.
    public var campaigns: [(String, String)] = []
    public var campaignId: String?
    /// Empty: the person may not pick one (no right to see customers or contracts).
    public var customers: [(String, String)] = [], contracts: [(String, String)] = []
    public var categories: [(String, String)] = []
    public var lines: [Line] = []
    public init() {}
}

public struct ExpenseClaimModel: Sendable {
    public struct Line: Sendable {
        public var category = "", date = "", amount = "", description = ""
        public init(category: String, date: String, amount: String, description: String) {
            self.category = category
            self.date = date
            self.amount = amount
            self.description = description
        }
    }
    public struct Check: Sendable {
        public var category = "", budget = "", used = "", claim = ""
        public var over = false
        public init(category: String, budget: String, used: String, claim: String, over: Bool) {
            self.category = category
            self.budget = budget
            self.used = used
            self.claim = claim
            self.over = over
        }
    }
    public var id: Int64 = 0
    public var title = ""
    public var month = ""
    public var csrf = ""
    public var actions: [PageAction] = []
    public var facts: [(String, Node)] = []
    public var lines: [Line] = []
    public var checks: [Check] = []
    /// The commands (ExpenseClaimFlow's names) offered as buttons.
    public var transitions: [String] = []
    public var receipts: [(name: String, href: String)] = []
    public var mayAttach = false
    public var history: Node = .fragment([])
    public init() {}
}

public struct BudgetsModel: Sendable {
    public struct Row: Sendable {
        public var branch = "", category = "", budget = "", actual = "", pending = "", remaining = ""
        public var over = false
        public init(branch: String, category: String, budget: String, actual: String, pending: String, remaining: String, over: Bool) {
            self.branch = branch
            self.category = category
            self.budget = budget
            self.actual = actual
            self.pending = pending
            self.remaining = remaining
            self.over = over
        }
    }
    public var csrf = ""
    public var month = ""
    public var branches: [(String, String)] = []
    public var branchId = ""
    public var branchName = ""
    /// The active categories and this month's budget of each: (id, name, amount).
    public var amounts: [(id: String, name: String, amount: String?)] = []
    public var rows: [Row] = []
    public init() {}
}

public enum ExpenseViews {
    public static func form(_ ctx: PageContext, _ m: ExpenseFormModel) -> String {
        let t = ctx.t
        func e(_ n: String) -> String? { m.error?.field == n ? m.error?.message : nil }
        var beside: Set<String> = ["title", "claimDate", "campaign", "campaignId"]
        if !m.customers.isEmpty { beside.insert("partnerId") }
        if !m.contracts.isEmpty { beside.insert("contractId") }
        return Layout.page(ctx, title: m.title) {
            h("form", ["method": "post", "action": m.action, "class": "form"]) {
                Layout.csrfField(m.csrf)
                if let v = m.version { h("input", ["type": "hidden", "name": "version", "value": v]) }
                FormKit.formError(m.error, beside: beside)
                FormKit.field("title", t("deal.title"), m.claimTitle, required: true, error: e("title"))
                FormKit.field("claimDate", t("expense.date"), m.claimDate, type: "date", error: e("claimDate"))
                if !m.customers.isEmpty {
                    FormKit.select(
                        "partnerId", t("expense.for_customer"), m.customers, selected: m.partnerId, blank: "—", error: e("partnerId"))
                }
                if !m.contracts.isEmpty {
                    FormKit.select(
                        "contractId", t("expense.for_contract"), m.contracts, selected: m.contractId, blank: "—", error: e("contractId"))
                }
                if !m.campaigns.isEmpty {
                    FormKit.select(
                        "campaignId", t("expense.for_campaign"), m.campaigns, selected: m.campaignId, blank: "—", error: e("campaignId"))
                }
                FormKit.field("campaign", t("expense.campaign"), m.campaign, error: e("campaign"))
                DataTable.render(
                    [t("expense.category"), t("expense.spent_on"), t("deal.amount"), t("expense.what")],
                    m.lines.enumerated().map { i, l in
                        [
                            DataTable.Cell(
                                h("select", ["name": "lines[\(i)][categoryId]", "aria-label": t("expense.category")]) {
                                    h("option", ["value": ""]) { "—" }
                                    for (v, n) in m.categories { h("option", ["value": v, "selected": flag(v == l.categoryId)]) { n } }
                                }),
                            DataTable.Cell(
                                h(
                                    "input",
                                    [
                                        "type": "date", "name": "lines[\(i)][expenseDate]", "value": l.expenseDate,
                                        "aria-label": t("expense.spent_on"),
                                    ])),
                            DataTable.Cell(
                                h(
                                    "input",
                                    [
                                        "name": "lines[\(i)][amount]", "value": l.amount, "inputmode": "decimal", "size": "8",
                                        "aria-label": t("deal.amount"),
                                    ])),
                            DataTable.Cell(
                                h("input", ["name": "lines[\(i)][description]", "value": l.description, "aria-label": t("expense.what")])),
                        ]
                    }, cssClass: "data lines")
                FormKit.footer(note: m.note, cancel: m.cancel, t)
            }
        }
    }

    public static func claim(_ ctx: PageContext, _ m: ExpenseClaimModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: m.title, actions: m.actions, facts: m.facts) {
            h("section", ["class": "card"]) {
                DataTable.render(
                    [t("expense.category"), t("expense.spent_on"), t("deal.amount"), t("expense.what")],
                    m.lines.map { [.text($0.category), .text($0.date), .number($0.amount), .text($0.description)] })
            }
            h("section", ["class": "card"]) {
                h("h2") { t("expense.budget_check", m.month) }
                h("table", ["class": "data"]) {
                    h("thead") {
                        h("tr") {
                            h("th") { t("expense.category") }; h("th") { t("expense.budget") }; h("th") { t("expense.used") };
                            h("th") { t("expense.this_claim") }
                        }
                    }
                    h("tbody") {
                        for k in m.checks {
                            h("tr", ["class": k.over ? "warn" : nil]) {
                                h("td", ["data-label": t("expense.category")]) { k.category }
                                h("td", ["data-label": t("expense.budget"), "class": "num"]) { k.budget }
                                h("td", ["data-label": t("expense.used"), "class": "num"]) { k.used }
                                h("td", ["data-label": t("expense.this_claim"), "class": "num"]) { k.claim }
                            }
                        }
                    }
                }
            }
            h("div", ["class": "actions"]) {
                for a in m.transitions {
                    CommonPages.actionButton(t("expense.action." + a), action: Paths.Expenses.claimAction(m.id, a), csrf: m.csrf)
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("expense.receipts") }
                if m.receipts.isEmpty { h("p", ["class": "empty"]) { t("expense.no_receipts") } }
                h("ul", ["class": "plain"]) { for r in m.receipts { h("li") { CommonPages.link(r.name, r.href) } } }
                if m.mayAttach {
                    FormKit.upload(
                        action: Paths.Expenses.claimAttachments(m.id), csrf: m.csrf, label: t("expense.receipts"),
                        accept: ".pdf,.png,.jpg,.jpeg", t)
                }
            }
            m.history
        }
    }

    public static func budgets(_ ctx: PageContext, _ m: BudgetsModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t("nav.budgets")) {
            h("form", ["method": "get", "action": Paths.Expenses.budgets(), "class": "filters"]) {
                FormKit.field("month", t("expense.month"), m.month)
                FormKit.select("branchId", t("approval.rule.branch"), m.branches, selected: m.branchId)
                h("button", ["type": "submit"]) { t("action.filter") }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("expense.set_budget", m.branchName, m.month) }
                h("form", ["method": "post", "action": Paths.Expenses.budgets(), "class": "form"]) {
                    Layout.csrfField(m.csrf)
                    h("input", ["type": "hidden", "name": "month", "value": m.month])
                    h("input", ["type": "hidden", "name": "branchId", "value": m.branchId])
                    for c in m.amounts { FormKit.field("amounts[\(c.id)]", c.name, c.amount) }
                    h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("action.save") } }
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("expense.actual_vs_budget", m.month) }
                h("table", ["class": "data"]) {
                    h("thead") {
                        h("tr") {
                            h("th") { t("approval.rule.branch") }; h("th") { t("expense.category") }; h("th") { t("expense.budget") };
                            h("th") { t("expense.actual") }
                            h("th") { t("expense.pending") }; h("th") { t("expense.remaining") }
                        }
                    }
                    h("tbody") {
                        for r in m.rows {
                            h("tr", ["class": r.over ? "warn" : nil]) {
                                h("td", ["data-label": t("approval.rule.branch")]) { r.branch }
                                h("td", ["data-label": t("expense.category")]) { r.category }
                                h("td", ["data-label": t("expense.budget"), "class": "num"]) { r.budget }
                                h("td", ["data-label": t("expense.actual"), "class": "num"]) { r.actual }
                                h("td", ["data-label": t("expense.pending"), "class": "num"]) { r.pending }
                                h("td", ["data-label": t("expense.remaining"), "class": "num"]) { r.remaining }
                            }
                        }
                    }
                }
                if m.rows.isEmpty { h("p", ["class": "empty"]) { t("expense.nothing_this_month") } }
            }
        }
    }
}
