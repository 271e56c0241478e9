import Paths

/// The stock document form (header and lines) and the document page with its print view.
public struct StockDocumentFormModel: Sendable {
    public struct Line: Sendable {
        public var product: String
        public var unit: String
        public var quantity: String
        public var warehouseId: String
        public var toWarehouseId: String
        public var batch: String
        public var unitCost: String
        public var unitPrice: String
        public var returnOfLineId: String
        public var productionDate: String
        public var expiryDate: String
        public init(
            product: String = "", unit: String = "", quantity: String = "", warehouseId: String = "", toWarehouseId: String = "",
            batch: String = "",
            unitCost: String = "", unitPrice: String = "", returnOfLineId: String = "", productionDate: String = "", expiryDate: String = ""
        ) {
            self.productionDate = productionDate
            self.expiryDate = expiryDate
            self.product = product
            self.unit = unit
            self.quantity = quantity
            self.warehouseId = warehouseId
            self.toWarehouseId = toWarehouseId
            self.batch = batch
            self.unitCost = unitCost
            self.unitPrice = unitPrice
            self.returnOfLineId = returnOfLineId
        }
    }

    public var action: String
    public var csrf: String
    public var type: String
    public var postingDate: String
    public var partnerId: String
    public var reason: String
    public var note: String
    public var version: String?
    public var partners: [(value: String, label: String)]
    public var warehouses: [(value: String, label: String)]
    public var lines: [Line]
    public var error: String?
    public var fieldErrors: [String: String]
    /// Whether the user may post, and so gets "save and post" beside "save draft".
    public var canPost: Bool

    public init(
        action: String, csrf: String, type: String, postingDate: String, partnerId: String, reason: String, note: String, version: String?,
        partners: [(value: String, label: String)], warehouses: [(value: String, label: String)], lines: [Line], error: String? = nil,
        fieldErrors: [String: String] = [:], canPost: Bool = false
    ) {
        self.action = action
        self.csrf = csrf
        self.type = type
        self.postingDate = postingDate
        self.partnerId = partnerId
        self.reason = reason
        self.note = note
        self.version = version
        self.partners = partners
        self.warehouses = warehouses
        self.lines = lines
        self.error = error
        self.fieldErrors = fieldErrors
        self.canPost = canPost
    }
}

public struct StockDocumentViewModel: Sendable {
    public struct Line: Sendable {
        public var no: Int64
        public var product: String
        public var quantity: String
        public var baseQuantity: String
        public var warehouse: String
        public var toWarehouse: String?
        public var batch: String?
        public var price: String?
        public var amount: String?
        public var cost: String?
        public init(
            no: Int64, product: String, quantity: String, baseQuantity: String, warehouse: String, toWarehouse: String?, batch: String?,
            price: String?, amount: String?, cost: String?
        ) {
            self.no = no
            self.product = product
            self.quantity = quantity
            self.baseQuantity = baseQuantity
            self.warehouse = warehouse
            self.toWarehouse = toWarehouse
            self.batch = batch
            self.price = price
            self.amount = amount
            self.cost = cost
        }
    }
    public var id: Int64
    public var number: String
    public var type: String
    public var status: String
    public var postingDate: String
    public var partner: String?
    public var branch: String
    public var reason: String?
    public var note: String?
    public var reversal: String?
    public var lines: [Line]
    public var total: String?
    public var totalInCapitals: String?
    public var canEdit: Bool
    public var canPost: Bool
    public var canCancel: Bool
    public var canDelete: Bool
    /// Whether the reader may see the cost of goods each line moved (`costs.view`).
    public var showsCost = true
    public init(
        id: Int64, number: String, type: String, status: String, postingDate: String, partner: String?, branch: String, reason: String?,
        note: String?,
        reversal: String?, lines: [Line], total: String?, totalInCapitals: String?, canEdit: Bool, canPost: Bool, canCancel: Bool,
        canDelete: Bool
    ) {
        self.id = id
        self.number = number
        self.type = type
        self.status = status
        self.postingDate = postingDate
        self.partner = partner
        self.branch = branch
        self.reason = reason
        self.note = note
        self.reversal = reversal
        self.lines = lines
        self.total = total
        self.totalInCapitals = totalInCapitals
        self.canEdit = canEdit
        self.canPost = canPost
        self.canCancel = canCancel
        self.canDelete = canDelete
    }
}

