import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// Opportunities: the kanban board (drag and drop, with a plain form on every card), the
/// funnel, the forecast, one opportunity with its history.
enum OpportunityWebPages {
    static func board(_ req: Request) async throws -> Response {
        let t = req.t
        let stages = try await StageService.list(req.services).filter(\.active)
        let mine = req.query[String.self, at: "mine"] == "1"
        let custom = try CRMFilters.custom(req)
        var open: [OpportunityRow] = []
        var cursor: Cursor?
        repeat {
            let page = try await OpportunityService.list(
                filter: .init(outcome: "open", ownerId: mine ? req.state.principal?.userId : nil, custom: custom), limit: 200,
                cursor: cursor, req.services)
            open += page.items
            cursor = page.nextCursor.flatMap { Cursor(encoded: $0) }
        } while cursor != nil && open.count < 1000
        let customers = try await PageShell.names(.partners, open.map(\.partnerId), req)
        let funnel = try await OpportunityService.funnel(req.services)
        let csrf = req.state.csrf
        let canMove = req.state.principal?.can(.opportunities, .edit) ?? true
        var actions: [PageAction] = [PageAction(label: t("opportunity.forecast"), href: Paths.CRM.forecast())]
        // The board shows the open ones: so does its export.
        actions += Exports.actions(
            req, .opportunities, Paths.CRM.exportOpportunities, fixed: [URLQueryItem(name: "outcome", value: "open")])
        if req.state.principal?.can(.opportunities, .create) ?? true {
            actions.insert(PageAction(label: t("opportunity.new"), href: Paths.CRM.newOpportunity(), primary: true), at: 0)
        }
        var m = OpportunityBoardModel()
        m.actions = actions
        m.mine = mine
        m.filters = try await CustomFieldForms.filters(.opportunity, req)
        m.mayMove = canMove
        m.csrf = csrf
        m.columns = stages.map { s in
            let cards = open.filter { $0.stageId == s.id }
            return .init(
                id: String(s.id), name: s.name, outcome: s.outcome, probability: String(s.probability),
                count: s.outcome == "open" ? String(cards.count) : String(funnel.first { $0.stage.id == s.id }?.count ?? 0),
                total: s.outcome == "open" ? Money(fen: (try? Checked.sum(cards.map(\.amount))) ?? 0).description : nil,
                cards: cards.map { o in
                    .init(
                        id: String(o.id), name: o.name, detail: (customers[o.partnerId] ?? "") + " · " + Money(fen: o.amount).description,
                        stageId: String(o.stageId))
                })
        }
        m.funnel = Chart.money(funnel.filter { $0.stage.outcome == "open" }.map { ($0.stage.name, $0.amount) })
        let html = OpportunityViews.board(PageShell.context(req), m)
        return PageShell.page(req, html)
    }

    static func move(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct F: Content { var stageId: String?; var lostReason: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await OpportunityService.move(id, to: PageShell.id(f.stageId), lostReason: f.lostReason, req.services)
            return PageShell.redirect(
                req,
                to: req.headers.first(name: .referer).flatMap { URL(string: $0)?.path }.flatMap { back in
                    // Back to the CRM page it was moved from (the board, the customer), and nowhere else.
                    let segments = back.split(separator: "/").map(String.init)
                    return Paths.CRM.all.contains { $0.matches(segments) } ? back : nil
                }
                    ?? Paths.CRM.opportunities(), flash: "opportunity.moved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await PoolWebPages.refused(req, e, back: Paths.CRM.opportunities())
        }
    }

    struct Form: Content {
        var partnerId: String?; var name: String?; var amount: String?; var stageId: String?; var expectedClose: String?; var note: String?;
        var version: String?; var campaignId: String?; var custom: [String: String]?
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.opportunities, .create)
        return try await form(req, Form(partnerId: req.query[String.self, at: "partnerId"], amount: "0"), id: nil)
    }

