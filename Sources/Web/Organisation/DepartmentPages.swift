import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

enum DepartmentPages {
    struct Form: Content {
        var code: String?
        var name: String?
        var branchId: String?
        var parentId: String?
        var active: String?
        var version: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let canEdit = req.state.principal?.can(.organisation, .edit) == true
        let ctx = req.services
        let t = req.t
        let q = req.query[String.self, at: "q"]?.lowercased()
        let branchFilter = req.query[String.self, at: "branchId"]
        let branches = try await BranchService.visible(ctx)
        let all = try await DepartmentService.visible(ctx)
        let rows = all.filter { d in
            (q == nil || q!.isEmpty || d.name.lowercased().contains(q!) || d.code.lowercased().contains(q!))
                && (branchFilter == nil || branchFilter!.isEmpty || String(d.branchId) == branchFilter)
        }
        let names = Dictionary(uniqueKeysWithValues: branches.map { ($0.id, $0.name) })
        let model = ListModel(
            basePath: Paths.Organisation.departments(), query: q,
            filters: [
                .init(
                    name: "branchId", label: t("department.branch"), options: branches.map { (String($0.id), $0.name) },
                    selected: branchFilter)
            ],
            columns: [
                .init(t("common.code")), .init(t("common.name")), .init(t("department.branch")), .init(t("department.parent")),
                .init(t("common.status")),
            ],
            rows: rows.map { d in
                [
                    .text(d.code),
                    CommonPages.link(d.name, Paths.Organisation.editDepartment(d.id), if: canEdit),
                    .text(names[d.branchId] ?? "—"),
                    .text(d.parentId.flatMap { p in all.first { $0.id == p }?.name } ?? "—"),
                    .text(d.active ? t("common.active") : t("common.inactive")),
                ]
            },
            nextCursor: nil, emptyText: t("list.empty"))
        var actions: [PageAction] = []
        if req.state.principal?.can(.organisation, .create) == true {
            actions.append(PageAction(label: t("department.new"), href: Paths.Organisation.newDepartment(), primary: true))
        }
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("department.title"), actions: actions, model))
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.organisation, .create)
        let form = try await formModel(req, values: Form(branchId: req.query[String.self, at: "branchId"], active: "true"), id: nil)
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("department.new"), form))
    }

    static func edit(_ req: Request) async throws -> Response {
        let d = try await DepartmentService.find(try req.id(), req.services)
        try req.services.require(.organisation, .edit)
        let values = Form(
            code: d.code, name: d.name, branchId: String(d.branchId), parentId: d.parentId.map(String.init),
            active: String(d.active), version: String(d.version))
        return PageShell.page(
            req,
            CommonPages.form(PageShell.context(req), title: req.t("department.edit"), try await formModel(req, values: values, id: d.id)))
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = DepartmentService.Input(
            code: f.code, name: f.name, branchId: PageShell.id(f.branchId), parentId: PageShell.id(f.parentId),
            active: f.active.map { $0 == "true" } ?? false)
        do {
            if let id {
                _ = try await DepartmentService.update(id, input, version: PageShell.id(f.version), req.services)
            } else {
                _ = try await DepartmentService.create(input, req.services)
            }
            return PageShell.redirect(req, to: Paths.Organisation.departments(), flash: "department.created")
        } catch {
            var form = try await formModel(req, values: f, id: id)
            try PageShell.attach(error, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t(id == nil ? "department.new" : "department.edit"), form),
                status: .unprocessableEntity)
        }
    }

    static func formModel(_ req: Request, values f: Form, id: Int64?) async throws -> FormModel {
        let t = req.t
        let branches = try await BranchService.visible(req.services)
        let departments = try await DepartmentService.visible(req.services).filter { $0.id != id }
        return FormModel(
            action: id.map { Paths.Organisation.department($0) } ?? Paths.Organisation.departments(), csrf: req.state.csrf,
            fields: [
                .init("code", label: t("common.code"), value: f.code, required: true),
                .init("name", label: t("common.name"), value: f.name, required: true),
                .init(
                    "branchId", label: t("department.branch"), kind: .select(branches.map { (String($0.id), $0.name) }), value: f.branchId,
                    required: true),
                .init(
                    "parentId", label: t("department.parent"), kind: .select(departments.map { (String($0.id), $0.name) }),
                    value: f.parentId),
                .init("active", label: t("common.active"), kind: .checkbox, value: f.active),
            ], hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"),
            cancelHref: Paths.Organisation.departments())
    }
}
