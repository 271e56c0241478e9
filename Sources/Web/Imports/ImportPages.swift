import Foundation
import Kernel
import Paths
import Persistence
import Services
import Spreadsheets
import Vapor
import Views

/// 数据导入: the list of one's imports with the upload, one import's mapping and preview (a
/// draft) or its progress and refused rows (once started).
enum ImportPages {
    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let page = try await ImportService.list(limit: limit, cursor: cursor, req.services)
        var model = ListModel(
            basePath: Paths.Imports.jobs(), query: nil,
            columns: [
                .init(t("import.file")), .init(t("import.kind")), .init(t("common.status")), .init(t("import.progress"), numeric: true),
                .init(t("common.created_at")),
            ],
            rows: page.items.map { j in
                [
                    CommonPages.link(j.fileName, Paths.Imports.job(j.id)), .text(t("import.kind." + j.kind)),
                    .text(t("import.status." + j.status)),
                    .text("\(j.processed) / \(j.total)"), .text(PageShell.date(j.createdAt, req.state.lang)),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        model.emptyHelp = t("import.empty_help")
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("import.title"),
                intro: .fragment(
                    [CommonPages.hint(t("import.intro"))]
                        + uploads(req).map { kind in
                            FormKit.upload(
                                action: Paths.Imports.jobs() + "?kind=" + kind, csrf: req.state.csrf, label: t("import.upload_" + kind),
                                accept: ".xlsx,.csv,.txt,.tsv", hint: t("import.upload_" + kind + "_hint"), t)
                        }), model))
    }

    /// The kinds this person may import.
    static func uploads(_ req: Request) -> [String] {
        ImportService.kinds.filter { kind in req.state.principal.map { ImportService.allowed(kind, $0) } ?? true }
    }

    struct Upload: Content { var file: File? }

