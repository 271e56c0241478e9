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

/// 收款 and 付款: list, record (and settle by document, by product, or keep as a credit), the
/// record with what it settled, settle the rest, cancel.
enum PaymentPages {
    static func direction(_ req: Request) -> PaymentService.Direction { req.url.path.hasPrefix("/finance/payments") ? .out : .in }
    static func base(_ d: PaymentService.Direction) -> String { d == .in ? "/finance/collections" : "/finance/payments" }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let d = direction(req)
        let (limit, cursor) = try req.paging()
        let page = try await PaymentService.list(
            d, partnerId: PageShell.id(req.query[String.self, at: "partnerId"]), contractId: nil, limit: limit, cursor: cursor,
            req.services)
        let partners = try await PageShell.names(.partners, page.items.map(\.partnerId), req)
        var model = ListModel(
            basePath: base(d), query: nil, filters: [],
            columns: [
                .init(t("stock.number")), .init(t("contract.party")), .init(t("payment.date")), .init(t("payment.method")),
                .init(t("deal.amount")),
                .init(t("payment.unapplied")), .init(t("common.status")),
            ],
            rows: page.items.map { p in
                [
                    CommonPages.link(p.number, base(d) + "/\(p.id)"), .text(partners[p.partnerId] ?? ""), .text(p.paymentDate),
                    .text(t("payment.method." + p.method)),
                    .text(DealForms.money(p.amount)), .text(DealForms.money(p.amount - p.applied)),
                    CommonPages.badge(t("payment.status." + p.status), p.status),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        let actions =
            req.state.principal?.can(.finance, .create) == true
            ? [PageAction(label: t(d == .in ? "collection.new" : "payment.new"), href: base(d) + "/new", primary: true)] : []
        return PageShell.page(
            req, CommonPages.list(PageShell.context(req), title: t(d == .in ? "nav.collections" : "nav.payments"), actions: actions, model))
    }

    struct Form: Content {
        var partnerId: String?; var contractId: String?; var paymentDate: String?; var amount: String?; var method: String?;
        var reference: String?
        var note: String?; var mode: String?; var target: String?; var productId: String?; var targetAmount: String?
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.finance, .create)
        return try await form(
            req, direction(req),
            Form(
                partnerId: req.query[String.self, at: "partnerId"], contractId: req.query[String.self, at: "contractId"],
                paymentDate: StockPages.today(req), method: "bank", mode: "document"))
    }

    static func form(_ req: Request, _ d: PaymentService.Direction, _ f: Form, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        let parties = d == .in ? try await DealForms.customers(req) : try await DealForms.suppliers(req)
        let partner = PageShell.id(f.partnerId)
        var docs: [PaymentService.OpenDocument] = [], contracts: [(String, String)] = [], products: [(String, String)] = []
        if let partner {
            docs = try await PaymentService.openDocuments(d == .in ? .ar : .ap, partner: partner, req.services)
            contracts = try await ContractService.list(
                .init(kind: d == .in ? "sales" : "purchase", partnerId: partner), limit: 100, cursor: nil, req.services
            ).items
                .map { (String($0.id), $0.number + " " + $0.title) }
            products = try await PaymentService.openProducts(d == .in ? .ar : .ap, partner: partner, req.services).map {
                (String($0.id), $0.code + " " + $0.name)
            }
        }
        let err = DealForms.errorOf(error, req)
        func e(_ name: String) -> String? { err?.field == name ? err?.message : nil }
        let html = Layout.page(PageShell.context(req), title: t(d == .in ? "collection.new" : "payment.new")) {
            if partner == nil {
                h("form", ["method": "get", "action": base(d) + "/new", "class": "form"]) {
                    DealForms.select("partnerId", t("contract.party"), parties, selected: nil, blank: "—")
                    h("button", ["type": "submit", "class": "primary"]) { t("invoice.choose_party") }
                }
            } else {
                h("form", ["method": "post", "action": base(d), "class": "form"]) {
                    Layout.csrfField(req.state.csrf)
                    h("input", ["type": "hidden", "name": "partnerId", "value": f.partnerId ?? ""])
                    if let err, !["amount", "paymentDate", "method", "reference", "contractId"].contains(err.field ?? "") {
                        h("p", ["class": "form-error", "role": "alert"]) { err.message }
                    }
                    h("p") { h("strong") { parties.first { $0.0 == f.partnerId }?.1 ?? "" } }
                    DealForms.select(
                        "contractId", t("contract.title_short"), contracts, selected: f.contractId, blank: "—", error: e("contractId"))
                    DealForms.field("amount", t("deal.amount"), f.amount, required: true, error: e("amount"))
                    DealForms.field("paymentDate", t("payment.date"), f.paymentDate, type: "date", error: e("paymentDate"))
                    DealForms.select(
                        "method", t("payment.method"),
                        PaymentService.Method.allCases.map { ($0.rawValue, t("payment.method." + $0.rawValue)) }, selected: f.method)
                    DealForms.field("reference", t("payment.reference"), f.reference, error: e("reference"))
                    h("fieldset") {
                        h("legend") { t("payment.settle") }
                        for m in PaymentService.Mode.allCases {
                            h("label", ["class": "check"]) {
                                h(
                                    "input",
                                    [
                                        "type": "radio", "name": "mode", "value": m.rawValue,
                                        "checked": flag((f.mode ?? "document") == m.rawValue),
                                    ])
                                t("payment.mode." + m.rawValue)
                            }
                        }
                        DealForms.select(
                            "target", t("payment.target_document"),
                            docs.map {
                                ("\($0.source):\($0.docId)", "\($0.docNumber) · " + t("invoice.open_amount", DealForms.money($0.open)))
                            },
                            selected: f.target, blank: t("payment.oldest_first"))
                        DealForms.select("productId", t("payment.target_product"), products, selected: f.productId, blank: "—")
                        DealForms.field("targetAmount", t("payment.target_amount"), f.targetAmount)
                        h("p", ["class": "muted"]) { t("payment.settle_hint") }
                    }
                    h("label", ["class": "field"]) {
                        h("span") { t("common.note") }; h("textarea", ["name": "note", "rows": "2"]) { f.note ?? "" }
                    }
                    h("div", ["class": "actions"]) { h("button", ["type": "submit", "class": "primary"]) { t("action.save") } }
                }
            }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func targets(_ f: Form) -> [PaymentService.Target] {
        let amount = (f.targetAmount ?? "").isEmpty ? nil : f.targetAmount
        if f.mode == "product" {
            guard let p = PageShell.id(f.productId) else { return [] }
            return [.init(productId: p, amount: amount)]
        }
        guard let target = f.target, !target.isEmpty else { return [] }
        let parts = target.split(separator: ":")
        guard parts.count == 2, let id = Int64(parts[1]) else { return [] }
        return [parts[0] == "invoice" ? .init(invoiceId: id, amount: amount) : .init(stockDocumentId: id, amount: amount)]
    }

    static func create(_ req: Request) async throws -> Response {
        let d = direction(req)
        let f = try req.content.decode(Form.self)
        do {
            let p = try await PaymentService.create(
                d,
                .init(
                    partnerId: PageShell.id(f.partnerId), contractId: PageShell.id(f.contractId), paymentDate: f.paymentDate,
                    amount: f.amount, method: f.method, reference: f.reference, note: f.note, mode: f.mode,
                    targets: targets(f)), req.services)
            return PageShell.redirect(req, to: base(d) + "/\(p.payment.id)", flash: "payment.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, d, f, error: e)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let dir = direction(req)
        let d = try await PaymentService.find(try req.id(), direction: dir, req.services)
        let p = d.payment
        let partner = try await InventoryQueries.partner(p.partnerId, on: req.store)
        let products = try await InventoryQueries.products(ids: d.settlements.map(\.productId), on: req.store)
        let offered =
            PaymentFlow.State(rawValue: p.status).map {
                PaymentFlow.allowedActions($0, grants: req.grants(on: .finance, branch: p.branchId, department: nil, owner: p.ownerId))
            } ?? []
        let docs =
            offered.contains(.allocate) && p.amount > p.applied
            ? try await PaymentService.openDocuments(dir == .in ? .ar : .ap, partner: p.partnerId, req.services) : []
        let html = CommonPages.detail(
            PageShell.context(req), title: t(dir == .in ? "collection.title" : "payment.title", p.number),
            facts: [
                (t("contract.party"), .text(partner?.name ?? "")), (t("payment.date"), .text(p.paymentDate)),
                (t("payment.method"), .text(t("payment.method." + p.method))),
                (t("deal.amount"), .text(DealForms.money(p.amount) + "（" + ChineseAmount.capitals(Money(fen: p.amount)) + "）")),
                (t("payment.applied"), .text(DealForms.money(p.applied))),
                (t("payment.unapplied"), .text(DealForms.money(p.amount - p.applied))),
                (t("payment.reference"), .text(p.reference ?? "—")),
                (t("common.status"), CommonPages.badge(t("payment.status." + p.status), p.status)),
            ] + (p.contractId.map { [(t("contract.title_short"), CommonPages.link(t("contract.open"), "/deals/contracts/\($0)"))] } ?? [])
        ) {
            h("section", ["class": "card"]) {
                h("h2") { t("payment.settlements") }
                if d.settlements.isEmpty { h("p", ["class": "empty"]) { t("payment.none_applied") } }
                h("table", ["class": "data"]) {
                    h("tbody") {
                        for s in d.settlements {
                            h("tr") {
                                h("td") { s.docNumber };
                                h("td") { (products[s.productId]?.code ?? "") + " " + (products[s.productId]?.name ?? "") }
                                h("td", ["class": "num"]) { DealForms.money(s.amount) }
                            }
                        }
                    }
                }
            }
            if !docs.isEmpty {
                h("form", ["method": "post", "action": base(dir) + "/\(p.id)/settle", "class": "inline-form"]) {
                    Layout.csrfField(req.state.csrf)
                    h("select", ["name": "target", "aria-label": t("payment.target_document")]) {
                        h("option", ["value": ""]) { t("payment.oldest_first") }
                        for o in docs {
                            h("option", ["value": "\(o.source):\(o.docId)"]) {
                                "\(o.docNumber) · " + t("invoice.open_amount", DealForms.money(o.open))
                            }
                        }
                    }
                    h("button", ["type": "submit", "class": "primary"]) { t("payment.apply_rest") }
                }
            }
            if offered.contains(.cancel) {
                CommonPages.actionButton(
                    t("payment.cancel"), action: base(dir) + "/\(p.id)/cancel", csrf: req.state.csrf, confirm: t("payment.cancel_confirm"),
                    danger: true)
            }
        }
        return PageShell.page(req, html)
    }

    static func settle(_ req: Request) async throws -> Response {
        let d = direction(req)
        let id = try req.id()
        var f = try req.content.decode(Form.self)
        f.mode = "document"
        do {
            _ = try await PaymentService.settle(id, direction: d, mode: "document", targets: targets(f), req.services)
            return PageShell.redirect(req, to: base(d) + "/\(id)", flash: "payment.settled")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return PageShell.redirect(req, to: base(d) + "/\(id)", error: e)
        }
    }

    static func cancel(_ req: Request) async throws -> Response {
        let d = direction(req)
        let id = try req.id()
        _ = try await PaymentService.cancel(id, direction: d, req.services)
        return PageShell.redirect(req, to: base(d) + "/\(id)", flash: "payment.cancelled")
    }
}

/// 应收 and 应付: open items aged, by party, document or product, per branch or in total.
enum AgeingPages {
    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let side: OpenItems.Side = req.url.path.hasSuffix("payables") ? .ap : .ar
        let group = AgeingReport.GroupBy(rawValue: req.query[String.self, at: "groupBy"] ?? "partner") ?? .partner
        let branch = PageShell.id(req.query[String.self, at: "branchId"])
        let partner = PageShell.id(req.query[String.self, at: "partnerId"])
        let asOfText = req.query[String.self, at: "asOf"] ?? ""
        let asOf = Validate.isDate(asOfText) ? asOfText : nil
        let r = try await AgeingReport.run(
            .init(side: side, groupBy: group, partnerId: partner, branchId: branch, asOf: asOf), limit: 500, req.services)
        let partners = try await PageShell.names(.partners, r.rows.map(\.partnerId) + Array(r.credits.keys), req)
        let products = try await InventoryQueries.products(ids: r.rows.compactMap(\.productId), on: req.store)
        let branches = try await OrganisationQueries.branches(on: req.store).map { (String($0.id), $0.name) }
        let path = side == .ar ? "/finance/receivables" : "/finance/payables"
        let html = Layout.page(PageShell.context(req), title: t(side == .ar ? "nav.receivables" : "nav.payables")) {
            h("form", ["method": "get", "action": path, "class": "filters"]) {
                DealForms.select(
                    "groupBy", t("ageing.group"), AgeingReport.GroupBy.allCases.map { ($0.rawValue, t("ageing.group." + $0.rawValue)) },
                    selected: group.rawValue)
                DealForms.select(
                    "branchId", t("approval.rule.branch"), branches, selected: branch.map(String.init), blank: t("ageing.all_branches"))
                DealForms.field("asOf", t("ageing.as_of"), r.asOf, type: "date")
                if let partner { h("input", ["type": "hidden", "name": "partnerId", "value": String(partner)]) }
                h("button", ["type": "submit"]) { t("action.filter") }
            }
            h("table", ["class": "data"]) {
                h("thead") {
                    h("tr") {
                        h("th") { t("contract.party") }
                        if group == .document { h("th") { t("approval.document") }; h("th") { t("invoice.date") } }
                        if group == .product { h("th") { t("deal.product") } }
                        h("th") { t("ageing.open") }; h("th") { "0-30" }; h("th") { "31-60" }; h("th") { "61-90" };
                        h("th") { t("ageing.over90") }
                        if group == .partner { h("th") { t(side == .ar ? "ageing.credit_in" : "ageing.credit_out") } }
                    }
                }
                h("tbody") {
                    for row in r.rows {
                        h("tr") {
                            h("td") {
                                CommonPages.link(partners[row.partnerId] ?? "", path + "?partnerId=\(row.partnerId)&groupBy=document")
                            }
                            if group == .document { h("td") { row.key ?? "" }; h("td") { row.docDate ?? "" } }
                            if group == .product {
                                h("td") { row.productId.flatMap { products[$0] }.map { $0.code + " " + $0.name } ?? "" }
                            }
                            h("td", ["class": "num"]) { DealForms.money(row.open) };
                            h("td", ["class": "num"]) { DealForms.money(row.d0to30) }
                            h("td", ["class": "num"]) { DealForms.money(row.d31to60) };
                            h("td", ["class": "num"]) { DealForms.money(row.d61to90) }
                            h("td", ["class": "num"]) { DealForms.money(row.over90) }
                            if group == .partner { h("td", ["class": "num"]) { DealForms.money(r.credits[row.partnerId] ?? 0) } }
                        }
                    }
                }
                h("tfoot") {
                    h("tr") {
                        h("th") { t("ageing.total") }
                        if group == .document { h("th") { "" }; h("th") { "" } }
                        if group == .product { h("th") { "" } }
                        h("th", ["class": "num"]) { DealForms.money(r.total.open) };
                        h("th", ["class": "num"]) { DealForms.money(r.total.d0to30) }
                        h("th", ["class": "num"]) { DealForms.money(r.total.d31to60) };
                        h("th", ["class": "num"]) { DealForms.money(r.total.d61to90) }
                        h("th", ["class": "num"]) { DealForms.money(r.total.over90) }
                        if group == .partner { h("th", ["class": "num"]) { DealForms.money((try? Checked.sum(r.credits.values)) ?? 0) } }
                    }
                }
            }
            if r.rows.isEmpty { h("p", ["class": "empty"]) { t("ageing.nothing_open") } }
        }
        return PageShell.page(req, html)
    }
}
