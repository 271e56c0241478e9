import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Views

/// Leads and the lead pool: capture with the duplicate check, assignment, conversion.
enum LeadWebPages {
    struct Form: Content {
        var company: String?; var contactName: String?; var title: String?; var phone: String?; var email: String?; var uscc: String?
        var source: String?; var province: String?; var city: String?; var note: String?; var ignoreDuplicates: String?;
        var version: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let q = req.query[String.self, at: "q"], status = req.query[String.self, at: "status"], view = req.query[String.self, at: "view"]
        let page = try await LeadService.list(
            filter: .init(
                q: q, status: status, ownerId: view == "mine" ? req.state.principal?.userId : nil,
                inPool: view == "pool" ? true : nil), limit: limit, cursor: cursor, req.services)
        let owners = try await PageShell.names(.users, page.items.compactMap(\.ownerId), req)
        var model = ListModel(
            basePath: "/crm/leads", query: q,
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
                    CommonPages.link(l.company, "/crm/leads/\(l.id)"), .text(l.contactName ?? ""), .text(l.phone ?? ""),
                    .text(l.source ?? ""),
                    .text(t("lead.status." + l.status)), .text(l.ownerId.flatMap { owners[$0] } ?? t("lead.in_pool")),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = []
        if req.state.principal?.can(.leads, .create) ?? true {
            actions.append(PageAction(label: t("lead.new"), href: "/crm/leads/new", primary: true))
            actions.append(PageAction(label: t("lead.import"), href: "/crm/leads/import"))
        }
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("lead.title"), actions: actions, model))
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
        if let file = f.file, file.data.readableBytes > 0 {
            guard let s = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes) else {
                return PageShell.page(
                    req, importHTML(req, text: "", rows: nil, error: req.t("lead.import.not_utf8")), status: .unprocessableEntity)
            }
            text = s
        }
        do {
            let rows = try await LeadImport.run(text, dryRun: f.dryRun == "true", req.services)
            return PageShell.page(
                req, importHTML(req, text: f.dryRun == "true" ? text : "", rows: rows, error: nil, dryRun: f.dryRun == "true"))
        } catch let e as DomainError where e.kind == .invalid {
            return PageShell.page(
                req, importHTML(req, text: text, rows: nil, error: ConcordErrorMiddleware.message(e, req.t)), status: .unprocessableEntity)
        }
    }

    static func importHTML(_ req: Request, text: String, rows: [LeadImport.Row]?, error: String?, dryRun: Bool = false) -> String {
        let t = req.t
        return Layout.page(PageShell.context(req), title: t("lead.import")) {
            h("p", ["class": "muted"]) { t("lead.import.hint") }
            if let error { h("div", ["class": "flash error", "role": "alert"]) { error } }
            if let rows {
                let created = rows.filter { $0.outcome == "created" || $0.outcome == "would_create" }.count
                h("div", ["class": "flash " + (dryRun ? "info" : "success"), "role": "status"]) {
                    t(dryRun ? "lead.import.preview_summary" : "lead.import.summary", String(created), String(rows.count - created))
                }
                h("div", ["class": "table-wrap"]) {
                    h("table", ["class": "data"]) {
                        h("thead") {
                            h("tr") {
                                h("th") { t("lead.import.line") }; h("th") { t("lead.company") }; h("th") { t("lead.import.outcome") }
                                h("th") { t("lead.import.reason") }
                            }
                        }
                        h("tbody") {
                            for r in rows {
                                h("tr") {
                                    h("td") { String(r.line) }
                                    h("td") { r.leadId.map { id in CommonPages.link(r.company, "/crm/leads/\(id)") } ?? .text(r.company) }
                                    h("td") { t("lead.import.outcome." + r.outcome) }
                                    h("td") { r.code.map { t.format("error." + $0, r.args) + (r.field.map { " (\($0))" } ?? "") } ?? "" }
                                }
                            }
                        }
                    }
                }
            }
            h("form", ["method": "post", "action": "/crm/leads/import", "enctype": "multipart/form-data", "class": "form"]) {
                Layout.csrfField(req.state.csrf)
                h("div", ["class": "field"]) {
                    h("label", ["for": "import-text"]) { t("lead.import.paste") }
                    h("textarea", ["id": "import-text", "name": "text", "rows": "8", "placeholder": "公司,联系人,电话,邮箱,来源"]) { text }
                }
                h("div", ["class": "field"]) {
                    h("label", ["for": "import-file"]) { t("lead.import.file") }
                    h("input", ["type": "file", "id": "import-file", "name": "file", "accept": ".csv,text/csv"])
                }
                h("div", ["class": "form-actions"]) {
                    h("button", ["type": "submit", "name": "dryRun", "value": "true"]) { t("lead.import.preview") }
                    h("button", ["type": "submit", "name": "dryRun", "value": "false", "class": "primary"]) { t("lead.import.run") }
                }
            }
        }
    }

    static func edit(_ req: Request) async throws -> Response {
        let l = try await LeadService.find(try req.id(), req.services)
        try req.services.require(.leads, .edit)
        let f = Form(
            company: l.company, contactName: l.contactName, title: l.title, phone: l.phone, email: l.email, uscc: l.uscc, source: l.source,
            province: l.province, city: l.city, note: l.note, version: String(l.version))
        return try await form(req, f, id: l.id)
    }

    static func form(
        _ req: Request, _ f: Form, id: Int64?, error: (any Error)? = nil, matches: [LeadService.Match] = []
    ) async throws -> Response {
        let t = req.t
        let sources = try await CRMSettings.values(.sources, req.store)
        var model = FormModel(
            action: id.map { "/crm/leads/\($0)" } ?? "/crm/leads", csrf: req.state.csrf,
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
                .init("note", label: t("common.note"), kind: .textarea, value: f.note),
            ], hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"), cancelHref: "/crm/leads")
        if !matches.isEmpty {
            model.fields.append(.init("ignoreDuplicates", label: t("lead.save_anyway"), kind: .checkbox, value: "false"))
        }
        if let error { try PageShell.attach(error, to: &model, req) }
        let html = CommonPages.form(PageShell.context(req), title: t(id == nil ? "lead.new" : "lead.edit"), model) {
            if !matches.isEmpty {
                h("section", ["class": "card", "aria-labelledby": "dup-title"]) {
                    h("h2", ["id": "dup-title"]) { t("lead.duplicates") }
                    h("ul", ["class": "plain"]) {
                        for m in matches {
                            h("li") {
                                if let id = m.id, let name = m.name {
                                    h("a", ["href": (m.kind == "lead" ? "/crm/leads/" : "/crm/customers/") + String(id)]) { name }
                                } else {
                                    t("lead.match.elsewhere", m.branch)
                                }
                                h("span", ["class": "muted"]) {
                                    " · " + t("lead.match.kind." + m.kind) + " · " + t("lead.match.on." + m.on)
                                }
                            }
                        }
                    }
                }
            }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = LeadService.Input(
            company: f.company, contactName: f.contactName, title: f.title, phone: f.phone, email: f.email, uscc: f.uscc,
            source: f.source, province: f.province, city: f.city, note: f.note, ignoreDuplicates: f.ignoreDuplicates == "true")
        do {
            let l =
                if let id { try await LeadService.update(id, input, version: PageShell.id(f.version), req.services) } else {
                    try await LeadService.create(input, req.services)
                }
            return PageShell.redirect(req, to: "/crm/leads/\(l.id)", flash: "lead.saved")
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
        if canEdit && l.status != "converted" { actions.append(PageAction(label: t("action.edit"), href: "/crm/leads/\(l.id)/edit")) }
        let csrf = req.state.csrf
        // Whoever hands out leads (leads.approve) picks among the people in their scope.
        var assignees: [(id: Int64, name: String)] = []
        if let scope = p?.rowScope(.leads, .edit), p?.can(.leads, .approve) == true {
            assignees = try await PageShell.people(in: scope, req)
        }
        let html = CommonPages.detail(
            PageShell.context(req), title: l.company, actions: actions,
            facts: [
                (t("common.status"), .text(t("lead.status." + l.status))),
                (t("customer.owner"), .text(l.ownerId.flatMap { users[$0] } ?? t("lead.in_pool"))),
                (t("lead.contact"), .text([l.contactName, l.title].compactMap { $0 }.joined(separator: " · "))),
                (t("partner.phone"), .text(l.phone ?? "—")), (t("user.email"), .text(l.email ?? "—")),
                (t("partner.uscc"), .text(l.uscc ?? "—")),
                (t("customer.source"), .text(l.source ?? "—")),
                (t("partner.address"), .text([l.province, l.city].compactMap { $0 }.joined())),
                (t("common.note"), .text(l.note ?? "")),
            ]
        ) {
            if let cid = l.convertedPartnerId {
                h("p", ["class": "flash success"]) {
                    t("lead.converted_to"); " "; h("a", ["href": "/crm/customers/\(cid)"]) { t("customer.one") }
                }
            }
            if canEdit && l.status != "converted" && l.status != "disqualified" {
                h("div", ["class": "grid2"]) {
                    if l.ownerId == nil {
                        h("section", ["class": "card"]) {
                            h("h2") { t("lead.take") }
                            CommonPages.actionButton(t("lead.take"), action: "/crm/leads/\(l.id)/take", csrf: csrf)
                        }
                    }
                    if !assignees.isEmpty {
                        h("section", ["class": "card"]) {
                            h("h2") { t("lead.assign") }
                            h("form", ["method": "post", "action": "/crm/leads/\(l.id)/assign", "class": "inline-form"]) {
                                Layout.csrfField(csrf)
                                h("select", ["name": "ownerId", "aria-label": t("lead.assign")]) {
                                    for (id, name) in assignees {
                                        h("option", ["value": String(id), "selected": flag(id == l.ownerId)]) { name }
                                    }
                                }
                                h("button", ["type": "submit"]) { t("lead.assign") }
                            }
                        }
                    }
                    h("section", ["class": "card"]) {
                        h("h2") { t("lead.convert") }
                        h("form", ["method": "post", "action": "/crm/leads/\(l.id)/convert", "class": "form"]) {
                            Layout.csrfField(csrf)
                            h("div", ["class": "field checkbox"]) {
                                h("label") {
                                    h("input", ["type": "checkbox", "name": "createOpportunity", "value": "true", "checked": ""]);
                                    " " + t("lead.with_opportunity")
                                }
                            }
                            h("div", ["class": "field"]) {
                                h("label", ["for": "opp-name"]) { t("opportunity.name") };
                                h("input", ["id": "opp-name", "name": "opportunityName", "value": l.company])
                            }
                            h("div", ["class": "field"]) {
                                h("label", ["for": "opp-amount"]) { t("opportunity.amount") };
                                h("input", ["id": "opp-amount", "name": "amount", "inputmode": "decimal", "value": "0"])
                            }
                            h("button", ["type": "submit", "class": "primary"]) { t("lead.convert") }
                        }
                    }
                    h("section", ["class": "card"]) {
                        h("h2") { t("lead.log") }
                        h("form", ["method": "post", "action": "/crm/leads/\(l.id)/activities", "class": "followup-form"]) {
                            Layout.csrfField(csrf)
                            h("select", ["name": "kind", "aria-label": t("activity.kind")]) {
                                for k in ["call", "email", "meeting", "visit", "note"] {
                                    h("option", ["value": k]) { t("activity.kind." + k) }
                                }
                            }
                            h("textarea", ["name": "content", "rows": "2", "required": "", "aria-label": t("activity.content")]) { "" }
                            h("button", ["type": "submit"]) { t("activity.save") }
                        }
                    }
                    h("section", ["class": "card"]) {
                        h("h2") { t("lead.disqualify") }
                        h("form", ["method": "post", "action": "/crm/leads/\(l.id)/disqualify", "class": "inline-form"]) {
                            Layout.csrfField(csrf)
                            h("input", ["name": "reason", "required": "", "aria-label": t("pool.reason"), "placeholder": t("pool.reason")])
                            h("button", ["type": "submit", "class": "danger"]) { t("lead.disqualify") }
                        }
                    }
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("customer.section.timeline") }
                if acts.items.isEmpty { h("p", ["class": "empty"]) { t("activity.none") } }
                h("ol", ["class": "timeline"]) {
                    for a in acts.items {
                        h("li") {
                            CommonPages.badge(t("activity.kind." + a.kind)); " ";
                            h("span", ["class": "muted"]) { PageShell.date(a.occurredAt, req.state.lang) }
                            h("p", ["class": "timeline-body"]) { a.content }
                        }
                    }
                }
            }
        }
        return PageShell.page(req, html)
    }

    static func act(_ req: Request, _ body: (Int64) async throws -> String) async throws -> Response {
        let id = try req.id()
        do {
            let flash = try await body(id)
            return PageShell.redirect(
                req, to: flash == "lead.converted" ? try await convertedTarget(id, req) : "/crm/leads/\(id)", flash: flash)
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await PoolWebPages.refused(req, e, back: "/crm/leads/\(id)")
        }
    }

    static func convertedTarget(_ id: Int64, _ req: Request) async throws -> String {
        let l = try await LeadService.find(id, req.services)
        return l.convertedPartnerId.map { "/crm/customers/\($0)" } ?? "/crm/leads/\(id)"
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

/// Opportunities: the kanban board (drag and drop, with a plain form on every card), the
/// funnel, the forecast, one opportunity with its history.
enum OpportunityWebPages {
    static func board(_ req: Request) async throws -> Response {
        let t = req.t
        let stages = try await StageService.list(req.services).filter(\.active)
        let mine = req.query[String.self, at: "mine"] == "1"
        var open: [OpportunityRow] = []
        var cursor: Cursor?
        repeat {
            let page = try await OpportunityService.list(
                filter: .init(outcome: "open", ownerId: mine ? req.state.principal?.userId : nil), limit: 200,
                cursor: cursor, req.services)
            open += page.items
            cursor = page.nextCursor.flatMap { Cursor(encoded: $0) }
        } while cursor != nil && open.count < 1000
        let customers = try await PageShell.names(.partners, open.map(\.partnerId), req)
        let funnel = try await OpportunityService.funnel(req.services)
        let csrf = req.state.csrf
        let canMove = req.state.principal?.can(.opportunities, .edit) ?? true
        var actions: [PageAction] = [PageAction(label: t("opportunity.forecast"), href: "/crm/opportunities/forecast")]
        if req.state.principal?.can(.opportunities, .create) ?? true {
            actions.insert(PageAction(label: t("opportunity.new"), href: "/crm/opportunities/new", primary: true), at: 0)
        }
        let html = Layout.page(PageShell.context(req), title: t("opportunity.title"), actions: actions) {
            h("p") {
                h("a", ["href": mine ? "/crm/opportunities" : "/crm/opportunities?mine=1"]) {
                    t(mine ? "opportunity.show_all" : "opportunity.show_mine")
                }
                h("span", ["class": "muted"]) { " · " + t("opportunity.board_hint") }
            }
            h("div", ["class": "kanban", "data-kanban": ""]) {
                for s in stages {
                    let cards = open.filter { $0.stageId == s.id }
                    h(
                        "section",
                        ["class": "kanban-column", "data-stage-id": String(s.id), "data-outcome": s.outcome, "aria-label": s.name]
                    ) {
                        h("h2") {
                            s.name
                            h("span", ["class": "muted"]) {
                                " \(s.probability)% · "
                                    + (s.outcome == "open" ? String(cards.count) : String(funnel.first { $0.stage.id == s.id }?.count ?? 0))
                            }
                        }
                        if s.outcome == "open" {
                            h("div", ["class": "muted small"]) { Money(fen: (try? Checked.sum(cards.map(\.amount))) ?? 0).description }
                        }
                        for o in cards {
                            h("article", ["class": "kanban-card", "draggable": canMove ? "true" : nil, "data-card": String(o.id)]) {
                                h("a", ["href": "/crm/opportunities/\(o.id)"]) { h("strong") { o.name } }
                                h("div", ["class": "muted small"]) {
                                    (customers[o.partnerId] ?? "") + " · " + Money(fen: o.amount).description
                                }
                                if canMove {
                                    h("form", ["method": "post", "action": "/crm/opportunities/\(o.id)/move", "class": "card-move"]) {
                                        Layout.csrfField(csrf)
                                        h("select", ["name": "stageId", "aria-label": t("opportunity.move_to")]) {
                                            for st in stages {
                                                h("option", ["value": String(st.id), "selected": flag(st.id == o.stageId)]) { st.name }
                                            }
                                        }
                                        h(
                                            "input",
                                            [
                                                "name": "lostReason", "placeholder": t("opportunity.lost_reason"),
                                                "aria-label": t("opportunity.lost_reason"), "size": "10",
                                            ])
                                        h("button", ["type": "submit"]) { t("opportunity.move") }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("opportunity.funnel") }
                Chart.funnel(
                    t("opportunity.funnel"), funnel.filter { $0.stage.outcome == "open" }.map { Chart.Point($0.stage.name, $0.amount) })
            }
        }
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
                to: req.headers.first(name: .referer).flatMap { URL(string: $0)?.path }.map {
                    $0.hasPrefix("/crm/") ? $0 : "/crm/opportunities"
                }
                    ?? "/crm/opportunities", flash: "opportunity.moved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await PoolWebPages.refused(req, e, back: "/crm/opportunities")
        }
    }

    struct Form: Content {
        var partnerId: String?; var name: String?; var amount: String?; var stageId: String?; var expectedClose: String?; var note: String?;
        var version: String?
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
                expectedClose: o.expectedClose, note: o.note, version: String(o.version)), id: o.id)
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
            .init("note", label: t("common.note"), kind: .textarea, value: f.note),
        ]
        var model = FormModel(
            action: id.map { "/crm/opportunities/\($0)" } ?? "/crm/opportunities", csrf: req.state.csrf, fields: fields,
            hidden: (id == nil ? [] : [("partnerId", f.partnerId ?? "")]) + (f.version.map { [("version", $0)] } ?? []),
            submitLabel: t("action.save"), cancelHref: "/crm/opportunities")
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
            expectedClose: f.expectedClose, note: f.note)
        do {
            let o =
                if let id { try await OpportunityService.update(id, input, version: PageShell.id(f.version), req.services) } else {
                    try await OpportunityService.create(input, req.services)
                }
            return PageShell.redirect(req, to: "/crm/opportunities/\(o.id)", flash: "opportunity.saved")
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
            actions.append(PageAction(label: t("action.edit"), href: "/crm/opportunities/\(o.id)/edit"))
        }
        if o.outcome != "lost", req.state.principal?.can(.quotes, .create) ?? true {
            actions.append(PageAction(label: t("quote.new"), href: "/deals/quotes/new?opportunityId=\(o.id)"))
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
            ]
        ) {
            h("section", ["class": "card"]) {
                h("h2") { t("opportunity.history") }
                h("ol", ["class": "timeline"]) {
                    for m in history {
                        h("li") {
                            h("span", ["class": "muted"]) {
                                PageShell.date(m.at, req.state.lang) + " · " + (m.byUserId.flatMap { users[$0] } ?? "")
                            }
                            h("div") { stage(m.fromStageId) + " → " + stage(m.toStageId) }
                        }
                    }
                }
            }
        }
        return PageShell.page(req, html)
    }

    static func forecast(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await OpportunityService.forecast(req.services)
        let users = try await PageShell.names(.users, rows.compactMap(\.ownerId), req)
        let byMonth = Dictionary(grouping: rows, by: \.month).map {
            Chart.Point($0.key.isEmpty ? t("opportunity.no_date") : $0.key, $0.value.reduce(0) { $0 + $1.weighted })
        }
        .sorted { $0.label < $1.label }
        let model = ListModel(
            basePath: "/crm/opportunities/forecast", query: nil,
            columns: [
                .init(t("opportunity.month")), .init(t("customer.owner")), .init(t("opportunity.count"), numeric: true),
                .init(t("opportunity.amount"), numeric: true),
                .init(t("opportunity.weighted"), numeric: true),
            ],
            rows: rows.map { r in
                [
                    .text(r.month.isEmpty ? t("opportunity.no_date") : r.month), .text(r.ownerId.flatMap { users[$0] } ?? ""),
                    .text(String(r.count)),
                    .text(Money(fen: r.amount).description), .text(Money(fen: r.weighted).description),
                ]
            },
            nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        let html = Layout.page(PageShell.context(req), title: t("opportunity.forecast")) {
            h("section", ["class": "card"]) {
                h("h2") { t("opportunity.weighted_by_month") }; Chart.bar(t("opportunity.weighted_by_month"), byMonth)
            }
            ListView.render(model, t)
        }
        return PageShell.page(req, html)
    }
}

/// The schedule: a day or a week of one's tasks and meetings, and the form to plan one.
enum ScheduleWebPages {
    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let view = req.query[String.self, at: "view"] == "week" ? "week" : "day"
        let now = req.services.nowMillis
        let date = req.query[String.self, at: "date"].flatMap { Validate.isDate($0) ? $0 : nil } ?? CalendarDate.chinaDate(now)
        var start = try Validate.dateTime(date + "T00:00", "date")
        if view == "week" { start = try Validate.dateTime(try WorkReportService.period(.weekly, containing: date).0 + "T00:00", "date") }
        let days = view == "week" ? 7 : 1
        let dayMs: Int64 = 86_400_000
        let tasks = try await TaskService.list(
            from: start, to: start + Int64(days) * dayMs, ownerId: req.state.principal?.userId, req.services)
        let partners = try await PageShell.names(.partners, tasks.compactMap(\.partnerId), req)
        let openable = try await CustomerService.openable(tasks.compactMap(\.partnerId), req.services)
        let csrf = req.state.csrf
        func link(_ v: String, _ d: Int64) -> String { "/crm/schedule?view=\(v)&date=" + CalendarDate.chinaDate(d) }
        let html = Layout.page(
            PageShell.context(req), title: t("schedule.title"),
            actions: [PageAction(label: t("task.new"), href: "/crm/schedule/new?date=\(date)", primary: true)]
        ) {
            h("div", ["class": "actions schedule-nav"]) {
                h("a", ["class": "button", "href": link(view, start - Int64(days) * dayMs)]) { "‹ " + t("schedule.previous") }
                h("a", ["class": "button", "href": link(view, now)]) { t("schedule.today") }
                h("a", ["class": "button", "href": link(view, start + Int64(days) * dayMs)]) { t("schedule.next") + " ›" }
                h("a", ["class": view == "day" ? "button primary" : "button", "href": link("day", start)]) { t("schedule.day") }
                h("a", ["class": view == "week" ? "button primary" : "button", "href": link("week", start)]) { t("schedule.week") }
            }
            h("div", ["class": view == "week" ? "week-grid" : ""]) {
                for d in 0..<days {
                    let dayStart = start + Int64(d) * dayMs
                    let items = tasks.filter { $0.startsAt >= dayStart && $0.startsAt < dayStart + dayMs }
                    h("section", ["class": "card day-column"]) {
                        h("h2") {
                            CalendarDate.chinaDate(dayStart) + " "
                                + t("schedule.weekday.\((d + (view == "week" ? 0 : weekday(dayStart))) % 7)")
                        }
                        if items.isEmpty { h("p", ["class": "empty"]) { t("schedule.free") } }
                        h("ul", ["class": "plain"]) {
                            for task in items {
                                h("li", ["class": task.doneAt == nil ? "task" : "task done"]) {
                                    h("strong") { String(CalendarDate.chinaDateTime(task.startsAt).suffix(5)) }
                                    " " + (task.kind == "meeting" ? "👥 " : "☐ ") + task.title
                                    if let p = task.partnerId {
                                        " · ";
                                        openable.contains(p)
                                            ? h("a", ["href": "/crm/customers/\(p)"]) { partners[p] ?? "" } : .text(partners[p] ?? "")
                                    }
                                    if task.doneAt == nil {
                                        " "
                                        CommonPages.actionButton(t("task.done"), action: "/crm/schedule/\(task.id)/done", csrf: csrf)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return PageShell.page(req, html)
    }

    /// Monday is 0.
    static func weekday(_ ms: Int64) -> Int { Int(((ms + 8 * 3_600_000) / 86_400_000 + 3) % 7) }

    struct Form: Content {
        var title: String?; var kind: String?; var date: String?; var time: String?; var endTime: String?; var remindMinutes: String?;
        var partnerId: String?; var note: String?
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.activities, .create)
        return try await form(
            req,
            Form(
                kind: "task", date: req.query[String.self, at: "date"], time: "09:00", remindMinutes: "15",
                partnerId: req.query[String.self, at: "partnerId"]))
    }

    static func form(_ req: Request, _ f: Form, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        let mine = try await CustomerService.list(
            filter: .init(ownerId: req.state.principal?.userId), limit: 200, cursor: nil, req.services
        ).items
        var model = FormModel(
            action: "/crm/schedule", csrf: req.state.csrf,
            fields: [
                .init("title", label: t("task.title"), value: f.title, required: true),
                .init(
                    "kind", label: t("activity.kind"), kind: .select([("task", t("task.kind.task")), ("meeting", t("task.kind.meeting"))]),
                    value: f.kind),
                .init("date", label: t("task.date"), kind: .date, value: f.date, required: true),
                .init("time", label: t("task.time"), value: f.time, required: true, hint: "09:30"),
                .init("endTime", label: t("task.end_time"), value: f.endTime),
                .init(
                    "remindMinutes", label: t("task.remind"),
                    kind: .select([
                        ("", t("task.remind.none")), ("0", t("task.remind.at_start")), ("15", "15"), ("30", "30"),
                        ("60", "60"), ("1440", "1440"),
                    ]), value: f.remindMinutes),
                .init(
                    "partnerId", label: t("customer.one"), kind: .select([("", "—")] + mine.map { (String($0.id), $0.name) }),
                    value: f.partnerId),
                .init("note", label: t("common.note"), kind: .textarea, value: f.note),
            ], submitLabel: t("action.save"), cancelHref: "/crm/schedule")
        if let error { try PageShell.attach(error, to: &model, req) }
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: t("task.new"), model), status: error == nil ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let date = (f.date ?? "").trimmingCharacters(in: .whitespaces)
        func at(_ time: String?) -> String? {
            guard let time = time?.trimmingCharacters(in: .whitespaces), !time.isEmpty else { return nil }
            return date + "T" + time
        }
        do {
            guard Validate.isDate(date) else { throw DomainError.invalid("date", code: "invalid_date") }
            let input = TaskService.Input(
                title: f.title, kind: f.kind, startsAt: at(f.time), endsAt: at(f.endTime),
                remindMinutes: f.remindMinutes.flatMap { Int64($0) },
                partnerId: PageShell.id(f.partnerId), note: f.note)
            _ = try await TaskService.create(input, req.services)
            return PageShell.redirect(req, to: "/crm/schedule?date=\(date)", flash: "task.saved")
        } catch var e as DomainError where e.kind == .invalid || e.kind == .conflict {
            if e.field == "startsAt" { e.field = "time" }
            if e.field == "endsAt" { e.field = "endTime" }
            return try await form(req, f, error: e)
        }
    }

    static func done(_ req: Request) async throws -> Response {
        let task = try await TaskService.complete(try req.id(), done: true, req.services)
        return PageShell.redirect(req, to: "/crm/schedule?date=" + CalendarDate.chinaDate(task.startsAt), flash: "task.completed")
    }
}

/// Work reports: filing one (pre-filled with the counts), reading the team's, commenting.
enum ReportWebPages {
    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let page = try await WorkReportService.list(userId: nil, limit: limit, cursor: cursor, req.services)
        let users = try await PageShell.names(.users, page.items.map(\.userId), req)
        var model = ListModel(
            basePath: "/crm/reports", query: nil,
            columns: [
                .init(t("report.period")), .init(t("workreport.kind")), .init(t("report.author")),
                .init(t("report.commented")),
            ],
            rows: page.items.map { r in
                [
                    CommonPages.link(r.periodStart + (r.periodEnd == r.periodStart ? "" : " ~ " + r.periodEnd), "/crm/reports/\(r.id)"),
                    .text(t("report.kind." + r.kind)), .text(users[r.userId] ?? ""), .text(r.comment == nil ? "—" : "✓"),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("report.none"), searchable: false)
        model.onLaterPage = cursor != nil
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("report.title"),
                actions: [
                    PageAction(label: t("report.new.daily"), href: "/crm/reports/new?kind=daily", primary: true),
                    PageAction(label: t("report.new.weekly"), href: "/crm/reports/new?kind=weekly"),
                ], model))
    }

    static func statsFacts(_ s: WorkReportService.Stats, _ t: Translator) -> [(String, Node)] {
        [
            (t("report.stats.visits"), .text(String(s.visits))), (t("report.stats.follow_ups"), .text(String(s.followUps))),
            (t("report.stats.new_customers"), .text(String(s.newCustomers))), (t("report.stats.stage_moves"), .text(String(s.stageMoves))),
            (t("report.stats.deals_won"), .text(String(s.dealsWon))),
            (t("report.stats.amount_won"), .text(Money(fen: s.amountWon).description)),
        ]
    }

    struct Form: Content { var kind: String?; var date: String?; var content: String?; var plan: String? }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.activities, .create)
        let kind = req.query[String.self, at: "kind"] == "weekly" ? "weekly" : "daily"
        return try await form(
            req, Form(kind: kind, date: req.query[String.self, at: "date"] ?? CalendarDate.chinaDate(req.services.nowMillis)))
    }

    static func form(_ req: Request, _ f: Form, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        guard let me = req.state.principal?.userId else { throw DomainError.forbidden }
        let kind = WorkReportService.Kind(rawValue: f.kind ?? "daily") ?? .daily
        let date = f.date.flatMap { Validate.isDate($0) ? $0 : nil } ?? CalendarDate.chinaDate(req.services.nowMillis)
        let (from, to) = try WorkReportService.period(kind, containing: date)
        let stats = try await WorkReportService.stats(userId: me, from: from, to: to, req.store)
        var model = FormModel(
            action: "/crm/reports", csrf: req.state.csrf,
            fields: [
                .init("date", label: t("report.date"), kind: .date, value: date, hint: kind == .weekly ? t("report.week_hint") : nil),
                .init("content", label: t("report.content"), kind: .textarea, value: f.content, required: true),
                .init("plan", label: t("report.plan"), kind: .textarea, value: f.plan),
            ], hidden: [("kind", kind.rawValue)], submitLabel: t("report.submit"), cancelHref: "/crm/reports")
        if let error { try PageShell.attach(error, to: &model, req) }
        let html = Layout.page(PageShell.context(req), title: t("report.new." + kind.rawValue)) {
            h("section", ["class": "card"]) {
                h("h2") { t("report.stats") + " · " + from + (to == from ? "" : " ~ " + to) }
                CommonPages.factList(statsFacts(stats, t))
            }
            FormView.render(model, t)
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            let r = try await WorkReportService.submit(.init(kind: f.kind, date: f.date, content: f.content, plan: f.plan), req.services)
            return PageShell.redirect(req, to: "/crm/reports/\(r.id)", flash: "report.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, error: e)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let r = try await WorkReportService.find(try req.id(), req.services)
        let users = try await PageShell.names(.users, [r.userId] + [r.commentedBy].compactMap { $0 }, req)
        let p = req.state.principal
        let mayComment =
            r.userId != p?.userId
            && (p?.rowScope(.activities, .approve)?.contains(branch: r.branchId, department: r.departmentId, owner: r.userId) ?? false)
        let html = CommonPages.detail(
            PageShell.context(req), title: t("report.kind." + r.kind) + " · " + (users[r.userId] ?? ""),
            facts: [(t("report.period"), .text(r.periodStart + (r.periodEnd == r.periodStart ? "" : " ~ " + r.periodEnd)))]
                + (WorkReportService.decodeStats(r).map { statsFacts($0, t) } ?? [])
        ) {
            h("section", ["class": "card"]) {
                h("h2") { t("report.content") }; h("p", ["class": "timeline-body"]) { r.content }
            }
            if let plan = r.plan {
                h("section", ["class": "card"]) {
                    h("h2") { t("report.plan") }; h("p", ["class": "timeline-body"]) { plan }
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("report.comment") }
                if let c = r.comment {
                    h("p", ["class": "timeline-body"]) { c }
                    h("p", ["class": "muted"]) {
                        (r.commentedBy.flatMap { users[$0] } ?? "") + " · " + PageShell.date(r.commentedAt, req.state.lang)
                    }
                } else if !mayComment {
                    h("p", ["class": "empty"]) { t("report.no_comment") }
                }
                if mayComment {
                    h("form", ["method": "post", "action": "/crm/reports/\(r.id)/comment", "class": "followup-form"]) {
                        Layout.csrfField(req.state.csrf)
                        h("textarea", ["name": "comment", "rows": "3", "required": "", "aria-label": t("report.comment")]) {
                            r.comment ?? ""
                        }
                        h("button", ["type": "submit", "class": "primary"]) { t("report.comment_save") }
                    }
                }
            }
        }
        return PageShell.page(req, html)
    }

    static func comment(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct F: Content { var comment: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await WorkReportService.comment(id, text: f.comment, req.services)
            return PageShell.redirect(req, to: "/crm/reports/\(id)", flash: "report.commented_flash")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await PoolWebPages.refused(req, e, back: "/crm/reports/\(id)")
        }
    }
}
