import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 报价单: list, form (from a customer or an opportunity), the quote with its lines, floor
/// flags, totals in figures and capitals, approvals and actions; print view.
enum QuotePages {
    struct Form: Content {
        var partnerId: String?; var opportunityId: String?; var title: String?; var quoteDate: String?; var validUntil: String?;
        var note: String?
        var version: String?; var lines: [DealForms.LineForm]?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let status = req.query[String.self, at: "status"]
        let page = try await QuoteService.list(
            .init(partnerId: PageShell.id(req.query[String.self, at: "partnerId"]), status: status), limit: limit,
            cursor: cursor, req.services)
        let partners = try await PageShell.names(.partners, page.items.map(\.partnerId), req)
        var model = ListModel(
            basePath: Paths.Contracts.quotes(), query: nil,
            filters: [
                .init(
                    name: "status", label: t("common.status"),
                    options: QuoteService.Status.allCases.map { ($0.rawValue, t("quote.status." + $0.rawValue)) }, selected: status)
            ],
            columns: [
                .init(t("stock.number")), .init(t("deal.customer")), .init(t("deal.title")), .init(t("deal.amount")),
                .init(t("quote.valid_until")),
                .init(t("common.status")),
            ],
            rows: page.items.map { q in
                [
                    CommonPages.link(q.number, Paths.Contracts.quote(q.id)), .text(partners[q.partnerId] ?? ""), .text(q.title),
                    .text(FormKit.money(q.totalAmount)),
                    .text(q.validUntil), CommonPages.badge(t("quote.status." + q.status), q.status),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        let actions =
            req.state.principal?.can(.quotes, .create) == true
            ? [PageAction(label: t("quote.new"), href: Paths.Contracts.newQuote(), primary: true)] : []
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("nav.quotes"), actions: actions, model))
    }

