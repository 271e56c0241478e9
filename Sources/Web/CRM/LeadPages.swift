import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// Leads and the lead pool: capture with the duplicate check, assignment, conversion.
enum LeadWebPages {
    struct Form: Content {
        var company: String?; var contactName: String?; var title: String?; var phone: String?; var email: String?; var uscc: String?
        var source: String?; var province: String?; var city: String?; var note: String?; var ignoreDuplicates: String?;
        var version: String?; var campaignId: String?; var custom: [String: String]?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let q = req.query[String.self, at: "q"], status = req.query[String.self, at: "status"], view = req.query[String.self, at: "view"]
        let page = try await LeadService.list(filter: try CRMFilters.leads(req), limit: limit, cursor: cursor, req.services)
        let owners = try await PageShell.names(.users, page.items.compactMap(\.ownerId), req)
        var model = ListModel(
            basePath: Paths.CRM.leads(), query: q,
            filters: [
                .init(
                    name: "view", label: t("lead.view"), options: [("mine", t("lead.view.mine")), ("pool", t("lead.view.pool"))],
                    selected: view),
                .init(
                    name: "status", label: t("common.status"),
                    options: LeadService.Status.allCases.map { ($0.rawValue, t("lead.status." + $0.rawValue)) },
                    selected: status),
            ],
            columns: [
                .init(t("lead.company")), .init(t("lead.contact")), .init(t("partner.phone")), .init(t("customer.source")),
                .init(t("common.status")),
                .init(t("customer.owner")),
            ],
            rows: page.items.map { l in
                [
                    CommonPages.link(l.company, Paths.CRM.lead(l.id)), .text(l.contactName ?? ""), .text(l.phone ?? ""),
                    .text(l.source ?? ""),
                    .text(t("lead.status." + l.status)), .text(l.ownerId.flatMap { owners[$0] } ?? t("lead.in_pool")),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.filters += try await CustomFieldForms.filters(.lead, req)
        model.onLaterPage = cursor != nil
        // A manager picks leads and assigns them to one person at once.
        if let p = req.state.principal, p.can(.leads, .approve), !page.items.isEmpty {
            let people = try await PageShell.people(in: p.rowScope(.leads, .edit) ?? .all, req)
            model.bulk = .init(
                ids: page.items.map { String($0.id) }, action: Paths.CRM.bulkAssignLeads(), csrf: req.state.csrf, choiceName: "ownerId",
                choiceLabel: t("lead.assign"), choices: people.map { (String($0.id), $0.name) }, reasonLabel: t("field.note"),
                submitLabel: t("lead.bulk_assign"))
        }
        var actions: [PageAction] = []
        if req.state.principal?.can(.leads, .create) ?? true {
            actions.append(PageAction(label: t("lead.new"), href: Paths.CRM.newLead(), primary: true))
            actions.append(PageAction(label: t("lead.import"), href: Paths.CRM.importLeads()))
        }
        actions += Exports.actions(req, .leads, Paths.CRM.exportLeads)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("lead.title"), actions: actions, model))
    }

    static func bulkAssign(_ req: Request) async throws -> Response {
        struct F: Content { var ids: [String]?; var ownerId: String? }
        let f = try req.content.decode(F.self)
        do {
            let done = try await LeadService.assign((f.ids ?? []).compactMap(Int64.init), to: PageShell.id(f.ownerId), req.services)
            return PageShell.redirect(req, to: Paths.CRM.leads(), flash: "lead.bulk_assigned", args: [String(done.count)])
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict || e.kind == .notFound {
            return PageShell.redirect(
                req, to: Paths.CRM.leads(), flash: "lead.bulk_refused", args: [ConcordErrorMiddleware.message(e, req.t)], kind: .error)
        }
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.leads, .create)
        return try await form(req, Form(), id: nil)
    }

    struct ImportForm: Content { var text: String?; var file: File?; var dryRun: String? }

    /// Paste cells from Excel or upload a CSV; preview first, then import.
    static func importPage(_ req: Request) async throws -> Response {
        try req.services.require(.leads, .create)
        return PageShell.page(req, importHTML(req, text: "", rows: nil, error: nil))
    }

    static func importRun(_ req: Request) async throws -> Response {
        let f = try req.content.decode(ImportForm.self)
        var text = f.text ?? ""
        do {
            let rows: [LeadImport.Row]
            if let file = f.file, file.data.readableBytes > 0 {
                // A workbook or a CSV in any encoding: run from its rows, which the page then holds
                // as CSV text for the import itself (and for the person to correct).
                let table = try LeadImport.rows(of: Data(file.data.readableBytesView))
                text = CSV.write(table)
                rows = try await LeadImport.run(table: table, dryRun: f.dryRun == "true", req.services)
            } else {
                rows = try await LeadImport.run(text, dryRun: f.dryRun == "true", req.services)
            }
            return PageShell.page(
                req, importHTML(req, text: f.dryRun == "true" ? text : "", rows: rows, error: nil, dryRun: f.dryRun == "true"))
        } catch let e as DomainError where e.kind == .invalid {
            return PageShell.page(
                req, importHTML(req, text: text, rows: nil, error: ConcordErrorMiddleware.message(e, req.t)), status: .unprocessableEntity)
        }
    }