public enum StockDocumentPages {
    public static func form(_ ctx: PageContext, title: String, _ m: StockDocumentFormModel) -> String {
        let t = ctx.t
        let isTransfer = m.type == "transfer"
        let takesCost = m.type == "purchaseReceipt" || m.type == "otherReceipt"
        let takesPrice = m.type == "salesDelivery"
        let isReturn = m.type == "purchaseReturn" || m.type == "salesReturn"
        // Batches come in with their dates; an issue that names none takes the first to expire.
        let datesBatches = takesCost
        let picksBatch = takesPrice || isTransfer || m.type == "otherIssue"
        return Layout.page(ctx, title: title) {
            h("form", ["method": "post", "action": m.action, "class": "form wide", "novalidate": ""]) {
                Layout.csrfField(m.csrf)
                h("input", ["type": "hidden", "name": "type", "value": m.type])
                if let v = m.version { h("input", ["type": "hidden", "name": "version", "value": v]) }
                if let e = m.error { h("div", ["class": "flash error", "role": "alert"]) { e } }
                h("div", ["class": "grid2"]) {
                    field("postingDate", t("stock.posting_date"), error: m.fieldErrors["postingDate"]) {
                        h("input", ["type": "date", "id": "f-postingDate", "name": "postingDate", "value": m.postingDate])
                    }
                    if !m.partners.isEmpty {
                        field("partnerId", t("stock.partner"), error: m.fieldErrors["partnerId"]) {
                            h("select", ["id": "f-partnerId", "name": "partnerId"]) {
                                h("option", ["value": ""]) { "—" }
                                for p in m.partners {
                                    h("option", ["value": p.value, "selected": flag(p.value == m.partnerId)]) { p.label }
                                }
                            }
                        }
                    }
                    field("reason", t("stock.reason"), error: m.fieldErrors["reason"]) {
                        h(
                            "input",
                            ["type": "text", "id": "f-reason", "name": "reason", "value": m.reason, "placeholder": t("stock.reason_hint")])
                    }
                    field("note", t("stock.note"), error: nil) {
                        h("input", ["type": "text", "id": "f-note", "name": "note", "value": m.note])
                    }
                }
                h("div", ["class": "table-wrap"]) {
                    h("table", ["class": "data lines"]) {
                        h("thead") {
                            h("tr") {
                                h("th") { "#" }
                                h("th") { t("stock.product") }
                                h("th") { t("stock.unit") }
                                h("th") { m.type == "stockCount" ? t("stock.counted") : t("stock.quantity") }
                                h("th") { t("stock.warehouse") }
                                if isTransfer { h("th") { t("stock.to_warehouse") } }
                                h("th") { t("stock.batch") }
                                if datesBatches {
                                    h("th") { t("stock.production_date") }
                                    h("th") { t("stock.expiry_date") }
                                }
                                if takesCost { h("th") { t("stock.unit_cost") } }
                                if takesPrice { h("th") { t("stock.unit_price") } }
                                if isReturn { h("th") { t("stock.return_of_line") } }
                            }
                        }
                        h("tbody") {
                            for (i, l) in m.lines.enumerated() {
                                h("tr", ["class": lineHasError(i, m) ? "has-error" : nil]) {
                                    h("td", ["data-label": "#"]) { String(i + 1) }
                                    cell(i, "product", t("stock.product"), l.product, m, placeholder: t("stock.product_hint"))
                                    cell(i, "unit", t("stock.unit"), l.unit, m)
                                    cell(i, "quantity", t("stock.quantity"), l.quantity, m, numeric: true)
                                    h("td", ["data-label": t("stock.warehouse")]) {
                                        warehouseSelect("lines[\(i)][warehouseId]", l.warehouseId, m.warehouses)
                                    }
                                    if isTransfer {
                                        h("td", ["data-label": t("stock.to_warehouse")]) {
                                            warehouseSelect("lines[\(i)][toWarehouseId]", l.toWarehouseId, m.warehouses)
                                        }
                                    }
                                    cell(i, "batch", t("stock.batch"), l.batch, m, placeholder: picksBatch ? t("stock.batch_fefo") : nil)
                                    if datesBatches {
                                        cell(i, "productionDate", t("stock.production_date"), l.productionDate, m, type: "date")
                                        cell(i, "expiryDate", t("stock.expiry_date"), l.expiryDate, m, type: "date")
                                    }
                                    if takesCost { cell(i, "unitCost", t("stock.unit_cost"), l.unitCost, m, numeric: true) }
                                    if takesPrice { cell(i, "unitPrice", t("stock.unit_price"), l.unitPrice, m, numeric: true) }
                                    if isReturn { cell(i, "returnOfLineId", t("stock.return_of_line"), l.returnOfLineId, m) }
                                }
                                if let e = lineError(i, m) {
                                    h("tr", ["class": "line-error"]) { h("td", ["colspan": "11", "class": "error"]) { e } }
                                }
                            }
                        }
                    }
                }
                h("p", ["class": "hint"]) { t("stock.lines_hint") }
                h("div", ["class": "form-actions"]) {
                    h("button", ["type": "submit", "class": "primary"]) { t("stock.save_draft") }
                    if m.canPost { h("button", ["type": "submit", "name": "post", "value": "1"]) { t("stock.save_post") } }
                    h("a", ["href": Paths.Inventory.documents(), "class": "button"]) { t("action.cancel") }
                }
            }
        }
    }

