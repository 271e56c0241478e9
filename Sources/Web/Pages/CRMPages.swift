import Foundation
import Kernel
import Persistence
import Services
import Vapor
import Views

/// The CRM's pages: customers (list, form, 360° profile), contacts, follow-ups and settings.
enum CustomerWebPages {
    struct Form: Content {
        var name: String?; var code: String?; var kind: String?; var uscc: String?; var industry: String?; var level: String?;
        var source: String?
        var status: String?; var tags: String?; var province: String?; var city: String?; var district: String?; var street: String?
        var latitude: String?; var longitude: String?; var phone: String?; var email: String?; var website: String?;
        var creditLimit: String?
        var note: String?; var isSupplier: String?; var poolExempt: String?; var version: String?
        var custom: [String: String]?
        var regionId: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let q = req.query[String.self, at: "q"], level = req.query[String.self, at: "level"], status = req.query[String.self, at: "status"]
        let mine = req.query[String.self, at: "mine"]
        let filter = CRMQueries.CustomerFilter(
            q: q, level: level, status: status, ownerId: mine == "1" ? req.state.principal?.userId : nil,
            sort: req.query[String.self, at: "sort"] == "newest" ? "newest" : nil)
        let page = try await CustomerService.list(filter: filter, limit: limit, cursor: cursor, req.services)
        let owners = try await PageShell.names(.users, page.items.compactMap(\.ownerId), req)
        let lists = try await CRMSettings.all(req.store)
        var model = ListModel(
            basePath: "/crm/customers", query: q,
            filters: [
                .init(name: "mine", label: t("customer.filter.mine"), options: [("1", t("customer.filter.mine_only"))], selected: mine),
                .init(name: "level", label: t("customer.level"), options: (lists[.levels] ?? []).map { ($0, $0) }, selected: level),
                .init(
                    name: "status", label: t("common.status"),
                    options: CustomerService.Status.allCases.map { ($0.rawValue, t("customer.status." + $0.rawValue)) },
                    selected: status),
            ],
            columns: [
                .init(t("common.name")), .init(t("customer.level")), .init(t("common.status")), .init(t("customer.owner")),
                .init(t("partner.phone")),
                .init(t("customer.last_activity")),
            ],
            rows: page.items.map { c in
                [
                    CommonPages.link(c.name, "/crm/customers/\(c.id)"), .text(c.level ?? ""), .text(t("customer.status." + c.status)),
                    .text(c.ownerId.flatMap { owners[$0] } ?? t("customer.in_pool")), .text(c.phone ?? ""),
                    .text(c.lastActivityAt.map { PageShell.date($0, req.state.lang) } ?? "—"),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = []
        if req.state.principal?.can(.customers, .create) == true {
            actions.append(PageAction(label: t("customer.new"), href: "/crm/customers/new", primary: true))
        }
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("customer.title"), actions: actions,
                intro: h("p", ["class": "muted"]) { t("customer.search_hint") }, model))
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.customers, .create)
        let form = try await formModel(req, Form(kind: "company", status: "potential"), id: nil)
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("customer.new"), form))
    }

    static func edit(_ req: Request) async throws -> Response {
        let c = try await CustomerService.find(try req.id(), req.services)
        _ = try await CustomerService.findForEdit(c.id, .edit, req.services)
        let f = Form(
            name: c.name, code: c.code, kind: c.kind, uscc: c.uscc, industry: c.industry, level: c.level, source: c.source,
            status: c.status,
            tags: c.tagList.joined(separator: ", "), province: c.province, city: c.city, district: c.district, street: c.street,
            latitude: Fmt.degrees(c.latitude), longitude: Fmt.degrees(c.longitude), phone: c.phone, email: c.email, website: c.website,
            creditLimit: Fmt.money(c.creditLimit), note: c.note, isSupplier: String(c.isSupplier), poolExempt: String(c.poolExempt),
            version: String(c.version), custom: CustomFieldService.decode(c.customValues), regionId: c.regionId.map(String.init))
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: req.t("customer.edit"), try await formModel(req, f, id: c.id)))
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        var input = CustomerService.Input(
            code: f.code, name: f.name, kind: f.kind, uscc: f.uscc, industry: f.industry, level: f.level, source: f.source,
            status: f.status, tags: (f.tags ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map(String.init),
            province: f.province, city: f.city, district: f.district, street: f.street, latitude: f.latitude,
            longitude: f.longitude, phone: f.phone, email: f.email, website: f.website, creditLimit: f.creditLimit,
            note: f.note, isSupplier: f.isSupplier == "true", poolExempt: f.poolExempt == "true", customFields: f.custom ?? [:])
        input.regionId = PageShell.id(f.regionId)
        do {
            let c =
                if let id { try await CustomerService.update(id, input, version: PageShell.id(f.version), req.services) } else {
                    try await CustomerService.create(input, req.services)
                }
            return PageShell.redirect(req, to: "/crm/customers/\(c.id)", flash: "customer.saved")
        } catch {
            var form = try await formModel(req, f, id: id)
            try PageShell.attach(error, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t(id == nil ? "customer.new" : "customer.edit"), form),
                status: .unprocessableEntity)
        }
    }

    static func formModel(_ req: Request, _ f: Form, id: Int64?) async throws -> FormModel {
        let t = req.t
        let lists = try await CRMSettings.all(req.store)
        func options(_ l: CRMSettings.List, current: String?) -> [(String, String)] {
            var values = lists[l] ?? []
            if let c = current, !c.isEmpty, !values.contains(c) { values.append(c) }
            return [("", "—")] + values.map { ($0, $0) }
        }
        var fields: [FormModel.Field] = [
            .init("name", label: t("common.name"), value: f.name, required: true),
            .init(
                "kind", label: t("partner.kind"),
                kind: .select([("company", t("partner.kind.company")), ("person", t("partner.kind.person"))]), value: f.kind),
            .init("level", label: t("customer.level"), kind: .select(options(.levels, current: f.level)), value: f.level),
            .init(
                "status", label: t("common.status"),
                kind: .select(CustomerService.Status.allCases.map { ($0.rawValue, t("customer.status." + $0.rawValue)) }),
                value: f.status),
            .init("source", label: t("customer.source"), kind: .select(options(.sources, current: f.source)), value: f.source),
            .init("industry", label: t("customer.industry"), kind: .select(options(.industries, current: f.industry)), value: f.industry),
            .init("tags", label: t("customer.tags"), value: f.tags, hint: t("customer.tags_hint")),
            .init("phone", label: t("partner.phone"), kind: .tel, value: f.phone),
            .init("email", label: t("user.email"), kind: .email, value: f.email),
            .init("website", label: t("customer.website"), value: f.website),
            .init("uscc", label: t("partner.uscc"), value: f.uscc, hint: t("customer.uscc_hint")),
            .init("province", label: t("customer.province"), value: f.province),
            .init(
                "regionId", label: t("customer.region"),
                kind: .select(
                    [("", t("customer.region_by_province"))]
                        + (try await PriceService.regions(req.store)).filter(\.active).map { (String($0.id), $0.name) }), value: f.regionId),
            .init("city", label: t("customer.city"), value: f.city),
            .init("district", label: t("customer.district"), value: f.district),
            .init("street", label: t("customer.street"), value: f.street),
            .init("latitude", label: t("customer.latitude"), kind: .number, value: f.latitude),
            .init("longitude", label: t("customer.longitude"), kind: .number, value: f.longitude),
            .init("creditLimit", label: t("customer.credit_limit"), kind: .number, value: f.creditLimit),
            .init("code", label: t("common.code"), value: f.code, hint: t("customer.code_hint")),
            .init("note", label: t("common.note"), kind: .textarea, value: f.note),
            .init("isSupplier", label: t("customer.also_supplier"), kind: .checkbox, value: f.isSupplier),
            .init("poolExempt", label: t("customer.pool_exempt"), kind: .checkbox, value: f.poolExempt),
        ]
        for cf in try await CRMQueries.customFields(entity: "customer", activeOnly: true, on: req.store) {
            fields.append(customField(cf, value: f.custom?[cf.fieldKey], t))
        }
        return FormModel(
            action: id.map { "/crm/customers/\($0)" } ?? "/crm/customers", csrf: req.state.csrf, fields: fields,
            hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"),
            cancelHref: id.map { "/crm/customers/\($0)" } ?? "/crm/customers")
    }

    /// A custom field as a form control named `custom[key]`; its errors come back as `customFields.key`.
    static func customField(_ cf: CustomFieldRow, value: String?, _ t: Translator) -> FormModel.Field {
        let kind: FormModel.Field.Kind =
            switch cf.kind {
            case "number": .number
            case "date": .date
            case "choice": .select([("", "—")] + cf.choices.map { ($0, $0) })
            default: .text
            }
        var field = FormModel.Field("custom[\(cf.fieldKey)]", label: cf.label, kind: kind, value: value, required: cf.required)
        field.errorKey = "customFields." + cf.fieldKey
        return field
    }

    // MARK: the 360° profile

    static func show(_ req: Request) async throws -> Response {
        try await profile(req, id: try req.id())
    }

    /// The profile; `followUp` brings back a refused follow-up with its reason.
    static func profile(_ req: Request, id: Int64, followUp draft: FollowUpForm? = nil) async throws -> Response {
        let t = req.t
        let c = try await CustomerService.find(id, req.services)
        let p = req.state.principal
        let canEdit = CustomerService.allows(c, .edit, req.services)
        let contacts = try await CRMQueries.contacts(of: c.id, on: req.store)
        let activities = try await CRMQueries.activities(partnerId: c.id, limit: 20, cursor: nil, on: req.store)
        var userIds = activities.items.compactMap(\.ownerId)
        if let o = c.ownerId { userIds.append(o) }
        let users = try await PageShell.names(.users, userIds, req)
        let branch = try await OrganisationQueries.branch(c.branchId, on: req.store)
        let custom = CustomFieldService.decode(c.customValues)
        let fields = try await CRMQueries.customFields(entity: "customer", activeOnly: false, on: req.store)

        var facts: [(String, Node)] = [
            (t("common.code"), .text(c.code)),
            (t("customer.owner"), .text(c.ownerId.flatMap { users[$0] } ?? t("customer.in_pool"))),
            (t("customer.branch"), .text(branch?.name ?? "")),
            (t("partner.phone"), c.phone.map { v in h("a", ["href": "tel:" + v]) { v } } ?? .text("—")),
            (t("user.email"), c.email.map { v in h("a", ["href": "mailto:" + v]) { v } } ?? .text("—")),
            (
                t("customer.website"),
                c.website.map { v in h("a", ["href": v, "rel": "noopener nofollow", "target": "_blank"]) { v } } ?? .text("—")
            ),
            (t("partner.address"), .text(c.address ?? "—")),
            (t("customer.location"), location(c.latitude, c.longitude, label: c.name, t)),
            (t("partner.uscc"), .text(c.uscc ?? "—")),
            (t("customer.industry"), .text(c.industry ?? "—")),
            (t("customer.source"), .text(c.source ?? "—")),
            (t("customer.credit_limit"), .text(Fmt.money(c.creditLimit) ?? "—")),
            (t("customer.last_activity"), .text(c.lastActivityAt.map { PageShell.date($0, req.state.lang) } ?? "—")),
            (t("customer.next_follow_up"), .text(c.nextFollowUp ?? "—")),
        ]
        for f in fields where custom[f.fieldKey] != nil { facts.append((f.label, .text(custom[f.fieldKey]!))) }
        if let n = c.note { facts.append((t("common.note"), .text(n))) }

        var badges: [(String, String)] = []
        if let l = c.level { badges.append((t("customer.level") + " " + l, "")) }
        badges.append((t("customer.status." + c.status), c.status == "active" ? "ok" : ""))
        for tag in c.tagList { badges.append(("#" + tag, "tag")) }
        if c.isSupplier { badges.append((t("partner.supplier"), "")) }

        var actions: [PageAction] = []
        if canEdit { actions.append(PageAction(label: t("action.edit"), href: "/crm/customers/\(c.id)/edit")) }
        actions.append(PageAction(label: t("customer.print"), href: "/crm/customers/\(c.id)/print"))

        let mayLog = p?.can(.activities, .create) ?? true
        let worksOn = CustomerService.allows(c, .view, req.services)
        let followUp =
            mayLog && c.ownerId != nil && worksOn
            ? draft
                ?? FollowUpForm(
                    action: "/crm/activities", csrf: req.state.csrf, partnerId: String(c.id),
                    contacts: contacts.map { (String($0.id), $0.name) })
            : nil

        var blocks: [CustomerProfileModel.Block] = []
        if p?.can(.opportunities, .view) ?? true {
            let opps = try await OpportunityService.list(filter: .init(partnerId: c.id), limit: 20, cursor: nil, req.services).items
            let stages = try await StageService.list(req.services)
            blocks.append(
                .init(
                    title: t("customer.section.opportunities"),
                    columns: [
                        t("opportunity.name"), t("opportunity.amount"), t("opportunity.stage"),
                        t("opportunity.expected_close"),
                    ],
                    rows: opps.map { o in
                        [
                            CommonPages.link(o.name, "/crm/opportunities/\(o.id)"), .text(Money(fen: o.amount).description),
                            .text(stages.first { $0.id == o.stageId }?.name ?? ""), .text(o.expectedClose ?? ""),
                        ]
                    },
                    empty: t("customer.none.opportunities"),
                    more: canEdit && (p?.can(.opportunities, .create) ?? true)
                        ? (t("opportunity.new"), "/crm/opportunities/new?partnerId=\(c.id)") : nil))
        }
        if p?.can(.quotes, .view) ?? true {
            let quotes = try await QuoteService.list(.init(partnerId: c.id), limit: 10, cursor: nil, req.services).items
            blocks.append(
                .init(
                    title: t("customer.section.quotes"),
                    columns: [t("stock.number"), t("deal.amount"), t("quote.valid_until"), t("common.status")],
                    rows: quotes.map { q in
                        [
                            CommonPages.link(q.number, "/deals/quotes/\(q.id)"), .text(Money(fen: q.totalAmount).description),
                            .text(q.validUntil), .text(t("quote.status." + q.status)),
                        ]
                    },
                    empty: t("customer.none.quotes"),
                    more: p?.can(.quotes, .create) ?? true ? (t("quote.new"), "/deals/quotes/new?partnerId=\(c.id)") : nil))
        }
        if p?.can(.contracts, .view) ?? true {
            let contracts = try await ContractService.list(.init(kind: "sales", partnerId: c.id), limit: 10, cursor: nil, req.services)
                .items
            let plans = try await CRMQueries.planSums(contractIds: contracts.map(\.id), today: StockPages.today(req), on: req.store)
            blocks.append(
                .init(
                    title: t("customer.section.contracts"),
                    columns: [
                        t("stock.number"), t("deal.amount"), t("contract.end"), t("common.status"),
                        t("customer.plan_due"), t("contract.collected"),
                    ],
                    rows: contracts.map { k in
                        let plan = plans[k.id]
                        return [
                            CommonPages.link(k.number, "/deals/contracts/\(k.id)"), .text(Money(fen: k.totalAmount).description),
                            .text(k.endDate),
                            .text(t("contract.status." + k.status)), .text(plan.map { Money(fen: $0.due).description } ?? "—"),
                            .text(plan.map { Money(fen: $0.collected).description } ?? "—"),
                        ]
                    },
                    empty: t("customer.none.contracts"),
                    more: p?.can(.contracts, .create) ?? true
                        ? (t("contract.new.sales"), "/deals/contracts/new?kind=sales&partnerId=\(c.id)") : nil))
        }
        if p?.can(.finance, .view) ?? true {
            let open = try await AgeingReport.items(side: .ar, partnerId: c.id, req.services)
            let total = try Checked.sum(open.map(\.residual))
            blocks.append(
                .init(
                    title: t("customer.section.receivables", Money(fen: total).description),
                    columns: [t("approval.document"), t("invoice.date"), t("deal.amount"), t("ageing.open")],
                    rows: open.prefix(10).map { i in
                        [
                            .text(i.docNumber), .text(i.docDate), .text(Money(fen: i.amount).description),
                            .text(Money(fen: i.residual).description),
                        ]
                    },
                    empty: t("customer.none.receivables"),
                    more: (t("customer.receivables_detail"), "/finance/receivables?partnerId=\(c.id)&groupBy=document")))
        }
        // The customer's orders and stock documents that this person may see.
        if let scope: RowScope = p == nil ? .all : p!.rowScope(.orders, .view) {
            let orders = try await CRMQueries.orders(partnerId: c.id, scope: scope, limit: 10, on: req.store)
            blocks.append(
                .init(
                    title: t("customer.section.orders"),
                    columns: [t("order.number"), t("order.kind"), t("order.date"), t("common.status")],
                    rows: orders.map { o in
                        [
                            CommonPages.link(
                                o.number, "/inventory/orders/\(o.id)",
                                if: scope.contains(branch: o.branchId, department: nil, owner: o.ownerId)),
                            .text(t("order.kind." + o.kind)),
                            .text(o.orderDate), .text(t("order.status." + o.status)),
                        ]
                    },
                    empty: t("customer.none.orders")))
        }
        if let scope: RowScope = p == nil ? .all : p!.rowScope(.stock, .view) {
            let docs = try await CRMQueries.stockDocuments(partnerId: c.id, scope: scope, limit: 10, on: req.store)
            blocks.append(
                .init(
                    title: t("customer.section.deliveries"),
                    columns: [t("stock.number"), t("stock.type"), t("stock.posting_date"), t("common.status")],
                    rows: docs.map { d in
                        [
                            CommonPages.link(
                                d.number, "/inventory/documents/\(d.id)",
                                if: scope.contains(branch: d.branchId, department: nil, owner: d.ownerId)),
                            .text(t("stock.type." + d.docType)),
                            .text(d.postingDate), .text(t("stock.status." + d.status)),
                        ]
                    },
                    empty: t("customer.none.deliveries")))
        }

        let group = try await groupNodes(c, req)
        var buttons: [Node] = []
        if canEdit, c.ownerId != nil {
            let candidates = try await PageShell.people(in: p?.rowScope(.customers, .edit) ?? .all, req).filter { $0.id != c.ownerId }
            if !candidates.isEmpty {
                buttons.append(
                    h("form", ["method": "post", "action": "/crm/customers/\(c.id)/transfer", "class": "inline-form transfer-form"]) {
                        Layout.csrfField(req.state.csrf)
                        h("label", ["for": "transfer-owner"]) { t("customer.transfer_to") }
                        h("select", ["id": "transfer-owner", "name": "ownerId"]) {
                            for u in candidates { h("option", ["value": String(u.id)]) { u.name } }
                        }
                        h("button", ["type": "submit"]) { t("customer.transfer") }
                    })
            }
        }
        let mayMove = p?.can(.pools, .edit) ?? true
        if mayMove, c.ownerId == nil, let pool = c.poolId {
            buttons.append(CommonPages.actionButton(t("pool.claim"), action: "/crm/pools/\(pool)/claim/\(c.id)", csrf: req.state.csrf))
        }
        if mayMove, canEdit, c.ownerId != nil {
            buttons.append(
                h(
                    "form",
                    [
                        "method": "post", "action": "/crm/customers/\(c.id)/release", "class": "inline-form",
                        "data-confirm": t("pool.release_confirm"),
                    ]
                ) {
                    Layout.csrfField(req.state.csrf)
                    h("label", ["for": "release-reason"]) { t("pool.release_reason") }
                    h("input", ["id": "release-reason", "name": "reason", "required": "", "maxlength": "200", "size": "16"])
                    h("button", ["type": "submit"]) { t("pool.release") }
                })
        }
        let moves = try await CRMQueries.poolMoves(partnerId: c.id, limit: 20, on: req.store)
        if !moves.isEmpty {
            let who = try await PageShell.names(
                .users, moves.flatMap { [$0.fromOwnerId, $0.toOwnerId, $0.byUserId].compactMap { $0 } }, req)
            blocks.append(
                .init(
                    title: t("customer.section.moves"),
                    columns: [
                        t("activity.when"), t("pool.move"), t("pool.move.from"), t("pool.move.to"),
                        t("pool.reason"),
                    ],
                    rows: moves.map { m in
                        [
                            .text(PageShell.date(m.at, req.state.lang)), .text(t("pool.move." + m.action)),
                            .text(m.fromOwnerId.flatMap { who[$0] } ?? "—"),
                            .text(m.toOwnerId.flatMap { who[$0] } ?? t("customer.in_pool")),
                            .text(m.reason.map { $0.hasPrefix("rule:") ? t("pool.reason.rule") : $0 } ?? ""),
                        ]
                    },
                    empty: ""))
        }
        let model = CustomerProfileModel(
            title: c.name, badges: badges, facts: facts, actions: actions,
            contacts: contacts.map { k in
                .init(
                    name: k.name, title: k.title ?? "", phones: [k.mobile, k.phone].compactMap { $0 }.joined(separator: " "),
                    email: k.email ?? "",
                    wechat: k.wechat ?? "", birthday: k.birthday.map { $0.hasPrefix("--") ? String($0.dropFirst(2)) : $0 } ?? "",
                    primary: k.isPrimary,
                    editHref: canEdit ? "/crm/contacts/\(k.id)/edit" : nil)
            },
            addContactHref: canEdit ? "/crm/contacts/new?partnerId=\(c.id)" : nil,
            activities: activities.items.map { a in
                .init(
                    kind: t("activity.kind." + a.kind), when: PageShell.date(a.occurredAt, req.state.lang),
                    who: a.ownerId.flatMap { users[$0] } ?? "",
                    content: a.content, next: a.nextFollowUp,
                    checkIn: a.latitude.flatMap { lat in
                        a.longitude.map { lng in
                            (
                                t("activity.checkin.at", Fmt.degrees(lat)!, Fmt.degrees(lng)!, a.accuracyM.map(String.init) ?? "?"),
                                mapLink(lat, lng, label: c.name)
                            )
                        }
                    })
            },
            moreActivitiesHref: activities.nextCursor.map { "/crm/activities?partnerId=\(c.id)&cursor=\($0)" },
            followUp: followUp, group: group, blocks: blocks, buttons: buttons)
        return PageShell.page(req, CustomerPages.profile(PageShell.context(req), model), status: draft == nil ? .ok : .unprocessableEntity)
    }

    static func transfer(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct F: Content { var ownerId: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await CustomerService.transfer(id, to: PageShell.id(f.ownerId), reason: nil, req.services)
            return PageShell.redirect(req, to: "/crm/customers/\(id)", flash: "customer.transferred")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return PageShell.redirect(req, to: "/crm/customers/\(id)", flash: "customer.not_transferred", kind: .error)
        }
    }

    static func groupNodes(_ c: PartnerRow, _ req: Request) async throws -> [CustomerProfileModel.GroupNode] {
        let t = req.t
        let group = try await CustomerRelationService.group(of: c.id, req.services)
        guard !group.links.isEmpty else { return [] }
        var children: [Int64: [CustomerRelationRow]] = [:]
        for l in group.links { children[l.parentId, default: []].append(l) }
        var out: [CustomerProfileModel.GroupNode] = []
        func walk(_ id: Int64, depth: Int, kind: String) {
            let name = group.names[id] ?? t("customer.hidden")
            out.append(
                .init(
                    depth: depth, label: name, href: group.names[id] == nil ? nil : "/crm/customers/\(id)", kind: kind, current: id == c.id)
            )
            for l in children[id] ?? [] where out.count < 500 { walk(l.childId, depth: depth + 1, kind: t("relation.kind." + l.kind)) }
        }
        walk(group.root, depth: 0, kind: "")
        return out
    }

    /// Coordinates with a link that opens a map (the browser leaves for the map site).
    static func location(_ lat: Int64?, _ lng: Int64?, label: String, _ t: Translator) -> Node {
        guard let lat, let lng else { return .text("—") }
        return h("a", ["href": mapLink(lat, lng, label: label), "rel": "noopener", "target": "_blank"]) {
            Fmt.degrees(lat)! + ", " + Fmt.degrees(lng)! + " · " + t("customer.open_map")
        }
    }

    static func mapLink(_ lat: Int64, _ lng: Int64, label: String) -> String {
        "https://uri.amap.com/marker?position=\(Fmt.degrees(lng)!),\(Fmt.degrees(lat)!)&name="
            + (label.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=?+"))) ?? "")
    }

    /// A printable one-page profile.
    static func print(_ req: Request) async throws -> Response {
        let t = req.t
        let c = try await CustomerService.find(try req.id(), req.services)
        let contacts = try await CRMQueries.contacts(of: c.id, on: req.store)
        let html = Layout.print(req.state.lang, title: c.name) {
            h("h1") { c.name }
            CommonPages.factList([
                (t("common.code"), .text(c.code)), (t("partner.uscc"), .text(c.uscc ?? "—")), (t("partner.phone"), .text(c.phone ?? "—")),
                (t("partner.address"), .text(c.address ?? "—")), (t("customer.level"), .text(c.level ?? "—")),
                (t("common.status"), .text(t("customer.status." + c.status))),
            ])
            h("h2") { t("customer.section.contacts") }
            h("table", ["class": "data"]) {
                h("tr") {
                    h("th") { t("common.name") }; h("th") { t("contact.title") }; h("th") { t("partner.phone") };
                    h("th") { t("user.email") }
                }
                for k in contacts {
                    h("tr") {
                        h("td") { k.name }; h("td") { k.title ?? "" };
                        h("td") { [k.mobile, k.phone].compactMap { $0 }.joined(separator: " ") }
                        h("td") { k.email ?? "" }
                    }
                }
            }
        }
        return PageShell.page(req, html)
    }
}

