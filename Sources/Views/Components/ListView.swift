/// A list: search box, filters, sortable columns and cursor paging ("next page"), never a count.
public struct ListModel: Sendable {
    public struct Column: Sendable {
        public var label: String
        /// The sort key this column sorts by, if it can.
        public var sortKey: String?
        public var numeric: Bool
        /// A figure of cost, value, margin or profit: shown only to those allowed to see them.
        public var cost: Bool
        public init(_ label: String, sortKey: String? = nil, numeric: Bool = false, cost: Bool = false) {
            self.label = label
            self.sortKey = sortKey
            self.numeric = numeric
            self.cost = cost
        }
    }

    public struct Filter: Sendable {
        public var name: String
        public var label: String
        public var options: [(value: String, label: String)]
        public var selected: String?
        public init(name: String, label: String, options: [(value: String, label: String)], selected: String?) {
            self.name = name
            self.label = label
            self.options = options
            self.selected = selected
        }
    }

    public var basePath: String
    public var query: String?
    public var filters: [Filter]
    public var columns: [Column]
    public var sort: String?
    public var descending: Bool
    public var rows: [[Node]]
    public var nextCursor: String?
    public var emptyText: String
    public var searchable: Bool
    /// True when this page was reached through a cursor, so a link back to the first page helps.
    public var onLaterPage = false
    /// What the page was asked for besides its filters (a product, a date range): the filter form
    /// sends it again, so choosing a filter keeps the rest.
    public var kept: [(name: String, value: String)] = []
    /// Rows a manager can pick to act on together (transfer customers to one owner): each row's id
    /// (parallel to `rows`) and the form that acts on the picked ones.
    public var bulk: Bulk?
    public struct Bulk: Sendable {
        public var ids: [String]
        public var action: String
        public var csrf: String
        public var choiceName: String
        public var choiceLabel: String
        public var choices: [(value: String, label: String)]
        public var reasonLabel: String
        public var submitLabel: String
        public init(
            ids: [String], action: String, csrf: String, choiceName: String, choiceLabel: String, choices: [(value: String, label: String)],
            reasonLabel: String, submitLabel: String
        ) {
            self.ids = ids
            self.action = action
            self.csrf = csrf
            self.choiceName = choiceName
            self.choiceLabel = choiceLabel
            self.choices = choices
            self.reasonLabel = reasonLabel
            self.submitLabel = submitLabel
        }
    }
    /// For an empty list: what it is for, and the first thing to do.
    public var emptyHelp: String?
    public var emptyAction: PageAction?

    public init(
        basePath: String, query: String?, filters: [Filter] = [], columns: [Column], sort: String? = nil, descending: Bool = false,
        rows: [[Node]], nextCursor: String?, emptyText: String, searchable: Bool = true
    ) {
        self.basePath = basePath
        self.query = query
        self.filters = filters
        self.columns = columns
        self.sort = sort
        self.descending = descending
        self.rows = rows
        self.nextCursor = nextCursor
        self.emptyText = emptyText
        self.searchable = searchable
    }

    /// Takes the cost columns out, heading and cells, for a reader without the right to see them.
    public mutating func removeCosts() {
        let keep = columns.indices.filter { !columns[$0].cost }
        guard keep.count < columns.count else { return }
        columns = keep.map { columns[$0] }
        rows = rows.map { row in keep.compactMap { $0 < row.count ? row[$0] : nil } }
    }

    /// The query items that keep the current search, filters and sort.
    func state(overriding extra: [(String, String?)] = []) -> [(String, String?)] {
        var items: [(String, String?)] = [("q", query)]
        for f in filters { items.append((f.name, f.selected)) }
        items.append(("sort", sort.map { (descending ? "-" : "") + $0 }))
        for (k, v) in extra {
            items.removeAll { $0.0 == k }
            items.append((k, v))
        }
        return items
    }
}

public enum ListView {
    /// The list on a page: an empty one says what the page is for (its help).
    public static func render(_ model: ListModel, _ ctx: PageContext) -> Node {
        var model = model
        if model.rows.isEmpty, !model.onLaterPage, model.emptyHelp == nil { model.emptyHelp = ctx.help }
        return render(model, ctx.t)
    }

