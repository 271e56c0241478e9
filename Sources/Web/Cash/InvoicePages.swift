import DocumentsCore
import Foundation
import Kernel
import Paths
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
            basePath: Paths.Cash.invoices(), query: nil,
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
                    CommonPages.link(i.number, Paths.Cash.invoice(i.id)), .text(i.invoiceNo ?? ""), .text(t("invoice.kind." + i.kind)),
                    .text(partners[i.partnerId] ?? ""),
                    .text(i.invoiceDate), .text(FormKit.money(i.totalAmount)), .text(FormKit.money(i.taxAmount)),
                    CommonPages.badge(t("invoice.status." + i.status), i.status),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = []
        if req.state.principal?.can(.cash, .create) == true {
            actions = [
                PageAction(label: t("invoice.new"), href: Paths.Cash.newInvoice() + "?side=sales", primary: true),
                PageAction(label: t("invoice.new_purchase"), href: Paths.Cash.newInvoice() + "?side=purchase"),
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
        try req.services.require(.cash, .create)
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
        var m = InvoiceFormModel()
        m.side = s.rawValue
        m.csrf = req.state.csrf
        m.parties = parties
        m.partnerId = partner.map { _ in f.partnerId ?? "" }
        m.partyName = parties.first { $0.0 == f.partnerId }?.1 ?? ""
        m.contractId = f.contractId
        m.kinds = InvoiceService.Kind.allCases.map(\.rawValue)
        m.kind = f.kind
        m.invoiceNo = f.invoiceNo
        m.invoiceDate = f.invoiceDate
        m.note = f.note
        m.documents = docs.map { d in
            .init(
                id: String(d.docId), label: "\(d.docNumber) · \(d.docDate) · " + t("invoice.uninvoiced", FormKit.money(d.open)),
                checked: f.stockDocumentIds?.contains(String(d.docId)) ?? false)
        }
        m.contractLines = contractLines.map { l, number, product in
            .init(
                id: String(l.id), label: "\(number) · \(product) · " + t("invoice.uninvoiced", FormKit.money(l.amount - l.invoicedAmount)))
        }
        m.error = DealForms.errorOf(error, req)?.message
        return PageShell.page(req, InvoiceViews.form(PageShell.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
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
            return PageShell.redirect(req, to: Paths.Cash.invoice(d.invoice.id), flash: "invoice.saved")
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
                    $0, d.facts, grants: req.grants(on: .cash, branch: i.branchId, department: nil, owner: i.ownerId))
            } ?? []
        var m = InvoiceDetailModel()
        m.id = i.id
        m.number = i.number
        m.facts =
            [
                (t("invoice.side"), .text(t("invoice.side." + i.side))), (t("invoice.kind"), .text(t("invoice.kind." + i.kind))),
                (t("invoice.no"), .text(i.invoiceNo ?? "—")),
                (t("contract.party"), .text(partner?.name ?? "")), (t("invoice.date"), .text(i.invoiceDate)),
                (t("common.status"), CommonPages.badge(t("invoice.status." + i.status), i.status)),
                (t("deal.total"), .text(FormKit.money(i.totalAmount) + "（" + ChineseAmount.capitals(Money(fen: i.totalAmount)) + "）")),
                (t("deal.tax"), .text(FormKit.money(i.taxAmount))), (t("deal.net"), .text(FormKit.money(i.netAmount))),
                (t("invoice.open"), .text(d.open.description)),
            ]
            + (i.contractId.map { [(t("contract.title_short"), CommonPages.link(t("contract.open"), Paths.Contracts.contract($0)))] } ?? [])
        m.lines = d.lines.map { l in
            .init(
                product: products.label(l.productId),
                quantity: Quantity(units: l.baseQty).description + " " + (products[l.productId]?.baseUnit ?? ""),
                taxRate: Fmt.percent(l.taxRate) + "%", amount: FormKit.money(l.amount), tax: FormKit.money(l.taxAmount))
        }
        m.mayCancel = offered.contains(.cancel)
        m.csrf = req.state.csrf
        return PageShell.page(req, InvoiceViews.detail(PageShell.context(req), m))
    }

    static func cancel(_ req: Request) async throws -> Response {
        let id = try req.id()
        do {
            _ = try await InvoiceService.cancel(id, req.services)
            return PageShell.redirect(req, to: Paths.Cash.invoice(id), flash: "invoice.cancelled")
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Cash.invoice(id), error: e)
        }
    }
}
