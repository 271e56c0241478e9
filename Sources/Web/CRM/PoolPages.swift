import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

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
                    CommonPages.link(c.name, Paths.CRM.customer(c.id)), .text(c.level ?? ""), .text(c.industry ?? ""), .text(c.city ?? ""),
                    .text(c.previousOwnerId.flatMap { previous[$0] } ?? "—"),
                    .text(c.releasedAt.map { PageShell.date($0, req.state.lang) } ?? "—"),
                    canClaim
                        ? CommonPages.actionButton(t("pool.claim"), action: Paths.CRM.claimFromPool(selected, c.id), csrf: req.state.csrf)
                        : .text(""),
                ]
            }
        }
        var model = ListModel(
            basePath: Paths.CRM.pools(), query: q,
            filters: [
                .init(
                    name: "pool", label: t("pool.one"), options: pools.map { (String($0.pool.id), $0.pool.name) },
                    selected: selected.map(String.init))
            ],
            columns: [
                .init(t("common.name")), .init(t("customer.level")), .init(t("customer.industry")), .init(t("customer.city")),
                .init(t("pool.previous_owner")), .init(t("pool.released_at")), .init(t("common.actions")),
            ],
            rows: rows, nextCursor: next, emptyText: pools.isEmpty ? t("pool.none") : t("pool.empty"))
        model.onLaterPage = cursor != nil
        var actions = [PageAction(label: t("pool.preview"), href: Paths.CRM.poolPreview())]
        if req.state.principal?.can(.pools, .approve) ?? true {
            actions.append(PageAction(label: t("pool.new"), href: Paths.CRM.newPool()))
            if let s = selected { actions.append(PageAction(label: t("pool.edit"), href: Paths.CRM.editPool(s))) }
        }
        let rules = pools.first { $0.pool.id == selected }.map { CommonPages.hint(describe($0, t)) }
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
            return PageShell.redirect(req, to: Paths.CRM.customer(c.id), flash: "pool.claimed")
        } catch let e as DomainError where e.kind == .conflict {
            return try await refused(req, e, back: Paths.CRM.pools() + "?pool=\(pool)")
        }
    }

    /// A refused claim or release: the reason (which limit, until when) on a page of its own.
    static func refused(_ req: Request, _ e: DomainError, back: String) async throws -> Response {
        let html = PoolViews.refused(PageShell.context(req), message: ConcordErrorMiddleware.message(e, req.t), back: back)
        return PageShell.page(req, html, status: .conflict)
    }

    static func release(_ req: Request) async throws -> Response {
        let id = try req.id()
        struct F: Content { var reason: String? }
        let f = try req.content.decode(F.self)
        do {
            _ = try await PoolService.release(id, reason: f.reason, req.services)
            return PageShell.redirect(req, to: Paths.CRM.customer(id), flash: "pool.released")
        } catch let e as DomainError where e.kind == .conflict || e.kind == .invalid {
            return try await refused(req, e, back: Paths.CRM.customer(id))
        }
    }

    static func preview(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await PoolService.preview(days: 7, req.services)
        let owners = try await PageShell.names(.users, rows.compactMap(\.ownerId), req)
        let model = ListModel(
            basePath: Paths.CRM.poolPreview(), query: nil,
            columns: [
                .init(t("common.name")), .init(t("customer.level")), .init(t("customer.owner")), .init(t("pool.due_at")),
                .init(t("pool.reason")),
            ],
            rows: rows.map { r in
                [
                    CommonPages.link(r.name, Paths.CRM.customer(r.id)), .text(r.level ?? ""), .text(r.ownerId.flatMap { owners[$0] } ?? ""),
                    .text(CalendarDate.chinaDate(r.dueAt)), .text(t("pool.reason." + r.reason)),
                ]
            }, nextCursor: nil, emptyText: t("pool.preview.none"), searchable: false)
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("pool.preview"),
                intro: CommonPages.hint(t("pool.preview.hint")), model))
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
            action: id.map { Paths.CRM.pool($0) } ?? Paths.CRM.pools(), csrf: req.state.csrf,
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
            ], hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"), cancelHref: Paths.CRM.pools())
        if let error { try PageShell.attach(error, to: &model, req) }
        let levels = try await CRMSettings.values(.levels, req.store)
        let existing = Dictionary((f.rules ?? []).map { ($0.level ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let rules = ([""] + levels).map { level in
            let r = existing[level]
            return PoolViews.Rule(
                level: level, noFollowUpDays: r?.noFollowUpDays ?? "", noDealDays: r?.noDealDays ?? "", warnDays: r?.warnDays ?? "")
        }
        let html = PoolViews.form(PageShell.context(req), title: t(id == nil ? "pool.new" : "pool.edit"), model, rules: rules)
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
            return PageShell.redirect(req, to: Paths.CRM.pools() + "?pool=\(d.pool.id)", flash: "pool.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await form(req, f, id: id, error: e)
        }
    }
}