    static func form(_ req: Request, _ f: Form, id: Int64?, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        var m = DealFormModel()
        m.title = t(id == nil ? "quote.new" : "quote.edit")
        m.action = id.map { Paths.Contracts.quote($0) } ?? Paths.Contracts.quotes()
        m.cancel = m.action
        m.csrf = req.state.csrf
        m.hidden =
            (f.version.map { [("version", $0)] } ?? []) + ((f.opportunityId ?? "").isEmpty ? [] : [("opportunityId", f.opportunityId!)])
        m.error = DealForms.errorOf(error, req)
        m.partyLabel = t("deal.customer")
        m.parties = try await DealForms.customers(req)
        m.partyId = f.partnerId
        m.partyBlank = (f.opportunityId ?? "").isEmpty ? "—" : t("quote.from_opportunity")
        m.partyErrorFields = ["partnerId", "opportunityId"]
        m.fields = [
            .init("title", t("deal.title"), f.title), .init("quoteDate", t("quote.date"), f.quoteDate, type: "date"),
            .init("validUntil", t("quote.valid_until"), f.validUntil, type: "date", required: true),
        ]
        m.linesHint = t("quote.lines_hint")
        m.lines = DealForms.rows(f.lines)
        m.discount = true
        m.note = f.note
        return PageShell.page(
            req, DealViews.form(try await ProductPicker.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.quotes, .create)
        var f = Form(quoteDate: StockPages.today(req), validUntil: CalendarDate.add(days: 30, to: StockPages.today(req)))
        if let o = PageShell.id(req.query[String.self, at: "opportunityId"]) {
            let opp = try await OpportunityService.find(o, req.services)
            f.opportunityId = String(o); f.partnerId = String(opp.partnerId); f.title = opp.name
        }
        if let p = req.query[String.self, at: "partnerId"] { f.partnerId = p }
        return try await form(req, f, id: nil)
    }

    static func input(_ f: Form, _ req: Request) async throws -> QuoteService.Input {
        .init(
            partnerId: PageShell.id(f.partnerId), opportunityId: PageShell.id(f.opportunityId), title: f.title, quoteDate: f.quoteDate,
            validUntil: f.validUntil,
            note: f.note, lines: try await DealForms.lines(f.lines, req))
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            let d = try await QuoteService.create(try await input(f, req), req.services)
            return PageShell.redirect(req, to: Paths.Contracts.quote(d.quote.id), flash: "quote.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, id: nil, error: e)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let d = try await QuoteService.find(try req.id(), req.services, action: .edit)
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        return try await form(
            req,
            Form(
                partnerId: String(d.quote.partnerId), opportunityId: d.quote.opportunityId.map(String.init), title: d.quote.title,
                quoteDate: d.quote.quoteDate, validUntil: d.quote.validUntil, note: d.quote.note, version: String(d.quote.version),
                lines: d.lines.map {
                    .init(
                        product: products[$0.productId]?.code, unit: $0.unit, quantity: Quantity(units: $0.quantity).description,
                        unitPrice: UnitPrice(units: $0.unitPrice).description, taxRate: Fmt.percent($0.taxRate))
                }), id: d.quote.id)
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(Form.self)
        do {
            _ = try await QuoteService.update(id, try await input(f, req), version: f.version.flatMap { Int64($0) }, req.services)
            return PageShell.redirect(req, to: Paths.Contracts.quote(id), flash: "quote.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, id: id, error: e)
        }
    }

    static func lines(_ lines: [QuoteLineRow], _ products: [Int64: ProductRow]) -> [QuoteViewModel.Line] {
        lines.map { l in
            .init(
                product: products.label(l.productId),
                quantity: "\(Quantity(units: l.quantity)) \(l.unit)", listPrice: UnitPrice(units: l.listPrice).description,
                discount: Fmt.percent(l.discount) + "%", unitPrice: UnitPrice(units: l.unitPrice).description,
                floorPrice: UnitPrice(units: l.floorPrice).description, taxRate: Fmt.percent(l.taxRate) + "%",
                amount: FormKit.money(l.amount), belowFloor: l.isBelowFloor)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await QuoteService.find(try req.id(), req.services)
        let q = d.quote
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let partner = try await InventoryQueries.partner(q.partnerId, on: req.store)
        let history = try await DealForms.approvalHistory(
            try await ApprovalService.history(.quote, docId: q.id, req.services), pastDraft: q.status != QuoteFlow.State.draft.rawValue, req
        )
        let offered =
            QuoteFlow.State(rawValue: q.status).map {
                QuoteFlow.allowedActions(
                    $0, d.facts, grants: req.grants(on: .quotes, branch: q.branchId, department: q.departmentId, owner: q.ownerId))
            } ?? []
        var actions = [PageAction(label: t("action.print"), href: Paths.Contracts.printQuote(q.id))]
        if offered.contains(.edit) { actions.insert(PageAction(label: t("action.edit"), href: Paths.Contracts.editQuote(q.id)), at: 0) }
        if offered.contains(.makeContract) {
            actions.insert(
                PageAction(label: t("quote.to_contract"), href: Paths.Contracts.newContract() + "?quoteId=\(q.id)", primary: true), at: 0)
        }
        var m = QuoteViewModel()
        m.id = q.id
        m.number = q.number
        m.csrf = req.state.csrf
        m.actions = actions
        m.facts =
            [
                (t("deal.customer"), partner == nil ? .text("") : await PageShell.customerLink(partner!.id, partner!.name, req)),
                (t("deal.title"), .text(q.title)),
                (
                    t("common.status"),
                    .fragment(
                        [CommonPages.badge(t("quote.status." + q.status), q.status)]
                            + (d.expired ? [.text(" "), CommonPages.badge(t("quote.expired"), "rejected")] : []))
                ),
                (t("quote.date"), .text(q.quoteDate)), (t("quote.valid_until"), .text(q.validUntil)),
                (t("deal.total"), .text(FormKit.money(q.totalAmount) + "（" + ChineseAmount.capitals(Money(fen: q.totalAmount)) + "）")),
                (t("deal.tax"), .text(FormKit.money(q.taxAmount))), (t("deal.net"), .text(FormKit.money(q.netAmount))),
            ]
            + (q.opportunityId.map { [(t("deal.opportunity"), CommonPages.link(t("deal.open_opportunity"), Paths.CRM.opportunity($0)))] }
                ?? [])
        m.needsApproval = q.belowFloor && q.status == "draft"
        m.lines = lines(d.lines, products)
        m.transitions = offered.filter(QuoteFlow.transitions.contains).map(\.rawValue)
        m.note = q.note
        m.history = history
        return PageShell.page(req, DealViews.quote(PageShell.context(req), m))
    }

    static func transition(_ tr: QuoteFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            do {
                _ = try await QuoteService.transition(id, tr, req.services)
                return PageShell.redirect(req, to: Paths.Contracts.quote(id), flash: "quote.updated")
            } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
                return PageShell.redirect(req, to: Paths.Contracts.quote(id), error: e)
            }
        }
    }

    /// The quote as the customer receives it: list price, discount, price, tax rate and amount per
    /// line, never the floor.
    static func print(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await QuoteService.find(try req.id(), req.services)
        let q = d.quote
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let partner = try await InventoryQueries.partner(q.partnerId, on: req.store)
        var (s, terms) = try await PrintSupport.sheet(req, title: t("print.title.quote"), number: q.number)
        s.party = try await PrintSupport.party(partner, role: t("print.customer"), req)
        s.facts = [(t("quote.date"), q.quoteDate), (t("quote.valid_until"), q.validUntil)]
        s.columns = [
            .init("#"), .init(t("deal.product")), .init(t("stock.quantity"), numeric: true), .init(t("deal.list_price"), numeric: true),
            .init(t("deal.discount"), numeric: true), .init(t("deal.unit_price"), numeric: true), .init(t("deal.tax_rate"), numeric: true),
            .init(t("deal.amount"), numeric: true),
        ]
        s.rows = lines(d.lines, products).enumerated().map { i, l in
            [String(i + 1), l.product, l.quantity, l.listPrice, l.discount, l.unitPrice, l.taxRate, l.amount]
        }
        s.total = FormKit.money(q.totalAmount)
        s.totalInCapitals = ChineseAmount.capitals(Money(fen: q.totalAmount))
        s.sections = [(t("print.terms"), terms)]
        s.note = q.note
        s.signatures = [t("print.sign.customer_confirm"), t("print.sign.stamp")]
        return Response.html(PrintView.render(req.state.lang, s))
    }
}
