import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Views

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
