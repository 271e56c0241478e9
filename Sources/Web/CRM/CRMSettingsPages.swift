import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// CRM settings: the configurable lists and the custom fields of customers and contacts.
enum CRMSettingsPages {
    struct ListsForm: Content { var levels: String?; var sources: String?; var industries: String? }
    struct FieldForm: Content {
        var entity: String?; var key: String?; var label: String?; var kind: String?; var options: String?; var required: String?;
        var sortOrder: String?
        var active: String?; var onWebForm: String?; var version: String?
    }

    static func show(_ req: Request) async throws -> Response {
        try req.services.require(.customers, .approve)
        return try await render(req, lists: nil, field: FieldForm(entity: "customer", kind: "text"))
    }

    struct StageForm: Content { var code: String?; var name: String?; var probability: String?; var sortOrder: String? }

    static func render(
        _ req: Request, lists: ListsForm?, field: FieldForm, listsError: (String, String?)? = nil, fieldError: (any Error)? = nil,
        stage: StageForm? = nil, stageError: (any Error)? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let t = req.t
        let stored = try await CRMSettings.all(req.store)
        var listForm = FormModel(
            action: Paths.CRM.settingsLists(), csrf: req.state.csrf,
            fields: [
                .init(
                    "levels", label: t("crm.settings.levels"), kind: .textarea,
                    value: lists?.levels ?? stored[.levels]?.joined(separator: "\n"), required: true,
                    hint: t("crm.settings.one_per_line")),
                .init(
                    "sources", label: t("crm.settings.sources"), kind: .textarea,
                    value: lists?.sources ?? stored[.sources]?.joined(separator: "\n"), required: true),
                .init(
                    "industries", label: t("crm.settings.industries"), kind: .textarea,
                    value: lists?.industries ?? stored[.industries]?.joined(separator: "\n"),
                    required: true),
            ], submitLabel: t("action.save"))
        if let (message, field) = listsError { listForm.attach(error: message, field: field) }
        var fieldForm = fieldFormModel(req, field, id: nil)
        if let e = fieldError { try PageShell.attach(e, to: &fieldForm, req) }
        let fields = try await CRMQueries.customFields(entity: nil, activeOnly: false, on: req.store)
        let table = ListModel(
            basePath: Paths.CRM.settings(), query: nil,
            columns: [
                .init(t("crm.field.entity")), .init(t("crm.field.key")), .init(t("crm.field.label")),
                .init(t("crm.field.kind")), .init(t("crm.field.required")), .init(t("common.active")),
            ],
            rows: fields.map { f in
                [
                    .text(t("crm.field.entity." + f.entity)), .text(f.fieldKey),
                    CommonPages.link(f.label, Paths.CRM.editSettingsField(f.id)),
                    .text(t("crm.field.kind." + f.kind) + (f.choices.isEmpty ? "" : "：" + f.choices.joined(separator: "、"))),
                    .text((f.required ? "✓" : "") + (f.onWebForm ? " " + t("crm.field.web_form_mark") : "")), .text(f.active ? "✓" : "—"),
                ]
            }, nextCursor: nil, emptyText: t("crm.field.none"), searchable: false)
        let manageStages = req.state.principal?.can(.opportunities, .approve) ?? true
        let stages = manageStages ? try await StageService.list(req.services) : []
        let stageTable = ListModel(
            basePath: Paths.CRM.settings(), query: nil,
            columns: [
                .init(t("common.code")), .init(t("common.name")),
                .init(t("stage.probability"), numeric: true), .init(t("stage.outcome")),
                .init(t("crm.field.sort"), numeric: true), .init(t("common.active")),
            ],
            rows: stages.map { s in
                [
                    .text(s.code), .text(s.name), .text("\(s.probability)%"), .text(t("opportunity.outcome." + s.outcome)),
                    .text(String(s.sortOrder)), .text(s.active ? "✓" : "—"),
                ]
            },
            nextCursor: nil, emptyText: "", searchable: false)
        var stageForm = FormModel(
            action: Paths.CRM.settingsStages(), csrf: req.state.csrf,
            fields: [
                .init("code", label: t("common.code"), value: stage?.code, required: true),
                .init("name", label: t("common.name"), value: stage?.name, required: true),
                .init(
                    "probability", label: t("stage.probability"), kind: .number, value: stage?.probability, required: true,
                    hint: t("stage.probability_hint")),
                .init("sortOrder", label: t("crm.field.sort"), kind: .number, value: stage?.sortOrder),
            ], submitLabel: t("stage.save"))
        stageForm.idPrefix = "stage-"
        if let e = stageError { try PageShell.attach(e, to: &stageForm, req) }
        let html = CRMViews.settings(
            PageShell.context(req), lists: listForm, newField: fieldForm, fields: table,
            stages: manageStages ? (stageTable, stageForm) : nil)
        return PageShell.page(req, html, status: status)
    }

