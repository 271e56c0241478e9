/// A plain table of figures: a header row, body rows, and optionally footer rows; a cell may be
/// numeric (right-aligned) or a header cell (a total, an opening balance).
public enum DataTable {
    public struct Cell: Sendable {
        public var node: Node
        public var numeric: Bool
        public var header: Bool
        public init(_ node: Node, numeric: Bool = false, header: Bool = false) {
            self.node = node
            self.numeric = numeric
            self.header = header
        }
        public static func text(_ s: String) -> Cell { Cell(.text(s)) }
        public static func number(_ s: String) -> Cell { Cell(.text(s), numeric: true) }
    }

    /// The class "warn" on the rows whose flag is set.
    public static func warnings(_ flags: [Bool]) -> [Int: String] {
        Dictionary(uniqueKeysWithValues: flags.enumerated().filter(\.element).map { ($0.offset, "warn") })
    }

    /// `rowClasses`: a class for some body rows, by index (a warning, an elimination).
    public static func render(
        _ headers: [String], _ rows: [[Cell]], footer: [[Cell]] = [], cssClass: String = "data", rowClasses: [Int: String] = [:]
    ) -> Node {
        // Every cell carries its column's name: on a phone the table folds into cards, one per row,
        // and the heading row is hidden, so each value shows its label above it.
        func row(_ cells: [Cell], header: Bool, cssClass: String? = nil) -> Node {
            h("tr", ["class": cssClass]) {
                for (i, c) in cells.enumerated() {
                    let label = header || i >= headers.count || headers[i].isEmpty ? nil : headers[i]
                    h(c.header || header ? "th" : "td", ["data-label": label, "class": c.numeric ? "num" : nil]) { c.node }
                }
            }
        }
        return h("table", ["class": cssClass]) {
            h("thead") { row(headers.map { Cell(.text($0)) }, header: true) }
            h("tbody") { for (i, r) in rows.enumerated() { row(r, header: false, cssClass: rowClasses[i]) } }
            if !footer.isEmpty { h("tfoot") { for r in footer { row(r, header: true) } } }
        }
    }
}