    static func importHTML(_ req: Request, text: String, rows: [LeadImport.Row]?, error: String?, dryRun: Bool = false) -> String {
        let t = req.t
        var m = LeadImportModel()
        m.csrf = req.state.csrf
        m.text = text
        m.error = error
        m.dryRun = dryRun
        m.rows = rows.map { rows in
            rows.map { r in
                .init(
                    line: String(r.line), company: r.company, href: r.leadId.map { Paths.CRM.lead($0) }, outcome: r.outcome,
                    reason: r.code.map { t.format("error." + $0, r.args) + (r.field.map { " (\($0))" } ?? "") } ?? "")
            }
        }
        if let rows {
            let created = rows.filter { $0.outcome == "created" || $0.outcome == "would_create" }.count
            m.summary = t(dryRun ? "lead.import.preview_summary" : "lead.import.summary", String(created), String(rows.count - created))
        }
        return LeadViews.importPage(PageShell.context(req), m)
    }

    static func edit(_ req: Request) async throws -> Response {
        let l = try await LeadService.find(try req.id(), req.services)
        try req.services.require(.leads, .edit)
        let f = Form(
            company: l.company, contactName: l.contactName, title: l.title, phone: l.phone, email: l.email, uscc: l.uscc, source: l.source,
            province: l.province, city: l.city, note: l.note, version: String(l.version), campaignId: l.campaignId.map(String.init),
            custom: CustomFieldService.decode(l.customValues))
        return try await form(req, f, id: l.id)
    }

    static func form(
        _ req: Request, _ f: Form, id: Int64?, error: (any Error)? = nil, matches: [LeadService.Match] = []
    ) async throws -> Response {
        let t = req.t
        let sources = try await CRMSettings.values(.sources, req.store)
        let campaigns = try await CampaignService.pickable(req.services)
        var model = FormModel(
            action: id.map { Paths.CRM.lead($0) } ?? Paths.CRM.leads(), csrf: req.state.csrf,
            fields: [
                .init("company", label: t("lead.company"), value: f.company, required: true),
                .init("contactName", label: t("lead.contact"), value: f.contactName),
                .init("title", label: t("contact.title"), value: f.title),
                .init("phone", label: t("partner.phone"), kind: .tel, value: f.phone),
                .init("email", label: t("user.email"), kind: .email, value: f.email),
                .init("uscc", label: t("partner.uscc"), value: f.uscc),
                .init("source", label: t("customer.source"), kind: .select([("", "—")] + sources.map { ($0, $0) }), value: f.source),
                .init("province", label: t("customer.province"), value: f.province),
                .init("city", label: t("customer.city"), value: f.city),
                .init(
                    "campaignId", label: t("campaign.one"),
                    kind: .select(campaigns.map { (String($0.id), $0.code + " " + $0.name) }), value: f.campaignId),
                .init("note", label: t("common.note"), kind: .textarea, value: f.note),
            ] + (try await CustomFieldForms.fields(.lead, values: f.custom, req)), hidden: f.version.map { [("version", $0)] } ?? [],
            submitLabel: t("action.save"), cancelHref: Paths.CRM.leads())
        AddressPicker.apply(to: &model)
        if !matches.isEmpty {
            model.fields.append(.init("ignoreDuplicates", label: t("lead.save_anyway"), kind: .checkbox, value: "false"))
        }
        if let error { try PageShell.attach(error, to: &model, req) }
        let duplicates = LeadViews.duplicates(
            matches.map { m in
                let known = m.id != nil && m.name != nil
                return LeadMatch(
                    href: known ? (m.kind == "lead" ? Paths.CRM.lead(m.id!) : Paths.CRM.customer(m.id!)) : nil,
                    name: known ? m.name! : t("lead.match.elsewhere", m.branch),
                    detail: t("lead.match.kind." + m.kind) + " · " + t("lead.match.on." + m.on))
            }, t)
        let html = CommonPages.form(PageShell.context(req), title: t(id == nil ? "lead.new" : "lead.edit"), model) { duplicates }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = LeadService.Input(
            company: f.company, contactName: f.contactName, title: f.title, phone: f.phone, email: f.email, uscc: f.uscc,
            source: f.source, province: f.province, city: f.city, note: f.note, ignoreDuplicates: f.ignoreDuplicates == "true",
            campaignId: PageShell.id(f.campaignId), customFields: f.custom)
        do {
            let l =
                if let id { try await LeadService.update(id, input, version: PageShell.id(f.version), req.services) } else {
                    try await LeadService.create(input, req.services)
                }
            return PageShell.redirect(req, to: Paths.CRM.lead(l.id), flash: "lead.saved")
        } catch let d as LeadService.DuplicateFound {
            return try await form(req, f, id: id, error: d.error, matches: d.matches)
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, id: id, error: e)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let l = try await LeadService.find(try req.id(), req.services)
        let users = try await PageShell.names(.users, [l.ownerId].compactMap { $0 }, req)
        let acts = try await ActivityService.list(filter: .init(leadId: l.id), limit: 50, cursor: nil, req.services)
        let p = req.state.principal
        let canEdit = p?.can(.leads, .edit) ?? true
        var actions: [PageAction] = []
        if canEdit && l.status != "converted" { actions.append(PageAction(label: t("action.edit"), href: Paths.CRM.editLead(l.id))) }
        let csrf = req.state.csrf
        // Whoever hands out leads (leads.approve) picks among the people in their scope.
        var assignees: [(id: Int64, name: String)] = []
        if let scope = p?.rowScope(.leads, .edit), p?.can(.leads, .approve) == true {
            assignees = try await PageShell.people(in: scope, req)
        }
        var m = LeadModel()
        m.id = l.id
        m.company = l.company
        m.csrf = csrf
        m.actions = actions
        m.facts = [
            (t("common.status"), .text(t("lead.status." + l.status))),
            (t("customer.owner"), .text(l.ownerId.flatMap { users[$0] } ?? t("lead.in_pool"))),
            (t("lead.contact"), .text([l.contactName, l.title].compactMap { $0 }.joined(separator: " · "))),
            (t("partner.phone"), .text(l.phone ?? "—")), (t("user.email"), .text(l.email ?? "—")),
            (t("partner.uscc"), .text(l.uscc ?? "—")),
            (t("customer.source"), .text(l.source ?? "—")),
            (t("partner.address"), .text(ChineseAddress.join(province: l.province, city: l.city, district: nil, street: nil))),
            (t("common.note"), .text(l.note ?? "")),
        ]
        if let fact = try await CampaignPages.fact(l.campaignId, label: t("campaign.one"), req) { m.facts.append(fact) }
        m.facts += try await CustomFieldForms.facts(.lead, json: l.customValues, req)
        m.convertedTo = l.convertedPartnerId
        m.open = canEdit && l.status != "converted" && l.status != "disqualified"
        m.mayTake = l.ownerId == nil
        m.assignees = assignees.map { (id: String($0.id), name: $0.name, current: $0.id == l.ownerId) }
        m.timeline = acts.items.map { (kind: $0.kind, when: PageShell.date($0.occurredAt, req.state.lang), content: $0.content) }
        return PageShell.page(req, LeadViews.lead(PageShell.context(req), m))
    }

