import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

enum ContactWebPages {
    struct Form: Content {
        var partnerId: String?; var name: String?; var title: String?; var mobile: String?; var phone: String?; var email: String?;
        var wechat: String?
        var birthday: String?; var isPrimary: String?; var note: String?; var version: String?
        var custom: [String: String]?
    }

    static func new(_ req: Request) async throws -> Response {
        guard let pid = PageShell.id(req.query[String.self, at: "partnerId"]) else { throw DomainError.notFound }
        let c = try await CustomerService.findForEdit(pid, .edit, req.services)
        let f = Form(partnerId: String(c.id))
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: req.t("contact.new_for", c.name), try await formModel(req, f, id: nil)))
    }

    static func edit(_ req: Request) async throws -> Response {
        let k = try await ContactService.find(try req.id(), req.services)
        _ = try await CustomerService.findForEdit(k.partnerId, .edit, req.services)
        let f = Form(
            partnerId: String(k.partnerId), name: k.name, title: k.title, mobile: k.mobile, phone: k.phone, email: k.email,
            wechat: k.wechat,
            birthday: k.birthday.map { $0.hasPrefix("--") ? String($0.dropFirst(2)) : $0 }, isPrimary: String(k.isPrimary), note: k.note,
            version: String(k.version), custom: CustomFieldService.decode(k.customValues))
        return PageShell.page(
            req,
            CommonPages.form(PageShell.context(req), title: req.t("contact.edit"), try await formModel(req, f, id: k.id)) {
                CommonPages.actionButton(
                    req.t("action.delete"), action: Paths.CRM.deleteContact(k.id), csrf: req.state.csrf,
                    confirm: req.t("contact.delete_confirm"), danger: true)
            })
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let input = ContactService.Input(
            partnerId: PageShell.id(f.partnerId), name: f.name, title: f.title, mobile: f.mobile, phone: f.phone, email: f.email,
            wechat: f.wechat, birthday: f.birthday, isPrimary: f.isPrimary == "true", note: f.note, customFields: f.custom ?? [:])
        do {
            let k =
                if let id { try await ContactService.update(id, input, version: PageShell.id(f.version), req.services) } else {
                    try await ContactService.create(input, req.services)
                }
            return PageShell.redirect(req, to: Paths.CRM.customer(k.partnerId), flash: "contact.saved")
        } catch {
            var form = try await formModel(req, f, id: id)
            try PageShell.attach(error, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t(id == nil ? "contact.new" : "contact.edit"), form),
                status: .unprocessableEntity)
        }
    }

    static func delete(_ req: Request) async throws -> Response {
        let id = try req.id()
        let k = try await ContactService.find(id, req.services)
        do {
            try await ContactService.delete(id, req.services)
            return PageShell.redirect(req, to: Paths.CRM.customer(k.partnerId), flash: "contact.deleted")
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.CRM.editContact(id), flash: "error.contact_in_use_short", kind: .error)
        }
    }

    static func formModel(_ req: Request, _ f: Form, id: Int64?) async throws -> FormModel {
        let t = req.t
        var fields: [FormModel.Field] = [
            .init("name", label: t("common.name"), value: f.name, required: true),
            .init("title", label: t("contact.title"), value: f.title),
            .init("mobile", label: t("contact.mobile"), kind: .tel, value: f.mobile),
            .init("phone", label: t("partner.phone"), kind: .tel, value: f.phone),
            .init("email", label: t("user.email"), kind: .email, value: f.email),
            .init("wechat", label: t("contact.wechat"), value: f.wechat),
            .init("birthday", label: t("contact.birthday"), value: f.birthday, hint: t("contact.birthday_hint")),
            .init("isPrimary", label: t("contact.primary"), kind: .checkbox, value: f.isPrimary),
            .init("note", label: t("common.note"), kind: .textarea, value: f.note),
        ]
        for cf in try await CRMQueries.customFields(entity: "contact", activeOnly: true, on: req.store) {
            fields.append(CustomerWebPages.customField(cf, value: f.custom?[cf.fieldKey], t))
        }
        return FormModel(
            action: id.map { Paths.CRM.contact($0) } ?? Paths.CRM.contacts(), csrf: req.state.csrf, fields: fields,
            hidden: [("partnerId", f.partnerId ?? "")] + (f.version.map { [("version", $0)] } ?? []), submitLabel: t("action.save"),
            cancelHref: f.partnerId.map { Paths.CRM.customer($0) })
    }
}
