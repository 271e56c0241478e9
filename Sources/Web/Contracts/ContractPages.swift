import DocumentsCore
import Foundation
import Kernel
import Paths
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
        var custom: [String: String]?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let status = req.query[String.self, at: "status"], kind = req.query[String.self, at: "kind"], q = req.query[String.self, at: "q"]
        let page = try await ContractService.list(try ContractsFilters.contracts(req), limit: limit, cursor: cursor, req.services)
        let partners = try await PageShell.names(.partners, page.items.map(\.partnerId), req)
        var model = ListModel(
            basePath: Paths.Contracts.contracts(), query: q,
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
                    CommonPages.link(c.number, Paths.Contracts.contract(c.id)), .text(partners[c.partnerId] ?? ""), .text(c.title),
                    .text(FormKit.money(c.totalAmount)),
                    .text(c.endDate), CommonPages.badge(t("contract.status." + c.status), c.status),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = [PageAction(label: t("nav.overdue"), href: Paths.Contracts.overdue())]
        if req.state.principal?.can(.contracts, .create) == true {
            actions.insert(PageAction(label: t("contract.new.purchase"), href: Paths.Contracts.newContract() + "?kind=purchase"), at: 0)
            actions.insert(
                PageAction(label: t("contract.new.sales"), href: Paths.Contracts.newContract() + "?kind=sales", primary: true), at: 0)
        }
        actions += Exports.actions(req, .contracts, Paths.Contracts.exportContracts)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("nav.contracts"), actions: actions, model))
    }

    static func form(_ req: Request, _ f: Form, id: Int64?, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        let kind = f.kind == "purchase" ? "purchase" : "sales"
        var m = DealFormModel()
        m.title = t(id == nil ? "contract.new." + kind : "contract.edit")
        m.action = id.map { Paths.Contracts.contract($0) } ?? Paths.Contracts.contracts()
        m.cancel = m.action
        m.csrf = req.state.csrf
        m.hidden = [("kind", kind)] + (f.version.map { [("version", $0)] } ?? [])
        if let q = f.quoteId, !q.isEmpty {
            m.hidden.append(("quoteId", q))
            m.intro = t("contract.from_quote_hint")
        }
        m.error = DealForms.errorOf(error, req)
        m.partyLabel = t("contract.party")
        m.parties = kind == "sales" ? try await DealForms.customers(req) : try await DealForms.suppliers(req)
        m.partyId = f.partnerId
        m.partyErrorFields = ["partnerId", "quoteId"]
        m.fields = [
            .init("title", t("deal.title"), f.title), .init("signDate", t("contract.sign_date"), f.signDate, type: "date"),
            .init("startDate", t("contract.start"), f.startDate, type: "date"),
            .init("endDate", t("contract.end"), f.endDate, type: "date", required: true),
            .init("renewNoticeDays", t("contract.notice_days"), f.renewNoticeDays, type: "number"),
        ]
        // The company's own fields on contracts.
        m.fields += try await CustomFieldService.active(.contract, req.services).map { cf in
            .init(
                "custom[\(cf.fieldKey)]", cf.label, f.custom?[cf.fieldKey],
                type: cf.kind == "number" ? "number" : cf.kind == "date" ? "date" : "text", required: cf.required,
                choices: cf.kind == "choice" ? cf.choices : nil)
        }
        if (f.quoteId ?? "").isEmpty || !(f.lines ?? []).isEmpty {
            m.linesHint = t("contract.lines_hint")
            m.lines = DealForms.rows(f.lines)
        }
        m.note = f.note
        return PageShell.page(
            req, DealViews.form(try await ProductPicker.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
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
            lines: lines.isEmpty && f.quoteId != nil ? nil : lines, customFields: f.custom)
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            let d = try await ContractService.create(try await input(f, req), req.services)
            return PageShell.redirect(req, to: Paths.Contracts.contract(d.contract.id), flash: "contract.saved")
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
                }, custom: CustomFieldService.decode(c.customValues)), id: c.id)
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        var f = try req.content.decode(Form.self)
        f.quoteId = nil
        do {
            _ = try await ContractService.update(id, try await input(f, req), version: f.version.flatMap { Int64($0) }, req.services)
            return PageShell.redirect(req, to: Paths.Contracts.contract(id), flash: "contract.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, id: id, error: e)
        }
    }

    static func lines(_ lines: [ContractLineRow], _ products: [Int64: ProductRow]) -> [ContractViewModel.Line] {
        lines.map { l in
            .init(
                product: products.label(l.productId),
                quantity: "\(Quantity(units: l.quantity)) \(l.unit)", unitPrice: UnitPrice(units: l.unitPrice).description,
                taxRate: Fmt.percent(l.taxRate) + "%", amount: FormKit.money(l.amount), tax: FormKit.money(l.taxAmount),
                invoiced: FormKit.money(l.invoicedAmount))
        }
    }

    static func lineTable(_ rows: [ContractLineRow], _ products: [Int64: ProductRow], _ t: Translator) -> Node {
        ContractView.lineTable(lines(rows, products), t)
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await ContractService.find(try req.id(), req.services)
        let c = d.contract
        let p = req.state.principal
        let progress = try await ContractService.progress(c.id, req.services)
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let partner = try await InventoryQueries.partner(c.partnerId, on: req.store)
        let history = try await DealForms.approvalHistory(
            try await ApprovalService.history(.contract, docId: c.id, req.services),
            pastDraft: c.status != ContractFlow.State.draft.rawValue,
            req)
        let today = StockPages.today(req)
        let offered =
            ContractFlow.State(rawValue: c.status).map {
                ContractFlow.allowedActions(
                    $0, grants: req.grants(on: .contracts, branch: c.branchId, department: c.departmentId, owner: c.ownerId))
            } ?? []
        let warehouses = try await InventoryQueries.warehouses(on: req.store).filter {
            p?.rowScope(.orders, .create)?.contains(branch: $0.branchId, department: nil, owner: nil) ?? false
        }
        var actions = [PageAction(label: t("action.print"), href: Paths.Contracts.printContract(c.id))]
        if offered.contains(.edit) {
            actions.insert(PageAction(label: t("action.edit"), href: Paths.Contracts.editContract(c.id)), at: 0)
        }
        let ordered = try await ContractService.ordered(c.id, req.services)
        let remaining = try d.lines.compactMap { l -> (line: ContractLineRow, left: Quantity)? in
            let left = try l.baseQty.minus(ordered[l.id] ?? 0)
            return left > 0 ? (l, try ContractService.inLineUnit(left, l.factor)) : nil
        }
        var m = ContractViewModel()
        m.id = c.id
        m.number = c.number
        m.kind = c.kind
        m.partnerId = c.partnerId
        m.csrf = req.state.csrf
        m.actions = actions
        m.facts =
            [
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
                        CommonPages.link(t("contract.open_quote"), Paths.Contracts.quote($0), if: p?.can(.quotes, .view) == true)
                    )
                ]
            } ?? [])
            + (c.renewalOf.map { [(t("contract.renewal_of"), CommonPages.link(t("contract.open_previous"), Paths.Contracts.contract($0)))] }
                ?? [])
        m.facts += try await CustomFieldForms.facts(.contract, json: c.customValues, req)
        m.offered = Set(offered.map(\.rawValue))
        m.lines = lines(d.lines, products)
        m.total = progress.total
        m.ordered = progress.ordered
        m.delivered = progress.delivered
        m.invoiced = progress.invoiced
        m.collected = progress.collected
        if req.seesCosts {
            m.costOfGoods = progress.costOfGoods.description
            m.grossMargin = progress.grossMargin.description
        }
        m.orders = progress.orders.map {
            CommonPages.link(
                $0.number, Paths.Inventory.order($0.id), if: PageShell.mayOpen(req, .orders, branch: $0.branchId, owner: $0.ownerId))
        }
        m.invoices = progress.invoices.map { CommonPages.link($0.number, Paths.Cash.invoice($0.id)) }
        m.left = remaining.map { item in
            .init(
                lineId: String(item.line.id),
                product: products.label(item.line.productId),
                left: item.left.description, unit: item.line.unit)
        }
        m.warehouses = warehouses.map { (String($0.id), $0.name) }
        m.installments = d.installments.map { i in
            .init(
                seq: String(i.seq), dueDate: i.dueDate, amount: FormKit.money(i.amount), settled: FormKit.money(i.settled),
                paid: i.settled >= i.amount, overdue: i.dueDate < today && i.settled < i.amount)
        }
        m.totalAmount = FormKit.money(c.totalAmount)
        m.planRows =
            d.installments.map { ($0.dueDate, Money(fen: $0.amount).description) }
            + Array(repeating: ("", ""), count: max(2, 4 - d.installments.count))
        m.attachments = d.attachments.map { a in
            .init(
                name: a.fileName, href: Paths.Contracts.contractAttachment(c.id, a.id),
                size: ByteCountFormatter.string(fromByteCount: a.size, countStyle: .file),
                uploaded: PageShell.date(a.createdAt, req.state.lang),
                deleteAction: Paths.Contracts.deleteContractAttachment(c.id, a.id))
        }
        m.history = history
        return PageShell.page(req, ContractView.page(PageShell.context(req), m))
    }

    static func transition(_ tr: ContractFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            struct R: Content { var reason: String? }
            let reason = tr == .terminate ? try req.content.decode(R.self).reason : nil
            do {
                _ = try await ContractService.transition(id, tr, reason: reason, req.services)
                return PageShell.redirect(req, to: Paths.Contracts.contract(id), flash: "contract.updated")
            } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
                return PageShell.redirect(req, to: Paths.Contracts.contract(id), error: e)
            }
        }
    }

    static func renew(_ req: Request) async throws -> Response {
        let id = try req.id()
        do {
            let d = try await ContractService.renew(id, req.services)
            return PageShell.redirect(req, to: Paths.Contracts.contract(d.contract.id), flash: "contract.renewed")
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            return PageShell.redirect(req, to: Paths.Contracts.contract(id), error: e)
        }
    }

    static func delete(_ req: Request) async throws -> Response {
        let id = try req.id()
        do {
            try await ContractService.delete(id, req.services)
            return PageShell.redirect(req, to: Paths.Contracts.contracts(), flash: "contract.deleted")
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Contracts.contract(id), error: e)
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
            return PageShell.redirect(req, to: Paths.Contracts.contract(id), flash: "contract.plan_saved")
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            return e.code == "plan_not_total"
                ? PageShell.redirect(req, to: Paths.Contracts.contract(id), error: e)
                : PageShell.redirect(req, to: Paths.Contracts.contract(id), flash: "contract.plan_invalid", kind: .error)
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
            return PageShell.redirect(req, to: Paths.Inventory.order(o.order.id), flash: "contract.ordered_flash")
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            return PageShell.redirect(
                req, to: Paths.Contracts.contract(id),
                flash: e.code == "contract_line_exceeded" ? "contract.order_exceeds" : "contract.order_invalid", kind: .error)
        }
    }

    struct UploadForm: Content { var file: File? }

    static func upload(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(UploadForm.self)
        guard let file = f.file else {
            return PageShell.redirect(req, to: Paths.Contracts.contract(id), flash: "contract.upload_missing", kind: .error)
        }
        do {
            _ = try await AttachmentService.add(
                contract: id, fileName: file.filename, data: Data(buffer: file.data), directory: req.application.concord.filesDirectory,
                req.services)
            return PageShell.redirect(req, to: Paths.Contracts.contract(id), flash: "contract.uploaded")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .tooLarge || e.kind == .conflict {
            return PageShell.redirect(
                req, to: Paths.Contracts.contract(id),
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
        return PageShell.redirect(req, to: Paths.Contracts.contract(id), flash: "contract.attachment_deleted")
    }

    /// The contract for both parties to sign: its lines with price, tax and amount (not what has
    /// been invoiced, which is our business), the payment plan, the terms and both stamps.
    static func print(_ req: Request) async throws -> Response {
        let t = req.t
        let d = try await ContractService.find(try req.id(), req.services)
        let c = d.contract
        let sales = c.kind == "sales"
        let products = try await InventoryQueries.products(ids: d.lines.map(\.productId), on: req.store)
        let partner = try await InventoryQueries.partner(c.partnerId, on: req.store)
        var (s, terms) = try await PrintSupport.sheet(
            req, title: t(sales ? "print.title.sales_contract" : "print.title.purchase_contract"), number: c.number)
        s.party = try await PrintSupport.party(partner, role: t(sales ? "print.customer" : "print.supplier"), req)
        s.facts = [
            (t("print.subject"), c.title), (t("contract.sign_date"), c.signDate), (t("contract.term"), c.startDate + " ~ " + c.endDate),
        ]
        s.columns = [
            .init("#"), .init(t("deal.product")), .init(t("stock.quantity"), numeric: true), .init(t("deal.unit_price"), numeric: true),
            .init(t("deal.tax_rate"), numeric: true), .init(t("deal.tax"), numeric: true), .init(t("deal.amount"), numeric: true),
        ]
        s.rows = lines(d.lines, products).enumerated().map { i, l in
            [String(i + 1), l.product, l.quantity, l.unitPrice, l.taxRate, l.tax, l.amount]
        }
        s.total = FormKit.money(c.totalAmount)
        s.totalInCapitals = ChineseAmount.capitals(Money(fen: c.totalAmount))
        s.sections = [
            (
                t("contract.plan"),
                d.installments.map { t("print.installment", String($0.seq), $0.dueDate, FormKit.money($0.amount)) }
            ),
            (t("print.terms"), terms),
        ]
        s.note = c.note
        let us = s.letterhead.name, them = partner?.name ?? ""
        s.signatures = [
            t("print.sign.buyer") + "：" + (sales ? them : us), t("print.sign.seller") + "：" + (sales ? us : them),
        ]
        return Response.html(PrintView.render(req.state.lang, s))
    }

    /// Installments past due, for the people who chase money.
    static func overdue(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await ContractService.overdue(asOf: StockPages.today(req), limit: 500, req.services)
        let partners = try await PageShell.names(.partners, rows.map(\.partnerId), req)
        let model = ListModel(
            basePath: Paths.Contracts.overdue(), query: nil, filters: [],
            columns: [
                .init(t("stock.number")), .init(t("contract.party")), .init("#"), .init(t("contract.due_date")), .init(t("deal.amount")),
                .init(t("contract.collected")),
            ],
            rows: rows.map { r in
                [
                    CommonPages.link(r.number, Paths.Contracts.contract(r.contractId)), .text(partners[r.partnerId] ?? ""),
                    .text(String(r.seq)), .text(r.dueDate),
                    .text(FormKit.money(r.amount)), .text(FormKit.money(r.settled)),
                ]
            }, nextCursor: nil, emptyText: t("contract.no_overdue"), searchable: false)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("nav.overdue"), model))
    }
}