    static func act(_ req: Request, _ body: (Int64) async throws -> String) async throws -> Response {
        let id = try req.id()
        do {
            let flash = try await body(id)
            return PageShell.redirect(
                req, to: flash == "lead.converted" ? try await convertedTarget(id, req) : Paths.CRM.lead(id), flash: flash)
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await PoolWebPages.refused(req, e, back: Paths.CRM.lead(id))
        }
    }

    static func convertedTarget(_ id: Int64, _ req: Request) async throws -> String {
        let l = try await LeadService.find(id, req.services)
        return l.convertedPartnerId.map { Paths.CRM.customer($0) } ?? Paths.CRM.lead(id)
    }

    static func assign(_ req: Request) async throws -> Response {
        struct F: Content { var ownerId: String? }
        let f = try req.content.decode(F.self)
        return try await act(req) { id in
            _ = try await LeadService.assign(id, to: PageShell.id(f.ownerId), req.services); return "lead.assigned"
        }
    }

    static func take(_ req: Request) async throws -> Response {
        try await act(req) { id in
            _ = try await LeadService.assign(id, to: nil, req.services); return "lead.taken"
        }
    }

    static func convert(_ req: Request) async throws -> Response {
        struct F: Content { var createOpportunity: String?; var opportunityName: String?; var amount: String? }
        let f = try req.content.decode(F.self)
        return try await act(req) { id in
            _ = try await LeadService.convert(
                id, .init(createOpportunity: f.createOpportunity == "true", opportunityName: f.opportunityName, amount: f.amount),
                req.services)
            return "lead.converted"
        }
    }

    static func disqualify(_ req: Request) async throws -> Response {
        struct F: Content { var reason: String? }
        let f = try req.content.decode(F.self)
        return try await act(req) { id in
            _ = try await LeadService.disqualify(id, reason: f.reason, req.services); return "lead.disqualified"
        }
    }

    static func log(_ req: Request) async throws -> Response {
        struct F: Content { var kind: String?; var content: String? }
        let f = try req.content.decode(F.self)
        return try await act(req) { id in
            _ = try await LeadService.find(id, req.services)
            _ = try await ActivityService.create(.init(leadId: id, kind: f.kind, content: f.content), req.services)
            return "activity.saved"
        }
    }
}
