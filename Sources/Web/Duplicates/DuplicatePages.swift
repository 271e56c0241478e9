import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 客户管理 → 重复客户: the finder's pairs to review, the merge page (field by field), the merges
/// made and their undo.
enum DuplicatePages {
    /// What a review list finds duplicates of: its addresses, where a record opens, its words.
    struct Kind: Sendable {
        var entity: DuplicateService.Entity
        var review: PagePath
        var scan: PagePath
        var dismiss: PagePath
        var merge: PagePath

        static let customers = Kind(
            entity: .customer, review: Paths.Duplicates.review, scan: Paths.Duplicates.scan, dismiss: Paths.Duplicates.dismiss,
            merge: Paths.Duplicates.merge)
        static let contacts = Kind(
            entity: .contact, review: Paths.Duplicates.contacts, scan: Paths.Duplicates.contactScan,
            dismiss: Paths.Duplicates.contactDismiss, merge: Paths.Duplicates.contactMerge)

        static let products = Kind(
            entity: .product, review: Paths.Duplicates.products, scan: Paths.Duplicates.productScan,
            dismiss: Paths.Duplicates.productDismiss, merge: Paths.Duplicates.productMerge)
        static let all = [customers, contacts, products]

        static func of(_ entity: String) -> Kind { all.first { $0.entity.rawValue == entity } ?? .customers }

        func link(_ id: Int64) -> String {
            switch entity {
            case .customer: Paths.CRM.customer(id)
            case .contact: Paths.CRM.contact(id)
            case .product: Paths.Inventory.product(id)
            }
        }

        /// The kind's own word for `key` (`duplicates.contact.title`), the customers' otherwise.
        func key(_ key: String) -> String { entity == .customer ? "duplicates." + key : "duplicates.\(entity.rawValue)." + key }

        /// The right a merge takes (and editing the records).
        func mayMerge(_ req: Request) -> Bool {
            guard let p = req.state.principal else { return false }
            return p.can(entity.module, .edit) && p.can(entity.module, entity.mergeRight)
        }
    }

    static func mayMerge(_ req: Request) -> Bool { Kind.customers.mayMerge(req) }

    static func review(_ kind: Kind) -> @Sendable (Request) async throws -> Response {
        { req in
            let t = req.t
            let lang = req.state.lang
            let (limit, cursor) = try req.paging()
            let cluster = try APIID.query(req, "cluster")
            let (latest, pending) = try await DuplicateService.status(entity: kind.entity, req.services)
            let (_, page) = try await DuplicateService.pairs(
                entity: kind.entity, cluster: cluster, limit: limit, cursor: cursor, req.services)
            let merge = kind.mayMerge(req)
            let csrf = req.state.csrf
            var model = ListModel(
                basePath: kind.review(), query: cluster.map { "cluster=\($0)" },
                columns: [
                    .init(t("duplicates.a")), .init(t("duplicates.b")), .init(t("duplicates.score"), numeric: true),
                    .init(t("duplicates.reasons")), .init(t("common.actions")),
                ],
                rows: page.items.map { p in
                    var actions: [Node] = [CommonPages.link(t("duplicates.cluster"), kind.review() + "?cluster=\(p.clusterId)")]
                    if merge {
                        actions.append(CommonPages.link(t("duplicates.merge"), kind.merge() + "?survivor=\(p.aId)&merged=\(p.bId)"))
                        actions.append(
                            CommonPages.actionButton(t("duplicates.dismiss"), action: kind.dismiss() + "?a=\(p.aId)&b=\(p.bId)", csrf: csrf)
                        )
                    }
                    return [
                        CommonPages.link("\(p.aName) (\(p.aCode))", kind.link(p.aId)),
                        CommonPages.link("\(p.bName) (\(p.bCode))", kind.link(p.bId)),
                        .text(String(p.score)),
                        .text(p.reasons.split(separator: ",").map { t("duplicates.reason." + $0) }.joined(separator: "、")),
                        .fragment(actions),
                    ]
                }, nextCursor: page.nextCursor, emptyText: t(latest == nil ? "duplicates.never_scanned" : "duplicates.none"),
                searchable: false)
            model.emptyHelp = t(merge ? kind.key("empty_help") : "duplicates.empty_help_view")
            model.onLaterPage = cursor != nil
            var actions: [PageAction] =
                Kind.all.filter { $0.entity != kind.entity && req.state.principal?.can($0.entity.module, .view) == true }.map {
                    PageAction(label: t($0.key("title")), href: $0.review())
                }
                + (req.state.principal?.can(.customers, .view) == true
                    ? [PageAction(label: t("quality.title"), href: Paths.Duplicates.quality())] : []) + [
                    PageAction(label: t("duplicates.merges"), href: Paths.Duplicates.merges() + "?entity=" + kind.entity.rawValue)
                ]
            var status: [Node] = []
            if let s = latest {
                status.append(
                    CommonPages.hint(
                        t(kind.key("last_scan"), PageShell.date(s.finishedAt, lang), String(s.scanned), String(s.pairs), String(s.clusters))
                    ))
            }
            if pending != nil {
                status.append(CommonPages.hint(t("duplicates.scanning")))
            } else if merge {
                status.append(CommonPages.actionButton(t("duplicates.scan_now"), action: kind.scan(), csrf: csrf))
            }
            if cluster != nil { actions.insert(PageAction(label: t("duplicates.all_pairs"), href: kind.review()), at: 0) }
            return PageShell.page(
                req,
                CommonPages.list(
                    PageShell.context(req), title: t(kind.key("title")), actions: actions,
                    intro: .fragment([CommonPages.hint(t(kind.key("intro")))] + status), model))
        }
    }

