import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 自动发送 as pages: the triggers with the form that adds one, and a trigger with what it sent.
enum TriggerPages {
    struct Form: Content {
        var kind: String?; var templateId: String?; var days: String?; var enabled: String?; var version: String?
        var input: TriggerService.Input {
            .init(kind: kind, templateId: PageShell.id(templateId), days: days, enabled: enabled.map { $0 == "true" })
        }
    }

    static func kindLabel(_ kind: String, days: Int64, _ t: Translator) -> String { t("trigger.kind." + kind, String(days)) }

    static func formModel(_ req: Request, _ f: Form, id: Int64?) async throws -> FormModel {
        let t = req.t
        let templates = try await MessageService.templates(limit: 200, cursor: nil, req.services).items
        var fields: [FormModel.Field] = []
        if id == nil {
            fields.append(
                .init(
                    "kind", label: t("trigger.kind"),
                    kind: .select(TriggerService.Kind.allCases.map { ($0.rawValue, t("trigger.kind_name." + $0.rawValue)) }),
                    value: f.kind, required: true))
        }
        fields += [
            .init(
                "templateId", label: t("message.template"),
                kind: .select(templates.map { (String($0.id), $0.name + "（" + t("message.channel." + $0.channel) + "）") }),
                value: f.templateId, required: true),
            .init("days", label: t("trigger.days"), kind: .number, value: f.days, hint: t("trigger.days_hint")),
            .init("enabled", label: t("trigger.enabled"), kind: .checkbox, value: f.enabled ?? "true"),
        ]
        return FormModel(
            action: id.map { Paths.Marketing.trigger($0) } ?? Paths.Marketing.triggers(), csrf: req.state.csrf, fields: fields,
            hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"),
            cancelHref: id == nil ? nil : Paths.Marketing.triggers())
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await TriggerService.list(req.services)
        let templates = Dictionary(
            uniqueKeysWithValues: try await MessageService.templates(limit: 200, cursor: nil, req.services).items.map { ($0.id, $0.name) })
        var model = ListModel(
            basePath: Paths.Marketing.triggers(), query: nil,
            columns: [.init(t("trigger.kind")), .init(t("message.template")), .init(t("trigger.last_run")), .init(t("common.status"))],
            rows: rows.map { r in
                [
                    CommonPages.link(kindLabel(r.kind, days: r.days, t), Paths.Marketing.trigger(r.id)),
                    .text(templates[r.templateId] ?? ""),
                    .text(r.lastRun ?? "—"), CommonPages.badge(t(r.enabled ? "trigger.on" : "trigger.off"), r.enabled ? "ok" : ""),
                ]
            }, nextCursor: nil, emptyText: t("trigger.empty"), searchable: false)
        model.emptyHelp = t("trigger.intro")
        let form =
            req.state.principal?.can(.marketing, .edit) ?? true ? try await formModel(req, Form(days: nil, enabled: "true"), id: nil) : nil
        return PageShell.page(
            req, CommonPages.listWithForm(PageShell.context(req), title: t("trigger.title"), model, formTitle: t("trigger.new"), form))
    }

    static func create(_ req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        do {
            let row = try await TriggerService.create(f.input, baseUrl: MessagePages.baseUrl(req), req.services)
            return PageShell.redirect(req, to: Paths.Marketing.trigger(row.id), flash: "trigger.saved")
        } catch let e as DomainError where e.kind == .invalid {
            return PageShell.redirect(req, to: Paths.Marketing.triggers(), error: e)
        }
    }

    static func page(_ req: Request, _ row: TriggerRow, _ firings: [FiringRow], form: FormModel?, status: HTTPResponseStatus) -> Response {
        let t = req.t
        var m = TriggerModel(title: kindLabel(row.kind, days: row.days, t), form: form)
        m.facts = [
            (t("trigger.hour_fact"), .text(t("trigger.hour_text", String(TriggerService.hour)))),
            (t("trigger.last_run"), .text(row.lastRun ?? "—")),
        ]
        m.firings = firings.map { f in
            (
                f.occasion, PageShell.date(f.firedAt, req.state.lang),
                f.sendId.map { CommonPages.link("#" + String($0), Paths.Marketing.send($0)) } ?? .text("—")
            )
        }
        return PageShell.page(req, TriggerViews.page(PageShell.context(req), m), status: status)
    }

    static func show(_ req: Request) async throws -> Response {
        let (row, firings) = try await TriggerService.find(try req.id(), req.services)
        let form =
            req.state.principal?.can(.marketing, .edit) ?? true
            ? try await formModel(
                req,
                Form(
                    kind: row.kind, templateId: String(row.templateId), days: String(row.days), enabled: String(row.enabled),
                    version: String(row.version)), id: row.id) : nil
        return page(req, row, firings, form: form, status: .ok)
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(Form.self)
        do {
            _ = try await TriggerService.update(id, f.input, version: PageShell.id(f.version), req.services)
            return PageShell.redirect(req, to: Paths.Marketing.trigger(id), flash: "trigger.saved")
        } catch let e as DomainError where e.kind == .invalid || (e.kind == .conflict && e.code == "stale_version") {
            let (row, firings) = try await TriggerService.find(id, req.services)
            var form = try await formModel(req, f, id: id)
            try PageShell.attach(e, to: &form, req)
            return page(req, row, firings, form: form, status: .unprocessableEntity)
        }
    }
}
