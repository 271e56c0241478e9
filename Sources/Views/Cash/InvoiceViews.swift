import Paths

/// 发票: the issue form (against whole deliveries or contract lines of one party) and the invoice.
public struct InvoiceFormModel: Sendable {
    public struct Document: Sendable {
        public var id = "", label = "", checked = false
        public init(id: String, label: String, checked: Bool) {
            self.id = id
            self.label = label
            self.checked = checked
        }
    }
    public struct ContractLine: Sendable {
        public var id = "", label = ""
        public init(id: String, label: String) {
            self.id = id
            self.label = label
        }
    }
    /// "sales" or "purchase".
    public var side = "sales"
    public var csrf = ""
    public var parties: [(String, String)] = []
    /// nil until a party is chosen: the form first asks for one.
    public var partnerId: String?
    public var partyName = ""
    public var contractId: String?
    public var kinds: [String] = []
    public var kind: String?
    public var invoiceNo: String?
    public var invoiceDate: String?
    public var note: String?
    public var documents: [Document] = []
    public var contractLines: [ContractLine] = []
    public var error: String?
    public init() {}
}

public struct InvoiceDetailModel: Sendable {
    public struct Line: Sendable {
        public var product = "", quantity = "", taxRate = "", amount = "", tax = ""
        public init(product: String, quantity: String, taxRate: String, amount: String, tax: String) {
            self.product = product
            self.quantity = quantity
            self.taxRate = taxRate
            self.amount = amount
            self.tax = tax
        }
    }
    public var id: Int64 = 0
    public var number = ""
    public var facts: [(String, Node)] = []
    public var lines: [Line] = []
    public var mayCancel = false
    public var csrf = ""
    public init() {}
}

public enum InvoiceViews {
    public static func form(_ ctx: PageContext, _ m: InvoiceFormModel) -> String {
        let t = ctx.t
        return Layout.page(ctx, title: t(m.side == "sales" ? "invoice.new" : "invoice.new_purchase")) {
            if m.partnerId == nil {
                h("form", ["method": "get", "action": Paths.Cash.newInvoice(), "class": "form"]) {
                    h("input", ["type": "hidden", "name": "side", "value": m.side])
                    FormKit.select("partnerId", t("contract.party"), m.parties, selected: nil, blank: "—")
                    h("button", ["type": "submit", "class": "primary"]) { t("invoice.choose_party") }
                }
            } else {
                h("form", ["method": "post", "action": Paths.Cash.invoices(), "class": "form"]) {
                    Layout.csrfField(m.csrf)
                    h("input", ["type": "hidden", "name": "side", "value": m.side])
                    h("input", ["type": "hidden", "name": "partnerId", "value": m.partnerId ?? ""])
                    if let c = m.contractId, !c.isEmpty { h("input", ["type": "hidden", "name": "contractId", "value": c]) }
                    FormKit.formError(m.error)
                    h("p") { h("strong") { m.partyName } }
                    FormKit.select("kind", t("invoice.kind"), m.kinds.map { ($0, t("invoice.kind." + $0)) }, selected: m.kind)
                    FormKit.field("invoiceNo", t("invoice.no"), m.invoiceNo)
                    FormKit.field("invoiceDate", t("invoice.date"), m.invoiceDate, type: "date")
                    h("fieldset") {
                        h("legend") { t(m.side == "sales" ? "invoice.deliveries" : "invoice.receipts") }
                        if m.documents.isEmpty { h("p", ["class": "empty"]) { t("invoice.nothing_delivered") } }
                        for d in m.documents {
                            h("label", ["class": "check"]) {
                                h("input", ["type": "checkbox", "name": "stockDocumentIds[]", "value": d.id, "checked": flag(d.checked)])
                                d.label
                            }
                        }
                    }
                    if !m.contractLines.isEmpty {
                        h("fieldset") {
                            h("legend") { t("invoice.contract_lines") }
                            h("p", ["class": "muted"]) { t("invoice.contract_lines_hint") }
                            for (i, l) in m.contractLines.enumerated() {
                                h("div", ["class": "inline-form"]) {
                                    h("input", ["type": "hidden", "name": "lines[\(i)][contractLineId]", "value": l.id])
                                    h("span") { l.label }
                                    FormKit.labelled(t("deal.amount")) {
                                        h(
                                            "input",
                                            [
                                                "name": "lines[\(i)][amount]", "inputmode": "decimal", "aria-label": t("deal.amount"),
                                                "size": "10",
                                            ])
                                    }
                                }
                            }
                        }
                    }
                    h("label", ["class": "field"]) {
                        h("span") { t("common.note") }; h("textarea", ["name": "note", "rows": "2"]) { m.note ?? "" }
                    }
                    h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("invoice.issue") } }
                }
            }
        }
    }

    public static func detail(_ ctx: PageContext, _ m: InvoiceDetailModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: t("invoice.title", m.number), facts: m.facts) {
            h("section", ["class": "card"]) {
                h("table", ["class": "data"]) {
                    h("thead") {
                        h("tr") {
                            h("th") { t("deal.product") }; h("th") { t("stock.quantity") }; h("th") { t("deal.tax_rate") };
                            h("th") { t("deal.amount") }; h("th") { t("deal.tax") }
                        }
                    }
                    h("tbody") {
                        for l in m.lines {
                            h("tr") {
                                h("td", ["data-label": t("deal.product")]) { l.product }
                                h("td", ["data-label": t("stock.quantity")]) { l.quantity }
                                h("td", ["data-label": t("deal.tax_rate")]) { l.taxRate }
                                h("td", ["data-label": t("deal.amount"), "class": "num"]) { l.amount }
                                h("td", ["data-label": t("deal.tax"), "class": "num"]) { l.tax }
                            }
                        }
                    }
                }
            }
            if m.mayCancel {
                CommonPages.actionButton(
                    t("invoice.cancel"), action: Paths.Cash.cancelInvoice(m.id), csrf: m.csrf, confirm: t("invoice.cancel_confirm"),
                    danger: true)
            }
        }
    }
}