    static func lineHasError(_ i: Int, _ m: StockDocumentFormModel) -> Bool { lineError(i, m) != nil }

    static func lineError(_ i: Int, _ m: StockDocumentFormModel) -> String? {
        m.fieldErrors.first { $0.key.hasPrefix("lines[\(i)]") }?.value
    }

    static func field(_ name: String, _ label: String, error: String?, @HTMLBuilder _ control: () -> [Node]) -> Node {
        h("div", ["class": "field" + (error == nil ? "" : " has-error")]) {
            h("label", ["for": "f-" + name]) { label }
            control()
            if let error { h("div", ["class": "error"]) { error } }
        }
    }

    static func cell(
        _ i: Int, _ name: String, _ label: String, _ value: String, _ m: StockDocumentFormModel, numeric: Bool = false,
        placeholder: String? = nil, type: String = "text"
    ) -> Node {
        let invalid = m.fieldErrors["lines[\(i)].\(name)"] != nil || (name == "product" && m.fieldErrors["lines[\(i)].productId"] != nil)
        return h("td", ["data-label": label]) {
            h(
                "input",
                [
                    "type": type, "name": "lines[\(i)][\(name)]", "value": value, "aria-label": label,
                    "inputmode": numeric ? "decimal" : nil,
                    "placeholder": placeholder, "aria-invalid": invalid ? "true" : nil, "size": numeric ? "8" : "12",
                    "list": name == "product" ? FormKit.productOptions : nil,
                ])
        }
    }

    static func warehouseSelect(_ name: String, _ value: String, _ options: [(value: String, label: String)]) -> Node {
        h("select", ["name": name]) {
            h("option", ["value": ""]) { "—" }
            for o in options { h("option", ["value": o.value, "selected": flag(o.value == value)]) { o.label } }
        }
    }