enum ContactWebPages {
    struct Form: Content {
        var partnerId: String?; var name: String?; var title: String?; var mobile: String?; var phone: String?; var email: String?;
        var wechat: String?
        var birthday: String?; var isPrimary: String?; var note: String?; var version: String?
        var custom: [String: String]?
    }

    static func new(_ req: Request) async throws -> Response {
        guard let pid = PageShell.id(req.query[String.self, at: "partnerId"]) else { throw DomainError.notFound }
        let c = try await CustomerService.findForEdit(pid, .edit, req.services)
        let f = Form(partnerId: String(c.id))
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: req.t("contact.new_for", c.name), try await formModel(req, f, id: nil)))
    }

    static func edit(_ req: Request) async throws -> Response {
        let k = try await ContactService.find(try req.id(), req.services)
        _ = try await CustomerService.findForEdit(k.partnerId, .edit, req.services)
        let f = Form(
            partnerId: String(k.partnerId), name: k.name, title: k.title, mobile: k.mobile, phone: k.phone, email: k.email,
            wechat: k.wechat,
            birthday: k.birthday.map { $0.hasPrefix("--") ? String($0.dropFirst(2)) : $0 }, isPrimary: String(k.isPrimary), note: k.note,
            version: String(k.version), custom: CustomFieldService.decode(k.customValues))
        return PageShell.page(
            req,
            CommonPages.form(PageShell.context(req), title: req.t("contact.edit"), try await formModel(req, f, id: k.id)) {
                CommonPages.actionButton(
                    req.t("action.delete"), action: "/crm/contacts/\(k.id)/delete", csrf: req.state.csrf,
                    confirm: req.t("contact.delete_confirm"), danger: true)
            })
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = ContactService.Input(
            partnerId: PageShell.id(f.partnerId), name: f.name, title: f.title, mobile: f.mobile, phone: f.phone, email: f.email,
            wechat: f.wechat, birthday: f.birthday, isPrimary: f.isPrimary == "true", note: f.note, customFields: f.custom ?? [:])
        do {
            let k =
                if let id { try await ContactService.update(id, input, version: PageShell.id(f.version), req.services) } else {
                    try await ContactService.create(input, req.services)
                }
            return PageShell.redirect(req, to: "/crm/customers/\(k.partnerId)", flash: "contact.saved")
        } catch {
            var form = try await formModel(req, f, id: id)
            try PageShell.attach(error, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t(id == nil ? "contact.new" : "contact.edit"), form),
                status: .unprocessableEntity)
        }
    }

    static func delete(_ req: Request) async throws -> Response {
        let id = try req.id()
        let k = try await ContactService.find(id, req.services)
        do {
            try await ContactService.delete(id, req.services)
            return PageShell.redirect(req, to: "/crm/customers/\(k.partnerId)", flash: "contact.deleted")
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: "/crm/contacts/\(id)/edit", flash: "error.contact_in_use_short", kind: .error)
        }
    }

    static func formModel(_ req: Request, _ f: Form, id: Int64?) async throws -> FormModel {
        let t = req.t
        var fields: [FormModel.Field] = [
            .init("name", label: t("common.name"), value: f.name, required: true),
            .init("title", label: t("contact.title"), value: f.title),
            .init("mobile", label: t("contact.mobile"), kind: .tel, value: f.mobile),
            .init("phone", label: t("partner.phone"), kind: .tel, value: f.phone),
            .init("email", label: t("user.email"), kind: .email, value: f.email),
            .init("wechat", label: t("contact.wechat"), value: f.wechat),
            .init("birthday", label: t("contact.birthday"), value: f.birthday, hint: t("contact.birthday_hint")),
            .init("isPrimary", label: t("contact.primary"), kind: .checkbox, value: f.isPrimary),
            .init("note", label: t("common.note"), kind: .textarea, value: f.note),
        ]
        for cf in try await CRMQueries.customFields(entity: "contact", activeOnly: true, on: req.store) {
            fields.append(CustomerWebPages.customField(cf, value: f.custom?[cf.fieldKey], t))
        }
        return FormModel(
            action: id.map { "/crm/contacts/\($0)" } ?? "/crm/contacts", csrf: req.state.csrf, fields: fields,
            hidden: [("partnerId", f.partnerId ?? "")] + (f.version.map { [("version", $0)] } ?? []), submitLabel: t("action.save"),
            cancelHref: f.partnerId.map { "/crm/customers/\($0)" })
    }
}

