import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

enum UserPages {
    struct Form: Content {
        var username: String?
        var displayName: String?
        var email: String?
        var phone: String?
        var password: String?
        var branchId: String?
        var departmentId: String?
        var managerId: String?
        var locale: String?
        var active: String?
        var roleIds: [String]?
        var grantedBranchIds: [String]?
        var version: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let ctx = req.services
        let t = req.t
        let (limit, cursor) = try req.paging()
        let q = req.query[String.self, at: "q"]
        let branchFilter = req.query[String.self, at: "branchId"]
        let activeFilter = req.query[String.self, at: "active"]
        let sortText = req.query[String.self, at: "sort"] ?? "username"
        let descending = sortText.hasPrefix("-")
        let sortKey = descending ? String(sortText.dropFirst()) : sortText
        let sort: OrganisationQueries.UserSort =
            switch sortKey {
            case "displayName": .displayName
            case "createdAt": .createdAt
            default: .username
            }
        let page = try await UserService.list(
            filter: .init(q: q, branchId: PageShell.id(branchFilter), active: activeFilter.flatMap { $0.isEmpty ? nil : $0 == "true" }),
            sort: sort, descending: descending, limit: limit, cursor: cursor, ctx)
        // Branch names label the list; seeing them needs no org permission.
        let branches = try await OrganisationQueries.branches(on: ctx.store)
        let names = Dictionary(uniqueKeysWithValues: branches.map { ($0.id, $0.name) })
        var model = ListModel(
            basePath: Paths.Access.users(), query: q,
            filters: [
                .init(
                    name: "branchId", label: t("user.branch"), options: branches.map { (String($0.id), $0.name) }, selected: branchFilter),
                .init(
                    name: "active", label: t("common.status"), options: [("true", t("common.active")), ("false", t("common.inactive"))],
                    selected: activeFilter),
            ],
            columns: [
                .init(t("user.username"), sortKey: "username"), .init(t("user.display_name"), sortKey: "displayName"),
                .init(t("user.branch")), .init(t("user.email")), .init(t("common.status")),
                .init(t("common.created_at"), sortKey: "createdAt"),
            ], sort: sortKey, descending: descending,
            rows: page.items.map { u in
                [
                    CommonPages.link(u.username, Paths.Access.user(u.id)), .text(u.displayName), .text(names[u.branchId] ?? "—"),
                    .text(u.email ?? "—"),
                    .text(u.active ? t("common.active") : t("common.inactive")), .text(PageShell.date(u.createdAt, req.state.lang)),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = []
        if req.state.principal?.can(.users, .create) == true {
            actions.append(PageAction(label: t("user.new"), href: Paths.Access.newUser(), primary: true))
        }
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("user.title"), actions: actions, model))
    }

    static func show(_ req: Request) async throws -> Response {
        let ctx = req.services
        let t = req.t
        let d = try await UserService.find(try req.id(), ctx)
        let u = d.user
        let branch = try await OrganisationQueries.branch(u.branchId, on: ctx.store)
        let department = try await u.departmentId.asyncMap { try await OrganisationQueries.department($0, on: ctx.store) } ?? nil
        let roles = try await OrganisationQueries.roles(on: ctx.store).filter { d.roleIds.contains($0.id) }
        let grants = try await OrganisationQueries.branches(on: ctx.store).filter { d.grantedBranchIds.contains($0.id) }
        var actions: [PageAction] = []
        let canEdit = req.state.principal?.can(.users, .edit) == true
        if canEdit { actions.append(PageAction(label: t("action.edit"), href: Paths.Access.editUser(u.id), primary: true)) }
        let html = CommonPages.detail(
            PageShell.context(req), title: u.displayName, actions: actions,
            facts: [
                (t("user.username"), .text(u.username)),
                (t("user.branch"), .text(branch?.name ?? "—")),
                (t("user.department"), .text(department?.name ?? "—")),
                (t("user.email"), .text(u.email ?? "—")),
                (t("user.phone"), .text(u.phone ?? "—")),
                (t("user.roles"), .text(roles.map(\.name).joined(separator: "、"))),
                (t("user.granted_branches"), .text(grants.isEmpty ? t("common.none") : grants.map(\.name).joined(separator: "、"))),
                (t("common.status"), .text(u.active ? t("common.active") : t("common.inactive"))),
                (t("user.last_login"), .text(PageShell.date(u.lastLoginAt, req.state.lang))),
            ]
        ) {
            if canEdit { AccessViews.resetPassword(userId: u.id, csrf: req.state.csrf, t) }
            if canEdit && u.id != req.state.user?.id { InviteViews.issueForm(userId: u.id, csrf: req.state.csrf, t) }
        }
        return PageShell.page(req, html)
    }