    static func scan(_ kind: Kind) -> @Sendable (Request) async throws -> Response {
        { req in
            _ = try await DuplicateService.startScan(entity: kind.entity, req.services)
            return PageShell.redirect(req, to: kind.review(), flash: "duplicates.scan_started")
        }
    }

    static func dismiss(_ kind: Kind) -> @Sendable (Request) async throws -> Response {
        { req in
            guard let a = try APIID.query(req, "a"), let b = try APIID.query(req, "b") else { throw DomainError.notFound }
            try await DuplicateService.dismiss(a, b, entity: kind.entity, req.services)
            return PageShell.redirect(req, to: kind.review(), flash: "duplicates.dismissed")
        }
    }

    struct MergeForm: Content {
        var survivor: String?
        var merged: String?
        var survivorVersion: String?
        var mergedVersion: String?
        var choice: [String: String]?
    }

    /// A merge's preview as the page shows it, for either kind.
    struct Preview {
        var survivor: (id: Int64, label: String, version: Int64)
        var merged: (id: Int64, label: String, version: Int64)
        var fields: [MergeService.Side]
        var moves: [String: Int]
    }

    static func preview(_ kind: Kind, survivor s: Int64, merged m: Int64, _ req: Request) async throws -> Preview {
        if kind.entity == .contact {
            let p = try await ContactMergeService.preview(survivor: s, merged: m, req.services)
            let firms = try await PageShell.names(.partners, [p.survivor.partnerId, p.merged.partnerId], req)
            func label(_ c: ContactRow) -> String { c.name + " (" + (firms[c.partnerId] ?? "") + ")" }
            return Preview(
                survivor: (p.survivor.id, label(p.survivor), p.survivor.version), merged: (p.merged.id, label(p.merged), p.merged.version),
                fields: p.fields, moves: p.moves)
        }
        if kind.entity == .product {
            let p = try await ProductMergeService.preview(survivor: s, merged: m, req.services)
            return Preview(
                survivor: (p.survivor.id, "\(p.survivor.name) (\(p.survivor.code))", p.survivor.version),
                merged: (p.merged.id, "\(p.merged.name) (\(p.merged.code))", p.merged.version), fields: p.fields, moves: p.moves)
        }
        let p = try await MergeService.preview(survivor: s, merged: m, req.services)
        return Preview(
            survivor: (p.survivor.id, "\(p.survivor.name) (\(p.survivor.code))", p.survivor.version),
            merged: (p.merged.id, "\(p.merged.name) (\(p.merged.code))", p.merged.version), fields: p.fields, moves: p.moves)
    }

    /// The two side by side: for each field that differs, which value the survivor keeps.
    static func mergePage(_ kind: Kind) -> @Sendable (Request) async throws -> Response {
        { req in
            guard let s = try APIID.query(req, "survivor"), let m = try APIID.query(req, "merged") else { throw DomainError.notFound }
            return try await mergeForm(kind, req, survivor: s, merged: m, chosen: [:], error: nil)
        }
    }