    static func edit(_ req: Request) async throws -> Response {
        let o = try await OpportunityService.find(try req.id(), req.services)
        return try await form(
            req,
            Form(
                partnerId: String(o.partnerId), name: o.name, amount: Money(fen: o.amount).description, stageId: String(o.stageId),
                expectedClose: o.expectedClose, note: o.note, version: String(o.version), campaignId: o.campaignId.map(String.init),
                custom: CustomFieldService.decode(o.customValues)),
            id: o.id)
    }

    static func form(_ req: Request, _ f: Form, id: Int64?, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        let stages = try await StageService.list(req.services).filter { $0.active && $0.outcome == "open" }
        var fields: [FormModel.Field] = []
        if id == nil {
            // The customers one works on, by name.
            let mine = try await CustomerService.list(
                filter: .init(ownerId: req.state.principal?.userId), limit: 200, cursor: nil, req.services
            ).items
            var options = mine.map { (String($0.id), $0.name) }
            if let pid = f.partnerId, let p = PageShell.id(pid), !options.contains(where: { $0.0 == pid }),
                let c = try? await CustomerService.find(p, req.services)
            {
                options.insert((pid, c.name), at: 0)
            }
            fields.append(.init("partnerId", label: t("customer.one"), kind: .select(options), value: f.partnerId, required: true))
        }
        fields += [
            .init("name", label: t("opportunity.name"), value: f.name, required: true),
            .init("amount", label: t("opportunity.amount"), kind: .number, value: f.amount, required: true),
            .init(
                "stageId", label: t("opportunity.stage"), kind: .select(stages.map { (String($0.id), "\($0.name) (\($0.probability)%)") }),
                value: f.stageId),
            .init("expectedClose", label: t("opportunity.expected_close"), kind: .date, value: f.expectedClose),
            .init(
                "campaignId", label: t("campaign.one"),
                kind: .select(try await CampaignService.pickable(req.services).map { (String($0.id), $0.code + " " + $0.name) }),
                value: f.campaignId),
            .init("note", label: t("common.note"), kind: .textarea, value: f.note),
        ]
        fields += try await CustomFieldForms.fields(.opportunity, values: f.custom, req)
        var model = FormModel(
            action: id.map { Paths.CRM.opportunity($0) } ?? Paths.CRM.opportunities(), csrf: req.state.csrf, fields: fields,
            hidden: (id == nil ? [] : [("partnerId", f.partnerId ?? "")]) + (f.version.map { [("version", $0)] } ?? []),
            submitLabel: t("action.save"), cancelHref: Paths.CRM.opportunities())
        if let error { try PageShell.attach(error, to: &model, req) }
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: t(id == nil ? "opportunity.new" : "opportunity.edit"), model),
            status: error == nil ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = OpportunityService.Input(
            partnerId: PageShell.id(f.partnerId), name: f.name, amount: f.amount, stageId: PageShell.id(f.stageId),
            expectedClose: f.expectedClose, note: f.note, campaignId: PageShell.id(f.campaignId), customFields: f.custom)
        do {
            let o =
                if let id { try await OpportunityService.update(id, input, version: PageShell.id(f.version), req.services) } else {
                    try await OpportunityService.create(input, req.services)
                }
            return PageShell.redirect(req, to: Paths.CRM.opportunity(o.id), flash: "opportunity.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, id: id, error: e)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let o = try await OpportunityService.find(try req.id(), req.services)
        let stages = try await StageService.list(req.services)
        let history = try await OpportunityService.history(o.id, req.services)
        let users = try await PageShell.names(.users, [o.ownerId].compactMap { $0 } + history.compactMap(\.byUserId), req)
        let customer = try await PageShell.names(.partners, [o.partnerId], req)
        func stage(_ id: Int64?) -> String { id.flatMap { i in stages.first { $0.id == i }?.name } ?? "—" }
        var actions: [PageAction] = []
        if o.outcome == "open", req.state.principal?.can(.opportunities, .edit) ?? true {
            actions.append(PageAction(label: t("action.edit"), href: Paths.CRM.editOpportunity(o.id)))
        }
        if o.outcome != "lost", req.state.principal?.can(.quotes, .create) ?? true {
            actions.append(PageAction(label: t("quote.new"), href: Paths.Contracts.newQuote() + "?opportunityId=\(o.id)"))
        }
        let html = CommonPages.detail(
            PageShell.context(req), title: o.name, actions: actions,
            facts: [
                (t("customer.one"), await PageShell.customerLink(o.partnerId, customer[o.partnerId] ?? "", req)),
                (t("opportunity.amount"), .text(Money(fen: o.amount).description)), (t("opportunity.stage"), .text(stage(o.stageId))),
                (t("opportunity.outcome"), .text(t("opportunity.outcome." + o.outcome) + (o.lostReason.map { "：" + $0 } ?? ""))),
                (t("opportunity.expected_close"), .text(o.expectedClose ?? "—")),
                (t("customer.owner"), .text(o.ownerId.flatMap { users[$0] } ?? "")),
                (t("common.note"), .text(o.note ?? "")),
            ] + (try await CustomFieldForms.facts(.opportunity, json: o.customValues, req))
        ) {
            OpportunityViews.history(
                history.map { m in
                    (
                        when: PageShell.date(m.at, req.state.lang) + " · " + (m.byUserId.flatMap { users[$0] } ?? ""),
                        move: stage(m.fromStageId) + " → " + stage(m.toStageId)
                    )
                }, t)
        }
        return PageShell.page(req, html)
    }

    static func forecast(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await OpportunityService.forecast(req.services)
        let users = try await PageShell.names(.users, rows.compactMap(\.ownerId), req)
        let byMonth = Chart.money(
            Dictionary(grouping: rows, by: \.month).map { ($0.key, $0.value.reduce(0) { $0 + $1.weighted }) }.sorted { $0.0 < $1.0 }
                .map { (label: $0.0.isEmpty ? t("opportunity.no_date") : $0.0, fen: $0.1) })
        let model = ListModel(
            basePath: Paths.CRM.forecast(), query: nil,
            columns: [
                .init(t("opportunity.month")), .init(t("customer.owner")), .init(t("opportunity.count"), numeric: true),
                .init(t("opportunity.amount"), numeric: true),
                .init(t("opportunity.weighted"), numeric: true),
            ],
            rows: try forecastRows(rows, users: users, t),
            nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        let html = OpportunityViews.forecast(PageShell.context(req), byMonth: byMonth, model)
        return PageShell.page(req, html)
    }

    /// The forecast's table: a row per month and owner, and under a month with several owners its
    /// total (the figure the month's bar shows).
    static func forecastRows(_ rows: [OpportunityService.ForecastRow], users: [Int64: String], _ t: Translator) throws -> [[Node]] {
        func row(_ month: String, _ who: String, _ count: Int64, _ amount: Int64, _ weighted: Int64) -> [Node] {
            [
                .text(month.isEmpty ? t("opportunity.no_date") : month), .text(who), .text(String(count)),
                .text(Money(fen: amount).description), .text(Money(fen: weighted).description),
            ]
        }
        var out: [[Node]] = []
        var i = rows.startIndex
        while i < rows.endIndex {
            let month = rows[i].month
            let group = rows[i...].prefix { $0.month == month }
            out += group.map { row($0.month, $0.ownerId.flatMap { users[$0] } ?? "", $0.count, $0.amount, $0.weighted) }
            if group.count > 1 {
                out.append(
                    row(
                        month, t("report.total"), try group.reduce(0) { try $0.plus($1.count) },
                        try group.reduce(0) { try $0.plus($1.amount) },
                        try group.reduce(0) { try $0.plus($1.weighted) }))
            }
            i = group.endIndex
        }
        return out
    }
}
