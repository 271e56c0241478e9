import Paths

/// 收款 and 付款: the form (with how to settle: by document, by product, or kept as a credit) and
/// the record with what it settled.
public struct PaymentFormModel: Sendable {
    /// "in" (a collection) or "out" (a payment).
    public var direction = "in"
    public var routes: Paths.Cash.Direction { Paths.Cash.direction(incoming: direction == "in") }
    public var csrf = ""
    public var parties: [(String, String)] = []
    /// nil until a party is chosen: the form first asks for one.
    public var partnerId: String?
    public var partyName = ""
    public var contracts: [(String, String)] = []
    public var contractId: String?
    public var amount: String?
    public var paymentDate: String?
    public var methods: [String] = []
    public var method: String?
    public var reference: String?
    public var modes: [String] = []
    public var mode = "document"
    /// Open documents as (value, label).
    public var documents: [(String, String)] = []
    public var target: String?
    public var products: [(String, String)] = []
    public var productId: String?
    public var targetAmount: String?
    public var note: String?
    /// An error beside its field, or (field nil or not on the form) above the form.
    public var error: (field: String?, message: String)?
    public init() {}
}

public struct PaymentDetailModel: Sendable {
    public struct Settlement: Sendable {
        public var document = "", product = "", amount = ""
        public init(document: String, product: String, amount: String) {
            self.document = document
            self.product = product
            self.amount = amount
        }
    }
    public var direction = "in"
    public var routes: Paths.Cash.Direction { Paths.Cash.direction(incoming: direction == "in") }
    public var id: Int64 = 0
    public var number = ""
    public var facts: [(String, Node)] = []
    public var settlements: [Settlement] = []
    /// Open documents the rest may settle, as (value, label); empty: no settle form.
    public var openDocuments: [(String, String)] = []
    public var mayCancel = false
    public var csrf = ""
    public init() {}
}

public enum PaymentViews {
    static let fieldsOnForm: Set<String> = ["amount", "paymentDate", "method", "reference", "contractId"]

    public static func form(_ ctx: PageContext, _ m: PaymentFormModel) -> String {
        let t = ctx.t
        func e(_ name: String) -> String? { m.error?.field == name ? m.error?.message : nil }
        return Layout.page(ctx, title: t(m.direction == "in" ? "collection.new" : "payment.new")) {
            if m.partnerId == nil {
                h("form", ["method": "get", "action": m.routes.new(), "class": "form"]) {
                    FormKit.select("partnerId", t("contract.party"), m.parties, selected: nil, blank: "—")
                    h("button", ["type": "submit", "class": "primary"]) { t("invoice.choose_party") }
                }
            } else {
                h("form", ["method": "post", "action": m.routes.list(), "class": "form"]) {
                    Layout.csrfField(m.csrf)
                    h("input", ["type": "hidden", "name": "partnerId", "value": m.partnerId ?? ""])
                    FormKit.formError(m.error, beside: fieldsOnForm)
                    h("p") { h("strong") { m.partyName } }
                    FormKit.select(
                        "contractId", t("contract.title_short"), m.contracts, selected: m.contractId, blank: "—", error: e("contractId"))
                    FormKit.field("amount", t("deal.amount"), m.amount, required: true, error: e("amount"))
                    FormKit.field("paymentDate", t("payment.date"), m.paymentDate, type: "date", error: e("paymentDate"))
                    FormKit.select("method", t("payment.method"), m.methods.map { ($0, t("payment.method." + $0)) }, selected: m.method)
                    FormKit.field("reference", t("payment.reference"), m.reference, error: e("reference"))
                    h("fieldset") {
                        h("legend") { t("payment.settle") }
                        for mode in m.modes {
                            h("label", ["class": "check"]) {
                                h("input", ["type": "radio", "name": "mode", "value": mode, "checked": flag(m.mode == mode)])
                                t("payment.mode." + mode)
                            }
                        }
                        FormKit.select(
                            "target", t("payment.target_document"), m.documents, selected: m.target, blank: t("payment.oldest_first"))
                        FormKit.select("productId", t("payment.target_product"), m.products, selected: m.productId, blank: "—")
                        FormKit.field("targetAmount", t("payment.target_amount"), m.targetAmount)
                        h("p", ["class": "muted"]) { t("payment.settle_hint") }
                    }
                    h("label", ["class": "field"]) {
                        h("span") { t("common.note") }; h("textarea", ["name": "note", "rows": "2"]) { m.note ?? "" }
                    }
                    h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("action.save") } }
                }
            }
        }
    }

    public static func detail(_ ctx: PageContext, _ m: PaymentDetailModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: t(m.direction == "in" ? "collection.title" : "payment.title", m.number), facts: m.facts) {
            h("section", ["class": "card"]) {
                h("h2") { t("payment.settlements") }
                if m.settlements.isEmpty { h("p", ["class": "empty"]) { t("payment.none_applied") } }
                h("table", ["class": "data"]) {
                    h("thead") {
                        h("tr") {
                            h("th") { t("approval.document") }; h("th") { t("deal.product") };
                            h("th", ["class": "num"]) { t("deal.amount") }
                        }
                    }
                    h("tbody") {
                        for s in m.settlements {
                            h("tr") {
                                h("td", ["data-label": t("approval.document")]) { s.document }
                                h("td", ["data-label": t("deal.product")]) { s.product }
                                h("td", ["data-label": t("deal.amount"), "class": "num"]) { s.amount }
                            }
                        }
                    }
                }
            }
            if !m.openDocuments.isEmpty {
                h("form", ["method": "post", "action": m.routes.settle(m.id), "class": "inline-form"]) {
                    Layout.csrfField(m.csrf)
                    FormKit.labelled(t("payment.target_document")) {
                        h("select", ["name": "target", "aria-label": t("payment.target_document")]) {
                            h("option", ["value": ""]) { t("payment.oldest_first") }
                            for (value, label) in m.openDocuments { h("option", ["value": value]) { label } }
                        }
                    }
                    h("button", ["type": "submit", "class": "primary"]) { t("payment.apply_rest") }
                }
            }
            if m.mayCancel {
                CommonPages.actionButton(
                    t("payment.cancel"), action: m.routes.cancel(m.id), csrf: m.csrf, confirm: t("payment.cancel_confirm"),
                    danger: true)
            }
        }
    }
}