    static func resetPassword(_ req: Request) async throws -> Response {
        struct F: Content { var password: String? }
        let id = try req.id()
        let f = try req.content.decode(F.self)
        do {
            try await UserService.resetPassword(id, password: f.password, req.services)
            return PageShell.redirect(req, to: Paths.Access.user(id), flash: "user.password_reset")
        } catch let e as DomainError where e.kind == .invalid {
            return PageShell.redirect(req, to: Paths.Access.user(id), error: e)
        }
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.users, .create)
        let form = try await formModel(
            req, values: Form(branchId: req.state.principal.map { String($0.branchId) }, active: "true"), id: nil)
        // No fitting role yet? The ready-made ones are a click away.
        let templates = req.state.principal?.can(.roles, .create) == true ? RolePages.templateLinks(req) : Node.empty
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("user.new"), form) { templates })
    }

    static func edit(_ req: Request) async throws -> Response {
        let d = try await UserService.find(try req.id(), req.services)
        try req.services.require(.users, .edit)
        let u = d.user
        let values = Form(
            username: u.username, displayName: u.displayName, email: u.email, phone: u.phone, branchId: String(u.branchId),
            departmentId: u.departmentId.map(String.init), managerId: u.managerId.map(String.init), locale: u.locale,
            active: String(u.active), roleIds: d.roleIds.map(String.init), grantedBranchIds: d.grantedBranchIds.map(String.init),
            version: String(u.version))
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: req.t("user.edit"), try await formModel(req, values: values, id: u.id)))
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = UserService.Input(
            username: f.username, displayName: f.displayName, email: f.email, phone: f.phone, password: f.password,
            branchId: PageShell.id(f.branchId), departmentId: PageShell.id(f.departmentId), managerId: PageShell.id(f.managerId),
            locale: f.locale, active: f.active.map { $0 == "true" } ?? false,
            roleIds: PageShell.ids(f.roleIds), grantedBranchIds: PageShell.ids(f.grantedBranchIds))
        do {
            let d =
                if let id {
                    try await UserService.update(id, input, version: PageShell.id(f.version), req.services)
                } else {
                    try await UserService.create(input, req.services)
                }
            return PageShell.redirect(req, to: Paths.Access.user(d.user.id), flash: "user.saved")
        } catch {
            var form = try await formModel(req, values: f, id: id)
            try PageShell.attach(error, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t(id == nil ? "user.new" : "user.edit"), form),
                status: .unprocessableEntity)
        }
    }

    static func isOwnBranchOf(_ ctx: ServiceContext, _ branch: Int64) -> Bool { ctx.principal?.branchId == branch }

    static func formModel(_ req: Request, values f: Form, id: Int64?) async throws -> FormModel {
        let t = req.t
        let ctx = req.services
        // The choices are where the user may put people (users.create or users.edit), not organisation.view.
        let scope = ctx.principal?.rowScope(.users, id == nil ? .create : .edit) ?? .all
        let branches = try await OrganisationQueries.branches(on: ctx.store).filter {
            scope.contains(branch: $0.id, department: nil, owner: nil) || scope != .all && isOwnBranchOf(ctx, $0.id)
        }
        let departments = try await OrganisationQueries.departments(on: ctx.store).filter {
            scope.contains(branch: $0.branchId, department: $0.id, owner: nil)
        }
        let allBranches = try await OrganisationQueries.branches(on: ctx.store)
        let roles = try await OrganisationQueries.roles(on: ctx.store)
        let managers = try await UserService.list(
            filter: .init(active: true), sort: .displayName, descending: false, limit: 200, cursor: nil, ctx
        ).items
        var fields: [FormModel.Field] = [
            .init("username", label: t("user.username"), value: f.username, required: true),
            .init("displayName", label: t("user.display_name"), value: f.displayName, required: true),
            .init("email", label: t("user.email"), kind: .email, value: f.email),
            .init("phone", label: t("user.phone"), kind: .tel, value: f.phone),
        ]
        if id == nil {
            fields.append(.init("password", label: t("user.password"), kind: .password, hint: t("user.password_or_invite")))
        }
        fields += [
            .init(
                "branchId", label: t("user.branch"), kind: .select(branches.map { (String($0.id), $0.name) }), value: f.branchId,
                required: true),
            .init(
                "departmentId", label: t("user.department"),
                kind: .select(
                    departments.map { d in
                        (String(d.id), (branches.first { $0.id == d.branchId }?.name ?? "") + " / " + d.name)
                    }), value: f.departmentId),
            .init(
                "managerId", label: t("user.manager"),
                kind: .select(managers.filter { $0.id != id }.map { (String($0.id), $0.displayName) }), value: f.managerId),
            .init("locale", label: t("user.locale"), kind: .select([("zh-CN", "中文"), ("en", "English")]), value: f.locale),
            .init(
                "roleIds", label: t("user.roles"), kind: .checkboxes(roles.map { (String($0.id), $0.name) }), values: Set(f.roleIds ?? [])),
            .init(
                "grantedBranchIds", label: t("user.granted_branches"), kind: .checkboxes(allBranches.map { (String($0.id), $0.name) }),
                values: Set(f.grantedBranchIds ?? [])),
            .init("active", label: t("common.active"), kind: .checkbox, value: f.active),
        ]
        return FormModel(
            action: id.map { Paths.Access.user($0) } ?? Paths.Access.users(), csrf: req.state.csrf, fields: fields,
            hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"), cancelHref: Paths.Access.users())
    }
}
