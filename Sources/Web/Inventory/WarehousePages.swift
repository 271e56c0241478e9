import InventoryCore
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

enum WarehousePages {
    struct Form: Content {
        var code: String?; var name: String?; var branchId: String?; var kind: String?; var active: String?; var version: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await WarehouseService.visible(req.services)
        let canEdit = req.state.principal?.can(.products, .edit) == true
        let branches = Dictionary(uniqueKeysWithValues: try await OrganisationQueries.branches(on: req.store).map { ($0.id, $0.name) })
        let model = ListModel(
            basePath: Paths.Inventory.warehouses(), query: nil,
            columns: [
                .init(t("common.code")), .init(t("common.name")), .init(t("warehouse.branch")),
                .init(t("warehouse.kind")), .init(t("common.status")),
            ],
            rows: rows.map { w in
                [
                    .text(w.code), CommonPages.link(w.name, Paths.Inventory.editWarehouse(w.id), if: canEdit),
                    .text(branches[w.branchId] ?? ""),
                    .text(t("warehouse.kind." + w.kind)), .text(w.active ? t("common.active") : t("common.inactive")),
                ]
            },
            nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        var actions: [PageAction] = []
        if req.state.principal?.can(.products, .create) == true {
            actions.append(PageAction(label: t("warehouse.new"), href: Paths.Inventory.newWarehouse(), primary: true))
        }
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("warehouse.title"), actions: actions, model))
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.products, .create)
        return PageShell.page(
            req,
            CommonPages.form(
                PageShell.context(req), title: req.t("warehouse.new"),
                try await formModel(
                    req, Form(branchId: req.state.principal.map { String($0.branchId) }, kind: "branch", active: "true"), id: nil)))
    }

    static func edit(_ req: Request) async throws -> Response {
        let w = try await WarehouseService.find(try req.id(), req.services)
        try req.services.require(.products, .edit)
        let f = Form(
            code: w.code, name: w.name, branchId: String(w.branchId), kind: w.kind, active: String(w.active), version: String(w.version))
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: req.t("warehouse.edit"), try await formModel(req, f, id: w.id)))
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = WarehouseService.Input(
            code: f.code, name: f.name, branchId: PageShell.id(f.branchId), kind: f.kind, active: f.active == "true")
        do {
            if let id {
                _ = try await WarehouseService.update(id, input, version: PageShell.id(f.version), req.services)
            } else {
                _ = try await WarehouseService.create(input, req.services)
            }
            return PageShell.redirect(req, to: Paths.Inventory.warehouses(), flash: "warehouse.saved")
        } catch {
            var form = try await formModel(req, f, id: id)
            try PageShell.attach(error, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t(id == nil ? "warehouse.new" : "warehouse.edit"), form),
                status: .unprocessableEntity)
        }
    }

    static func formModel(_ req: Request, _ f: Form, id: Int64?) async throws -> FormModel {
        let t = req.t
        let branches = try await OrganisationQueries.branches(on: req.store)
        return FormModel(
            action: id.map { Paths.Inventory.warehouse($0) } ?? Paths.Inventory.warehouses(), csrf: req.state.csrf,
            fields: [
                .init("code", label: t("common.code"), value: f.code, required: true),
                .init("name", label: t("common.name"), value: f.name, required: true),
                .init(
                    "branchId", label: t("warehouse.branch"), kind: .select(branches.map { (String($0.id), $0.name) }), value: f.branchId,
                    required: true),
                .init(
                    "kind", label: t("warehouse.kind"),
                    kind: .select(WarehouseService.Kind.allCases.map { ($0.rawValue, t("warehouse.kind." + $0.rawValue)) }), value: f.kind,
                    required: true),
                .init("active", label: t("common.active"), kind: .checkbox, value: f.active),
            ], hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"), cancelHref: Paths.Inventory.warehouses())
    }
}
