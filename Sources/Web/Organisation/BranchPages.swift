import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

enum BranchPages {
    struct Form: Content {
        var code: String?
        var name: String?
        var parentId: String?
        var kind: String?
        var accounting: String?
        var active: String?
        var version: String?
        var defaultWarehouseId: String?
    }

    static func tree(_ req: Request) async throws -> Response {
        let ctx = req.services
        let roots = try await treeNodes(ctx)
        return PageShell.page(
            req,
            BranchTreePage.render(
                PageShell.context(req), roots: roots, canCreate: req.state.principal?.can(.organisation, .create) ?? false))
    }

    static func print(_ req: Request) async throws -> Response {
        PageShell.page(req, BranchTreePage.print(req.state.lang, roots: try await treeNodes(req.services)))
    }

    static func treeNodes(_ ctx: ServiceContext) async throws -> [BranchTreeNode] {
        let branches = try await BranchService.visible(ctx)
        let departments = try await DepartmentService.visible(ctx)
        let ids = Set(branches.map(\.id))
        func build(_ b: BranchRow) -> BranchTreeNode {
            BranchTreeNode(
                id: b.id, name: b.name, code: b.code, kind: b.kind, accounting: b.accounting, active: b.active,
                departments: departments.filter { $0.branchId == b.id }.map(\.name),
                children: branches.filter { $0.parentId == b.id }.map(build))
        }
        // A branch whose parent the user cannot see is shown as a root.
        return branches.filter { $0.parentId == nil || !ids.contains($0.parentId!) }.map(build)
    }

    static func show(_ req: Request) async throws -> Response {
        let ctx = req.services
        let t = req.t
        let b = try await BranchService.find(try req.id(), ctx)
        let parent = try await b.parentId.asyncMap { try await OrganisationQueries.branch($0, on: ctx.store) } ?? nil
        let departments = try await DepartmentService.visible(ctx).filter { $0.branchId == b.id }
        let defaultWarehouse =
            try await BranchService.warehouses(of: b.id, activeOnly: false, ctx).first { $0.id == b.defaultWarehouseId }?.name
        var actions: [PageAction] = []
        if req.state.principal?.can(.organisation, .edit) == true {
            actions.append(PageAction(label: t("action.edit"), href: Paths.Organisation.editBranch(b.id), primary: true))
        }
        if req.state.principal?.can(.organisation, .edit) == true, b.parentId != nil {
            actions.append(
                PageAction(
                    label: t("accounting.switch"),
                    href: Paths.Organisation.accountingSwitch(b.id)
                        + "?to=\(b.accounting == "independent" ? "consolidated" : "independent")"))
        }
        let html = CommonPages.detail(
            PageShell.context(req), title: b.name, actions: actions,
            facts: [
                (t("common.code"), .text(b.code)),
                (
                    t("branch.parent"),
                    parent.map {
                        CommonPages.link(
                            $0.name, Paths.Organisation.branch($0.id), if: PageShell.mayOpen(req, .organisation, branch: $0.id, owner: nil))
                    } ?? .text("—")
                ),
                (t("branch.kind"), .text(t("branch.kind." + b.kind))),
                (t("branch.accounting"), .text(t("branch.accounting." + b.accounting))),
                (t("branch.default_warehouse"), .text(defaultWarehouse ?? "—")),
                (t("common.status"), .text(b.active ? t("common.active") : t("common.inactive"))),
                (t("common.updated_at"), .text(PageShell.date(b.updatedAt, req.state.lang))),
            ]
        ) {
            ShellViews.departments(
                departments.map {
                    CommonPages.link(
                        $0.name, Paths.Organisation.editDepartment($0.id), if: req.state.principal?.can(.organisation, .edit) == true)
                }, usersHref: req.state.principal?.can(.users, .view) == true ? Paths.Access.users() + "?branchId=\(b.id)" : nil, t)
        }
        return PageShell.page(req, html)
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.organisation, .create)
        let form = try await formModel(req, values: Form(accounting: AccountingMode.independent.rawValue, active: "true"), id: nil)
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("branch.new"), form))
    }

    static func edit(_ req: Request) async throws -> Response {
        let b = try await BranchService.find(try req.id(), req.services)
        try req.services.require(.organisation, .edit)
        let values = Form(
            code: b.code, name: b.name, parentId: b.parentId.map(String.init), kind: b.kind, accounting: b.accounting,
            active: String(b.active), version: String(b.version), defaultWarehouseId: b.defaultWarehouseId.map(String.init))
        let form = try await formModel(req, values: values, id: b.id)
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("branch.edit"), form))
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = BranchService.Input(
            code: f.code, name: f.name, parentId: PageShell.id(f.parentId), kind: f.kind,
            accounting: f.accounting, active: f.active.map { $0 == "true" } ?? false, defaultWarehouseId: PageShell.id(f.defaultWarehouseId)
        )
        do {
            let row =
                if let id {
                    try await BranchService.update(id, input, version: PageShell.id(f.version), req.services)
                } else {
                    try await BranchService.create(input, req.services)
                }
            return PageShell.redirect(req, to: Paths.Organisation.branch(row.id), flash: "branch.created")
        } catch {
            var form = try await formModel(req, values: f, id: id)
            try PageShell.attach(error, to: &form, req)
            let title = req.t(id == nil ? "branch.new" : "branch.edit")
            return PageShell.page(req, CommonPages.form(PageShell.context(req), title: title, form), status: .unprocessableEntity)
        }
    }

    static func formModel(_ req: Request, values f: Form, id: Int64?) async throws -> FormModel {
        let t = req.t
        let branches = try await BranchService.visible(req.services).filter { $0.id != id }
        // A branch's own warehouses, once it has some: the one its people's documents start from.
        let warehouses =
            try await id.asyncMap { try await BranchService.warehouses(of: $0, activeOnly: true, req.services) }
            ?? []
        var defaults: [FormModel.Field] = []
        if !warehouses.isEmpty {
            defaults.append(
                .init(
                    "defaultWarehouseId", label: t("branch.default_warehouse"), kind: .select(warehouses.map { (String($0.id), $0.name) }),
                    value: f.defaultWarehouseId, hint: t("branch.default_warehouse_hint")))
        }
        return FormModel(
            action: id.map { Paths.Organisation.branch($0) } ?? Paths.Organisation.branches(), csrf: req.state.csrf,
            fields: [
                .init("code", label: t("common.code"), value: f.code, required: true),
                .init("name", label: t("common.name"), value: f.name, required: true),
                .init("parentId", label: t("branch.parent"), kind: .select(branches.map { (String($0.id), $0.name) }), value: f.parentId),
                .init(
                    "kind", label: t("branch.kind"),
                    kind: .select(BranchKind.allCases.filter { $0 != .headOffice }.map { ($0.rawValue, t("branch.kind." + $0.rawValue)) }),
                    value: f.kind),
                .init(
                    "accounting", label: t("branch.accounting"),
                    kind: .select(AccountingMode.allCases.map { ($0.rawValue, t("branch.accounting." + $0.rawValue)) }),
                    value: f.accounting, required: true),
                .init("active", label: t("common.active"), kind: .checkbox, value: f.active),
            ] + defaults, hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"),
            cancelHref: Paths.Organisation.branches())
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
