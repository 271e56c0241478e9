import Foundation
import Kernel
import Paths
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
        let filter = try CRMFilters.customers(req)
        let page = try await CustomerService.list(filter: filter, limit: limit, cursor: cursor, req.services)
        let owners = try await PageShell.names(.users, page.items.compactMap(\.ownerId), req)
        let lists = try await CRMSettings.all(req.store)
        var model = ListModel(
            basePath: Paths.CRM.customers(), query: q,
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
                    CommonPages.link(c.name, Paths.CRM.customer(c.id)), .text(c.level ?? ""), .text(t("customer.status." + c.status)),
                    .text(c.ownerId.flatMap { owners[$0] } ?? t("customer.in_pool")), .text(c.phone ?? ""),
                    .text(c.lastActivityAt.map { PageShell.date($0, req.state.lang) } ?? "—"),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.filters += try await CustomFieldForms.filters(.customer, req)
        model.onLaterPage = cursor != nil
        // A manager picks customers and hands them to one person at once.
        if let p = req.state.principal, p.can(.customers, .approve), !page.items.isEmpty {
            let people = try await PageShell.people(in: p.rowScope(.customers, .edit) ?? .all, req)
            model.bulk = .init(
                ids: page.items.map { String($0.id) }, action: Paths.CRM.bulkTransferCustomers(), csrf: req.state.csrf,
                choiceName: "ownerId", choiceLabel: t("customer.transfer_to"), choices: people.map { (String($0.id), $0.name) },
                reasonLabel: t("field.reason"), submitLabel: t("customer.bulk_transfer"))
        }
        var actions: [PageAction] = []
        if req.state.principal?.can(.customers, .create) == true {
            actions.append(PageAction(label: t("customer.new"), href: Paths.CRM.newCustomer(), primary: true))
        }
        actions += Exports.actions(req, .customers, Paths.CRM.exportCustomers)
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("customer.title"), actions: actions,
                intro: CommonPages.hint(t("customer.search_hint")), model))
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
            return PageShell.redirect(req, to: Paths.CRM.customer(c.id), flash: "customer.saved")
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
        var model = FormModel(
            action: id.map { Paths.CRM.customer($0) } ?? Paths.CRM.customers(), csrf: req.state.csrf, fields: fields,
            hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"),
            cancelHref: id.map { Paths.CRM.customer($0) } ?? Paths.CRM.customers())
        AddressPicker.apply(to: &model)
        return model
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
    /// The customer's trade as this person may see it: opportunities, quotes, contracts with their
    /// plans, receivables, orders and deliveries.
    static func tradeBlocks(_ c: PartnerRow, canEdit: Bool, _ req: Request) async throws -> [CustomerProfileModel.Block] {
        let t = req.t
        let p = req.state.principal
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
                            CommonPages.link(o.name, Paths.CRM.opportunity(o.id)), .text(Money(fen: o.amount).description),
                            .text(stages.first { $0.id == o.stageId }?.name ?? ""), .text(o.expectedClose ?? ""),
                        ]
                    },
                    empty: t("customer.none.opportunities"),
                    more: canEdit && (p?.can(.opportunities, .create) ?? true)
                        ? (t("opportunity.new"), Paths.CRM.newOpportunity() + "?partnerId=\(c.id)") : nil))
        }
        if p?.can(.quotes, .view) ?? true {
            let quotes = try await QuoteService.list(.init(partnerId: c.id), limit: 10, cursor: nil, req.services).items
            blocks.append(
                .init(
                    title: t("customer.section.quotes"),
                    columns: [t("stock.number"), t("deal.amount"), t("quote.valid_until"), t("common.status")],
                    rows: quotes.map { q in
                        [
                            CommonPages.link(q.number, Paths.Contracts.quote(q.id)), .text(Money(fen: q.totalAmount).description),
                            .text(q.validUntil), .text(t("quote.status." + q.status)),
                        ]
                    },
                    empty: t("customer.none.quotes"),
                    more: p?.can(.quotes, .create) ?? true ? (t("quote.new"), Paths.Contracts.newQuote() + "?partnerId=\(c.id)") : nil))
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
                            CommonPages.link(k.number, Paths.Contracts.contract(k.id)), .text(Money(fen: k.totalAmount).description),
                            .text(k.endDate),
                            .text(t("contract.status." + k.status)), .text(plan.map { Money(fen: $0.due).description } ?? "—"),
                            .text(plan.map { Money(fen: $0.collected).description } ?? "—"),
                        ]
                    },
                    empty: t("customer.none.contracts"),
                    more: p?.can(.contracts, .create) ?? true
                        ? (t("contract.new.sales"), Paths.Contracts.newContract() + "?kind=sales&partnerId=\(c.id)") : nil))
        }
        if p?.can(.cash, .view) ?? true {
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
                    more: (t("customer.receivables_detail"), Paths.Cash.receivables() + "?partnerId=\(c.id)&groupBy=document")))
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
                                o.number, Paths.Inventory.order(o.id),
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
                                d.number, Paths.Inventory.document(d.id),
                                if: scope.contains(branch: d.branchId, department: nil, owner: d.ownerId)),
                            .text(t("stock.type." + d.docType)),
                            .text(d.postingDate), .text(t("stock.status." + d.status)),
                        ]
                    },
                    empty: t("customer.none.deliveries")))
        }
        return blocks
    }

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
            (t("partner.phone"), c.phone.map(CustomerViews.phone) ?? .text("—")),
            (t("user.email"), c.email.map(CustomerViews.email) ?? .text("—")),
            (
                t("customer.website"),
                c.website.map(CustomerViews.website) ?? .text("—")
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
        if let fact = try await CampaignPages.fact(c.campaignId, label: t("campaign.brought_by"), req) { facts.append(fact) }

        var badges: [(String, String)] = []
        if let l = c.level { badges.append((t("customer.level") + " " + l, "")) }
        badges.append((t("customer.status." + c.status), c.status == "active" ? "ok" : ""))
        for tag in c.tagList { badges.append(("#" + tag, "tag")) }
        if c.isSupplier { badges.append((t("partner.supplier"), "")) }

        var actions: [PageAction] = []
        if canEdit { actions.append(PageAction(label: t("action.edit"), href: Paths.CRM.editCustomer(c.id))) }
        actions.append(PageAction(label: t("customer.print"), href: Paths.CRM.printCustomer(c.id)))
        actions.append(PageAction(label: t("group.title_short"), href: Paths.CRM.customerGroup(c.id)))
        actions.append(PageAction(label: t("datamap.customer_link"), href: Paths.DataMap.customer(c.id)))

        let mayLog = p?.can(.activities, .create) ?? true
        let worksOn = CustomerService.allows(c, .view, req.services)
        let followUp =
            mayLog && c.ownerId != nil && worksOn
            ? draft
                ?? FollowUpForm(
                    action: Paths.CRM.activities(), csrf: req.state.csrf, partnerId: String(c.id),
                    contacts: contacts.map { (String($0.id), $0.name) })
            : nil

        var blocks = try await tradeBlocks(c, canEdit: canEdit, req)

        let group = try await groupNodes(c, req)
        var buttons: [Node] = []
        if canEdit, c.ownerId != nil {
            let candidates = try await PageShell.people(in: p?.rowScope(.customers, .edit) ?? .all, req).filter { $0.id != c.ownerId }
            if !candidates.isEmpty {
                buttons.append(CustomerViews.transferForm(customerId: c.id, to: candidates, csrf: req.state.csrf, t))
            }
        }
        let mayMove = p?.can(.pools, .edit) ?? true
        if mayMove, c.ownerId == nil, let pool = c.poolId {
            buttons.append(CommonPages.actionButton(t("pool.claim"), action: Paths.CRM.claimFromPool(pool, c.id), csrf: req.state.csrf))
        }
        if mayMove, canEdit, c.ownerId != nil {
            buttons.append(CustomerViews.releaseForm(customerId: c.id, csrf: req.state.csrf, t))
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
                    editHref: canEdit ? Paths.CRM.editContact(k.id) : nil)
            },
            addContactHref: canEdit ? Paths.CRM.newContact() + "?partnerId=\(c.id)" : nil,
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
            moreActivitiesHref: activities.nextCursor.map { Paths.CRM.activities() + "?partnerId=\(c.id)&cursor=\($0)" },
            followUp: followUp, group: group, blocks: blocks, buttons: buttons)
        return PageShell.page(req, CustomerPages.profile(PageShell.context(req), model), status: draft == nil ? .ok : .unprocessableEntity)
    }

    static func transfer(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct F: Content { var ownerId: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await CustomerService.transfer(id, to: PageShell.id(f.ownerId), reason: nil, req.services)
            return PageShell.redirect(req, to: Paths.CRM.customer(id), flash: "customer.transferred")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.CRM.customer(id), flash: "customer.not_transferred", kind: .error)
        }
    }

    static func bulkTransfer(_ req: Request) async throws -> Response {
        struct F: Content { var ids: [String]?; var ownerId: String?; var reason: String? }
        let f = try req.content.decode(F.self)
        do {
            let moved = try await CustomerService.transfer(
                (f.ids ?? []).compactMap(Int64.init), to: PageShell.id(f.ownerId), reason: f.reason, req.services)
            return PageShell.redirect(req, to: Paths.CRM.customers(), flash: "customer.bulk_transferred", args: [String(moved.count)])
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict || e.kind == .notFound {
            return PageShell.redirect(
                req, to: Paths.CRM.customers(), flash: "customer.bulk_refused", args: [ConcordErrorMiddleware.message(e, req.t)],
                kind: .error)
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
                    depth: depth, label: name, href: group.names[id] == nil ? nil : Paths.CRM.customer(id), kind: kind, current: id == c.id)
            )
            for l in children[id] ?? [] where out.count < 500 { walk(l.childId, depth: depth + 1, kind: t("relation.kind." + l.kind)) }
        }
        walk(group.root, depth: 0, kind: "")
        return out
    }

    /// Coordinates with a link that opens a map (the browser leaves for the map site).
    static func location(_ lat: Int64?, _ lng: Int64?, label: String, _ t: Translator) -> Node {
        guard let lat, let lng else { return .text("—") }
        return CustomerViews.map(
            Fmt.degrees(lat)! + ", " + Fmt.degrees(lng)! + " · " + t("customer.open_map"), href: mapLink(lat, lng, label: label))
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
        let html = CustomerViews.print(
            req.state.lang, name: c.name,
            facts: [
                (t("common.code"), .text(c.code)), (t("partner.uscc"), .text(c.uscc ?? "—")), (t("partner.phone"), .text(c.phone ?? "—")),
                (t("partner.address"), .text(c.address ?? "—")), (t("customer.level"), .text(c.level ?? "—")),
                (t("common.status"), .text(t("customer.status." + c.status))),
            ],
            contacts: contacts.map { k in
                [k.name, k.title ?? "", [k.mobile, k.phone].compactMap { $0 }.joined(separator: " "), k.email ?? ""]
            })
        return PageShell.page(req, html)
    }
}
