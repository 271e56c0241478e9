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

    /// Every contact of the customers the reader may see, searched by name, pinyin, phone or e-mail.
    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let q = CRMFilters.nonEmpty(req, "q")
        let page = try await ContactService.list(q: q, partnerId: nil, limit: limit, cursor: cursor, req.services)
        let customers = try await PageShell.names(.partners, page.items.map(\.partnerId), req)
        let mayEdit = req.state.principal?.can(.customers, .edit) ?? true
        var model = ListModel(
            basePath: Paths.CRM.contacts(), query: q,
            columns: [
                .init(t("common.name")), .init(t("customer.one")), .init(t("contact.title")), .init(t("contact.mobile")),
                .init(t("field.email")), .init(t("contact.birthday")),
            ],
            rows: page.items.map { c in
                [
                    mayEdit ? CommonPages.link(c.name, Paths.CRM.editContact(c.id)) : .text(c.name),
                    CommonPages.link(customers[c.partnerId] ?? "", Paths.CRM.customer(c.partnerId)),
                    .text(c.title ?? ""), .text(c.mobile ?? c.phone ?? ""), .text(c.email ?? ""), .text(birthday(c.birthday) ?? ""),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"))
        model.onLaterPage = cursor != nil
        model.emptyHelp = q == nil ? t("contact.empty_help") : nil
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("contact.list"),
                actions: [PageAction(label: t("duplicates.contact.title"), href: Paths.Duplicates.contacts())]
                    + Exports.actions(req, .customers, Paths.CRM.exportContacts),
                intro: CommonPages.hint(t("contact.search_hint")), model))
    }

    /// A stored birthday as people write it: "1985-06-18", or "06-18" when the year is not known.
    static func birthday(_ stored: String?) -> String? {
        guard let b = stored else { return nil }
        if b.hasPrefix("--") { return String(b.dropFirst(2)) }
        if b.hasPrefix("0000-") { return String(b.dropFirst(5)) }
        return b
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