enum ActivityWebPages {
    struct Form: Content {
        var partnerId: String?; var contactId: String?; var kind: String?; var content: String?; var nextFollowUp: String?
        var latitude: String?; var longitude: String?; var accuracy: String?
    }

    /// The quick form on the profile posts here; a refused one comes back on the profile with
    /// what was typed and the reason.
    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        guard let pid = PageShell.id(f.partnerId) else { throw DomainError.notFound }
        do {
            _ = try await ActivityService.create(
                .init(
                    partnerId: pid, contactId: PageShell.id(f.contactId), kind: f.kind, content: f.content,
                    nextFollowUp: f.nextFollowUp, latitude: f.latitude, longitude: f.longitude,
                    accuracy: f.accuracy.flatMap { Int64($0) }), req.services)
            return PageShell.redirect(req, to: "/crm/customers/\(pid)#timeline-title", flash: "activity.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            let contacts = try await CRMQueries.contacts(of: pid, on: req.store)
            let draft = FollowUpForm(
                action: "/crm/activities", csrf: req.state.csrf, partnerId: String(pid),
                contacts: contacts.map { (String($0.id), $0.name) },
                kind: f.kind ?? "call", content: f.content ?? "", nextFollowUp: f.nextFollowUp ?? "",
                error: ConcordErrorMiddleware.message(e, req.t))
            return try await CustomerWebPages.profile(req, id: pid, followUp: draft)
        }
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let kind = req.query[String.self, at: "kind"], partner = PageShell.id(req.query[String.self, at: "partnerId"])
        let mine = req.query[String.self, at: "mine"]
        let page = try await ActivityService.list(
            filter: .init(partnerId: partner, ownerId: mine == "1" ? req.state.principal?.userId : nil, kind: kind),
            limit: limit, cursor: cursor, req.services)
        let users = try await PageShell.names(.users, page.items.compactMap(\.ownerId), req)
        let partners = try await PageShell.names(.partners, page.items.compactMap(\.partnerId), req)
        let openable = try await CustomerService.openable(page.items.compactMap(\.partnerId), req.services)
        var model = ListModel(
            basePath: "/crm/activities", query: nil,
            filters: [
                .init(name: "mine", label: t("customer.filter.mine"), options: [("1", t("activity.filter.mine_only"))], selected: mine),
                .init(
                    name: "kind", label: t("activity.kind"),
                    options: ActivityService.Kind.allCases.map { ($0.rawValue, t("activity.kind." + $0.rawValue)) },
                    selected: kind),
            ],
            columns: [
                .init(t("activity.when")), .init(t("activity.kind")), .init(t("customer.one")), .init(t("activity.content")),
                .init(t("activity.who")),
                .init(t("activity.next")),
            ],
            rows: page.items.map { a in
                [
                    .text(PageShell.date(a.occurredAt, req.state.lang)), .text(t("activity.kind." + a.kind)),
                    a.partnerId.map {
                        openable.contains($0)
                            ? CommonPages.link(partners[$0] ?? "#\($0)", "/crm/customers/\($0)") : .text(partners[$0] ?? "—")
                    } ?? .text("—"),
                    .text(String(a.content.prefix(120))), .text(a.ownerId.flatMap { users[$0] } ?? ""), .text(a.nextFollowUp ?? ""),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("activity.none"), searchable: false)
        model.onLaterPage = cursor != nil
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("activity.title"), model))
    }
}

