import Paths

/// What quotes and contracts share: the form (party, dates, the line grid, note) and the print
/// view; and the quote's own page.
public struct DealFormModel: Sendable {
    public struct Field: Sendable {
        public var name = "", label = "", value: String?, type = "text", required = false
        /// Offered as a select when given (a custom field's choices).
        public var choices: [String]?
        public init(
            _ name: String, _ label: String, _ value: String?, type: String = "text", required: Bool = false, choices: [String]? = nil
        ) {
            self.choices = choices
            self.name = name
            self.label = label
            self.value = value
            self.type = type
            self.required = required
        }
    }
    public var title = ""
    public var action = ""
    public var cancel = ""
    public var csrf = ""
    /// Hidden fields, in order (kind, version, the quote or opportunity it comes from).
    public var hidden: [(String, String)] = []
    /// A line under the hidden fields ("made from a quote").
    public var intro: String?
    public var error: (field: String?, message: String)?
    public var partyLabel = ""
    public var parties: [(String, String)] = []
    public var partyId: String?
    public var partyBlank = "—"
    /// The fields whose errors show beside the party choice (the party, or what it came from).
    public var partyErrorFields = ["partnerId"]
    public var fields: [Field] = []
    /// nil: no line grid (a contract made from a quote keeps the quote's lines).
    public var linesHint: String?
    public var lines: [FormKit.LineRow] = []
    public var discount = false
    public var note: String?
    public init() {}
}

public struct QuoteViewModel: Sendable {
    public struct Line: Sendable {
        public var product = "", quantity = "", listPrice = "", discount = "", unitPrice = "", floorPrice = "", taxRate = "", amount = ""
        public var belowFloor = false
        public init(
            product: String, quantity: String, listPrice: String, discount: String, unitPrice: String, floorPrice: String, taxRate: String,
            amount: String, belowFloor: Bool
        ) {
            self.product = product
            self.quantity = quantity
            self.listPrice = listPrice
            self.discount = discount
            self.unitPrice = unitPrice
            self.floorPrice = floorPrice
            self.taxRate = taxRate
            self.amount = amount
            self.belowFloor = belowFloor
        }
    }
    public var id: Int64 = 0
    public var number = ""
    public var csrf = ""
    public var actions: [PageAction] = []
    public var facts: [(String, Node)] = []
    /// A draft with a line under the floor price: it needs approval before it goes out.
    public var needsApproval = false
    public var lines: [Line] = []
    /// The commands (QuoteFlow's names) offered as buttons.
    public var transitions: [String] = []
    public var note: String?
    public var history: Node = .fragment([])
    public init() {}
}

public enum DealViews {
    public static func form(_ ctx: PageContext, _ m: DealFormModel) -> String {
        let t = ctx.t
        func e(_ name: String) -> String? { m.error?.field == name ? m.error?.message : nil }
        let beside = Set(m.fields.map(\.name) + m.partyErrorFields)
        return Layout.page(ctx, title: m.title) {
            h("form", ["method": "post", "action": m.action, "class": "form"]) {
                Layout.csrfField(m.csrf)
                for (name, value) in m.hidden { h("input", ["type": "hidden", "name": name, "value": value]) }
                if let intro = m.intro { CommonPages.hint(intro) }
                FormKit.formError(m.error, beside: beside)
                FormKit.select(
                    "partnerId", m.partyLabel, m.parties, selected: m.partyId, blank: m.partyBlank,
                    error: m.partyErrorFields.lazy.compactMap(e).first)
                for f in m.fields {
                    if let choices = f.choices {
                        FormKit.select(f.name, f.label, choices.map { ($0, $0) }, selected: f.value, blank: "—", error: e(f.name))
                    } else {
                        FormKit.field(f.name, f.label, f.value, type: f.type, required: f.required, error: e(f.name))
                    }
                }
                if let hint = m.linesHint {
                    h("p", ["class": "muted"]) { hint }
                    FormKit.lineGrid(m.lines, discount: m.discount, t)
                }
                FormKit.footer(note: m.note, cancel: m.cancel, t)
            }
        }
    }

    /// The quote's lines as the company sees them, with each floor price and a warning under it.
    /// (The print, for the customer, is built without them: `QuotePages.print`.)
    public static func quoteLines(_ lines: [QuoteViewModel.Line], _ t: Translator) -> Node {
        h("table", ["class": "data"]) {
            h("thead") {
                h("tr") {
                    h("th") { t("deal.product") }; h("th") { t("stock.quantity") }; h("th") { t("deal.list_price") };
                    h("th") { t("deal.discount") }
                    h("th") { t("deal.unit_price") }
                    h("th") { t("deal.floor_price") }
                    h("th") { t("deal.tax_rate") }
                    h("th") { t("deal.amount") }
                }
            }
            h("tbody") {
                for l in lines {
                    h("tr", ["class": l.belowFloor ? "warn" : nil]) {
                        h("td", ["data-label": t("deal.product")]) { l.product }
                        h("td", ["data-label": t("stock.quantity")]) { l.quantity }
                        h("td", ["data-label": t("deal.list_price")]) { l.listPrice }
                        h("td", ["data-label": t("deal.discount")]) { l.discount }
                        h("td", ["data-label": t("deal.unit_price")]) {
                            l.unitPrice
                            if l.belowFloor { " "; CommonPages.badge(t("quote.below_floor"), "rejected") }
                        }
                        h("td", ["data-label": t("deal.floor_price")]) { l.floorPrice }
                        h("td", ["data-label": t("deal.tax_rate")]) { l.taxRate }
                        h("td", ["data-label": t("deal.amount"), "class": "num"]) { l.amount }
                    }
                }
            }
        }
    }

    public static func quote(_ ctx: PageContext, _ m: QuoteViewModel) -> String {
        let t = ctx.t
        return CommonPages.detail(ctx, title: t("quote.title", m.number), actions: m.actions, facts: m.facts) {
            if m.needsApproval { h("p", ["class": "notice warn"]) { t("quote.needs_approval_hint") } }
            h("section", ["class": "card"]) {
                h("h2") { t("deal.lines") }; quoteLines(m.lines, t)
            }
            if !m.transitions.isEmpty {
                h("div", ["class": "actions"]) {
                    for a in m.transitions {
                        CommonPages.actionButton(t("quote.action." + a), action: Paths.Contracts.quoteAction(m.id, a), csrf: m.csrf)
                    }
                }
            }
            if let n = m.note {
                h("section", ["class": "card"]) {
                    h("h2") { t("common.note") }; h("p", ["class": "timeline-body"]) { n }
                }
            }
            m.history
        }
    }
}
