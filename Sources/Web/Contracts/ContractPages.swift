import DocumentsCore
import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Views

/// 合同: list, form (blank or from a quote), the contract page with progress, payment plan,
/// attachments, orders, invoices, approvals and its actions; print view.
enum ContractPages {
    struct Form: Content {
        var kind: String?; var partnerId: String?; var quoteId: String?; var title: String?; var signDate: String?; var startDate: String?;
        var endDate: String?
        var renewNoticeDays: String?; var note: String?; var version: String?; var lines: [DealForms.LineForm]?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let status = req.query[String.self, at: "status"], kind = req.query[String.self, at: "kind"], q = req.query[String.self, at: "q"]
        let page = try await ContractService.list(
            .init(kind: kind, partnerId: PageShell.id(req.query[String.self, at: "partnerId"]), status: status, q: q),
            limit: limit, cursor: cursor, req.services)
        let partners = try await PageShell.names(.partners, page.items.map(\.partnerId), req)
        var model = ListModel(
            basePath: "/deals/contracts", query: q,
            filters: [
                .init(
                    name: "kind", label: t("contract.kind"),
                    options: ContractService.Kind.allCases.map { ($0.rawValue, t("contract.kind." + $0.rawValue)) }, selected: kind),
                .init(
                    name: "status", label: t("common.status"),
                    options: ContractService.Status.allCases.map { ($0.rawValue, t("contract.status." + $0.rawValue)) },
                    selected: status),
            ],
            columns: [
                .init(t("stock.number")), .init(t("contract.party")), .init(t("deal.title")), .init(t("deal.amount")),
                .init(t("contract.end")),
                .init(t("common.status")),
            ],
            rows: page.items.map { c in
                [
                    CommonPages.link(c.number, "/deals/contracts/\(c.id)"), .text(partners[c.partnerId] ?? ""), .text(c.title),
                    .text(FormKit.money(c.totalAmount)),
                    .text(c.endDate), CommonPages.badge(t("contract.status." + c.status), c.status),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = [PageAction(label: t("nav.overdue"), href: "/deals/overdue")]
        if req.state.principal?.can(.contracts, .create) == true {
            actions.insert(PageAction(label: t("contract.new.purchase"), href: "/deals/contracts/new?kind=purchase"), at: 0)
            actions.insert(PageAction(label: t("contract.new.sales"), href: "/deals/contracts/new?kind=sales", primary: true), at: 0)
        }
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("nav.contracts"), actions: actions, model))
    }

    static func form(_ req: Request, _ f: Form, id: Int64?, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        let err = DealForms.errorOf(error, req)
        func e(_ name: String) -> String? { err?.field == name ? err?.message : nil }
        let kind = f.kind == "purchase" ? "purchase" : "sales"
        let parties = kind == "sales" ? try await DealForms.customers(req) : try await DealForms.suppliers(req)
        let html = Layout.page(PageShell.context(req), title: t(id == nil ? "contract.new." + kind : "contract.edit")) {
            h("form", ["method": "post", "action": id.map { "/deals/contracts/\($0)" } ?? "/deals/contracts", "class": "form"]) {
                Layout.csrfField(req.state.csrf)
                h("input", ["type": "hidden", "name": "kind", "value": kind])
                if let v = f.version { h("input", ["type": "hidden", "name": "version", "value": v]) }
                if let q = f.quoteId, !q.isEmpty {
                    h("input", ["type": "hidden", "name": "quoteId", "value": q])
                    h("p", ["class": "muted"]) { t("contract.from_quote_hint") }
                }
                if let err,
                    !["partnerId", "title", "signDate", "startDate", "endDate", "renewNoticeDays", "note", "quoteId"].contains(
                        err.field ?? "")
                {
                    h("p", ["class": "form-error", "role": "alert"]) { err.message }
                }
                FormKit.select(
                    "partnerId", t("contract.party"), parties, selected: f.partnerId, blank: "—", error: e("partnerId") ?? e("quoteId"))
                FormKit.field("title", t("deal.title"), f.title, error: e("title"))
                FormKit.field("signDate", t("contract.sign_date"), f.signDate, type: "date", error: e("signDate"))
                FormKit.field("startDate", t("contract.start"), f.startDate, type: "date", error: e("startDate"))
                FormKit.field("endDate", t("contract.end"), f.endDate, type: "date", required: true, error: e("endDate"))
                FormKit.field(
                    "renewNoticeDays", t("contract.notice_days"), f.renewNoticeDays, type: "number", error: e("renewNoticeDays"))
                if (f.quoteId ?? "").isEmpty || !(f.lines ?? []).isEmpty {
                    h("p", ["class": "muted"]) { t("contract.lines_hint") }
                    DealForms.grid(f.lines ?? [], discount: false, t)
                }
                FormKit.footer(note: f.note, cancel: id.map { "/deals/contracts/\($0)" } ?? "/deals/contracts", t)
            }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.contracts, .create)
        let today = StockPages.today(req)
        var f = Form(
            kind: req.query[String.self, at: "kind"] ?? "sales", signDate: today, startDate: today,
            endDate: CalendarDate.add(days: 364, to: today), renewNoticeDays: "30")
        if let q = PageShell.id(req.query[String.self, at: "quoteId"]) {
            let d = try await QuoteService.find(q, req.services)
            f.quoteId = String(q); f.partnerId = String(d.quote.partnerId); f.title = d.quote.title; f.kind = "sales"
        }
        if let p = req.query[String.self, at: "partnerId"] { f.partnerId = p }
        return try await form(req, f, id: nil)
    }

