import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Views

/// 发票: list, issue (against whole deliveries or contract lines, of one customer or
/// supplier), the invoice with what is open on it, cancel.
enum InvoicePages {
    static func side(_ req: Request) -> InvoiceService.Side { req.query[String.self, at: "side"] == "purchase" ? .purchase : .sales }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let s = req.query[String.self, at: "side"].flatMap(InvoiceService.Side.init(rawValue:))
        let page = try await InvoiceService.list(
            side: s, partnerId: PageShell.id(req.query[String.self, at: "partnerId"]), contractId: nil, limit: limit,
            cursor: cursor, req.services)
        let partners = try await PageShell.names(.partners, page.items.map(\.partnerId), req)
        var model = ListModel(
            basePath: "/finance/invoices", query: nil,
            filters: [
                .init(
                    name: "side", label: t("invoice.side"),
                    options: InvoiceService.Side.allCases.map { ($0.rawValue, t("invoice.side." + $0.rawValue)) }, selected: s?.rawValue)
            ],
            columns: [
                .init(t("stock.number")), .init(t("invoice.no")), .init(t("invoice.kind")), .init(t("contract.party")),
                .init(t("invoice.date")),
                .init(t("deal.amount")), .init(t("deal.tax")), .init(t("common.status")),
            ],
            rows: page.items.map { i in
                [
                    CommonPages.link(i.number, "/finance/invoices/\(i.id)"), .text(i.invoiceNo ?? ""), .text(t("invoice.kind." + i.kind)),
                    .text(partners[i.partnerId] ?? ""),
                    .text(i.invoiceDate), .text(DealForms.money(i.totalAmount)), .text(DealForms.money(i.taxAmount)),
                    CommonPages.badge(t("invoice.status." + i.status), i.status),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = []
        if req.state.principal?.can(.finance, .create) == true {
            actions = [
                PageAction(label: t("invoice.new"), href: "/finance/invoices/new?side=sales", primary: true),
                PageAction(label: t("invoice.new_purchase"), href: "/finance/invoices/new?side=purchase"),
            ]
        }
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("nav.invoices"), actions: actions, model))
    }

    struct Form: Content {
        struct Line: Content { var contractLineId: String?; var amount: String? }
        var side: String?; var kind: String?; var invoiceNo: String?; var partnerId: String?; var contractId: String?;
        var invoiceDate: String?; var note: String?
        var stockDocumentIds: [String]?; var lines: [Line]?
    }

