/// 应收 and 应付: open items aged, by party, document or product, per branch or in total.
public struct AgeingModel: Sendable {
    public struct Buckets: Sendable {
        public var open = "", d0to30 = "", d31to60 = "", d61to90 = "", over90 = ""
        public init(open: String, d0to30: String, d31to60: String, d61to90: String, over90: String) {
            self.open = open
            self.d0to30 = d0to30
            self.d31to60 = d31to60
            self.d61to90 = d61to90
            self.over90 = over90
        }
    }
    public struct Row: Sendable {
        public var party = "", partyHref = ""
        public var document = "", documentDate = "", product = ""
        public var amounts: Buckets
        /// Credits (payments not yet applied), in the by-party view.
        public var credit = ""
        public init(
            party: String, partyHref: String, document: String, documentDate: String, product: String, amounts: Buckets, credit: String
        ) {
            self.party = party
            self.partyHref = partyHref
            self.document = document
            self.documentDate = documentDate
            self.product = product
            self.amounts = amounts
            self.credit = credit
        }
    }
    /// "ar" or "ap".
    public var side = "ar"
    /// "partner", "document" or "product".
    public var groupBy = "partner"
    public var path = ""
    public var branches: [(String, String)] = []
    public var branchId: String?
    public var asOf = ""
    public var partnerId: String?
    public var rows: [Row] = []
    public var total = Buckets(open: "", d0to30: "", d31to60: "", d61to90: "", over90: "")
    public var totalCredit = ""
    /// The export links, carrying the filters.
    public var actions: [PageAction] = []
    public init() {}
}

public enum AgeingView {
    public static let groups = ["partner", "document", "product"]

    public static func page(_ ctx: PageContext, _ m: AgeingModel) -> String {
        let t = ctx.t
        let byParty = m.groupBy == "partner", byDocument = m.groupBy == "document", byProduct = m.groupBy == "product"
        let bucketLabels = [t("ageing.open"), "0-30", "31-60", "61-90", t("ageing.over90")]
        func amounts(_ b: AgeingModel.Buckets, cell: String) -> [Node] {
            zip(bucketLabels, [b.open, b.d0to30, b.d31to60, b.d61to90, b.over90]).map { label, v in
                h(cell, ["data-label": label, "class": "num"]) { v }
            }
        }
        let creditLabel = t(m.side == "ar" ? "ageing.credit_in" : "ageing.credit_out")
        return Layout.page(ctx, title: t(m.side == "ar" ? "nav.receivables" : "nav.payables"), actions: m.actions) {
            h("form", ["method": "get", "action": m.path, "class": "filters"]) {
                FormKit.select("groupBy", t("ageing.group"), groups.map { ($0, t("ageing.group." + $0)) }, selected: m.groupBy)
                FormKit.select("branchId", t("approval.rule.branch"), m.branches, selected: m.branchId, blank: t("ageing.all_branches"))
                FormKit.field("asOf", t("ageing.as_of"), m.asOf, type: "date")
                if let partner = m.partnerId { h("input", ["type": "hidden", "name": "partnerId", "value": partner]) }
                h("button", ["type": "submit"]) { t("action.filter") }
            }
            h("table", ["class": "data"]) {
                h("thead") {
                    h("tr") {
                        h("th") { t("contract.party") }
                        if byDocument { h("th") { t("approval.document") }; h("th") { t("invoice.date") } }
                        if byProduct { h("th") { t("deal.product") } }
                        h("th") { t("ageing.open") }; h("th") { "0-30" }; h("th") { "31-60" }; h("th") { "61-90" };
                        h("th") { t("ageing.over90") }
                        if byParty { h("th") { creditLabel } }
                    }
                }
                h("tbody") {
                    for row in m.rows {
                        h("tr") {
                            h("td", ["data-label": t("contract.party")]) { CommonPages.link(row.party, row.partyHref) }
                            if byDocument {
                                h("td", ["data-label": t("approval.document")]) { row.document }
                                h("td", ["data-label": t("invoice.date")]) { row.documentDate }
                            }
                            if byProduct { h("td", ["data-label": t("deal.product")]) { row.product } }
                            Node.fragment(amounts(row.amounts, cell: "td"))
                            if byParty { h("td", ["data-label": creditLabel, "class": "num"]) { row.credit } }
                        }
                    }
                }
                h("tfoot") {
                    h("tr") {
                        h("th") { t("ageing.total") }
                        if byDocument { h("th") { "" }; h("th") { "" } }
                        if byProduct { h("th") { "" } }
                        Node.fragment(amounts(m.total, cell: "th"))
                        if byParty { h("th", ["data-label": creditLabel, "class": "num"]) { m.totalCredit } }
                    }
                }
            }
            if m.rows.isEmpty { h("p", ["class": "empty"]) { t("ageing.nothing_open") } }
        }
    }
}
