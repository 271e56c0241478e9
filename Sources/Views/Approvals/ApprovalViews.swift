import Paths

/// 审批: a round with its steps and the decision form, and the rule form.
public struct ApprovalModel: Sendable {
    public var id: Int64 = 0
    public var title = ""
    public var facts: [(String, Node)] = []
    /// Each step: what kind of approver, who, and whether it is the one waiting now.
    public var steps: [(kind: String, who: String, current: Bool)] = []
    public var mayDecide = false
    public var csrf = ""
    public var history: Node = .fragment([])
    /// The document's lines, with each line's floor and how far under it the price is: what the
    /// approver decides on.
    public var lines: [Line] = []
    public struct Line: Sendable {
        public var product, quantity, price, floor, under: String
        public var below: Bool
        public init(product: String, quantity: String, price: String, floor: String, under: String, below: Bool) {
            self.product = product
            self.quantity = quantity
            self.price = price
            self.floor = floor
            self.under = under
            self.below = below
        }
    }
    public init() {}
}

public struct ApprovalRuleFormModel: Sendable {
    public var title = "", action = "", csrf = ""
    public var version: String?
    public var error: (field: String?, message: String)?
    public var name: String?, docType: String?, branchId: String?, minAmount: String?
    public var docTypes: [String] = []
    public var branches: [(String, String)] = []
    /// What a step may name, as (value, label).
    public var targets: [(String, String)] = []
    public var steps: [String] = []
    public var active = true
    public init() {}
}

public enum ApprovalViews {
    public static func approval(_ ctx: PageContext, _ m: ApprovalModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: m.title, facts: m.facts) {
            if !m.lines.isEmpty {
                h("section", ["class": "card"]) {
                    h("h2") { t("approval.lines") }
                    DataTable.render(
                        [t("deal.product"), t("stock.quantity"), t("deal.unit_price"), t("deal.floor_price"), t("approval.under_floor")],
                        m.lines.map { [.text($0.product), .number($0.quantity), .number($0.price), .number($0.floor), .number($0.under)] },
                        rowClasses: DataTable.warnings(m.lines.map(\.below)))
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("approval.steps") }
                h("ol") {
                    for s in m.steps { h("li", ["class": s.current ? "current" : nil]) { t("approval.kind." + s.kind) + "：" + s.who } }
                }
            }
            if m.mayDecide {
                h("section", ["class": "card"]) {
                    h("h2") { t("approval.decide") }
                    h("form", ["method": "post", "action": Paths.Approvals.decide(m.id), "class": "followup-form"]) {
                        Layout.csrfField(m.csrf)
                        FormKit.labelled(t("approval.comment")) {
                            h(
                                "textarea",
                                [
                                    "name": "comment", "rows": "3", "aria-label": t("approval.comment"),
                                    "placeholder": t("approval.comment_hint"),
                                ]
                            ) {
                                ""
                            }
                        }
                        h("div", ["class": "actions"]) {
                            h("button", ["type": "submit", "name": "decision", "value": "approve", "class": "primary"]) {
                                t("approval.action.approve")
                            }
                            h("button", ["type": "submit", "name": "decision", "value": "return"]) { t("approval.action.return") }
                            h("button", ["type": "submit", "name": "decision", "value": "reject", "class": "danger"]) {
                                t("approval.action.reject")
                            }
                        }
                    }
                }
            }
            m.history
        }
    }

    public static func ruleForm(_ ctx: PageContext, _ m: ApprovalRuleFormModel) -> String {
        let t = ctx.t
        func e(_ name: String) -> String? { m.error?.field?.hasPrefix(name) == true ? m.error?.message : nil }
        return Layout.page(ctx, title: m.title) {
            h("form", ["method": "post", "action": m.action, "class": "form"]) {
                Layout.csrfField(m.csrf)
                if let v = m.version { h("input", ["type": "hidden", "name": "version", "value": v]) }
                FormKit.formError(m.error, besideFieldsStartingWith: ["docType", "name", "minAmount", "branchId", "steps"])
                FormKit.field("name", t("approval.rule.name"), m.name, required: true, error: e("name"))
                FormKit.select(
                    "docType", t("approval.doc_type"), m.docTypes.map { ($0, t("approval.type." + $0)) }, selected: m.docType,
                    error: e("docType"))
                FormKit.select(
                    "branchId", t("approval.rule.branch"), m.branches, selected: m.branchId, blank: t("approval.rule.all_branches"),
                    error: e("branchId"))
                FormKit.field("minAmount", t("approval.rule.min"), m.minAmount, error: e("minAmount"))
                h("fieldset") {
                    h("legend") { t("approval.steps") }
                    for (i, s) in m.steps.enumerated() {
                        FormKit.select(
                            "steps[\(i)]", t("approval.step", String(i + 1)), m.targets, selected: s, blank: "—",
                            error: i == 0 ? e("steps") : nil)
                    }
                }
                FormKit.checkbox("active", t("common.active"), checked: m.active)
                h("div", ["class": "actions"]) {
                    h("button", ["type": "submit", "class": "primary"]) { t("action.save") }
                    h("a", ["href": Paths.Approvals.rules(), "class": "button"]) { t("action.cancel") }
                }
            }
        }
    }
}