    static func input(_ f: Form, _ req: Request) async throws -> ContractService.Input {
        let lines = try await DealForms.lines(f.lines, req)
        return .init(
            kind: f.kind, partnerId: PageShell.id(f.partnerId), quoteId: PageShell.id(f.quoteId), title: f.title, signDate: f.signDate,
            startDate: f.startDate,
            endDate: f.endDate, renewNoticeDays: f.renewNoticeDays.flatMap { Int64($0) }, note: f.note,
            lines: lines.isEmpty && f.quoteId != nil ? nil : lines)
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            let d = try await ContractService.create(try await input(f, req), req.services)
            return PageShell.redirect(req, to: "/deals/contracts/\(d.contract.id)", flash: "contract.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, id: nil, error: e)
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let d = try await ContractService.find(try req.id(), req.services)
        _ = try await ContractService.row(d.contract.id, req.services, action: .edit)
        let c = d.contract
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        return try await form(
            req,
            Form(
                kind: c.kind, partnerId: String(c.partnerId), title: c.title, signDate: c.signDate, startDate: c.startDate,
                endDate: c.endDate,
                renewNoticeDays: String(c.renewNoticeDays), note: c.note, version: String(c.version),
                lines: d.lines.map {
                    .init(
                        product: products[$0.productId]?.code, unit: $0.unit, quantity: Quantity(units: $0.quantity).description,
                        unitPrice: UnitPrice(units: $0.unitPrice).description, taxRate: Fmt.percent($0.taxRate))
                }), id: c.id)
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        var f = try req.content.decode(Form.self)
        f.quoteId = nil
        do {
            _ = try await ContractService.update(id, try await input(f, req), version: f.version.flatMap { Int64($0) }, req.services)
            return PageShell.redirect(req, to: "/deals/contracts/\(id)", flash: "contract.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, id: id, error: e)
        }
    }

    static func lineTable(_ lines: [ContractLineRow], _ products: [Int64: ProductRow], _ t: Translator) -> Node {
        h("table", ["class": "data"]) {
            h("thead") {
                h("tr") {
                    h("th") { t("deal.product") }; h("th") { t("stock.quantity") }; h("th") { t("deal.unit_price") };
                    h("th") { t("deal.tax_rate") }
                    h("th") { t("deal.amount") }; h("th") { t("deal.tax") }; h("th") { t("contract.invoiced") }
                }
            }
            h("tbody") {
                for l in lines {
                    h("tr") {
                        h("td") { (products[l.productId]?.code ?? "") + " " + (products[l.productId]?.name ?? "") }
                        h("td") { "\(Quantity(units: l.quantity)) \(l.unit)" }
                        h("td") { UnitPrice(units: l.unitPrice).description }
                        h("td") { Fmt.percent(l.taxRate) + "%" }
                        h("td", ["class": "num"]) { FormKit.money(l.amount) }
                        h("td", ["class": "num"]) { FormKit.money(l.taxAmount) }
                        h("td", ["class": "num"]) { FormKit.money(l.invoicedAmount) }
                    }
                }
            }
        }
    }

    static func bar(_ label: String, _ value: Money, of total: Money) -> Node {
        let pct = total.fen > 0 ? Int(min(100, max(0, Int128(value.fen) * 100 / Int128(total.fen)))) : 0
        return h("div", ["class": "progress-row"]) {
            h("span", ["class": "progress-label"]) { label }
            h(
                "span",
                [
                    "class": "progress-bar", "role": "progressbar", "aria-valuenow": String(pct), "aria-valuemin": "0",
                    "aria-valuemax": "100",
                ]
            ) {
                h("span", ["style": "width: \(pct)%"])
            }
            h("span", ["class": "num"]) { value.description }
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await ContractService.find(try req.id(), req.services)
        let c = d.contract
        let p = req.state.principal
        let progress = try await ContractService.progress(c.id, req.services)
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let partner = try await InventoryQueries.partner(c.partnerId, on: req.store)
        let history = try await DealForms.approvalHistory(try await ApprovalService.history(.contract, docId: c.id, req.services), req)
        let today = StockPages.today(req)
        let offered =
            ContractFlow.State(rawValue: c.status).map {
                ContractFlow.allowedActions(
                    $0, grants: req.grants(on: .contracts, branch: c.branchId, department: c.departmentId, owner: c.ownerId))
            } ?? []
        let warehouses = try await InventoryQueries.warehouses(on: req.store).filter {
            p?.rowScope(.orders, .create)?.contains(branch: $0.branchId, department: nil, owner: nil) ?? false
        }
        var actions = [PageAction(label: t("action.print"), href: "/deals/contracts/\(c.id)/print")]
        if offered.contains(.edit) {
            actions.insert(PageAction(label: t("action.edit"), href: "/deals/contracts/\(c.id)/edit"), at: 0)
        }
        let ordered = try await ContractService.ordered(c.id, req.services)
        let remaining = try d.lines.compactMap { l -> (line: ContractLineRow, left: Quantity)? in
            let left = try l.baseQty.minus(ordered[l.id] ?? 0)
            return left > 0 ? (l, try ContractService.inLineUnit(left, l.factor)) : nil
        }
        let csrf = req.state.csrf
        let html = CommonPages.detail(
            PageShell.context(req), title: t("contract.title", c.number), actions: actions,
            facts: [
                (t("contract.kind"), .text(t("contract.kind." + c.kind))),
                (
                    t("contract.party"),
                    partner == nil
                        ? .text("")
                        : c.kind == "sales" ? await PageShell.customerLink(partner!.id, partner!.name, req) : .text(partner!.name)
                ),
                (t("deal.title"), .text(c.title)), (t("common.status"), CommonPages.badge(t("contract.status." + c.status), c.status)),
                (t("contract.sign_date"), .text(c.signDate)), (t("contract.term"), .text(c.startDate + " ~ " + c.endDate)),
                (t("deal.total"), .text(FormKit.money(c.totalAmount))),
                (t("deal.in_capitals"), .text(ChineseAmount.capitals(Money(fen: c.totalAmount)))),
                (t("deal.tax"), .text(FormKit.money(c.taxAmount))), (t("deal.net"), .text(FormKit.money(c.netAmount))),
            ] + (c.endReason.map { [(t("contract.end_reason"), .text($0))] } ?? [])
                + (c.quoteId.map {
                    [
                        (
                            t("contract.quote"),
                            CommonPages.link(t("contract.open_quote"), "/deals/quotes/\($0)", if: p?.can(.quotes, .view) == true)
                        )
                    ]
                } ?? [])
                + (c.renewalOf.map { [(t("contract.renewal_of"), CommonPages.link(t("contract.open_previous"), "/deals/contracts/\($0)"))] }
                    ?? [])
        ) {
            h("div", ["class": "actions"]) {
                for a in offered where [.submit, .withdraw, .complete, .renew].contains(a) {
                    CommonPages.actionButton(
                        t("contract.action." + a.rawValue), action: "/deals/contracts/\(c.id)/\(a.rawValue)", csrf: csrf)
                }
                if offered.contains(.delete) {
                    CommonPages.actionButton(
                        t("action.delete"), action: "/deals/contracts/\(c.id)/delete", csrf: csrf, confirm: t("contract.delete_confirm"),
                        danger: true)
                }
            }
            if offered.contains(.terminate) {
                h("details", ["class": "card"]) {
                    h("summary") { t("contract.action.terminate") }
                    h("form", ["method": "post", "action": "/deals/contracts/\(c.id)/terminate", "class": "followup-form"]) {
                        Layout.csrfField(csrf)
                        h(
                            "input",
                            [
                                "name": "reason", "required": "", "aria-label": t("contract.end_reason"),
                                "placeholder": t("contract.end_reason"),
                            ])
                        h("button", ["type": "submit", "class": "danger"]) { t("contract.action.terminate") }
                    }
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("deal.lines") }; lineTable(d.lines, products, t)
            }
            h("section", ["class": "card"]) {
                h("h2") { t("contract.progress") }
                bar(t("contract.ordered"), progress.ordered, of: progress.total)
                bar(t(c.kind == "sales" ? "contract.delivered" : "contract.received"), progress.delivered, of: progress.total)
                bar(t("contract.invoiced"), progress.invoiced, of: progress.total)
                bar(t(c.kind == "sales" ? "contract.collected" : "contract.paid"), progress.collected, of: progress.total)
                if c.kind == "sales" {
                    CommonPages.factList([
                        (t("contract.cost_of_goods"), .text(progress.costOfGoods.description)),
                        (t("contract.gross_margin"), .text(progress.grossMargin.description)),
                    ])
                }
                if !progress.orders.isEmpty {
                    h("p") {
                        t("contract.orders") + "：";
                        for o in progress.orders {
                            CommonPages.link(
                                o.number, "/inventory/orders/\(o.id)",
                                if: PageShell.mayOpen(req, .orders, branch: o.branchId, owner: o.ownerId));
                            " "
                        }
                    }
                }
                if !progress.invoices.isEmpty {
                    h("p") {
                        t("nav.invoices") + "："; for i in progress.invoices { CommonPages.link(i.number, "/finance/invoices/\(i.id)"); " " }
                    }
                }
                if offered.contains(.makeOrder), !warehouses.isEmpty, !remaining.isEmpty {
                    h("details", ["class": "order-split", "open": ""]) {
                        h("summary") { t(c.kind == "sales" ? "contract.make_sales_order" : "contract.make_purchase_order") }
                        h("form", ["method": "post", "action": "/deals/contracts/\(c.id)/order", "class": "form"]) {
                            Layout.csrfField(csrf)
                            h("p", ["class": "muted"]) { t("contract.order_hint") }
                            h("table", ["class": "data lines"]) {
                                h("thead") {
                                    h("tr") {
                                        h("th") { t("deal.product") }; h("th") { t("contract.left_to_order") };
                                        h("th") { t("stock.quantity") }; h("th") { t("contract.order_from") }
                                    }
                                }
                                h("tbody") {
                                    for (n, item) in remaining.enumerated() {
                                        for k in 0..<2 {
                                            let i = n * 2 + k
                                            h("tr", ["data-group": String(n)]) {
                                                h("td") {
                                                    k == 0
                                                        ? (products[item.line.productId]?.code ?? "") + " "
                                                            + (products[item.line.productId]?.name ?? "") : ""
                                                }
                                                h("td") { k == 0 ? "\(item.left) \(item.line.unit)" : "" }
                                                h("td") {
                                                    h(
                                                        "input",
                                                        [
                                                            "type": "hidden", "name": "lines[\(i)][contractLineId]",
                                                            "value": String(item.line.id),
                                                        ])
                                                    h(
                                                        "input",
                                                        [
                                                            "name": "lines[\(i)][quantity]", "value": k == 0 ? item.left.description : "",
                                                            "inputmode": "decimal", "size": "6",
                                                            "aria-label": t("stock.quantity"),
                                                        ])
                                                }
                                                h("td") {
                                                    h(
                                                        "select",
                                                        ["name": "lines[\(i)][warehouseId]", "aria-label": t("contract.order_from")]
                                                    ) {
                                                        for w in warehouses {
                                                            h(
                                                                "option",
                                                                [
                                                                    "value": String(w.id),
                                                                    "selected": flag(k == 1 && w.id == warehouses.dropFirst().first?.id),
                                                                ]
                                                            ) { w.name }
                                                        }
                                                    }
                                                    // Two rows a product without the script; with it, as many as there are warehouses.
                                                    if k == 0, warehouses.count > 2 {
                                                        h(
                                                            "button",
                                                            [
                                                                "type": "button", "class": "add-row", "data-add-row": "", "hidden": "",
                                                                "title": t("contract.add_warehouse"),
                                                                "aria-label": t("contract.add_warehouse"),
                                                            ]
                                                        ) { "+" }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            h("button", ["type": "submit", "class": "primary"]) {
                                t(c.kind == "sales" ? "contract.make_sales_order" : "contract.make_purchase_order")
                            }
                        }
                    }
                }
                if offered.contains(.bill) {
                    h("p") {
                        h(
                            "a",
                            ["href": "/finance/invoices/new?side=\(c.kind)&partnerId=\(c.partnerId)&contractId=\(c.id)", "class": "button"]
                        ) { t("invoice.new") }
                        " "
                        h(
                            "a",
                            [
                                "href":
                                    "/finance/\(c.kind == "sales" ? "collections" : "payments")/new?partnerId=\(c.partnerId)&contractId=\(c.id)",
                                "class": "button",
                            ]
                        ) {
                            t(c.kind == "sales" ? "collection.new" : "payment.new")
                        }
                    }
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("contract.plan") }
                if d.installments.isEmpty {
                    h("p", ["class": "empty"]) { t("contract.plan_empty") }
                } else {
                    h("table", ["class": "data"]) {
                        h("thead") {
                            h("tr") {
                                h("th") { "#" }; h("th") { t("contract.due_date") }; h("th") { t("deal.amount") };
                                h("th") { t("contract.collected") }; h("th") { "" }
                            }
                        }
                        h("tbody") {
                            for i in d.installments {
                                h("tr", ["class": i.dueDate < today && i.settled < i.amount ? "warn" : nil]) {
                                    h("td") { String(i.seq) }; h("td") { i.dueDate };
                                    h("td", ["class": "num"]) { FormKit.money(i.amount) }
                                    h("td", ["class": "num"]) { FormKit.money(i.settled) }
                                    h("td") {
                                        if i.settled >= i.amount {
                                            CommonPages.badge(t("contract.installment.paid"), "approved")
                                        } else if i.dueDate < today {
                                            CommonPages.badge(t("contract.installment.overdue"), "rejected")
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                if offered.contains(.setPlan) {
                    h("details") {
                        h("summary") { t("contract.plan_edit") }
                        h("form", ["method": "post", "action": "/deals/contracts/\(c.id)/plan", "class": "form"]) {
                            Layout.csrfField(csrf)
                            h("p", ["class": "muted"]) { t("contract.plan_hint", FormKit.money(c.totalAmount)) }
                            let rows =
                                d.installments.map { (Optional($0.dueDate), Optional(Money(fen: $0.amount).description)) }
                                + Array(repeating: (String?.none, String?.none), count: max(2, 4 - d.installments.count))
                            for (i, r) in rows.enumerated() {
                                h("div", ["class": "inline-form"]) {
                                    h(
                                        "input",
                                        [
                                            "type": "date", "name": "items[\(i)][dueDate]", "value": r.0 ?? "",
                                            "aria-label": t("contract.due_date"),
                                        ])
                                    h(
                                        "input",
                                        [
                                            "name": "items[\(i)][amount]", "value": r.1 ?? "", "inputmode": "decimal",
                                            "aria-label": t("deal.amount"),
                                        ])
                                }
                            }
                            h("button", ["type": "submit", "class": "primary"]) { t("action.save") }
                        }
                    }
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("contract.attachments") }
                if d.attachments.isEmpty { h("p", ["class": "empty"]) { t("contract.no_attachments") } }
                h("ul", ["class": "plain"]) {
                    for a in d.attachments {
                        h("li") {
                            CommonPages.link(a.fileName, "/deals/contracts/\(c.id)/attachments/\(a.id)")
                            " · " + ByteCountFormatter.string(fromByteCount: a.size, countStyle: .file) + " · "
                                + PageShell.date(a.createdAt, req.state.lang)
                            if offered.contains(.attach) {
                                " "
                                CommonPages.actionButton(
                                    t("action.delete"), action: "/deals/contracts/\(c.id)/attachments/\(a.id)/delete", csrf: csrf,
                                    confirm: t("contract.attachment_delete_confirm"), danger: true)
                            }
                        }
                    }
                }
                if offered.contains(.attach) {
                    h(
                        "form",
                        [
                            "method": "post", "action": "/deals/contracts/\(c.id)/attachments", "enctype": "multipart/form-data",
                            "class": "inline-form",
                        ]
                    ) {
                        Layout.csrfField(csrf)
                        h(
                            "input",
                            [
                                "type": "file", "name": "file", "required": "", "aria-label": t("contract.attachment_file"),
                                "accept": ".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.txt",
                            ])
                        h("button", ["type": "submit"]) { t("contract.upload") }
                        h("span", ["class": "muted"]) { t("contract.upload_hint") }
                    }
                }
            }
            history
        }
        return PageShell.page(req, html)
    }

    static func transition(_ tr: ContractFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            struct R: Content { var reason: String? }
            let reason = tr == .terminate ? try req.content.decode(R.self).reason : nil
            do {
                _ = try await ContractService.transition(id, tr, reason: reason, req.services)
                return PageShell.redirect(req, to: "/deals/contracts/\(id)", flash: "contract.updated")
            } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
                return PageShell.redirect(req, to: "/deals/contracts/\(id)", error: e)
            }
        }
    }

    static func renew(_ req: Request) async throws -> Response {
        let id = try req.id()
        do {
            let d = try await ContractService.renew(id, req.services)
            return PageShell.redirect(req, to: "/deals/contracts/\(d.contract.id)", flash: "contract.renewed")
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            return PageShell.redirect(req, to: "/deals/contracts/\(id)", error: e)
        }
    }

    static func delete(_ req: Request) async throws -> Response {
        let id = try req.id()
        do {
            try await ContractService.delete(id, req.services)
            return PageShell.redirect(req, to: "/deals/contracts", flash: "contract.deleted")
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: "/deals/contracts/\(id)", error: e)
        }
    }

    struct PlanForm: Content { struct Item: Content { var dueDate: String?; var amount: String? }; var items: [Item]? }

    static func plan(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(PlanForm.self)
        let items = (f.items ?? []).filter { !($0.dueDate ?? "").isEmpty || !($0.amount ?? "").isEmpty }
            .map { ContractService.InstallmentInput(dueDate: $0.dueDate, amount: $0.amount) }
        do {
            _ = try await ContractService.setPlan(id, items, req.services)
            return PageShell.redirect(req, to: "/deals/contracts/\(id)", flash: "contract.plan_saved")
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            return e.code == "plan_not_total"
                ? PageShell.redirect(req, to: "/deals/contracts/\(id)", error: e)
                : PageShell.redirect(req, to: "/deals/contracts/\(id)", flash: "contract.plan_invalid", kind: .error)
        }
    }

    struct OrderForm: Content {
        struct Line: Content { var contractLineId: String?; var quantity: String?; var warehouseId: String? }
        var lines: [Line]?
    }

    static func order(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(OrderForm.self)
        let lines = (f.lines ?? []).filter { !($0.quantity ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
            .map {
                ContractService.OrderLineInput(
                    contractLineId: PageShell.id($0.contractLineId), quantity: $0.quantity, warehouseId: PageShell.id($0.warehouseId))
            }
        do {
            guard !lines.isEmpty else { throw DomainError.required("lines") }
            let o = try await ContractToOrder.make(id, lines: lines, warehouseId: nil, orderDate: nil, req.services)
            return PageShell.redirect(req, to: "/inventory/orders/\(o.order.id)", flash: "contract.ordered_flash")
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            return PageShell.redirect(
                req, to: "/deals/contracts/\(id)",
                flash: e.code == "contract_line_exceeded" ? "contract.order_exceeds" : "contract.order_invalid", kind: .error)
        }
    }

    struct UploadForm: Content { var file: File? }

    static func upload(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(UploadForm.self)
        guard let file = f.file else {
            return PageShell.redirect(req, to: "/deals/contracts/\(id)", flash: "contract.upload_missing", kind: .error)
        }
        do {
            _ = try await AttachmentService.add(
                contract: id, fileName: file.filename, data: Data(buffer: file.data), directory: req.application.concord.filesDirectory,
                req.services)
            return PageShell.redirect(req, to: "/deals/contracts/\(id)", flash: "contract.uploaded")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .tooLarge || e.kind == .conflict {
            return PageShell.redirect(
                req, to: "/deals/contracts/\(id)",
                flash: e.messageKey == "error.file_too_large" ? "contract.upload_too_large" : "contract.upload_refused",
                kind: .error)
        }
    }

    static func download(_ req: Request) async throws -> Response {
        guard let aid = req.parameters.get("aid").flatMap(Int64.init) else { throw DomainError.notFound }
        let (a, data) = try await AttachmentService.read(
            contract: try req.id(), attachment: aid, directory: req.application.concord.filesDirectory, req.services)
        return AttachmentResponse.make(a, data)
    }

    static func deleteAttachment(_ req: Request) async throws -> Response {
        let id = try req.id()
        guard let aid = req.parameters.get("aid").flatMap(Int64.init) else { throw DomainError.notFound }
        try await AttachmentService.delete(contract: id, attachment: aid, directory: req.application.concord.filesDirectory, req.services)
        return PageShell.redirect(req, to: "/deals/contracts/\(id)", flash: "contract.attachment_deleted")
    }

    static func print(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await ContractService.find(try req.id(), req.services)
        let c = d.contract
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let partner = try await InventoryQueries.partner(c.partnerId, on: req.store)
        let html = Layout.print(req.state.lang, title: t("contract.title", c.number) + " · " + c.title) {
            CommonPages.factList([
                (t("contract.party"), .text(partner?.name ?? "")), (t("contract.sign_date"), .text(c.signDate)),
                (t("contract.term"), .text(c.startDate + " ~ " + c.endDate)),
            ])
            lineTable(d.lines, products, t)
            h("p", ["class": "total"]) {
                t("deal.total") + "：" + FormKit.money(c.totalAmount) + "　" + t("deal.in_capitals") + "："
                    + ChineseAmount.capitals(Money(fen: c.totalAmount))
            }
            if !d.installments.isEmpty {
                h("h2") { t("contract.plan") }
                h("ol") { for i in d.installments { h("li") { i.dueDate + "　" + FormKit.money(i.amount) } } }
            }
            if let n = c.note { h("p") { n } }
            h("p", ["class": "signatures"]) { t("contract.sign_here") }
        }
        return PageShell.page(req, html)
    }

    /// Installments past due, for the people who chase money.
    static func overdue(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await ContractService.overdue(asOf: StockPages.today(req), limit: 500, req.services)
        let partners = try await PageShell.names(.partners, rows.map(\.partnerId), req)
        let model = ListModel(
            basePath: "/deals/overdue", query: nil, filters: [],
            columns: [
                .init(t("stock.number")), .init(t("contract.party")), .init("#"), .init(t("contract.due_date")), .init(t("deal.amount")),
                .init(t("contract.collected")),
            ],
            rows: rows.map { r in
                [
                    CommonPages.link(r.number, "/deals/contracts/\(r.contractId)"), .text(partners[r.partnerId] ?? ""),
                    .text(String(r.seq)), .text(r.dueDate),
                    .text(FormKit.money(r.amount)), .text(FormKit.money(r.settled)),
                ]
            }, nextCursor: nil, emptyText: t("contract.no_overdue"), searchable: false)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("nav.overdue"), model))
    }
}
