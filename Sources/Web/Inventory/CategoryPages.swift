import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// The category tree as a list with its paths, and a small form to add one.
enum CategoryPages {
    struct Form: Content { var code: String?; var name: String?; var parentId: String? }

    static func list(_ req: Request, form f: Form = Form(), error: (String, String?)? = nil) async throws -> Response {
        let t = req.t
        let all = try await CategoryService.all(req.services)
        let paths = CategoryService.paths(all)
        let model = ListModel(
            basePath: Paths.Inventory.categories(), query: nil, columns: [.init(t("common.code")), .init(t("category.path"))],
            rows: all.sorted { (paths[$0.id] ?? "") < (paths[$1.id] ?? "") }.map { [.text($0.code), .text(paths[$0.id] ?? $0.name)] },
            nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        var form = FormModel(
            action: Paths.Inventory.categories(), csrf: req.state.csrf,
            fields: [
                .init("code", label: t("common.code"), value: f.code, required: true),
                .init("name", label: t("common.name"), value: f.name, required: true),
                .init(
                    "parentId", label: t("category.parent"), kind: .select(all.map { (String($0.id), paths[$0.id] ?? $0.name) }),
                    value: f.parentId),
            ], submitLabel: t("category.new"))
        if let (message, field) = error { form.attach(error: message, field: field) }
        let canCreate = req.state.principal?.can(.products, .create) == true
        let html = CommonPages.listWithForm(
            PageShell.context(req), title: t("category.title"), model, formTitle: t("category.new"), canCreate ? form : nil)
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            _ = try await CategoryService.create(.init(code: f.code, name: f.name, parentId: PageShell.id(f.parentId)), req.services)
            return PageShell.redirect(req, to: Paths.Inventory.categories(), flash: "category.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await list(req, form: f, error: (ConcordErrorMiddleware.message(e, req.t), e.field))
        }
    }
}
