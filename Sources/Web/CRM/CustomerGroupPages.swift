import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 集团视图: a customer's related organisations top down, each with its sales contracts,
/// invoices and receivables and the group's totals; link a subsidiary, branch or affiliate by
/// code or name, or unlink one.
enum CustomerGroupPages {
    struct LinkForm: Content {
        var child: String?
        var kind: String?
        var note: String?
    }

    static func show(_ req: Request) async throws -> Response {
        try await page(req, form: LinkForm(kind: "subsidiary"), error: nil)
    }

    static func page(_ req: Request, form f: LinkForm, error: (any Error)?) async throws -> Response {
        let t = req.t
        let id = try req.id()
        let c = try await CustomerService.find(id, req.services)
        let r = try await CustomerRelationService.rollup(of: id, req.services)
        let mayEdit = CustomerService.allows(c, .edit, req.services)
        let csrf = req.state.csrf
        var headers = [t("group.member"), t("group.kind")]
        if r.showsContracts { headers += [t("group.contracts"), t("group.contract_amount")] }
        if r.showsCash { headers += [t("group.invoiced"), t("group.receivable")] }
        headers.append(t("common.actions"))
        func figures(_ f: CRMQueries.GroupFigures) -> [DataTable.Cell] {
            var cells: [DataTable.Cell] = []
            if r.showsContracts { cells += [.number(String(f.contracts)), .number(Money(fen: f.contractAmount).description)] }
            if r.showsCash { cells += [.number(Money(fen: f.invoiced).description), .number(Money(fen: f.receivable).description)] }
            return cells
        }
        var rows: [[DataTable.Cell]] = r.members.map { m in
            let indent = String(repeating: "　", count: m.depth) + (m.depth > 0 ? "└ " : "")
            let unlink: Node =
                mayEdit && m.relationId != nil
                ? CommonPages.actionButton(
                    t("group.unlink"), action: Paths.CRM.unlinkRelation(id, m.relationId!), csrf: csrf, confirm: t("group.unlink_confirm"))
                : .text("")
            return [
                DataTable.Cell(.fragment([.text(indent), CommonPages.link("\(m.name) (\(m.code))", Paths.CRM.customer(m.id))])),
                .text(m.kind.map { t("relation.kind." + $0) } ?? t("group.top")),
            ] + figures(m.figures) + [DataTable.Cell(unlink)]
        }
        rows.append([DataTable.Cell(CommonPages.strong(t("group.total")), header: true), .text("")] + figures(r.total) + [.text("")])
        var form = FormModel(
            action: Paths.CRM.customerGroup(id), csrf: csrf,
            fields: [
                .init("child", label: t("group.child"), value: f.child, required: true, hint: t("group.child_hint")),
                .init(
                    "kind", label: t("group.kind"),
                    kind: .select(CustomerRelationService.Kind.allCases.map { ($0.rawValue, t("relation.kind." + $0.rawValue)) }),
                    value: f.kind),
                .init("note", label: t("common.note"), value: f.note),
            ], submitLabel: t("group.link"))
        form.idPrefix = "group-"
        if let error { try PageShell.attach(error, to: &form, req) }
        let html = CommonPages.detail(
            PageShell.context(req), title: t("group.title", c.name),
            actions: [PageAction(label: t("group.back"), href: Paths.CRM.customer(id))],
            facts: []
        ) {
            CommonPages.hint(t("group.intro"))
            DataTable.render(headers, rows)
            if r.hidden > 0 { CommonPages.hint(t("group.hidden", String(r.hidden))) }
            if mayEdit { FormView.render(form, t) }
        }
        return PageShell.page(req, html, status: error == nil ? .ok : .unprocessableEntity)
    }

    /// Links the customer named (by code, else by name) under this one.
    static func link(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(LinkForm.self)
        do {
            guard let text = f.child, !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw DomainError.required("child") }
            guard let child = try await CustomerService.named(text, req.services) else {
                throw DomainError.invalid("child", code: "not_found")
            }
            _ = try await CustomerRelationService.create(.init(parentId: id, childId: child.id, kind: f.kind, note: f.note), req.services)
            return PageShell.redirect(req, to: Paths.CRM.customerGroup(id), flash: "group.linked")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await page(
                req, form: f, error: e.field == "childId" ? DomainError(e.kind, code: e.code, field: "child", args: e.args) : e)
        }
    }

    static func unlink(_ req: Request) async throws -> Response {
        let id = try req.id()
        try await CustomerRelationService.delete(try req.id("relation"), req.services)
        return PageShell.redirect(req, to: Paths.CRM.customerGroup(id), flash: "group.unlinked")
    }
}