    static func mergeForm(
        _ kind: Kind, _ req: Request, survivor s: Int64, merged m: Int64, chosen: [String: String], error: (any Error)?
    ) async throws -> Response {
        let t = req.t
        let p = try await preview(kind, survivor: s, merged: m, req)
        let owners = try await names(p.fields.first { $0.field == "owner" }.map { [$0.survivor, $0.merged] } ?? [], req)
        let firms = try await PageShell.names(
            .partners,
            (p.fields.first { $0.field == "customer" }.map { [$0.survivor, $0.merged] } ?? []).compactMap { $0.flatMap(Int64.init) },
            req)
        func shown(_ side: MergeService.Side, _ v: String?) -> String {
            guard let v else { return t("duplicates.empty_value") }
            if side.field == "owner" { return owners[v] ?? v }
            if side.field == "customer" { return Int64(v).flatMap { firms[$0] } ?? v }
            return String(v.prefix(80))
        }
        let fields: [FormModel.Field] = p.fields.filter { $0.survivor != $0.merged }.map { side in
            .init(
                "choice[\(side.field)]", label: t(kind.key("field." + side.field)),
                kind: .select([
                    ("survivor", t("duplicates.keep", shown(side, side.survivor))),
                    ("merged", t("duplicates.take", shown(side, side.merged))),
                ]), value: chosen[side.field] ?? side.proposed)
        }
        var form = FormModel(
            action: kind.merge(), csrf: req.state.csrf, fields: fields,
            hidden: [
                ("survivor", String(s)), ("merged", String(m)), ("survivorVersion", String(p.survivor.version)),
                ("mergedVersion", String(p.merged.version)),
            ], submitLabel: t("duplicates.merge_submit"), cancelHref: kind.review())
        form.idPrefix = "merge-"
        if let error { try PageShell.attach(error, to: &form, req) }
        let facts: [(String, Node)] = [
            (t(kind.key("survivor")), CommonPages.link(p.survivor.label, kind.link(p.survivor.id))),
            (t(kind.key("merged")), CommonPages.link(p.merged.label, kind.link(p.merged.id))),
            (t(kind.key("moving")), .text(moves(p.moves, t))),
        ]
        let html = Layout.page(PageShell.context(req), title: t(kind.key("merge_title"))) {
            CommonPages.factList(facts)
            CommonPages.hint(t("duplicates.merge_hint", String(MergeService.undoDays)))
            CommonPages.link(t("duplicates.swap"), kind.merge() + "?survivor=\(m)&merged=\(s)")
            FormView.render(form, t)
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    /// What moves (or moved), in words: 跟进记录 3 条、商机 1 个.
    static func moves(_ moves: [String: Int], _ t: Translator) -> String {
        guard !moves.isEmpty else { return t("duplicates.nothing_moves") }
        return moves.sorted { $0.key < $1.key }.map {
            t("duplicates.moves." + $0.key.replacingOccurrences(of: ".", with: "_"), String($0.value))
        }.joined(separator: "、")
    }

    static func names(_ ids: [String?], _ req: Request) async throws -> [String: String] {
        var out: [String: String] = [:]
        for id in ids.compactMap({ $0 }) {
            if let n = Int64(id), let u = try await OrganisationQueries.user(n, on: req.services.store) { out[id] = u.displayName }
        }
        return out
    }

    static func merge(_ kind: Kind) -> @Sendable (Request) async throws -> Response {
        { req in
            let f = try req.content.decode(MergeForm.self)
            guard let s = PageShell.id(f.survivor), let m = PageShell.id(f.merged) else { throw DomainError.notFound }
            // `choice[name]=merged`: the form's fields decode as one dictionary.
            let choices = f.choice ?? [:]
            do {
                let mg = try await DuplicatesAPI.merging(
                    kind.entity, survivor: s, merged: m, choices: choices,
                    versions: (PageShell.id(f.survivorVersion), PageShell.id(f.mergedVersion)), req.services)
                return PageShell.redirect(req, to: Paths.Duplicates.mergeRecord(mg.id), flash: "duplicates.merged_flash")
            } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
                return try await mergeForm(kind, req, survivor: s, merged: m, chosen: choices, error: e)
            }
        }
    }

    static func merges(_ req: Request) async throws -> Response {
        let t = req.t
        let lang = req.state.lang
        let (limit, cursor) = try req.paging()
        let entity = try entityQuery(req)
        let kind = Kind.of(entity.rawValue)
        let page = try await MergeService.list(entity: entity, limit: limit, cursor: cursor, req.services)
        let people = try await names(page.items.map { $0.createdBy.map(String.init) }, req)
        var model = ListModel(
            basePath: Paths.Duplicates.merges(), query: "entity=" + entity.rawValue,
            columns: [
                .init(t("duplicates.merged_at")), .init(t("duplicates.survivor")), .init(t("duplicates.merged")), .init(t("duplicates.by")),
                .init(t("common.status")),
            ],
            rows: page.items.map { mg in
                [
                    CommonPages.link(PageShell.date(mg.createdAt, lang), Paths.Duplicates.mergeRecord(mg.id)),
                    CommonPages.link(String(mg.survivorId), kind.link(mg.survivorId)),
                    .text(mg.mergedName), .text(mg.createdBy.flatMap { people[String($0)] } ?? ""), status(mg, t, lang),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("duplicates.no_merges"), searchable: false)
        model.emptyHelp = t("duplicates.merges_help")
        model.onLaterPage = cursor != nil
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("duplicates.merges"),
                actions: [
                    PageAction(label: t(kind.key("title")), href: kind.review())
                ]
                    + Kind.all.filter { $0.entity != kind.entity && req.state.principal?.can($0.entity.module, .view) == true }.map {
                        PageAction(
                            label: t("duplicates.merges_" + $0.entity.rawValue),
                            href: Paths.Duplicates.merges() + "?entity=" + $0.entity.rawValue)
                    }, model))
    }

    /// `?entity=customer` (the default) or `contact`, else 400 naming it.
    static func entityQuery(_ req: Request) throws -> DuplicateService.Entity {
        guard let text = req.query[String.self, at: "entity"], !text.isEmpty else { return .customer }
        guard let e = DuplicateService.Entity(rawValue: text) else {
            throw DomainError(.badRequest, code: "wrong_type", field: "entity", args: ["entity"])
        }
        return e
    }

    /// The two records of a merge as they were, in words (`name (code)`; a contact with its customer).
    static func labels(_ mg: MergeRow, _ req: Request) async throws -> (survivor: String, merged: String) {
        if mg.entity == DuplicateService.Entity.contact.rawValue {
            let (before, merged) = try ContactMergeService.records(mg)
            let firms = try await PageShell.names(.partners, [before.partnerId, merged.partnerId], req)
            return (before.name + " (" + (firms[before.partnerId] ?? "") + ")", merged.name + " (" + (firms[merged.partnerId] ?? "") + ")")
        }
        if mg.entity == DuplicateService.Entity.product.rawValue {
            let (before, merged) = try ProductMergeService.records(mg)
            return ("\(before.product.name) (\(before.product.code))", "\(merged.product.name) (\(merged.product.code))")
        }
        let (before, merged) = try MergeService.records(mg)
        return ("\(before.name) (\(before.code))", "\(merged.name) (\(merged.code))")
    }

    static func status(_ mg: MergeRow, _ t: Translator, _ lang: Lang) -> Node {
        if mg.undoneAt != nil { return CommonPages.badge(t("duplicates.undone"), "warn") }
        return CommonPages.badge(t("duplicates.undo_until", PageShell.date(mg.createdAt + MergeService.undoDays * 86_400_000, lang)), "ok")
    }

    static func record(_ req: Request) async throws -> Response {
        let t = req.t
        let lang = req.state.lang
        let mg = try await MergeService.find(try req.id(), req.services)
        let kind = Kind.of(mg.entity)
        let (before, merged) = try await labels(mg, req)
        let people = try await names([mg.createdBy.map(String.init), mg.undoneBy.map(String.init)], req)
        var facts: [(String, Node)] = [
            (t(kind.key("survivor")), CommonPages.link(before, kind.link(mg.survivorId))),
            (t(kind.key("merged")), mg.undoneAt == nil ? .text(merged) : CommonPages.link(merged, kind.link(mg.mergedId))),
            (t("duplicates.merged_at"), .text(PageShell.date(mg.createdAt, lang))),
            (t("duplicates.by"), .text(mg.createdBy.flatMap { people[String($0)] } ?? "")),
            (t("duplicates.moved"), .text(moves(MergeService.moved(mg), t))),
            (t("common.status"), status(mg, t, lang)),
        ]
        if let at = mg.undoneAt {
            facts.append(
                (t("duplicates.undone_at"), .text(PageShell.date(at, lang) + " " + (mg.undoneBy.flatMap { people[String($0)] } ?? ""))))
        }
        let mayUndo = mg.undoneAt == nil && kind.mayMerge(req)
        return PageShell.page(
            req,
            CommonPages.detail(PageShell.context(req), title: t("duplicates.merge_record"), facts: facts) {
                if mayUndo {
                    CommonPages.hint(t("duplicates.undo_hint"))
                    CommonPages.actionButton(
                        t("duplicates.undo"), action: Paths.Duplicates.undo(mg.id), csrf: req.state.csrf,
                        confirm: t("duplicates.undo_confirm"),
                        danger: true)
                }
            })
    }

    static func undo(_ req: Request) async throws -> Response {
        let id = try req.id()
        do {
            _ = try await MergeService.undo(id, req.services)
            return PageShell.redirect(req, to: Paths.Duplicates.mergeRecord(id), flash: "duplicates.undone_flash")
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Duplicates.mergeRecord(id), error: e)
        }
    }