/// CRM settings: the configurable lists and the custom fields of customers and contacts.
enum CRMSettingsPages {
    struct ListsForm: Content { var levels: String?; var sources: String?; var industries: String? }
    struct FieldForm: Content {
        var entity: String?; var key: String?; var label: String?; var kind: String?; var options: String?; var required: String?;
        var sortOrder: String?
        var active: String?; var version: String?
    }

    static func show(_ req: Request) async throws -> Response {
        try req.services.require(.customers, .approve)
        return try await render(req, lists: nil, field: FieldForm(entity: "customer", kind: "text"))
    }

    struct StageForm: Content { var code: String?; var name: String?; var probability: String?; var sortOrder: String? }

    static func render(
        _ req: Request, lists: ListsForm?, field: FieldForm, listsError: (String, String?)? = nil, fieldError: (any Error)? = nil,
        stage: StageForm? = nil, stageError: (any Error)? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let t = req.t
        let stored = try await CRMSettings.all(req.store)
        var listForm = FormModel(
            action: "/crm/settings/lists", csrf: req.state.csrf,
            fields: [
                .init(
                    "levels", label: t("crm.settings.levels"), kind: .textarea,
                    value: lists?.levels ?? stored[.levels]?.joined(separator: "\n"), required: true,
                    hint: t("crm.settings.one_per_line")),
                .init(
                    "sources", label: t("crm.settings.sources"), kind: .textarea,
                    value: lists?.sources ?? stored[.sources]?.joined(separator: "\n"), required: true),
                .init(
                    "industries", label: t("crm.settings.industries"), kind: .textarea,
                    value: lists?.industries ?? stored[.industries]?.joined(separator: "\n"),
                    required: true),
            ], submitLabel: t("action.save"))
        if let (message, field) = listsError { listForm.attach(error: message, field: field) }
        var fieldForm = fieldFormModel(req, field, id: nil)
        if let e = fieldError { try PageShell.attach(e, to: &fieldForm, req) }
        let fields = try await CRMQueries.customFields(entity: nil, activeOnly: false, on: req.store)
        let table = ListModel(
            basePath: "/crm/settings", query: nil,
            columns: [
                .init(t("crm.field.entity")), .init(t("crm.field.key")), .init(t("crm.field.label")),
                .init(t("crm.field.kind")), .init(t("crm.field.required")), .init(t("common.active")),
            ],
            rows: fields.map { f in
                [
                    .text(t("crm.field.entity." + f.entity)), .text(f.fieldKey),
                    CommonPages.link(f.label, "/crm/settings/fields/\(f.id)/edit"),
                    .text(t("crm.field.kind." + f.kind) + (f.choices.isEmpty ? "" : "：" + f.choices.joined(separator: "、"))),
                    .text(f.required ? "✓" : ""), .text(f.active ? "✓" : "—"),
                ]
            }, nextCursor: nil, emptyText: t("crm.field.none"), searchable: false)
        let manageStages = req.state.principal?.can(.opportunities, .approve) ?? true
        let stages = manageStages ? try await StageService.list(req.services) : []
        let stageTable = ListModel(
            basePath: "/crm/settings", query: nil,
            columns: [
                .init(t("common.code")), .init(t("common.name")),
                .init(t("stage.probability"), numeric: true), .init(t("stage.outcome")),
                .init(t("crm.field.sort"), numeric: true), .init(t("common.active")),
            ],
            rows: stages.map { s in
                [
                    .text(s.code), .text(s.name), .text("\(s.probability)%"), .text(t("opportunity.outcome." + s.outcome)),
                    .text(String(s.sortOrder)), .text(s.active ? "✓" : "—"),
                ]
            },
            nextCursor: nil, emptyText: "", searchable: false)
        var stageForm = FormModel(
            action: "/crm/settings/stages", csrf: req.state.csrf,
            fields: [
                .init("code", label: t("common.code"), value: stage?.code, required: true),
                .init("name", label: t("common.name"), value: stage?.name, required: true),
                .init(
                    "probability", label: t("stage.probability"), kind: .number, value: stage?.probability, required: true,
                    hint: t("stage.probability_hint")),
                .init("sortOrder", label: t("crm.field.sort"), kind: .number, value: stage?.sortOrder),
            ], submitLabel: t("stage.save"))
        if let e = stageError { try PageShell.attach(e, to: &stageForm, req) }
        let html = Layout.page(PageShell.context(req), title: t("crm.settings.title")) {
            h("div", ["class": "grid2"]) {
                h("section", ["class": "card"]) {
                    h("h2") { t("crm.settings.lists") }; FormView.render(listForm, t)
                }
                h("section", ["class": "card"]) {
                    h("h2") { t("crm.field.new") }; FormView.render(fieldForm, t)
                }
            }
            h("section", ["class": "card"]) {
                h("h2") { t("crm.field.title") }; ListView.render(table, t)
            }
            if manageStages {
                h("div", ["class": "grid2"]) {
                    h("section", ["class": "card"]) {
                        h("h2") { t("stage.title") }; ListView.render(stageTable, t)
                    }
                    h("section", ["class": "card"]) {
                        h("h2") { t("stage.new") }; FormView.render(stageForm, t)
                    }
                }
            }
        }
        return PageShell.page(req, html, status: status)
    }

