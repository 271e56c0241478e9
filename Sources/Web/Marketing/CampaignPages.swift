import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 市场活动 as pages: the list, the form, and a campaign with what it brought and what it cost.
enum CampaignPages {
    struct Form: Content {
        var code: String?; var name: String?; var kind: String?; var channel: String?; var ownerId: String?; var startsOn: String?
        var endsOn: String?; var budget: String?; var expectedLeads: String?; var expectedRevenue: String?; var description: String?
        var version: String?
    }

    struct CostForm: Content {
        var costDate: String?; var channel: String?; var supplierId: String?; var expenseClaimId: String?; var amount: String?
        var note: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let filter = MarketingFilters.campaigns(req)
        let status = filter.status, q = filter.q
        let page = try await CampaignService.list(filter, limit: limit, cursor: cursor, req.services)
        let spent = try await CampaignService.spent(page.items.map(\.id), req.services)
        let owners = try await PageShell.names(.users, page.items.compactMap(\.ownerId), req)
        var model = ListModel(
            basePath: Paths.Marketing.campaigns(), query: q,
            filters: [
                .init(
                    name: "status", label: t("common.status"),
                    options: CampaignFlow.allStored.map { ($0, t("campaign.status." + $0)) }, selected: status)
            ],
            columns: [
                .init(t("campaign.code")), .init(t("campaign.name")), .init(t("campaign.kind")), .init(t("campaign.starts_on")),
                .init(t("field.owner")), .init(t("campaign.budget"), numeric: true), .init(t("campaign.spent"), numeric: true),
                .init(t("common.status")),
            ],
            rows: page.items.map { c in
                [
                    CommonPages.link(c.code, Paths.Marketing.campaign(c.id)), .text(c.name), .text(t("campaign.kind." + c.kind)),
                    .text(c.startsOn), .text(c.ownerId.flatMap { owners[$0] } ?? ""), .text(FormKit.money(c.budget)),
                    .text(FormKit.money(spent[c.id] ?? 0)), .fragment([CommonPages.badge(t("campaign.status." + c.status), c.status)]),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: true)
        model.onLaterPage = cursor != nil
        model.emptyHelp = t("campaign.empty_help")
        var actions: [PageAction] = []
        if req.state.principal?.can(.marketing, .create) == true {
            actions.append(PageAction(label: t("campaign.new"), href: Paths.Marketing.newCampaign(), primary: true))
            if page.items.isEmpty, cursor == nil { model.emptyAction = actions.first }
        }
        actions += Exports.actions(req, .marketing, Paths.Marketing.exportCampaigns)
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("campaign.title"), actions: actions, intro: CommonPages.hint(t("campaign.intro")), model))
    }

