import Kernel

/// The pieces every form is built of: a labelled field or choice with its error beside it, a
/// document's line grid, its note and buttons, and money as pages show it.
public enum FormKit {
    /// A row of a document's line grid, as typed (or as stored, for editing).
    public struct LineRow: Sendable {
        public var product: String?
        public var unit: String?
        public var quantity: String?
        public var unitPrice: String?
        public var discount: String?
        public var taxRate: String?
        public init(
            product: String? = nil, unit: String? = nil, quantity: String? = nil, unitPrice: String? = nil, discount: String? = nil,
            taxRate: String? = nil
        ) {
            self.product = product
            self.unit = unit
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.discount = discount
            self.taxRate = taxRate
        }
    }

    /// A control with its name written beside it, for the small forms inside a page (a reason, a
    /// comment, a choice of stage): visible, not only read to a screen reader.
    public static func labelled(_ label: String, @HTMLBuilder _ control: () -> [Node]) -> Node {
        h("label", ["class": "inline-field"]) {
            h("span") { label }
            control()
        }
    }

    /// The id of the page's product list: every product field of a line names it (`list`).
    public static let productOptions = "product-options"

    public static func lineGrid(_ rows: [LineRow], discount: Bool, _ t: Translator) -> Node {
        var rows = rows
        let target = max(4, rows.count + 2)
        while rows.count < target { rows.append(LineRow()) }
        return h("table", ["class": "data lines"]) {
            h("thead") {
                h("tr") {
                    h("th") { t("deal.product_code") }; h("th") { t("stock.unit") }; h("th") { t("stock.quantity") };
                    h("th") { t("deal.unit_price") }
                    if discount { h("th") { t("deal.discount") } }
                    h("th") { t("deal.tax_rate") }
                }
            }
            h("tbody") {
                for (i, r) in rows.enumerated() {
                    h("tr") {
                        h("td", ["data-label": t("deal.product_code")]) {
                            h(
                                "input",
                                [
                                    "name": "lines[\(i)][product]", "value": r.product ?? "", "aria-label": t("deal.product_code"),
                                    "list": productOptions, "autocomplete": "off",
                                    "size": "12",
                                ])
                        }
                        h("td", ["data-label": t("stock.unit")]) {
                            h("input", ["name": "lines[\(i)][unit]", "value": r.unit ?? "", "aria-label": t("stock.unit"), "size": "4"])
                        }
                        h("td", ["data-label": t("stock.quantity")]) {
                            h(
                                "input",
                                [
                                    "name": "lines[\(i)][quantity]", "value": r.quantity ?? "", "inputmode": "decimal",
                                    "aria-label": t("stock.quantity"), "size": "6",
                                ])
                        }
                        h("td", ["data-label": t("deal.unit_price")]) {
                            h(
                                "input",
                                [
                                    "name": "lines[\(i)][unitPrice]", "value": r.unitPrice ?? "", "inputmode": "decimal",
                                    "aria-label": t("deal.unit_price"), "size": "8",
                                ])
                        }
                        if discount {
                            h("td", ["data-label": t("deal.discount")]) {
                                h(
                                    "input",
                                    [
                                        "name": "lines[\(i)][discount]", "value": r.discount ?? "", "inputmode": "decimal",
                                        "aria-label": t("deal.discount"), "size": "4",
                                    ])
                            }
                        }
                        h("td", ["data-label": t("deal.tax_rate")]) {
                            h(
                                "input",
                                [
                                    "name": "lines[\(i)][taxRate]", "value": r.taxRate ?? "", "inputmode": "decimal",
                                    "aria-label": t("deal.tax_rate"), "size": "4",
                                ])
                        }
                    }
                }
            }
        }
    }

    public static func field(
        _ name: String, _ label: String, _ value: String?, type: String = "text", required: Bool = false, error: String? = nil
    ) -> Node {
        h("label", ["class": error == nil ? "field" : "field invalid"]) {
            h("span") { label }
            h(
                "input",
                ["type": type, "name": name, "value": value ?? "", "required": flag(required), "aria-invalid": error == nil ? nil : "true"])
            if let error { h("span", ["class": "field-error", "role": "alert"]) { error } }
        }
    }

