import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 收款 and 付款: list, record (and settle by document, by product, or keep as a credit), the
/// record with what it settled, settle the rest, cancel.
enum PaymentPages {
    static func direction(_ req: Request) -> PaymentService.Direction { req.url.path.hasPrefix(Paths.Cash.payments()) ? .out : .in }
    static func routes(_ d: PaymentService.Direction) -> Paths.Cash.Direction { Paths.Cash.direction(incoming: d == .in) }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let d = direction(req)
        let (limit, cursor) = try req.paging()
        let page = try await PaymentService.list(
            d, partnerId: PageShell.id(req.query[String.self, at: "partnerId"]), contractId: nil, limit: limit, cursor: cursor,
            req.services)
        let partners = try await PageShell.names(.partners, page.items.map(\.partnerId), req)
        var model = ListModel(
            basePath: routes(d).list(), query: nil, filters: [],
            columns: [
                .init(t("stock.number")), .init(t("contract.party")), .init(t("payment.date")), .init(t("payment.method")),
                .init(t("deal.amount")),
                .init(t("payment.unapplied")), .init(t("common.status")),
            ],
            rows: page.items.map { p in
                [
                    CommonPages.link(p.number, routes(d).one(p.id)), .text(partners[p.partnerId] ?? ""), .text(p.paymentDate),
                    .text(t("payment.method." + p.method)),
                    .text(FormKit.money(p.amount)), .text(FormKit.money(p.amount - p.applied)),
                    CommonPages.badge(t("payment.status." + p.status), p.status),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        let actions =
            req.state.principal?.can(.cash, .create) == true
            ? [PageAction(label: t(d == .in ? "collection.new" : "payment.new"), href: routes(d).new(), primary: true)] : []
        return PageShell.page(
            req, CommonPages.list(PageShell.context(req), title: t(d == .in ? "nav.collections" : "nav.payments"), actions: actions, model))
    }

    struct Form: Content {
        var partnerId: String?; var contractId: String?; var paymentDate: String?; var amount: String?; var method: String?;
        var reference: String?
        var note: String?; var mode: String?; var target: String?; var productId: String?; var targetAmount: String?
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.cash, .create)
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
        var m = PaymentFormModel()
        m.direction = d == .in ? "in" : "out"
        m.csrf = req.state.csrf
        m.parties = parties
        m.partnerId = partner.map { _ in f.partnerId ?? "" }
        m.partyName = parties.first { $0.0 == f.partnerId }?.1 ?? ""
        m.contracts = contracts
        m.contractId = f.contractId
        m.amount = f.amount
        m.paymentDate = f.paymentDate
        m.methods = PaymentService.Method.allCases.map(\.rawValue)
        m.method = f.method
        m.reference = f.reference
        m.modes = PaymentService.Mode.allCases.map(\.rawValue)
        m.mode = f.mode ?? "document"
        m.documents = docs.map { ("\($0.source):\($0.docId)", "\($0.docNumber) · " + t("invoice.open_amount", FormKit.money($0.open))) }
        m.target = f.target
        m.products = products
        m.productId = f.productId
        m.targetAmount = f.targetAmount
        m.note = f.note
        m.error = DealForms.errorOf(error, req)
        return PageShell.page(req, PaymentViews.form(PageShell.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
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
        switch parts[0] {
        case "invoice": return [.init(invoiceId: id, amount: amount)]
        case "opening": return [.init(openingId: id, amount: amount)]
        default: return [.init(stockDocumentId: id, amount: amount)]
        }
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
            return PageShell.redirect(req, to: routes(d).one(p.payment.id), flash: "payment.saved")
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
        let products = try await InventoryQueries.products(ids: d.settlements.compactMap(\.productId), on: req.store)
        let offered =
            PaymentFlow.State(rawValue: p.status).map {
                PaymentFlow.allowedActions($0, grants: req.grants(on: .cash, branch: p.branchId, department: nil, owner: p.ownerId))
            } ?? []
        let docs =
            offered.contains(.allocate) && p.amount > p.applied
            ? try await PaymentService.openDocuments(dir == .in ? .ar : .ap, partner: p.partnerId, req.services) : []
        var m = PaymentDetailModel()
        m.direction = dir == .in ? "in" : "out"
        m.id = p.id
        m.number = p.number
        m.facts =
            [
                (t("contract.party"), .text(partner?.name ?? "")), (t("payment.date"), .text(p.paymentDate)),
                (t("payment.method"), .text(t("payment.method." + p.method))),
                (t("deal.amount"), .text(FormKit.money(p.amount) + "（" + ChineseAmount.capitals(Money(fen: p.amount)) + "）")),
                (t("payment.applied"), .text(FormKit.money(p.applied))),
                (t("payment.unapplied"), .text(FormKit.money(p.amount - p.applied))),
                (t("payment.reference"), .text(p.reference ?? "—")),
                (t("common.status"), CommonPages.badge(t("payment.status." + p.status), p.status)),
            ]
            + (p.contractId.map { [(t("contract.title_short"), CommonPages.link(t("contract.open"), Paths.Contracts.contract($0)))] } ?? [])
        m.settlements = d.settlements.map { s in
            .init(
                document: s.docNumber, product: s.productId.map(products.label) ?? t("cash.opening_balance"),
                amount: FormKit.money(s.amount))
        }
        m.openDocuments = docs.map { ("\($0.source):\($0.docId)", "\($0.docNumber) · " + t("invoice.open_amount", FormKit.money($0.open))) }
        m.mayCancel = offered.contains(.cancel)
        m.csrf = req.state.csrf
        return PageShell.page(req, PaymentViews.detail(PageShell.context(req), m))
    }

    static func settle(_ req: Request) async throws -> Response {
        let d = direction(req)
        let id = try req.id()
        var f = try req.content.decode(Form.self)
        f.mode = "document"
        do {
            _ = try await PaymentService.settle(id, direction: d, mode: "document", targets: targets(f), req.services)
            return PageShell.redirect(req, to: routes(d).one(id), flash: "payment.settled")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return PageShell.redirect(req, to: routes(d).one(id), error: e)
        }
    }

    static func cancel(_ req: Request) async throws -> Response {
        let d = direction(req)
        let id = try req.id()
        _ = try await PaymentService.cancel(id, direction: d, req.services)
        return PageShell.redirect(req, to: routes(d).one(id), flash: "payment.cancelled")
    }
}