    /// `?check=`: one of the cleansing checks, else 400 naming it.
    static func check(_ req: Request) throws -> QualityService.Check? {
        guard let text = req.query[String.self, at: "check"], !text.isEmpty else { return nil }
        guard let c = QualityService.Check(rawValue: text) else {
            throw DomainError(.badRequest, code: "wrong_type", field: "check", args: ["check"])
        }
        return c
    }

    /// 数据质量: each cleansing check with its count; a check's customers below it.
    static func quality(_ req: Request) async throws -> Response {
        let t = req.t
        let lang = req.state.lang
        let ctx = req.services
        let check = try check(req)
        let (limit, cursor) = try req.paging()
        let summary = try await QualityService.summary(ctx)
        let counts: [[DataTable.Cell]] = summary.map { c in
            [
                DataTable.Cell(
                    CommonPages.link(t("quality.check." + c.check.rawValue), Paths.Duplicates.quality() + "?check=" + c.check.rawValue)),
                .number(String(c.count)),
            ]
        }
        var listed: Node = .fragment([])
        var exports: [PageAction] = []
        if let check {
            let page = try await QualityService.list(check, limit: limit, cursor: cursor, ctx)
            var model = ListModel(
                basePath: Paths.Duplicates.quality(), query: "check=" + check.rawValue,
                columns: [
                    .init(t("common.name")), .init(t("quality.phone")), .init(t("quality.uscc")), .init(t("quality.province")),
                    .init(t("quality.last_activity")),
                ],
                rows: page.items.map { r in
                    [
                        CommonPages.link("\(r.name) (\(r.code))", Paths.CRM.customer(r.id)), .text(r.phone ?? ""), .text(r.uscc ?? ""),
                        .text(r.province ?? ""), .text(PageShell.date(r.lastActivityAt, lang)),
                    ]
                }, nextCursor: page.nextCursor, emptyText: t("quality.clean"), searchable: false)
            model.onLaterPage = cursor != nil
            model.kept = [("check", check.rawValue)]
            exports = Exports.actions(req, .customers, Paths.Duplicates.exportQuality)
            listed = .fragment([CommonPages.strong(t("quality.check." + check.rawValue)), ListView.render(model, PageShell.context(req))])
        }
        let html = Layout.page(
            PageShell.context(req), title: t("quality.title"),
            actions: [PageAction(label: t("duplicates.title"), href: Paths.Duplicates.review())] + exports
        ) {
            CommonPages.hint(t("quality.intro", String(QualityService.staleDays)))
            DataTable.render([t("quality.check"), t("quality.count")], counts)
            listed
        }
        return PageShell.page(req, html)
    }

    /// The customers one cleansing check finds, as a workbook to hand out for completing.
    static func exportQuality(_ req: Request) async throws -> Response {
        _ = try req.services.require(.customers, .export)
        guard let check = try check(req) else { throw DomainError(.badRequest, code: "required_query", field: "check", args: ["check"]) }
        let t = req.t
        let columns: [ExportColumn<Named<QualityRow>>] = [
            .text(t("common.name")) { $0.row.name }, .text(t("common.code")) { $0.row.code }, .text(t("quality.phone")) { $0.row.phone },
            .text(t("quality.uscc")) { $0.row.uscc }, .text(t("quality.province")) { $0.row.province },
            .text(t("customer.owner")) { $0.user($0.row.ownerId) }, .day(t("quality.last_activity")) { $0.row.lastActivityAt },
        ]
        let ctx = req.services
        return try await Exports.run(
            req, .customers, entity: "customer", title: t("quality.check." + check.rawValue), columns: columns, users: { [$0.ownerId] }
        ) { try await QualityService.list(check, limit: $1, cursor: $0, ctx) }
    }
}