    static func upload(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Upload.self)
        guard let file = f.file, file.data.readableBytes > 0 else { throw DomainError.required("file") }
        do {
            let job = try await ImportService.upload(
                kind: req.query[String.self, at: "kind"] ?? "", fileName: file.filename, file: Data(file.data.readableBytesView),
                req.services)
            return PageShell.redirect(req, to: Paths.Imports.job(job.id), flash: "import.uploaded")
        } catch let e as DomainError where e.kind == .invalid {
            return PageShell.redirect(
                req, to: Paths.Imports.jobs(), flash: "import.refused", args: [ConcordErrorMiddleware.message(e, req.t)], kind: .error)
        }
    }

    static func show(_ req: Request, error: DomainError? = nil, preview: [ImportService.Outcome]? = nil) async throws -> Response {
        let t = req.t
        let job = try await ImportService.find(try req.id(), req.services)
        let header = ImportService.header(job), mapping = ImportService.mapping(job)
        var facts: [(String, Node)] = [
            (t("import.file"), .text(job.fileName)), (t("import.kind"), .text(t("import.kind." + job.kind))),
            (t("common.status"), .text(t("import.status." + job.status))), (t("import.rows"), .text(String(job.total))),
        ]
        if job.status != "draft" {
            facts += [
                (t("import.progress"), .text("\(job.processed) / \(job.total)")), (t("import.outcome.created"), .text(String(job.created))),
                (t("import.outcome.updated"), .text(String(job.updated))), (t("import.outcome.refused"), .text(String(job.refused))),
            ]
        }
        var actions: [PageAction] = []
        if job.refused > 0 {
            actions.append(PageAction(label: t("import.download_errors"), href: Paths.Imports.errors(job.id) + "?format=xlsx"))
        }
        if job.status == "queued" || job.status == "running" {
            actions.append(PageAction(label: t("import.refresh"), href: Paths.Imports.job(job.id), primary: true))
        }
        let custom = try await ImportService.customFields(job.kind, req.services)
        let labels = Dictionary(custom.map { ($0.field, $0.label) }, uniquingKeysWith: { a, _ in a })
        let fields = ImportService.fields(job.kind) + custom.map(\.field)
        var form: FormModel?
        if job.status == "draft" {
            var m = FormModel(
                action: Paths.Imports.job(job.id), csrf: req.state.csrf,
                fields: header.enumerated().map { i, h in
                    .init(
                        "col\(i)", label: t("import.column", String(i + 1), h),
                        kind: .select([("", t("import.skip_column"))] + fields.map { ($0, labels[$0] ?? t("import.field." + $0)) }),
                        value: i < mapping.count ? mapping[i] : "")
                }
                    + [
                        .init(
                            "mode", label: t("import.mode"),
                            kind: .select(ImportService.modes(job.kind).map { ($0, t("import.mode." + $0)) }),
                            value: job.mode),
                        .init(
                            "matchKey", label: t("import.match_key"),
                            kind: .select(ImportService.keys(job.kind).map { ($0, t("import.field." + $0)) }), value: job.matchKey,
                            hint: t("import.match_key_hint")),
                    ]
                    + (ImportService.offersPool(job.kind)
                        ? [.init("intoPool", label: t("import.into_pool"), kind: .checkbox, value: String(job.intoPool))] : [])
                    + [
                        .init(
                            "step", label: t("import.next_step"),
                            kind: .select([("preview", t("import.preview")), ("run", t("import.run"))]),
                            value: "preview")
                    ], hidden: [("version", String(job.version))], submitLabel: t("action.save"), cancelHref: Paths.Imports.jobs())
            if let error { try PageShell.attach(error, to: &m, req) }
            form = m
        }
        let previewRows: [[DataTable.Cell]] = (preview ?? []).map { o in
            [
                .number(String(o.line)), .text(o.name ?? ""), .text(t("import.outcome." + o.outcome)),
                .text(
                    ImportsAPI.reason(o, t) ?? ""),
            ]
        }
        return PageShell.page(
            req,
            CommonPages.detail(PageShell.context(req), title: t("import.one"), actions: actions, facts: facts) {
                if let form { FormView.render(form, t) }
                if preview != nil {
                    DataTable.render([t("import.line"), t("common.name"), t("import.outcome"), t("import.reason")], previewRows)
                }
                if job.status == "done" && job.created + job.updated > 0 {
                    CommonPages.actionButton(
                        t("import.revert"), action: Paths.Imports.revert(job.id), csrf: req.state.csrf, confirm: t("import.revert_confirm"),
                        danger: true)
                }
            }, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func showPage(_ req: Request) async throws -> Response { try await show(req) }

    static func save(_ req: Request) async throws -> Response {
        let id = try req.id()
        let job = try await ImportService.find(id, req.services)
        let form = try req.content.decode([String: String].self)
        let header = ImportService.header(job)
        let s = ImportService.Settings(
            mapping: header.indices.map { form["col\($0)"] ?? "" }, mode: form["mode"] ?? job.mode,
            matchKey: form["matchKey"] ?? job.matchKey,
            intoPool: form["intoPool"] == "true")
        do {
            _ = try await ImportService.configure(id, s, version: PageShell.id(form["version"]), req.services)
            if form["step"] == "run" {
                _ = try await ImportService.start(id, req.services)
                return PageShell.redirect(req, to: Paths.Imports.job(id), flash: "import.started")
            }
            return try await show(req, preview: try await ImportService.preview(id, req.services))
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await show(req, error: e)
        }
    }

    static func errors(_ req: Request) async throws -> Response { try await ImportsAPI.errors(req) }

    static func revert(_ req: Request) async throws -> Response {
        let id = try req.id()
        do {
            _ = try await ImportService.revert(id, req.services)
            return PageShell.redirect(req, to: Paths.Imports.job(id), flash: "import.reverted")
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(
                req, to: Paths.Imports.job(id), flash: "import.refused", args: [ConcordErrorMiddleware.message(e, req.t)], kind: .error)
        }
    }
}