    public static func show(_ ctx: PageContext, _ m: StockDocumentViewModel) -> String {
        let t = ctx.t
        var actions = [PageAction(label: t("action.print"), href: Paths.Inventory.printDocument(m.id))]
        if m.canEdit { actions.insert(PageAction(label: t("action.edit"), href: Paths.Inventory.editDocument(m.id)), at: 0) }
        return Layout.page(ctx, title: t("stock.type." + m.type) + " " + m.number, actions: actions) {
            header(m, t)
            linesTable(m, t, withCost: m.showsCost)
            h("div", ["class": "form-actions"]) {
                if m.canPost { CommonPages.actionButton(t("stock.post"), action: Paths.Inventory.postDocument(m.id), csrf: ctx.csrf) }
                if m.canCancel {
                    CommonPages.actionButton(
                        t("stock.cancel"), action: Paths.Inventory.cancelDocument(m.id), csrf: ctx.csrf, confirm: t("action.confirm"),
                        danger: true)
                }
                if m.canDelete {
                    CommonPages.actionButton(
                        t("stock.delete"), action: Paths.Inventory.deleteDocument(m.id), csrf: ctx.csrf, confirm: t("action.confirm"),
                        danger: true)
                }
            }
        }
    }

    static func header(_ m: StockDocumentViewModel, _ t: Translator) -> Node {
        var facts: [(String, Node)] = [
            (t("stock.number"), .text(m.number)),
            (t("common.status"), CommonPages.badge(t("stock.status." + m.status), m.status)),
            (t("stock.posting_date"), .text(m.postingDate)),
            (t("stock.branch"), .text(m.branch)),
        ]
        if let p = m.partner { facts.append((t("stock.partner"), .text(p))) }
        if let r = m.reason { facts.append((t("stock.reason"), .text(r))) }
        if let n = m.note { facts.append((t("stock.note"), .text(n))) }
        if let r = m.reversal { facts.append((t("stock.reversal"), .text(r))) }
        if let total = m.total { facts.append((t("stock.total"), .text(total + (m.totalInCapitals.map { "（" + $0 + "）" } ?? "")))) }
        return CommonPages.factList(facts)
    }

    static func linesTable(_ m: StockDocumentViewModel, _ t: Translator, withCost: Bool = true) -> Node {
        h("div", ["class": "table-wrap"]) {
            h("table", ["class": "data"]) {
                h("thead") {
                    h("tr") {
                        h("th") { "#" }
                        h("th") { t("stock.product") }
                        h("th", ["class": "num"]) { t("stock.quantity") }
                        h("th") { t("stock.warehouse") }
                        h("th") { t("stock.batch") }
                        h("th", ["class": "num"]) { t("stock.price") }
                        h("th", ["class": "num"]) { t("stock.amount") }
                        if withCost { h("th", ["class": "num"]) { t("stock.cost") } }
                    }
                }
                h("tbody") {
                    for l in m.lines {
                        h("tr") {
                            h("td", ["data-label": "#"]) { String(l.no) }
                            h("td", ["data-label": t("stock.product")]) { l.product }
                            h("td", ["data-label": t("stock.quantity"), "class": "num"]) {
                                l.quantity + (l.quantity == l.baseQuantity ? "" : " (" + l.baseQuantity + ")")
                            }
                            h("td", ["data-label": t("stock.warehouse")]) { l.warehouse + (l.toWarehouse.map { " → " + $0 } ?? "") }
                            h("td", ["data-label": t("stock.batch")]) { l.batch ?? "" }
                            h("td", ["data-label": t("stock.price"), "class": "num"]) { l.price ?? "" }
                            h("td", ["data-label": t("stock.amount"), "class": "num"]) { l.amount ?? "" }
                            if withCost { h("td", ["data-label": t("stock.cost"), "class": "num"]) { l.cost ?? "" } }
                        }
                    }
                }
            }
        }
    }
}
