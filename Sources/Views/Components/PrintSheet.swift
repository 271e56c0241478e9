/// A document on paper for the customer, the supplier or the driver (报价单, 合同, 出库单): the
/// company's letterhead, the other party, the lines, the total in figures and in capitals, the
/// terms, and boxes to sign and stamp. The letterhead and the lines' heading repeat on every page;
/// the page number is printed at the foot (CSS `@page`), on A4 or on the 241 mm continuous paper
/// of dot-matrix printers (三联单). A print carries only what its reader may see: the caller
/// gives the columns, and no template has a cost or a floor price to show.
public struct PrintSheet: Sendable {
    /// Who issues the document, from the company's details.
    public struct Letterhead: Sendable {
        public var name = ""
        public var address: String?
        public var phone: String?
        public var taxNumber: String?
        public var bank: String?
        /// The logo's address, when there is one.
        public var logo: String?
        public init() {}
    }

    public enum Paper: String, Sendable, CaseIterable {
        /// A4 portrait.
        case a4
        /// Continuous paper 241 mm wide, torn in two (二等分, 241 × 140 mm): the usual 三联单.
        case half = "241x140"
        /// Continuous paper 241 mm wide, a whole sheet (241 × 280 mm).
        case whole = "241x280"
    }

    public struct Column: Sendable {
        public var label: String
        public var numeric: Bool
        public init(_ label: String, numeric: Bool = false) {
            self.label = label
            self.numeric = numeric
        }
    }

    public var letterhead = Letterhead()
    public var title = ""
    public var number = ""
    public var paper = Paper.a4
    /// Where each paper choice leads (the same print with `?paper=`).
    public var paperLinks: [(paper: Paper, href: String)] = []
    /// The other party: name, address, telephone, contact, tax number.
    public var party: [(String, String)] = []
    /// The document's own facts: date, warehouse, validity...
    public var facts: [(String, String)] = []
    public var columns: [Column] = []
    public var rows: [[String]] = []
    /// The total in figures (under the amount column) and in capitals.
    public var total: String?
    public var totalInCapitals: String?
    /// Titled blocks under the lines: the payment plan, the terms.
    public var sections: [(title: String, lines: [String])] = []
    public var note: String?
    /// The boxes at the foot, each a label over room to sign or stamp.
    public var signatures: [String] = []
    /// Which copy goes to whom, printed at the foot on continuous paper (白联存根 ...).
    public var copies: String?
    public init() {}
}

public enum PrintView {
    public static func render(_ lang: Lang, _ s: PrintSheet) -> String {
        let t = Translator(lang)
        let body = h("body", ["class": "print paper-" + s.paper.rawValue]) {
            h("div", ["class": "no-print print-bar"]) {
                if !s.paperLinks.isEmpty {
                    h("span", ["class": "paper-choice"]) {
                        t("print.paper") + "："
                        for (paper, href) in s.paperLinks {
                            h("a", ["href": href, "aria-current": paper == s.paper ? "true" : nil]) { t("print.paper." + paper.rawValue) }
                        }
                    }
                }
                h("button", ["type": "button", "data-print": ""]) { t("action.print") }
            }
            h("main") {
                h("table", ["class": "sheet"]) {
                    h("thead") { h("tr") { h("td") { letterhead(s, t) } } }
                    h("tbody") { h("tr") { h("td") { content(s, t) } } }
                }
            }
            h("script", ["src": "/assets/app.js", "defer": ""])
        }
        return Layout.document(lang, title: s.title + " " + s.number, body: body)
    }

    static func letterhead(_ s: PrintSheet, _ t: Translator) -> Node {
        let l = s.letterhead
        return h("header", ["class": "letterhead"]) {
            if let logo = l.logo { h("img", ["src": logo, "alt": "", "class": "logo"]) }
            h("div", ["class": "issuer"]) {
                h("p", ["class": "company"]) { l.name }
                let lines = [
                    l.address.map { t("print.address") + "：" + $0 }, l.phone.map { t("print.phone") + "：" + $0 },
                    l.taxNumber.map { t("print.tax_number") + "：" + $0 }, l.bank.map { t("print.bank") + "：" + $0 },
                ].compactMap { $0 }
                if !lines.isEmpty { h("p", ["class": "issuer-details"]) { lines.joined(separator: "　") } }
            }
            h("div", ["class": "doc-title"]) {
                h("h1") { s.title }
                h("p", ["class": "doc-number"]) { t("print.number") + "：" + s.number }
            }
        }
    }

    static func content(_ s: PrintSheet, _ t: Translator) -> [Node] {
        [
            h("div", ["class": "print-head"]) {
                if !s.party.isEmpty { facts(s.party, cssClass: "party") }
                if !s.facts.isEmpty { facts(s.facts, cssClass: "doc-facts") }
            },
            h("table", ["class": "lines"]) {
                h("thead") {
                    h("tr") {
                        for c in s.columns { h("th", ["class": c.numeric ? "num" : nil]) { c.label } }
                    }
                }
                h("tbody") {
                    for row in s.rows {
                        h("tr") {
                            for (i, cell) in row.enumerated() {
                                h("td", ["class": i < s.columns.count && s.columns[i].numeric ? "num" : nil]) { cell }
                            }
                        }
                    }
                }
                if let total = s.total {
                    h("tfoot") {
                        h("tr") {
                            h("td", ["colspan": String(max(1, s.columns.count - 1))]) {
                                t("print.total") + (s.totalInCapitals.map { "（" + t("print.in_capitals") + "：" + $0 + "）" } ?? "")
                            }
                            h("td", ["class": "num"]) { total }
                        }
                    }
                }
            },
            .fragment(
                s.sections.filter { !$0.lines.isEmpty }.map { section in
                    h("section", ["class": "print-section"]) {
                        h("h2") { section.title }
                        h("ol") { for line in section.lines { h("li") { line } } }
                    }
                }),
            s.note.map { n in h("p", ["class": "print-note"]) { t("print.note") + "：" + n } } ?? .fragment([]),
            s.signatures.isEmpty
                ? .fragment([])
                : h("div", ["class": "sign-boxes"]) {
                    for label in s.signatures {
                        h("div", ["class": "sign-box"]) {
                            h("span", ["class": "sign-label"]) { label }
                            h("span", ["class": "sign-date"]) { t("print.date") + "：　　年　　月　　日" }
                        }
                    }
                },
            s.copies.map { c in h("p", ["class": "copies"]) { c } } ?? .fragment([]),
        ]
    }

    static func facts(_ items: [(String, String)], cssClass: String) -> Node {
        h("dl", ["class": cssClass]) {
            for (k, v) in items where !v.isEmpty {
                h("div") {
                    h("dt") { k }
                    h("dd") { v }
                }
            }
        }
    }
}
