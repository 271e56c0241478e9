import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

enum RolePages {
    struct Form: Content {
        var code: String?
        var name: String?
        var permissions: [String]?
        var dataScope: String?
        var version: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let roles = try await RoleService.all(req.services)
        let canEdit = req.state.principal?.can(.roles, .edit) == true
        let model = ListModel(
            basePath: Paths.Access.roles(), query: nil,
            columns: [
                .init(t("common.code")), .init(t("common.name")), .init(t("role.data_scope")), .init(t("role.permissions")),
            ],
            rows: roles.map { r in
                [
                    .text(r.code),
                    CommonPages.link(r.name, Paths.Access.editRole(r.id), if: canEdit),
                    .text(t("role.scope." + r.dataScope)),
                    .text(r.permissions == "*" ? t("role.scope.all") : String(Permission.parseList(r.permissions).count)),
                ]
            }, nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        var actions: [PageAction] = []
        var intro: Node?
        if req.state.principal?.can(.roles, .create) == true {
            actions.append(PageAction(label: t("role.new"), href: Paths.Access.newRole(), primary: true))
            intro = templateLinks(req)
        }
        return PageShell.page(
            req, CommonPages.list(PageShell.context(req), title: t("role.title"), actions: actions, intro: intro, model))
    }

    /// The ready-made roles, each opening the new-role form filled from it.
    static func templateLinks(_ req: Request) -> Node {
        CommonPages.linkRow(
            req.t("role.from_template"),
            RoleTemplates.all.map { (req.t("role.template." + $0.key), Paths.Access.newRole() + "?template=" + $0.key) })
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.roles, .create)
        // From a template: its code, name, rights and reach, to change before saving.
        var values = Form(dataScope: "own")
        if let key = req.query[String.self, at: "template"], let tpl = RoleTemplates.named(key) {
            values = Form(
                code: tpl.key, name: req.t("role.template." + tpl.key), permissions: tpl.permissions, dataScope: tpl.scope.rawValue)
        }
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: req.t("role.new"), formModel(req, values: values, id: nil)))
    }

    static func edit(_ req: Request) async throws -> Response {
        let r = try await RoleService.find(try req.id(), req.services)
        try req.services.require(.roles, .edit)
        let values = Form(
            code: r.code, name: r.name, permissions: Permission.parseList(r.permissions).map(\.description), dataScope: r.dataScope,
            version: String(r.version))
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: req.t("role.edit"), formModel(req, values: values, id: r.id)))
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = RoleService.Input(code: f.code, name: f.name, permissions: f.permissions ?? [], dataScope: f.dataScope)
        do {
            if let id {
                _ = try await RoleService.update(id, input, version: PageShell.id(f.version), req.services)
            } else {
                _ = try await RoleService.create(input, req.services)
            }
            return PageShell.redirect(req, to: Paths.Access.roles(), flash: "role.saved")
        } catch {
            var form = formModel(req, values: f, id: id)
            try PageShell.attach(error, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t(id == nil ? "role.new" : "role.edit"), form),
                status: .unprocessableEntity)
        }
    }

    static func formModel(_ req: Request, values f: Form, id: Int64?) -> FormModel {
        let t = req.t
        let options = Permission.all.map {
            ($0.description, t("module." + $0.module.rawValue) + " · " + t("permission." + $0.action.rawValue))
        }
        return FormModel(
            action: id.map { Paths.Access.role($0) } ?? Paths.Access.roles(), csrf: req.state.csrf,
            fields: [
                .init("code", label: t("common.code"), value: f.code, required: true),
                .init("name", label: t("common.name"), value: f.name, required: true),
                .init(
                    "dataScope", label: t("role.data_scope"),
                    kind: .select(DataScope.allCases.map { ($0.rawValue, t("role.scope." + $0.rawValue)) }),
                    value: f.dataScope, required: true),
                .init("permissions", label: t("role.permissions"), kind: .checkboxes(options), values: Set(f.permissions ?? [])),
            ], hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"), cancelHref: Paths.Access.roles())
    }
}
