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
    static func mayMerge(_ req: Request) -> Bool {
        guard let p = req.state.principal else { return false }
        return p.can(.customers, .edit) && p.can(.customers, .delete)
    }

    static func review(_ req: Request) async throws -> Response {
        let t = req.t
        let lang = req.state.lang
        let (limit, cursor) = try req.paging()
        let cluster = try APIID.query(req, "cluster")
        let (latest, pending) = try await DuplicateService.status(req.services)
        let (_, page) = try await DuplicateService.pairs(cluster: cluster, limit: limit, cursor: cursor, req.services)
        let merge = mayMerge(req)
        let csrf = req.state.csrf
        var model = ListModel(
            basePath: Paths.Duplicates.review(), query: cluster.map { "cluster=\($0)" },
            columns: [
                .init(t("duplicates.a")), .init(t("duplicates.b")), .init(t("duplicates.score"), numeric: true),
                .init(t("duplicates.reasons")), .init(t("common.actions")),
            ],
            rows: page.items.map { p in
                var actions: [Node] = [CommonPages.link(t("duplicates.cluster"), Paths.Duplicates.review() + "?cluster=\(p.clusterId)")]
                if merge {
                    actions.append(CommonPages.link(t("duplicates.merge"), Paths.Duplicates.merge() + "?survivor=\(p.aId)&merged=\(p.bId)"))
                    actions.append(
                        CommonPages.actionButton(
                            t("duplicates.dismiss"), action: Paths.Duplicates.dismiss() + "?a=\(p.aId)&b=\(p.bId)", csrf: csrf))
                }
                return [
                    CommonPages.link("\(p.aName) (\(p.aCode))", Paths.CRM.customer(p.aId)),
                    CommonPages.link("\(p.bName) (\(p.bCode))", Paths.CRM.customer(p.bId)),
                    .text(String(p.score)),
                    .text(p.reasons.split(separator: ",").map { t("duplicates.reason." + $0) }.joined(separator: "、")),
                    .fragment(actions),
                ]
            }, nextCursor: page.nextCursor, emptyText: t(latest == nil ? "duplicates.never_scanned" : "duplicates.none"), searchable: false)
        model.emptyHelp = t(merge ? "duplicates.empty_help" : "duplicates.empty_help_view")
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = [
            PageAction(label: t("quality.title"), href: Paths.Duplicates.quality()),
            PageAction(label: t("duplicates.merges"), href: Paths.Duplicates.merges()),
        ]
        var status: [Node] = []
        if let s = latest {
            status.append(
                CommonPages.hint(
                    t("duplicates.last_scan", PageShell.date(s.finishedAt, lang), String(s.scanned), String(s.pairs), String(s.clusters))))
        }
        if pending != nil {
            status.append(CommonPages.hint(t("duplicates.scanning")))
        } else if merge {
            status.append(CommonPages.actionButton(t("duplicates.scan_now"), action: Paths.Duplicates.scan(), csrf: csrf))
        }
        if cluster != nil { actions.insert(PageAction(label: t("duplicates.all_pairs"), href: Paths.Duplicates.review()), at: 0) }
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("duplicates.title"), actions: actions,
                intro: .fragment([CommonPages.hint(t("duplicates.intro"))] + status), model))
    }

    static func scan(_ req: Request) async throws -> Response {
        _ = try await DuplicateService.startScan(req.services)
        return PageShell.redirect(req, to: Paths.Duplicates.review(), flash: "duplicates.scan_started")
    }

    static func dismiss(_ req: Request) async throws -> Response {
        guard let a = try APIID.query(req, "a"), let b = try APIID.query(req, "b") else { throw DomainError.notFound }
        try await DuplicateService.dismiss(a, b, req.services)
        return PageShell.redirect(req, to: Paths.Duplicates.review(), flash: "duplicates.dismissed")
    }

    struct MergeForm: Content {
        var survivor: String?
        var merged: String?
        var survivorVersion: String?
        var mergedVersion: String?
    }

    /// The two side by side: for each field that differs, which value the survivor keeps.
    static func mergePage(_ req: Request) async throws -> Response {
        guard let s = try APIID.query(req, "survivor"), let m = try APIID.query(req, "merged") else { throw DomainError.notFound }
        return try await mergeForm(req, survivor: s, merged: m, chosen: [:], error: nil)
    }

    static func mergeForm(
        _ req: Request, survivor s: Int64, merged m: Int64, chosen: [String: String], error: (any Error)?
    ) async throws -> Response {
        let t = req.t
        let p = try await MergeService.preview(survivor: s, merged: m, req.services)
        let owners = try await names(p.fields.first { $0.field == "owner" }.map { [$0.survivor, $0.merged] } ?? [], req)
        func shown(_ side: MergeService.Side, _ v: String?) -> String {
            guard let v else { return t("duplicates.empty_value") }
            if side.field == "owner" { return owners[v] ?? v }
            return String(v.prefix(80))
        }
        let fields: [FormModel.Field] = p.fields.filter { $0.survivor != $0.merged }.map { side in
            .init(
                "choice[\(side.field)]", label: t("duplicates.field." + side.field),
                kind: .select([
                    ("survivor", t("duplicates.keep", shown(side, side.survivor))),
                    ("merged", t("duplicates.take", shown(side, side.merged))),
                ]), value: chosen[side.field] ?? side.proposed)
        }
        var form = FormModel(
            action: Paths.Duplicates.merge(), csrf: req.state.csrf, fields: fields,
            hidden: [
                ("survivor", String(s)), ("merged", String(m)), ("survivorVersion", String(p.survivor.version)),
                ("mergedVersion", String(p.merged.version)),
            ], submitLabel: t("duplicates.merge_submit"), cancelHref: Paths.Duplicates.review())
        form.idPrefix = "merge-"
        if let error { try PageShell.attach(error, to: &form, req) }
        let moves = p.moves.sorted { $0.key < $1.key }.map {
            t("duplicates.moves." + $0.key.replacingOccurrences(of: ".", with: "_"), String($0.value))
        }
        let facts: [(String, Node)] = [
            (t("duplicates.survivor"), CommonPages.link("\(p.survivor.name) (\(p.survivor.code))", Paths.CRM.customer(p.survivor.id))),
            (t("duplicates.merged"), CommonPages.link("\(p.merged.name) (\(p.merged.code))", Paths.CRM.customer(p.merged.id))),
            (t("duplicates.moving"), .text(moves.isEmpty ? t("duplicates.nothing_moves") : moves.joined(separator: "、"))),
        ]
        let html = Layout.page(PageShell.context(req), title: t("duplicates.merge_title")) {
            CommonPages.factList(facts)
            CommonPages.hint(t("duplicates.merge_hint", String(MergeService.undoDays)))
            CommonPages.link(t("duplicates.swap"), Paths.Duplicates.merge() + "?survivor=\(m)&merged=\(s)")
            FormView.render(form, t)
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func names(_ ids: [String?], _ req: Request) async throws -> [String: String] {
        var out: [String: String] = [:]
        for id in ids.compactMap({ $0 }) {
            if let n = Int64(id), let u = try await OrganisationQueries.user(n, on: req.services.store) { out[id] = u.displayName }
        }
        return out
    }

    static func merge(_ req: Request) async throws -> Response {
        let f = try req.content.decode(MergeForm.self)
        guard let s = PageShell.id(f.survivor), let m = PageShell.id(f.merged) else { throw DomainError.notFound }
        var choices: [String: String] = [:]
        for field in MergeService.fields {
            if let v = try? req.content.get(String.self, at: "choice[\(field)]") { choices[field] = v }
        }
        do {
            let mg = try await MergeService.merge(
                survivor: s, merged: m, choices: choices, survivorVersion: PageShell.id(f.survivorVersion),
                mergedVersion: PageShell.id(f.mergedVersion), req.services)
            return PageShell.redirect(req, to: Paths.Duplicates.mergeRecord(mg.id), flash: "duplicates.merged_flash")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await mergeForm(req, survivor: s, merged: m, chosen: choices, error: e)
        }
    }

    static func merges(_ req: Request) async throws -> Response {
        let t = req.t
        let lang = req.state.lang
        let (limit, cursor) = try req.paging()
        let page = try await MergeService.list(limit: limit, cursor: cursor, req.services)
        let people = try await names(page.items.map { $0.createdBy.map(String.init) }, req)
        var model = ListModel(
            basePath: Paths.Duplicates.merges(), query: nil,
            columns: [
                .init(t("duplicates.merged_at")), .init(t("duplicates.survivor")), .init(t("duplicates.merged")), .init(t("duplicates.by")),
                .init(t("common.status")),
            ],
            rows: page.items.map { mg in
                [
                    CommonPages.link(PageShell.date(mg.createdAt, lang), Paths.Duplicates.mergeRecord(mg.id)),
                    CommonPages.link(String(mg.survivorId), Paths.CRM.customer(mg.survivorId)),
                    .text(mg.mergedName), .text(mg.createdBy.flatMap { people[String($0)] } ?? ""), status(mg, t, lang),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("duplicates.no_merges"), searchable: false)
        model.emptyHelp = t("duplicates.merges_help")
        model.onLaterPage = cursor != nil
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("duplicates.merges"),
                actions: [PageAction(label: t("duplicates.title"), href: Paths.Duplicates.review())], model))
    }

    static func status(_ mg: MergeRow, _ t: Translator, _ lang: Lang) -> Node {
        if mg.undoneAt != nil { return CommonPages.badge(t("duplicates.undone"), "warn") }
        return CommonPages.badge(t("duplicates.undo_until", PageShell.date(mg.createdAt + MergeService.undoDays * 86_400_000, lang)), "ok")
    }

    static func record(_ req: Request) async throws -> Response {
        let t = req.t
        let lang = req.state.lang
        let mg = try await MergeService.find(try req.id(), req.services)
        let (before, merged) = try MergeService.records(mg)
        let people = try await names([mg.createdBy.map(String.init), mg.undoneBy.map(String.init)], req)
        let moves = MergeService.moved(mg).sorted { $0.key < $1.key }.map {
            t("duplicates.moves." + $0.key.replacingOccurrences(of: ".", with: "_"), String($0.value))
        }
        var facts: [(String, Node)] = [
            (t("duplicates.survivor"), CommonPages.link("\(before.name) (\(before.code))", Paths.CRM.customer(mg.survivorId))),
            (
                t("duplicates.merged"),
                mg.undoneAt == nil
                    ? .text("\(merged.name) (\(merged.code))")
                    : CommonPages.link("\(merged.name) (\(merged.code))", Paths.CRM.customer(mg.mergedId))
            ),
            (t("duplicates.merged_at"), .text(PageShell.date(mg.createdAt, lang))),
            (t("duplicates.by"), .text(mg.createdBy.flatMap { people[String($0)] } ?? "")),
            (t("duplicates.moved"), .text(moves.isEmpty ? t("duplicates.nothing_moves") : moves.joined(separator: "、"))),
            (t("common.status"), status(mg, t, lang)),
        ]
        if let at = mg.undoneAt {
            facts.append(
                (t("duplicates.undone_at"), .text(PageShell.date(at, lang) + " " + (mg.undoneBy.flatMap { people[String($0)] } ?? ""))))
        }
        let mayUndo = mg.undoneAt == nil && mayMerge(req)
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