    static func formModel(_ req: Request, _ f: Form, id: Int64?) async throws -> FormModel {
        let t = req.t
        let scope = try req.services.require(.marketing, id == nil ? .create : .edit)
        let people = try await PageShell.people(in: scope, req)
        return FormModel(
            action: id.map { Paths.Marketing.campaign($0) } ?? Paths.Marketing.campaigns(), csrf: req.state.csrf,
            fields: [
                .init("code", label: t("campaign.code"), value: f.code, required: true, hint: t("campaign.code_hint")),
                .init("name", label: t("campaign.name"), value: f.name, required: true),
                .init(
                    "kind", label: t("campaign.kind"),
                    kind: .select(CampaignService.Kind.allCases.map { ($0.rawValue, t("campaign.kind." + $0.rawValue)) }),
                    value: f.kind ?? CampaignService.Kind.exhibition.rawValue),
                .init("channel", label: t("campaign.channel"), value: f.channel, hint: t("campaign.channel_hint")),
                .init(
                    "ownerId", label: t("field.owner"), kind: .select(people.map { (String($0.id), $0.name) }),
                    value: f.ownerId ?? req.state.principal.map { String($0.userId) }),
                .init("startsOn", label: t("campaign.starts_on"), kind: .date, value: f.startsOn, required: true),
                .init("endsOn", label: t("campaign.ends_on"), kind: .date, value: f.endsOn),
                .init("budget", label: t("campaign.budget"), kind: .number, value: f.budget),
                .init("expectedLeads", label: t("campaign.expected_leads"), kind: .number, value: f.expectedLeads),
                .init("expectedRevenue", label: t("campaign.expected_revenue"), kind: .number, value: f.expectedRevenue),
                .init("description", label: t("campaign.description"), kind: .textarea, value: f.description),
            ], hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"),
            cancelHref: id.map { Paths.Marketing.campaign($0) } ?? Paths.Marketing.campaigns())
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .create)
        let form = try await formModel(req, Form(startsOn: StockPages.today(req)), id: nil)
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("campaign.new"), form))
    }

    static func edit(_ req: Request) async throws -> Response {
        let c = try await CampaignService.find(try req.id(), req.services)
        let f = Form(
            code: c.code, name: c.name, kind: c.kind, channel: c.channel, ownerId: c.ownerId.map(String.init), startsOn: c.startsOn,
            endsOn: c.endsOn, budget: Money(fen: c.budget).description, expectedLeads: String(c.expectedLeads),
            expectedRevenue: Money(fen: c.expectedRevenue).description, description: c.description, version: String(c.version))
        let form = try await formModel(req, f, id: c.id)
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("campaign.edit"), form))
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = CampaignService.Input(
            code: f.code, name: f.name, kind: f.kind, channel: f.channel, ownerId: PageShell.id(f.ownerId), startsOn: f.startsOn,
            endsOn: f.endsOn, budget: f.budget, expectedLeads: f.expectedLeads, expectedRevenue: f.expectedRevenue,
            description: f.description)
        do {
            let c =
                if let id { try await CampaignService.update(id, input, version: PageShell.id(f.version), req.services) } else {
                    try await CampaignService.create(input, req.services)
                }
            return PageShell.redirect(req, to: Paths.Marketing.campaign(c.id), flash: "campaign.saved")
        } catch {
            var form = try await formModel(req, f, id: id)
            try PageShell.attach(error, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t(id == nil ? "campaign.new" : "campaign.edit"), form),
                status: .unprocessableEntity)
        }
    }

    /// The campaign a record names, as a fact of its page: linked for those who may open campaigns.
    static func fact(_ id: Int64?, label: String, _ req: Request) async throws -> (String, Node)? {
        guard let c = try await CampaignService.named(id, req.services) else { return nil }
        let open = req.state.principal?.can(.marketing, .view) ?? true
        return (label, CommonPages.link(c.code + " " + c.name, Paths.Marketing.campaign(c.id), if: open))
    }

    /// "123.4%", or — while nothing was spent.
    static func percent(_ permille: Int64?) -> String {
        guard let p = permille else { return "—" }
        return ScaledDecimal.format(Int128(p), scale: 1, minDecimals: 1) + "%"
    }

    static func show(_ req: Request) async throws -> Response {
        try await page(req, id: try req.id(), costForm: CostForm(costDate: StockPages.today(req)), error: nil)
    }

    static func page(_ req: Request, id: Int64, costForm f: CostForm, error: (any Error)?) async throws -> Response {
        let t = req.t
        let lang = req.state.lang
        let d = try await CampaignService.details(id, req.services)
        let c = d.campaign
        let p = req.state.principal
        let mayEdit =
            p.map { $0.rowScope(.marketing, .edit)?.contains(branch: c.branchId, department: nil, owner: c.ownerId) ?? false } ?? true
        let names = try await PageShell.names(.users, [c.ownerId].compactMap { $0 } + d.leads.compactMap(\.ownerId), req)
        let suppliers = try await PageShell.names(.partners, d.costs.compactMap(\.supplierId), req)
        var m = CampaignModel(title: c.name, csrf: req.state.csrf)
        if mayEdit, CampaignFlow.rule(.edit).from.contains(stored: c.status) {
            m.actions.append(PageAction(label: t("action.edit"), href: Paths.Marketing.editCampaign(c.id), primary: true))
        }
        if mayEdit, let state = CampaignFlow.State(rawValue: c.status) {
            m.transitions = CampaignFlow.allowedActions(state) { _ in true }.filter { CampaignFlow.transitions.contains($0) }.map {
                (t("campaign.action." + $0.rawValue), Paths.Marketing.campaignAction(c.id, $0.rawValue))
            }
        }
        m.facts = [
            (t("campaign.code"), .text(c.code)), (t("common.status"), CommonPages.badge(t("campaign.status." + c.status), c.status)),
            (t("campaign.kind"), .text(t("campaign.kind." + c.kind))), (t("campaign.channel"), .text(c.channel ?? "")),
            (t("field.owner"), .text(c.ownerId.flatMap { names[$0] } ?? "")),
            (t("campaign.period"), .text(c.endsOn.map { c.startsOn + " — " + $0 } ?? c.startsOn)),
            (t("campaign.budget"), .text(FormKit.money(c.budget))), (t("campaign.spent"), .text(FormKit.money(d.performance.cost))),
            (t("campaign.budget_left"), .text(FormKit.money(c.budget - d.performance.cost))),
            (
                t("campaign.expected"),
                .text(
                    c.expectedRevenue == 0
                        ? t("campaign.expected_leads_only", String(c.expectedLeads))
                        : t("campaign.expected_text", String(c.expectedLeads), FormKit.money(c.expectedRevenue)))
            ),
        ]
        if let text = c.description { m.facts.append((t("campaign.description"), .text(text))) }
        if CampaignFlow.open.contains(stored: c.status), let link = try await WebFormService.link(forCampaign: c.code, req.services) {
            let address = PageShell.absolute(req, link)
            m.facts.append((t("campaign.form_link"), CommonPages.link(address, link)))
            m.formQR = try? QRCode(address).svg(title: t("campaign.form_qr_title", c.name))
        }
        let perf = d.performance
        m.funnel = [
            (t("campaign.step.leads"), perf.leads), (t("campaign.step.converted"), perf.leadsConverted),
            (t("campaign.step.opportunities"), perf.opportunities), (t("campaign.step.won"), perf.opportunitiesWon),
            (t("campaign.step.contracts"), perf.contracts),
        ]
        let r = d.returns
        m.returns = [
            (t("campaign.basis.won"), r.won, r.roiWon), (t("campaign.basis.signed"), r.signed, r.roiSigned),
            (t("campaign.basis.collected"), r.collected, r.roiCollected),
        ].map { CampaignModel.Return(basis: $0.0, amount: FormKit.money($0.1), net: FormKit.money($0.1 - r.cost), roi: percent($0.2)) }
        for e in try await EventService.list(campaign: c.id, limit: 50, cursor: nil, req.services).items {
            let n = try await EventService.counts(e.id, req.services)
            m.events.append(
                (
                    e.name, Paths.Marketing.event(e.id), EventPages.when(e), e.venue ?? "",
                    String(n.checkedIn) + " / " + String(n.accepted + n.checkedIn - n.walkIns)
                ))
        }
        if mayEdit, CampaignFlow.rule(.event).from.contains(stored: c.status) { m.newEvent = Paths.Marketing.newEvent(c.id) }
        let costsOpen = CampaignFlow.rule(.cost).from.contains(stored: c.status)
        m.costs = d.costs.map { x in
            CampaignModel.Cost(
                date: x.costDate, channel: x.channel ?? "", supplier: x.supplierId.flatMap { suppliers[$0] } ?? "",
                claim: x.expenseClaimId.map { (t("campaign.claim_link", String($0)), Paths.Expenses.claim($0)) },
                amount: FormKit.money(x.amount), note: x.note ?? "",
                deleteAction: mayEdit && costsOpen ? Paths.Marketing.deleteCost(c.id, x.id) : nil)
        }
        if mayEdit, costsOpen {
            var form = try await costFormModel(req, f, campaign: c.id)
            if let error { try PageShell.attach(error, to: &form, req) }
            m.costForm = form
        }
        m.leads = d.leads.map { l in
            CampaignModel.Lead(
                company: l.company, href: Paths.CRM.lead(l.id), status: t("lead.status." + l.status),
                owner: l.ownerId.flatMap { names[$0] } ?? "", created: PageShell.date(l.createdAt, lang))
        }
        return PageShell.page(req, CampaignViews.page(PageShell.context(req), m), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func costFormModel(_ req: Request, _ f: CostForm, campaign: Int64) async throws -> FormModel {
        let t = req.t
        let p = req.state.principal
        let suppliers = try await PartnerService.pickable(supplier: true, limit: 200, req.services).filter(\.isSupplier)
        var claims: [ExpenseClaimRow] = []
        if p?.can(.expenses, .view) ?? true {
            for s in ExpenseClaimFlow.stored(ExpenseClaimFlow.spent) {
                claims += try await ExpenseService.list(status: s, mine: false, limit: 50, cursor: nil, req.services).items
            }
        }
        var m = FormModel(
            action: Paths.Marketing.costs(campaign) + "#add-cost", csrf: req.state.csrf,
            fields: [
                .init("costDate", label: t("campaign.cost_date"), kind: .date, value: f.costDate, required: true),
                .init("amount", label: t("campaign.amount"), kind: .number, value: f.amount, hint: t("campaign.amount_hint")),
                .init("channel", label: t("campaign.cost_item"), value: f.channel, hint: t("campaign.cost_item_hint")),
                .init(
                    "supplierId", label: t("campaign.supplier"), kind: .select(suppliers.map { (String($0.id), $0.name) }),
                    value: f.supplierId),
                .init(
                    "expenseClaimId", label: t("campaign.claim"),
                    kind: .select(claims.map { (String($0.id), $0.number + " " + $0.title + " " + FormKit.money($0.total)) }),
                    value: f.expenseClaimId),
                .init("note", label: t("common.note"), value: f.note),
            ], submitLabel: t("campaign.add_cost"))
        m.idPrefix = "cost-"
        return m
    }

    static func addCost(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(CostForm.self)
        do {
            _ = try await CampaignService.addCost(
                id,
                .init(
                    costDate: f.costDate, channel: f.channel, supplierId: PageShell.id(f.supplierId),
                    expenseClaimId: PageShell.id(f.expenseClaimId), amount: f.amount, note: f.note), req.services)
            return PageShell.redirect(req, to: Paths.Marketing.campaign(id), flash: "campaign.cost_added")
        } catch let e as DomainError where e.kind == .invalid || (e.kind == .conflict && e.field != nil) {
            return try await page(req, id: id, costForm: f, error: e)
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Marketing.campaign(id), error: e)
        }
    }

    static func deleteCost(_ req: Request) async throws -> Response {
        let id = try req.id()
        do {
            try await CampaignService.removeCost(try req.id("cost"), req.services)
            return PageShell.redirect(req, to: Paths.Marketing.campaign(id), flash: "campaign.cost_removed")
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Marketing.campaign(id), error: e)
        }
    }

    static func transition(_ command: CampaignFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            do {
                _ = try await CampaignService.transition(id, command, version: nil, req.services)
                return PageShell.redirect(req, to: Paths.Marketing.campaign(id), flash: "campaign.updated")
            } catch let e as DomainError where e.kind == .conflict {
                return PageShell.redirect(req, to: Paths.Marketing.campaign(id), error: e)
            }
        }
    }
}