    static func saveLists(_ req: Request) async throws -> Response {
        let f = try req.content.decode(ListsForm.self)
        func lines(_ s: String?) -> [String] { (s ?? "").split(whereSeparator: \.isNewline).map(String.init) }
        do {
            try await CRMSettings.set(
                [.levels: lines(f.levels), .sources: lines(f.sources), .industries: lines(f.industries)], req.services)
            return PageShell.redirect(req, to: "/crm/settings", flash: "crm.settings.saved")
        } catch let e as DomainError where e.kind == .invalid {
            return try await render(
                req, lists: f, field: FieldForm(entity: "customer", kind: "text"),
                listsError: (ConcordErrorMiddleware.message(e, req.t), e.field), status: .unprocessableEntity)
        }
    }

    /// A new open stage (won and lost stages come with the product).
    static func createStage(_ req: Request) async throws -> Response {
        let f = try req.content.decode(StageForm.self)
        do {
            guard let p = Int64((f.probability ?? "").trimmingCharacters(in: .whitespaces)) else {
                throw DomainError.invalid("probability", code: "out_of_range", args: ["probability"])
            }
            _ = try await StageService.save(
                nil, .init(code: f.code, name: f.name, probability: p, sortOrder: f.sortOrder.flatMap { Int64($0) }, outcome: "open"),
                version: nil, req.services)
            return PageShell.redirect(req, to: "/crm/settings", flash: "stage.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await render(
                req, lists: nil, field: FieldForm(entity: "customer", kind: "text"), stage: f, stageError: e, status: .unprocessableEntity)
        }
    }