    static func saveLists(_ req: Request) async throws -> Response {
        let f = try req.content.decode(ListsForm.self)
        func lines(_ s: String?) -> [String] { (s ?? "").split(whereSeparator: \.isNewline).map(String.init) }
        do {
            try await CRMSettings.set(
                [.levels: lines(f.levels), .sources: lines(f.sources), .industries: lines(f.industries)], req.services)
            return PageShell.redirect(req, to: Paths.CRM.settings(), flash: "crm.settings.saved")
        } catch let e as DomainError where e.kind == .invalid {
            return try await render(
                req, lists: f, field: FieldForm(entity: "customer", kind: "text"),
                listsError: (ConcordErrorMiddleware.message(e, req.t), e.field), status: .unprocessableEntity)
        }
    }

    /// A new open stage (won and lost stages come with the product).
    static func createStage(_ req: Request) async throws -> Response {
        let f = try req.content.decode(StageForm.self)
        do {
            guard let p = Int64((f.probability ?? "").trimmingCharacters(in: .whitespaces)) else {
                throw DomainError.invalid("probability", code: "out_of_range", args: ["probability"])
            }
            _ = try await StageService.save(
                nil, .init(code: f.code, name: f.name, probability: p, sortOrder: f.sortOrder.flatMap { Int64($0) }, outcome: "open"),
                version: nil, req.services)
            return PageShell.redirect(req, to: Paths.CRM.settings(), flash: "stage.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await render(
                req, lists: nil, field: FieldForm(entity: "customer", kind: "text"), stage: f, stageError: e, status: .unprocessableEntity)
        }
    }

    static func fieldInput(_ f: FieldForm) -> CustomFieldService.Input {
        .init(
            entity: f.entity, key: f.key, label: f.label, kind: f.kind,
            options: (f.options ?? "").split(whereSeparator: \.isNewline).map(String.init),
            required: f.required == "true", sortOrder: f.sortOrder.flatMap { Int64($0) }, active: f.active.map { $0 == "true" } ?? true,
            onWebForm: f.onWebForm == "true")
    }

    static func createField(_ req: Request) async throws -> Response {
        let f = try req.content.decode(FieldForm.self)
        do {
            _ = try await CustomFieldService.create(fieldInput(f), req.services)
            return PageShell.redirect(req, to: Paths.CRM.settings(), flash: "crm.field.saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return try await render(req, lists: nil, field: f, fieldError: e, status: .unprocessableEntity)
        }
    }

    static func editField(_ req: Request) async throws -> Response {
        try req.services.require(.customers, .approve)
        let cf = try await CustomFieldService.find(try req.id(), req.services)
        let f = FieldForm(
            entity: cf.entity, key: cf.fieldKey, label: cf.label, kind: cf.kind, options: cf.choices.joined(separator: "\n"),
            required: String(cf.required), sortOrder: String(cf.sortOrder), active: String(cf.active), onWebForm: String(cf.onWebForm),
            version: String(cf.version))
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: req.t("crm.field.edit"), fieldFormModel(req, f, id: cf.id)))
    }

    static func updateField(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(FieldForm.self)
        do {
            _ = try await CustomFieldService.update(id, fieldInput(f), version: PageShell.id(f.version), req.services)
            return PageShell.redirect(req, to: Paths.CRM.settings(), flash: "crm.field.saved")
        } catch {
            var form = fieldFormModel(req, f, id: id)
            try PageShell.attach(error, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t("crm.field.edit"), form), status: .unprocessableEntity)
        }
    }

    static func fieldFormModel(_ req: Request, _ f: FieldForm, id: Int64?) -> FormModel {
        let t = req.t
        var fields: [FormModel.Field] = []
        if id == nil {
            fields += [
                .init(
                    "entity", label: t("crm.field.entity"),
                    kind: .select(CustomFieldService.Entity.allCases.map { ($0.rawValue, t("crm.field.entity." + $0.rawValue)) }),
                    value: f.entity, required: true),
                .init("key", label: t("crm.field.key"), value: f.key, required: true, hint: t("crm.field.key_hint")),
                .init(
                    "kind", label: t("crm.field.kind"),
                    kind: .select(CustomFieldService.Kind.allCases.map { ($0.rawValue, t("crm.field.kind." + $0.rawValue)) }),
                    value: f.kind, required: true),
            ]
        }
        fields += [
            .init("label", label: t("crm.field.label"), value: f.label, required: true),
            .init("options", label: t("crm.field.options"), kind: .textarea, value: f.options, hint: t("crm.field.options_hint")),
            .init("sortOrder", label: t("crm.field.sort"), kind: .number, value: f.sortOrder),
            .init("required", label: t("crm.field.required"), kind: .checkbox, value: f.required),
        ]
        // Leads only (the form makes leads); a new field may become one.
        if id == nil || f.entity == CustomFieldService.Entity.lead.rawValue {
            fields.append(
                .init(
                    "onWebForm", label: t("crm.field.on_web_form"), kind: .checkbox, value: f.onWebForm,
                    hint: t("crm.field.on_web_form_hint")))
        }
        if id != nil { fields.append(.init("active", label: t("common.active"), kind: .checkbox, value: f.active)) }
        return FormModel(
            action: id.map { Paths.CRM.settingsField($0) } ?? Paths.CRM.settingsFields(), csrf: req.state.csrf, fields: fields,
            hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"),
            cancelHref: id == nil ? nil : Paths.CRM.settings())
    }
}