    public static func select(
        _ name: String, _ label: String, _ options: [(String, String)], selected: String?, blank: String? = nil, error: String? = nil
    ) -> Node {
        h("label", ["class": error == nil ? "field" : "field invalid"]) {
            h("span") { label }
            h("select", ["name": name]) {
                if let blank { h("option", ["value": ""]) { blank } }
                for (v, l) in options { h("option", ["value": v, "selected": flag(v == selected)]) { l } }
            }
            if let error { h("span", ["class": "field-error", "role": "alert"]) { error } }
        }
    }

    public static func money(_ fen: Int64) -> String { Money(fen: fen).description }

    /// An amount taken off (an elimination, a deduction): "−42.70"; one that adds back "+42.70";
    /// nothing "0.00" (never "−-42.70" or "−0.00").
    public static func subtracted(_ fen: Int64) -> String {
        if fen == 0 { return money(0) }
        return fen > 0 ? "−" + money(fen) : "+" + Money(fen: fen.magnitude <= UInt64(Int64.max) ? -fen : Int64.max).description
    }

    /// The end of a document form: its note, then save and cancel.
    public static func footer(note: String?, cancel: String, _ t: Translator) -> Node {
        .fragment([
            h("label", ["class": "field"]) {
                h("span") { t("common.note") }; h("textarea", ["name": "note", "rows": "2"]) { note ?? "" }
            },
            h("div", ["class": "actions"]) {
                h("button", ["type": "submit", "class": "primary"]) { t("action.save") }
                h("a", ["href": cancel, "class": "button"]) { t("action.cancel") }
            },
        ])
    }

    /// A checkbox sending "true" when ticked.
    public static func checkbox(_ name: String, _ label: String, checked: Bool) -> Node {
        h("label", ["class": "check"]) {
            h("input", ["type": "checkbox", "name": name, "value": "true", "checked": flag(checked)]); label
        }
    }

    /// A column of an input grid: the field name in each row, its label, its width.
    public struct GridColumn: Sendable {
        public var name: String, label: String, size: String, decimal: Bool
        public init(_ name: String, _ label: String, size: String, decimal: Bool = false) {
            self.name = name
            self.label = label
            self.size = size
            self.decimal = decimal
        }
    }

    /// Rows of text inputs named `prefix[i][column]`, each row's values by column name.
    public static func inputGrid(_ prefix: String, _ columns: [GridColumn], _ rows: [[String: String]]) -> Node {
        DataTable.render(
            columns.map(\.label),
            rows.enumerated().map { i, row in
                columns.map { c in
                    DataTable.Cell(
                        h(
                            "input",
                            [
                                "name": "\(prefix)[\(i)][\(c.name)]", "value": row[c.name] ?? "", "size": c.size,
                                "inputmode": c.decimal ? "decimal" : nil, "aria-label": c.label,
                                "list": c.name == "product" ? productOptions : nil,
                            ]))
                }
            }, cssClass: "data lines")
    }

    /// The error above a form: shown unless it names one of the fields the form shows it beside.
    public static func formError(_ error: (field: String?, message: String)?, besideFieldsStartingWith beside: [String]) -> Node {
        guard let e = error, !beside.contains(where: { e.field?.hasPrefix($0) == true }) else { return .fragment([]) }
        return formError(e.message)
    }

    /// The error above a form, unless it names one of `beside` (shown next to that field).
    public static func formError(_ error: (field: String?, message: String)?, beside: Set<String>) -> Node {
        guard let e = error, !beside.contains(e.field ?? "") else { return .fragment([]) }
        return formError(e.message)
    }

    /// An error said above a form.
    public static func formError(_ message: String?) -> Node {
        guard let message else { return .fragment([]) }
        return h("p", ["class": "form-error", "role": "alert"]) { message }
    }

    /// One file sent as an attachment: the file picker, the upload button, perhaps a hint.
    public static func upload(action: String, csrf: String, label: String, accept: String, hint: String? = nil, _ t: Translator) -> Node {
        h("form", ["method": "post", "action": action, "enctype": "multipart/form-data", "class": "inline-form"]) {
            Layout.csrfField(csrf)
            FormKit.labelled(label) { h("input", ["type": "file", "name": "file", "required": "", "aria-label": label, "accept": accept]) }
            h("button", ["type": "submit"]) { t("contract.upload") }
            if let hint { h("span", ["class": "muted"]) { hint } }
        }
    }
}