    /// What can still be invoiced to (by) one party: deliveries (receipts) with an uninvoiced part,
    /// and the lines of its active contracts.
    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.finance, .create)
        return try await form(
            req,
            Form(
                side: side(req).rawValue, kind: "ordinary", partnerId: req.query[String.self, at: "partnerId"],
                contractId: req.query[String.self, at: "contractId"], invoiceDate: StockPages.today(req)))
    }

    static func form(_ req: Request, _ f: Form, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        let s = InvoiceService.Side(rawValue: f.side ?? "") ?? .sales
        let parties = s == .sales ? try await DealForms.customers(req) : try await DealForms.suppliers(req)
        let partner = PageShell.id(f.partnerId)
        var docs: [InvoiceService.Billable.Document] = []
        var contractLines: [(ContractLineRow, String, String)] = []
        if let partner {
            let billable = try await InvoiceService.billable(side: s, partner: partner, contract: PageShell.id(f.contractId), req.services)
            docs = billable.documents
            contractLines = billable.contractLines.map { ($0.line, $0.contract, $0.product) }
        }
        let err = DealForms.errorOf(error, req)
        let html = Layout.page(PageShell.context(req), title: t(s == .sales ? "invoice.new" : "invoice.new_purchase")) {
            if partner == nil {
                h("form", ["method": "get", "action": "/finance/invoices/new", "class": "form"]) {
                    h("input", ["type": "hidden", "name": "side", "value": s.rawValue])
                    DealForms.select("partnerId", t("contract.party"), parties, selected: nil, blank: "—")
                    h("button", ["type": "submit", "class": "primary"]) { t("invoice.choose_party") }
                }
            } else {
                h("form", ["method": "post", "action": "/finance/invoices", "class": "form"]) {
                    Layout.csrfField(req.state.csrf)
                    h("input", ["type": "hidden", "name": "side", "value": s.rawValue])
                    h("input", ["type": "hidden", "name": "partnerId", "value": f.partnerId ?? ""])
                    if let c = f.contractId, !c.isEmpty { h("input", ["type": "hidden", "name": "contractId", "value": c]) }
                    if let err { h("p", ["class": "form-error", "role": "alert"]) { err.message } }
                    h("p") { h("strong") { parties.first { $0.0 == f.partnerId }?.1 ?? "" } }
                    DealForms.select(
                        "kind", t("invoice.kind"), InvoiceService.Kind.allCases.map { ($0.rawValue, t("invoice.kind." + $0.rawValue)) },
                        selected: f.kind)
                    DealForms.field("invoiceNo", t("invoice.no"), f.invoiceNo)
                    DealForms.field("invoiceDate", t("invoice.date"), f.invoiceDate, type: "date")
                    h("fieldset") {
                        h("legend") { t(s == .sales ? "invoice.deliveries" : "invoice.receipts") }
                        if docs.isEmpty { h("p", ["class": "empty"]) { t("invoice.nothing_delivered") } }
                        for d in docs {
                            h("label", ["class": "check"]) {
                                h(
                                    "input",
                                    [
                                        "type": "checkbox", "name": "stockDocumentIds[]", "value": String(d.docId),
                                        "checked": flag(f.stockDocumentIds?.contains(String(d.docId)) ?? false),
                                    ])
                                "\(d.docNumber) · \(d.docDate) · " + t("invoice.uninvoiced", DealForms.money(d.open))
                            }
                        }
                    }
                    if !contractLines.isEmpty {
                        h("fieldset") {
                            h("legend") { t("invoice.contract_lines") }
                            h("p", ["class": "muted"]) { t("invoice.contract_lines_hint") }
                            for (i, (l, number, product)) in contractLines.enumerated() {
                                h("div", ["class": "inline-form"]) {
                                    h("input", ["type": "hidden", "name": "lines[\(i)][contractLineId]", "value": String(l.id)])
                                    h("span") {
                                        "\(number) · \(product) · " + t("invoice.uninvoiced", DealForms.money(l.amount - l.invoicedAmount))
                                    }
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
                    h("label", ["class": "field"]) {
                        h("span") { t("common.note") }; h("textarea", ["name": "note", "rows": "2"]) { f.note ?? "" }
                    }
                    h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("invoice.issue") } }
                }
            }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let lines = (f.lines ?? []).filter { !($0.amount ?? "").isEmpty }.map {
            InvoiceService.LineInput(contractLineId: PageShell.id($0.contractLineId), amount: $0.amount)
        }
        do {
            let d = try await InvoiceService.create(
                .init(
                    side: f.side, kind: f.kind, invoiceNo: f.invoiceNo, partnerId: PageShell.id(f.partnerId),
                    contractId: PageShell.id(f.contractId), invoiceDate: f.invoiceDate, note: f.note, lines: lines,
                    stockDocumentIds: PageShell.ids(f.stockDocumentIds)), req.services)
            return PageShell.redirect(req, to: "/finance/invoices/\(d.invoice.id)", flash: "invoice.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, error: e)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await InvoiceService.find(try req.id(), req.services)
        let i = d.invoice
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let partner = try await InventoryQueries.partner(i.partnerId, on: req.store)
        let offered =
            InvoiceFlow.State(rawValue: i.status).map {
                InvoiceFlow.allowedActions(
                    $0, d.facts, grants: req.grants(on: .finance, branch: i.branchId, department: nil, owner: i.ownerId))
            } ?? []
        let html = CommonPages.detail(
            PageShell.context(req), title: t("invoice.title", i.number),
            facts: [
                (t("invoice.side"), .text(t("invoice.side." + i.side))), (t("invoice.kind"), .text(t("invoice.kind." + i.kind))),
                (t("invoice.no"), .text(i.invoiceNo ?? "—")),
                (t("contract.party"), .text(partner?.name ?? "")), (t("invoice.date"), .text(i.invoiceDate)),
                (t("common.status"), CommonPages.badge(t("invoice.status." + i.status), i.status)),
                (t("deal.total"), .text(DealForms.money(i.totalAmount) + "（" + ChineseAmount.capitals(Money(fen: i.totalAmount)) + "）")),
                (t("deal.tax"), .text(DealForms.money(i.taxAmount))), (t("deal.net"), .text(DealForms.money(i.netAmount))),
                (t("invoice.open"), .text(d.open.description)),
            ] + (i.contractId.map { [(t("contract.title_short"), CommonPages.link(t("contract.open"), "/deals/contracts/\($0)"))] } ?? [])
        ) {
            h("section", ["class": "card"]) {
                h("table", ["class": "data"]) {
                    h("thead") {
                        h("tr") {
                            h("th") { t("deal.product") }; h("th") { t("stock.quantity") }; h("th") { t("deal.tax_rate") };
                            h("th") { t("deal.amount") }; h("th") { t("deal.tax") }
                        }
                    }
                    h("tbody") {
                        for l in d.lines {
                            h("tr") {
                                h("td") { (products[l.productId]?.code ?? "") + " " + (products[l.productId]?.name ?? "") }
                                h("td") { Quantity(units: l.baseQty).description + " " + (products[l.productId]?.baseUnit ?? "") }
                                h("td") { Fmt.percent(l.taxRate) + "%" }
                                h("td", ["class": "num"]) { DealForms.money(l.amount) }
                                h("td", ["class": "num"]) { DealForms.money(l.taxAmount) }
                            }
                        }
                    }
                }
            }
            if offered.contains(.cancel) {
                CommonPages.actionButton(
                    t("invoice.cancel"), action: "/finance/invoices/\(i.id)/cancel", csrf: req.state.csrf,
                    confirm: t("invoice.cancel_confirm"), danger: true)
            }
        }
        return PageShell.page(req, html)
    }

    static func cancel(_ req: Request) async throws -> Response {
        let id = try req.id()
        do {
            _ = try await InvoiceService.cancel(id, req.services)
            return PageShell.redirect(req, to: "/finance/invoices/\(id)", flash: "invoice.cancelled")
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: "/finance/invoices/\(id)", error: e)
        }
    }
}