    static func fieldInput(_ f: FieldForm) -> CustomFieldService.Input {
        .init(
            entity: f.entity, key: f.key, label: f.label, kind: f.kind,
            options: (f.options ?? "").split(whereSeparator: \.isNewline).map(String.init),
            required: f.required == "true", sortOrder: f.sortOrder.flatMap { Int64($0) }, active: f.active.map { $0 == "true" } ?? true)
    }

    static func createField(_ req: Request) async throws -> Response {
        let f = try req.content.decode(FieldForm.self)
        do {
            _ = try await CustomFieldService.create(fieldInput(f), req.services)
            return PageShell.redirect(req, to: "/crm/settings", flash: "crm.field.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await render(req, lists: nil, field: f, fieldError: e, status: .unprocessableEntity)
        }
    }

    static func editField(_ req: Request) async throws -> Response {
        try req.services.require(.customers, .approve)
        let cf = try await CustomFieldService.find(try req.id(), req.services)
        let f = FieldForm(
            entity: cf.entity, key: cf.fieldKey, label: cf.label, kind: cf.kind, options: cf.choices.joined(separator: "\n"),
            required: String(cf.required), sortOrder: String(cf.sortOrder), active: String(cf.active), version: String(cf.version))
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: req.t("crm.field.edit"), fieldFormModel(req, f, id: cf.id)))
    }

    static func updateField(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(FieldForm.self)
        do {
            _ = try await CustomFieldService.update(id, fieldInput(f), version: PageShell.id(f.version), req.services)
            return PageShell.redirect(req, to: "/crm/settings", flash: "crm.field.saved")
        } catch {
            var form = fieldFormModel(req, f, id: id)
            try PageShell.attach(error, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t("crm.field.edit"), form), status: .unprocessableEntity)
        }
    }

    static func fieldFormModel(_ req: Request, _ f: FieldForm, id: Int64?) -> FormModel {
        let t = req.t
        var fields: [FormModel.Field] = []
        if id == nil {
            fields += [
                .init(
                    "entity", label: t("crm.field.entity"),
                    kind: .select(CustomFieldService.Entity.allCases.map { ($0.rawValue, t("crm.field.entity." + $0.rawValue)) }),
                    value: f.entity, required: true),
                .init("key", label: t("crm.field.key"), value: f.key, required: true, hint: t("crm.field.key_hint")),
                .init(
                    "kind", label: t("crm.field.kind"),
                    kind: .select(CustomFieldService.Kind.allCases.map { ($0.rawValue, t("crm.field.kind." + $0.rawValue)) }),
                    value: f.kind, required: true),
            ]
        }
        fields += [
            .init("label", label: t("crm.field.label"), value: f.label, required: true),
            .init("options", label: t("crm.field.options"), kind: .textarea, value: f.options, hint: t("crm.field.options_hint")),
            .init("sortOrder", label: t("crm.field.sort"), kind: .number, value: f.sortOrder),
            .init("required", label: t("crm.field.required"), kind: .checkbox, value: f.required),
        ]
        if id != nil { fields.append(.init("active", label: t("common.active"), kind: .checkbox, value: f.active)) }
        return FormModel(
            action: id.map { "/crm/settings/fields/\($0)" } ?? "/crm/settings/fields", csrf: req.state.csrf, fields: fields,
            hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"), cancelHref: id == nil ? nil : "/crm/settings")
    }
}

