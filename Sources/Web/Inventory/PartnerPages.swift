import InventoryCore
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

enum PartnerPages {
    struct Form: Content {
        var code: String?; var name: String?; var kind: String?; var isCustomer: String?; var isSupplier: String?; var uscc: String?
        var phone: String?; var email: String?; var address: String?; var active: String?; var version: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let q = req.query[String.self, at: "q"]
        let role = req.query[String.self, at: "role"]
        let canEdit = req.state.principal?.can(.partners, .edit) == true
        let page = try await PartnerService.list(filter: try InventoryFilters.partners(req), limit: limit, cursor: cursor, req.services)
        var model = ListModel(
            basePath: Paths.Inventory.partners(), query: q,
            filters: [
                .init(
                    name: "role", label: t("partner.role"),
                    options: [("customer", t("partner.customer")), ("supplier", t("partner.supplier"))], selected: role)
            ],
            columns: [
                .init(t("common.code")), .init(t("common.name")), .init(t("partner.role")), .init(t("partner.phone")),
                .init(t("partner.uscc")),
            ],
            rows: page.items.map { p in
                [
                    .text(p.code), CommonPages.link(p.name, Paths.Inventory.editPartner(p.id), if: canEdit),
                    .text(
                        [p.isCustomer ? t("partner.customer") : nil, p.isSupplier ? t("partner.supplier") : nil].compactMap { $0 }.joined(
                            separator: "、")),
                    .text(p.phone ?? ""), .text(p.uscc ?? ""),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.onLaterPage = cursor != nil
        var actions: [PageAction] = []
        if req.state.principal?.can(.partners, .create) == true {
            actions.append(PageAction(label: t("partner.new"), href: Paths.Inventory.newPartner(), primary: true))
        }
        actions += Exports.actions(req, .partners, Paths.Inventory.exportPartners)
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("partner.title"), actions: actions, model))
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.partners, .create)
        return PageShell.page(
            req,
            CommonPages.form(
                PageShell.context(req), title: req.t("partner.new"),
                formModel(req, Form(kind: "company", isCustomer: "true", active: "true"), id: nil)))
    }

    static func edit(_ req: Request) async throws -> Response {
        let p = try await PartnerService.find(try req.id(), req.services)
        try req.services.require(.partners, .edit)
        let f = Form(
            code: p.code, name: p.name, kind: p.kind, isCustomer: String(p.isCustomer), isSupplier: String(p.isSupplier), uscc: p.uscc,
            phone: p.phone,
            email: p.email, address: p.address, active: String(p.active), version: String(p.version))
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("partner.edit"), formModel(req, f, id: p.id)))
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        var input = PartnerService.Input(
            code: f.code, name: f.name, kind: f.kind, isCustomer: f.isCustomer == "true", isSupplier: f.isSupplier == "true", uscc: f.uscc,
            phone: f.phone, email: f.email, address: f.address, active: f.active == "true")
        do {
            if let id {
                let old = try await PartnerService.find(id, req.services)
                input.branchId = old.branchId
                input.ownerId = old.ownerId
                _ = try await PartnerService.update(id, input, version: PageShell.id(f.version), req.services)
            } else {
                _ = try await PartnerService.create(input, req.services)
            }
            return PageShell.redirect(req, to: Paths.Inventory.partners(), flash: "partner.saved")
        } catch {
            var form = formModel(req, f, id: id)
            try PageShell.attach(error, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t(id == nil ? "partner.new" : "partner.edit"), form),
                status: .unprocessableEntity)
        }
    }

    static func formModel(_ req: Request, _ f: Form, id: Int64?) -> FormModel {
        let t = req.t
        return FormModel(
            action: id.map { Paths.Inventory.partner($0) } ?? Paths.Inventory.partners(), csrf: req.state.csrf,
            fields: [
                .init("code", label: t("common.code"), value: f.code, required: true),
                .init("name", label: t("common.name"), value: f.name, required: true),
                .init(
                    "kind", label: t("partner.kind"),
                    kind: .select([("company", t("partner.kind.company")), ("person", t("partner.kind.person"))]), value: f.kind,
                    required: true),
                .init("isCustomer", label: t("partner.customer"), kind: .checkbox, value: f.isCustomer),
                .init("isSupplier", label: t("partner.supplier"), kind: .checkbox, value: f.isSupplier),
                .init("uscc", label: t("partner.uscc"), value: f.uscc),
                .init("phone", label: t("partner.phone"), kind: .tel, value: f.phone),
                .init("email", label: t("user.email"), kind: .email, value: f.email),
                .init("address", label: t("partner.address"), value: f.address),
                .init("active", label: t("common.active"), kind: .checkbox, value: f.active),
            ], hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"), cancelHref: Paths.Inventory.partners())
    }
}