    /// A filter's select: any value, or one of its options.
    public static func select(_ f: ListModel.Filter, _ t: Translator) -> Node {
        h("select", ["name": f.name, "aria-label": f.label]) {
            h("option", ["value": ""]) { f.label + ": " + t("list.any") }
            for o in f.options { h("option", ["value": o.value, "selected": flag(o.value == f.selected)]) { o.label } }
        }
    }

    public static func render(_ model: ListModel, _ t: Translator) -> Node {
        h("div", ["class": "list"]) {
            if model.searchable || !model.filters.isEmpty {
                h("form", ["method": "get", "action": model.basePath, "class": "list-filters", "role": "search"]) {
                    for (name, value) in model.kept where !value.isEmpty { h("input", ["type": "hidden", "name": name, "value": value]) }
                    if model.searchable {
                        h(
                            "input",
                            [
                                "type": "search", "name": "q", "value": model.query ?? "", "placeholder": t("list.search"),
                                "aria-label": t("list.search"),
                            ])
                    }
                    for f in model.filters { select(f, t) }
                    if let sort = model.sort {
                        h("input", ["type": "hidden", "name": "sort", "value": (model.descending ? "-" : "") + sort])
                    }
                    h("button", ["type": "submit"]) { t("list.apply") }
                }
            }
            if model.rows.isEmpty {
                h("div", ["class": "empty-state"]) {
                    h("p", ["class": "empty"]) { model.emptyText }
                    if let help = model.emptyHelp { h("p", ["class": "empty-help"]) { help } }
                    if let a = model.emptyAction { h("a", ["href": a.href, "class": "button primary"]) { a.label } }
                }
            } else {
                h("div", ["class": "table-wrap"]) {
                    h("table", ["class": "data"]) {
                        h("thead") {
                            h("tr") {
                                if model.bulk != nil { h("th") { t("list.pick") } }
                                for c in model.columns { header(c, model, t) }
                            }
                        }
                        h("tbody") {
                            for (r, row) in model.rows.enumerated() {
                                h("tr") {
                                    if let bulk = model.bulk, r < bulk.ids.count {
                                        h("td", ["data-label": t("list.pick")]) {
                                            h(
                                                "input",
                                                [
                                                    "type": "checkbox", "name": "ids[]", "value": bulk.ids[r], "form": "bulk-form",
                                                    "aria-label": t("list.pick"),
                                                ])
                                        }
                                    }
                                    for (i, cell) in row.enumerated() {
                                        let column = i < model.columns.count ? model.columns[i] : nil
                                        h("td", ["data-label": column?.label, "class": column?.numeric == true ? "num" : nil]) { cell }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if let bulk = model.bulk, !model.rows.isEmpty {
                h("form", ["method": "post", "action": bulk.action, "id": "bulk-form", "class": "inline-form bulk-form"]) {
                    Layout.csrfField(bulk.csrf)
                    FormKit.labelled(bulk.choiceLabel) {
                        h("select", ["name": bulk.choiceName, "required": ""]) {
                            h("option", ["value": ""]) { "—" }
                            for c in bulk.choices { h("option", ["value": c.value]) { c.label } }
                        }
                    }
                    FormKit.labelled(bulk.reasonLabel) { h("input", ["name": "reason", "maxlength": "200"]) }
                    h("button", ["type": "submit"]) { bulk.submitLabel }
                }
            }
            h("div", ["class": "pager"]) {
                if model.onLaterPage {
                    h("a", ["href": model.basePath + Query.string(model.state()), "class": "button"]) { t("list.first_page") }
                }
                if let next = model.nextCursor {
                    h(
                        "a",
                        [
                            "href": model.basePath + Query.string(model.state(overriding: [("cursor", next)])), "class": "button",
                            "rel": "next",
                        ]
                    ) { t("list.next_page") }
                }
            }
        }
    }

    static func header(_ c: ListModel.Column, _ model: ListModel, _ t: Translator) -> Node {
        guard let key = c.sortKey else { return h("th", ["class": c.numeric ? "num" : nil]) { c.label } }
        let active = model.sort == key
        let nextDescending = active && !model.descending
        let href = model.basePath + Query.string(model.state(overriding: [("sort", (nextDescending ? "-" : "") + key), ("cursor", nil)]))
        let arrow = active ? (model.descending ? " ▼" : " ▲") : ""
        return h("th", ["aria-sort": active ? (model.descending ? "descending" : "ascending") : nil, "class": c.numeric ? "num" : nil]) {
            h("a", ["href": href]) { c.label + arrow }
        }
    }
}