/// Public pools: what waits in them, claiming, the rules, and who drops next.
enum PoolWebPages {
    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let pools = try await PoolService.list(req.services)
        let selected = PageShell.id(req.query[String.self, at: "pool"]) ?? pools.first(where: { $0.pool.active })?.pool.id
        let (limit, cursor) = try req.paging()
        let q = req.query[String.self, at: "q"]
        var rows: [[Node]] = []
        var next: String?
        let canClaim = req.state.principal?.can(.pools, .edit) ?? false
        if let selected {
            let page = try await PoolService.members(selected, q: q, limit: limit, cursor: cursor, req.services)
            next = page.nextCursor
            let previous = try await PageShell.names(.users, page.items.compactMap(\.previousOwnerId), req)
            rows = page.items.map { c in
                [
                    CommonPages.link(c.name, "/crm/customers/\(c.id)"), .text(c.level ?? ""), .text(c.industry ?? ""), .text(c.city ?? ""),
                    .text(c.previousOwnerId.flatMap { previous[$0] } ?? "—"),
                    .text(c.releasedAt.map { PageShell.date($0, req.state.lang) } ?? "—"),
                    canClaim
                        ? CommonPages.actionButton(t("pool.claim"), action: "/crm/pools/\(selected)/claim/\(c.id)", csrf: req.state.csrf)
                        : .text(""),
                ]
            }
        }
        var model = ListModel(
            basePath: "/crm/pools", query: q,
            filters: [
                .init(
                    name: "pool", label: t("pool.one"), options: pools.map { (String($0.pool.id), $0.pool.name) },
                    selected: selected.map(String.init))
            ],
            columns: [
                .init(t("common.name")), .init(t("customer.level")), .init(t("customer.industry")), .init(t("customer.city")),
                .init(t("pool.previous_owner")), .init(t("pool.released_at")), .init(""),
            ],
            rows: rows, nextCursor: next, emptyText: pools.isEmpty ? t("pool.none") : t("pool.empty"))
        model.onLaterPage = cursor != nil
        var actions = [PageAction(label: t("pool.preview"), href: "/crm/pools/preview")]
        if req.state.principal?.can(.pools, .approve) ?? true {
            actions.append(PageAction(label: t("pool.new"), href: "/crm/pools/new"))
            if let s = selected { actions.append(PageAction(label: t("pool.edit"), href: "/crm/pools/\(s)/edit")) }
        }
        let rules = pools.first { $0.pool.id == selected }.map { d in
            h("p", ["class": "muted"]) { describe(d, t) }
        }
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("pool.title"), actions: actions, intro: rules, model))
    }

    /// "A: 30 days without follow-up or 90 without a deal (warned 3 days before); at most 5 claims a day…"
    static func describe(_ d: PoolService.Details, _ t: Translator) -> String {
        var parts: [String] = d.rules.map { r in
            var clauses: [String] = []
            if let n = r.noFollowUpDays { clauses.append(t("pool.rule.no_follow_up", String(n))) }
            if let m = r.noDealDays { clauses.append(t("pool.rule.no_deal", String(m))) }
            return (r.level.map { t("pool.rule.level", $0) } ?? t("pool.rule.other_levels")) + clauses.joined(separator: t("pool.rule.or"))
                + (r.warnDays > 0 ? t("pool.rule.warn", String(r.warnDays)) : "")
        }
        if let x = d.pool.claimsPerDay { parts.append(t("pool.limit.daily", String(x))) }
        if let y = d.pool.reclaimAfterDays { parts.append(t("pool.limit.reclaim", String(y))) }
        if let k = d.pool.maxHeld { parts.append(t("pool.limit.held", String(k))) }
        return parts.isEmpty ? t("pool.rule.none") : parts.joined(separator: "；")
    }

    static func claim(_ req: Request) async throws -> Response {
        let pool = try req.id()
        guard let customer = req.parameters.get("customer").flatMap({ Int64($0) }) else { throw DomainError.notFound }
        do {
            let c = try await PoolService.claim(customer, from: pool, req.services)
            return PageShell.redirect(req, to: "/crm/customers/\(c.id)", flash: "pool.claimed")
        } catch let e as DomainError where e.kind == .conflict {
            return try await refused(req, e, back: "/crm/pools?pool=\(pool)")
        }
    }

    /// A refused claim or release: the reason (which limit, until when) on a page of its own.
    static func refused(_ req: Request, _ e: DomainError, back: String) async throws -> Response {
        let t = req.t
        let html = Layout.page(PageShell.context(req), title: t("pool.refused")) {
            h("div", ["class": "flash error", "role": "alert"]) { ConcordErrorMiddleware.message(e, t) }
            h("p") { h("a", ["href": back, "class": "button"]) { t("action.back") } }
        }
        return PageShell.page(req, html, status: .conflict)
    }

    static func release(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct F: Content { var reason: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await PoolService.release(id, reason: f.reason, req.services)
            return PageShell.redirect(req, to: "/crm/customers/\(id)", flash: "pool.released")
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            return try await refused(req, e, back: "/crm/customers/\(id)")
        }
    }

    static func preview(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await PoolService.preview(days: 7, req.services)
        let owners = try await PageShell.names(.users, rows.compactMap(\.ownerId), req)
        let model = ListModel(
            basePath: "/crm/pools/preview", query: nil,
            columns: [
                .init(t("common.name")), .init(t("customer.level")), .init(t("customer.owner")), .init(t("pool.due_at")),
                .init(t("pool.reason")),
            ],
            rows: rows.map { r in
                [
                    CommonPages.link(r.name, "/crm/customers/\(r.id)"), .text(r.level ?? ""), .text(r.ownerId.flatMap { owners[$0] } ?? ""),
                    .text(CalendarDate.chinaDate(r.dueAt)), .text(t("pool.reason." + r.reason)),
                ]
            }, nextCursor: nil, emptyText: t("pool.preview.none"), searchable: false)
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("pool.preview"),
                intro: h("p", ["class": "muted"]) { t("pool.preview.hint") }, model))
    }

    // MARK: configuring a pool

    struct Form: Content {
        var name: String?; var branchId: String?; var claimsPerDay: String?; var reclaimAfterDays: String?; var maxHeld: String?;
        var active: String?
        var version: String?
        /// One row per level ("" for every other level): days without follow-up, without a deal, warning days.
        var rules: [RuleForm]?
    }
    struct RuleForm: Content { var level: String?; var noFollowUpDays: String?; var noDealDays: String?; var warnDays: String? }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.pools, .approve)
        let f = Form(
            claimsPerDay: "5", reclaimAfterDays: "30", active: "true",
            rules: [RuleForm(level: "", noFollowUpDays: "30", noDealDays: "90", warnDays: "3")])
        return try await form(req, f, id: nil)
    }

    static func edit(_ req: Request) async throws -> Response {
        try req.services.require(.pools, .approve)
        let d = try await PoolService.find(try req.id(), req.services)
        let f = Form(
            name: d.pool.name, branchId: d.pool.branchId.map(String.init), claimsPerDay: d.pool.claimsPerDay.map(String.init),
            reclaimAfterDays: d.pool.reclaimAfterDays.map(String.init), maxHeld: d.pool.maxHeld.map(String.init),
            active: String(d.pool.active),
            version: String(d.pool.version),
            rules: d.rules.map {
                RuleForm(
                    level: $0.level ?? "", noFollowUpDays: $0.noFollowUpDays.map(String.init),
                    noDealDays: $0.noDealDays.map(String.init), warnDays: String($0.warnDays))
            })
        return try await form(req, f, id: d.pool.id)
    }

    static func form(_ req: Request, _ f: Form, id: Int64?, error: (any Error)? = nil) async throws -> Response {
        let t = req.t
        let branches = try await OrganisationQueries.branches(on: req.store)
        var model = FormModel(
            action: id.map { "/crm/pools/\($0)" } ?? "/crm/pools", csrf: req.state.csrf,
            fields: [
                .init("name", label: t("common.name"), value: f.name, required: true),
                .init(
                    "branchId", label: t("pool.branch"),
                    kind: .select([("", t("pool.branch.all"))] + branches.map { (String($0.id), $0.name) }), value: f.branchId,
                    hint: t("pool.branch_hint")),
                .init("claimsPerDay", label: t("pool.claims_per_day"), kind: .number, value: f.claimsPerDay),
                .init("reclaimAfterDays", label: t("pool.reclaim_after"), kind: .number, value: f.reclaimAfterDays),
                .init("maxHeld", label: t("pool.max_held"), kind: .number, value: f.maxHeld),
                .init("active", label: t("common.active"), kind: .checkbox, value: f.active),
            ], hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"), cancelHref: "/crm/pools")
        if let error { try PageShell.attach(error, to: &model, req) }
        let levels = try await CRMSettings.values(.levels, req.store)
        let existing = Dictionary((f.rules ?? []).map { ($0.level ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let ruleRows = [""] + levels
        let html = Layout.page(PageShell.context(req), title: t(id == nil ? "pool.new" : "pool.edit")) {
            h("form", ["method": "post", "action": model.action, "class": "form pool-form"]) {
                Layout.csrfField(req.state.csrf)
                if let e = model.error { h("div", ["class": "flash error", "role": "alert"]) { e } }
                for (k, v) in model.hidden { h("input", ["type": "hidden", "name": k, "value": v]) }
                for field in model.fields { FormView.field(field, t) }
                h("h2") { t("pool.rules") }
                h("p", ["class": "hint"]) { t("pool.rules_hint") }
                h("div", ["class": "table-wrap"]) {
                    h("table", ["class": "data"]) {
                        h("thead") {
                            h("tr") {
                                h("th") { t("customer.level") }; h("th") { t("pool.no_follow_up_days") }; h("th") { t("pool.no_deal_days") }
                                h("th") { t("pool.warn_days") }
                            }
                        }
                        h("tbody") {
                            for (i, level) in ruleRows.enumerated() {
                                let r = existing[level]
                                h("tr") {
                                    h("td") {
                                        h("input", ["type": "hidden", "name": "rules[\(i)][level]", "value": level])
                                        level.isEmpty ? t("pool.rule.other_levels_short") : level
                                    }
                                    h("td") {
                                        h(
                                            "input",
                                            [
                                                "name": "rules[\(i)][noFollowUpDays]", "inputmode": "numeric", "size": "5",
                                                "value": r?.noFollowUpDays ?? "",
                                                "aria-label": t("pool.no_follow_up_days"),
                                            ])
                                    }
                                    h("td") {
                                        h(
                                            "input",
                                            [
                                                "name": "rules[\(i)][noDealDays]", "inputmode": "numeric", "size": "5",
                                                "value": r?.noDealDays ?? "",
                                                "aria-label": t("pool.no_deal_days"),
                                            ])
                                    }
                                    h("td") {
                                        h(
                                            "input",
                                            [
                                                "name": "rules[\(i)][warnDays]", "inputmode": "numeric", "size": "5",
                                                "value": r?.warnDays ?? "",
                                                "aria-label": t("pool.warn_days"),
                                            ])
                                    }
                                }
                            }
                        }
                    }
                }
                h("div", ["class": "form-actions"]) {
                    h("button", ["type": "submit", "class": "primary"]) { t("action.save") }
                    h("a", ["href": "/crm/pools", "class": "button"]) { t("action.cancel") }
                }
            }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        func number(_ s: String?, _ field: String) throws -> Int64? {
            guard let s = s?.trimmingCharacters(in: .whitespaces), !s.isEmpty else { return nil }
            guard let n = Int64(s) else { throw DomainError.invalid(field, code: "out_of_range", args: [field]) }
            return n
        }
        do {
            var rules: [PoolService.RuleInput] = []
            for (i, r) in (f.rules ?? []).enumerated() {
                let n = try number(r.noFollowUpDays, "rules[\(i)].noFollowUpDays"), m = try number(r.noDealDays, "rules[\(i)].noDealDays")
                if n == nil && m == nil { continue }
                rules.append(
                    .init(
                        level: (r.level ?? "").isEmpty ? nil : r.level, noFollowUpDays: n, noDealDays: m,
                        warnDays: try number(r.warnDays, "rules[\(i)].warnDays")))
            }
            let input = PoolService.Input(
                name: f.name, branchId: PageShell.id(f.branchId), claimsPerDay: try number(f.claimsPerDay, "claimsPerDay"),
                reclaimAfterDays: try number(f.reclaimAfterDays, "reclaimAfterDays"), maxHeld: try number(f.maxHeld, "maxHeld"),
                active: f.active == "true", rules: rules)
            let d =
                if let id { try await PoolService.update(id, input, version: PageShell.id(f.version), req.services) } else {
                    try await PoolService.create(input, req.services)
                }
            return PageShell.redirect(req, to: "/crm/pools?pool=\(d.pool.id)", flash: "pool.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, id: id, error: e)
        }
    }
}

/// The notifications inbox.
enum NotificationPages {
    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let page = try await NotificationService.list(unreadOnly: false, limit: limit, cursor: cursor, req.services)
        var model = ListModel(
            basePath: "/notifications", query: nil, columns: [.init(t("notify.when")), .init(t("notify.message")), .init("")],
            rows: page.items.map { n in
                [
                    .text(PageShell.date(n.createdAt, req.state.lang)),
                    h("span", ["class": n.readAt == nil ? "unread" : nil]) {
                        if let link = n.link {
                            h("a", ["href": link]) { t.format(n.kind, NotificationService.args(n)) }
                        } else {
                            t.format(n.kind, NotificationService.args(n))
                        }
                    },
                    n.readAt == nil
                        ? CommonPages.actionButton(t("notify.mark_read"), action: "/notifications/\(n.id)/read", csrf: req.state.csrf)
                        : .text(""),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("notify.none"), searchable: false)
        model.onLaterPage = cursor != nil
        let html = Layout.page(PageShell.context(req), title: t("notify.title")) {
            h("div", ["class": "actions"]) {
                CommonPages.actionButton(t("notify.mark_all"), action: "/notifications/read-all", csrf: req.state.csrf)
            }
            ListView.render(model, t)
        }
        return PageShell.page(req, html)
    }

    static func read(_ req: Request) async throws -> Response {
        try await NotificationService.markRead(try req.id(), req.services)
        return PageShell.redirect(req, to: "/notifications")
    }

    static func readAll(_ req: Request) async throws -> Response {
        try await NotificationService.markRead(nil, req.services)
        return PageShell.redirect(req, to: "/notifications", flash: "notify.all_read")
    }
}
