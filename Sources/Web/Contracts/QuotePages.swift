import DocumentsCore
import Foundation
import Kernel
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
            basePath: "/deals/quotes", query: nil,
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
                    CommonPages.link(q.number, "/deals/quotes/\(q.id)"), .text(partners[q.partnerId] ?? ""), .text(q.title),
                    .text(FormKit.money(q.totalAmount)),
                    .text(q.validUntil), CommonPages.badge(t("quote.status." + q.status), q.status),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        let actions =
            req.state.principal?.can(.quotes, .create) == true
            ? [PageAction(label: t("quote.new"), href: "/deals/quotes/new", primary: true)] : []
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("nav.quotes"), actions: actions, model))
    }

    static func form(_ req: Request, _ f: Form, id: Int64?, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        let err = DealForms.errorOf(error, req)
        func e(_ name: String) -> String? { err?.field == name ? err?.message : nil }
        let customers = try await DealForms.customers(req)
        let html = Layout.page(PageShell.context(req), title: t(id == nil ? "quote.new" : "quote.edit")) {
            h("form", ["method": "post", "action": id.map { "/deals/quotes/\($0)" } ?? "/deals/quotes", "class": "form"]) {
                Layout.csrfField(req.state.csrf)
                if let v = f.version { h("input", ["type": "hidden", "name": "version", "value": v]) }
                if let o = f.opportunityId, !o.isEmpty { h("input", ["type": "hidden", "name": "opportunityId", "value": o]) }
                if let err, !["partnerId", "title", "quoteDate", "validUntil", "note"].contains(err.field ?? "") {
                    h("p", ["class": "form-error", "role": "alert"]) { err.message }
                }
                FormKit.select(
                    "partnerId", t("deal.customer"), customers, selected: f.partnerId,
                    blank: (f.opportunityId ?? "").isEmpty ? "—" : t("quote.from_opportunity"),
                    error: e("partnerId") ?? e("opportunityId"))
                FormKit.field("title", t("deal.title"), f.title, error: e("title"))
                FormKit.field("quoteDate", t("quote.date"), f.quoteDate, type: "date", error: e("quoteDate"))
                FormKit.field("validUntil", t("quote.valid_until"), f.validUntil, type: "date", required: true, error: e("validUntil"))
                h("p", ["class": "muted"]) { t("quote.lines_hint") }
                DealForms.grid(f.lines ?? [], discount: true, t)
                FormKit.footer(note: f.note, cancel: id.map { "/deals/quotes/\($0)" } ?? "/deals/quotes", t)
            }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
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
            return PageShell.redirect(req, to: "/deals/quotes/\(d.quote.id)", flash: "quote.saved")
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
            return PageShell.redirect(req, to: "/deals/quotes/\(id)", flash: "quote.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, id: id, error: e)
        }
    }

    static func lineTable(_ lines: [QuoteLineRow], _ products: [Int64: ProductRow], _ t: Translator) -> Node {
        h("table", ["class": "data"]) {
            h("thead") {
                h("tr") {
                    h("th") { t("deal.product") }; h("th") { t("stock.quantity") }; h("th") { t("deal.list_price") };
                    h("th") { t("deal.discount") }
                    h("th") { t("deal.unit_price") }; h("th") { t("deal.floor_price") }; h("th") { t("deal.tax_rate") };
                    h("th") { t("deal.amount") }
                }
            }
            h("tbody") {
                for l in lines {
                    h("tr", ["class": l.isBelowFloor ? "warn" : nil]) {
                        h("td") { (products[l.productId]?.code ?? "") + " " + (products[l.productId]?.name ?? "") }
                        h("td") { "\(Quantity(units: l.quantity)) \(l.unit)" }
                        h("td") { UnitPrice(units: l.listPrice).description }
                        h("td") { Fmt.percent(l.discount) + "%" }
                        h("td") {
                            UnitPrice(units: l.unitPrice).description
                            if l.isBelowFloor { " "; CommonPages.badge(t("quote.below_floor"), "rejected") }
                        }
                        h("td") { UnitPrice(units: l.floorPrice).description }
                        h("td") { Fmt.percent(l.taxRate) + "%" }
                        h("td", ["class": "num"]) { FormKit.money(l.amount) }
                    }
                }
            }
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await QuoteService.find(try req.id(), req.services)
        let q = d.quote
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let partner = try await InventoryQueries.partner(q.partnerId, on: req.store)
        let history = try await DealForms.approvalHistory(try await ApprovalService.history(.quote, docId: q.id, req.services), req)
        let offered =
            QuoteFlow.State(rawValue: q.status).map {
                QuoteFlow.allowedActions(
                    $0, d.facts, grants: req.grants(on: .quotes, branch: q.branchId, department: q.departmentId, owner: q.ownerId))
            } ?? []
        var actions = [PageAction(label: t("action.print"), href: "/deals/quotes/\(q.id)/print")]
        if offered.contains(.edit) { actions.insert(PageAction(label: t("action.edit"), href: "/deals/quotes/\(q.id)/edit"), at: 0) }
        if offered.contains(.makeContract) {
            actions.insert(PageAction(label: t("quote.to_contract"), href: "/deals/contracts/new?quoteId=\(q.id)", primary: true), at: 0)
        }
        let allowed = offered.filter(QuoteFlow.transitions.contains)
        let html = CommonPages.detail(
            PageShell.context(req), title: t("quote.title", q.number), actions: actions,
            facts: [
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
                + (q.opportunityId.map {
                    [(t("deal.opportunity"), CommonPages.link(t("deal.open_opportunity"), "/crm/opportunities/\($0)"))]
                } ?? [])
        ) {
            if q.belowFloor, q.status == "draft" { h("p", ["class": "notice warn"]) { t("quote.needs_approval_hint") } }
            h("section", ["class": "card"]) {
                h("h2") { t("deal.lines") }; lineTable(d.lines, products, t)
            }
            if !allowed.isEmpty {
                h("div", ["class": "actions"]) {
                    for a in allowed {
                        CommonPages.actionButton(
                            t("quote.action." + a.rawValue), action: "/deals/quotes/\(q.id)/\(a.rawValue)", csrf: req.state.csrf)
                    }
                }
            }
            if let n = q.note {
                h("section", ["class": "card"]) {
                    h("h2") { t("common.note") }; h("p", ["class": "timeline-body"]) { n }
                }
            }
            history
        }
        return PageShell.page(req, html)
    }

    static func transition(_ tr: QuoteFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            do {
                _ = try await QuoteService.transition(id, tr, req.services)
                return PageShell.redirect(req, to: "/deals/quotes/\(id)", flash: "quote.updated")
            } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
                return PageShell.redirect(req, to: "/deals/quotes/\(id)", error: e)
            }
        }
    }

    static func print(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await QuoteService.find(try req.id(), req.services)
        let q = d.quote
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let partner = try await InventoryQueries.partner(q.partnerId, on: req.store)
        let html = Layout.print(req.state.lang, title: t("quote.title", q.number)) {
            CommonPages.factList([
                (t("deal.customer"), .text(partner?.name ?? "")), (t("quote.date"), .text(q.quoteDate)),
                (t("quote.valid_until"), .text(q.validUntil)),
            ])
            lineTable(d.lines, products, t)
            h("p", ["class": "total"]) {
                t("deal.total") + "：" + FormKit.money(q.totalAmount) + "　" + t("deal.in_capitals") + "："
                    + ChineseAmount.capitals(Money(fen: q.totalAmount))
            }
            if let n = q.note { h("p") { n } }
        }
        return PageShell.page(req, html)
    }
}
