import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 集成 → Webhook: subscriptions, one page each with its secret and delivery log, replays.
enum WebhookPages {
    struct Form: Content {
        var url: String?; var description: String?; var events: [String]?; var moreEvents: String?; var active: String?
        var version: String?
    }

    static func list(_ req: Request) async throws -> Response {
        let t = req.t
        let rows = try await WebhookService.list(req.services)
        var model = ListModel(
            basePath: Paths.Webhooks.subscriptions(), query: nil,
            columns: [.init(t("webhook.url")), .init(t("webhook.events")), .init(t("common.status")), .init(t("common.created_at"))],
            rows: rows.map { s in
                [
                    CommonPages.link(s.url, Paths.Webhooks.subscription(s.id)),
                    .text(s.patterns.map { eventLabel($0, t) }.joined(separator: "、")),
                    status(s, t), .text(PageShell.date(s.createdAt, req.state.lang)),
                ]
            }, nextCursor: nil, emptyText: t("list.empty"), searchable: false)
        model.emptyHelp = t("webhook.empty_help")
        var actions: [PageAction] = []
        if req.state.principal?.can(.webhooks, .create) == true {
            actions.append(PageAction(label: t("webhook.new"), href: Paths.Webhooks.newSubscription(), primary: true))
            if rows.isEmpty { model.emptyAction = actions.first }
        }
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("webhook.title"), actions: actions, intro: CommonPages.hint(t("webhook.intro")), model))
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let s = try await WebhookService.find(try req.id(), req.services)
        let (limit, cursor) = try req.paging()
        let page = try await WebhookService.deliveries(s.id, limit: limit, cursor: cursor, req.services)
        let mayEdit = req.state.principal?.can(.webhooks, .edit) ?? true
        var actions: [PageAction] = []
        if mayEdit { actions.append(PageAction(label: t("action.edit"), href: Paths.Webhooks.editSubscription(s.id), primary: true)) }
        var facts: [(String, Node)] = [
            (t("webhook.url"), .text(s.url)), (t("webhook.events"), .text(s.patterns.map { eventLabel($0, t) }.joined(separator: "、"))),
            (t("common.status"), status(s, t)),
        ]
        if let d = s.description { facts.append((t("common.note"), .text(d))) }
        if mayEdit { facts.append((t("webhook.secret"), CommonPages.strong(s.secret))) }
        let csrf = req.state.csrf
        let lang = req.state.lang
        let rows: [[DataTable.Cell]] = page.items.map { d in
            [
                .text(PageShell.date(d.createdAt, lang)), .text("evt_\(d.eventId)"), .text(t("webhook.delivery." + d.status)),
                .number(String(d.attempts)), .text(d.responseCode.map(String.init) ?? (d.error ?? "")),
                .number(d.durationMs.map { "\($0) ms" } ?? ""),
                DataTable.Cell(
                    mayEdit && s.active
                        ? CommonPages.actionButton(t("webhook.replay"), action: Paths.Webhooks.replay(s.id, d.id), csrf: csrf) : .text("")),
            ]
        }
        let headers = [
            t("webhook.delivery.at"), t("webhook.delivery.event"), t("common.status"), t("webhook.delivery.attempts"),
            t("webhook.delivery.response"), t("webhook.delivery.duration"), "",
        ]
        let next = page.nextCursor.map { Paths.Webhooks.subscription(s.id) + "?cursor=" + $0 }
        return PageShell.page(
            req,
            CommonPages.detail(PageShell.context(req), title: t("webhook.one"), actions: actions, facts: facts) {
                CommonPages.hint(t("webhook.signing_hint"))
                DataTable.render(headers, rows)
                if rows.isEmpty { CommonPages.hint(t("webhook.no_deliveries")) }
                if let next { CommonPages.link(t("list.next_page"), next) }
                if req.state.principal?.can(.webhooks, .delete) ?? true {
                    CommonPages.actionButton(
                        t("action.delete"), action: Paths.Webhooks.deleteSubscription(s.id), csrf: csrf,
                        confirm: t("webhook.delete_confirm"),
                        danger: true)
                }
            })
    }

    static func new(_ req: Request) async throws -> Response {
        try req.services.require(.webhooks, .create)
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: req.t("webhook.new"), formModel(req, Form(active: "true"), id: nil)))
    }

    static func edit(_ req: Request) async throws -> Response {
        let s = try await WebhookService.find(try req.id(), req.services)
        try req.services.require(.webhooks, .edit)
        let known = Set(eventChoices(req.t).map(\.value))
        let f = Form(
            url: s.url, description: s.description, events: s.patterns.filter(known.contains),
            moreEvents: s.patterns.filter { !known.contains($0) }.joined(separator: " "), active: String(s.active),
            version: String(s.version))
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("webhook.edit"), formModel(req, f, id: s.id)))
    }

    static func create(_ req: Request) async throws -> Response { try await save(req, id: nil) }
    static func update(_ req: Request) async throws -> Response { try await save(req, id: try req.id()) }

    static func save(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(Form.self)
        let events = (f.events ?? []) + (f.moreEvents ?? "").split(whereSeparator: { $0 == " " || $0 == "," || $0 == "，" }).map(String.init)
        let input = WebhookService.Input(
            url: f.url, description: f.description, events: events, active: id == nil ? nil : f.active == "true")
        do {
            let s =
                if let id { try await WebhookService.update(id, input, version: PageShell.id(f.version), req.services) } else {
                    try await WebhookService.create(input, req.services)
                }
            return PageShell.redirect(req, to: Paths.Webhooks.subscription(s.id), flash: "webhook.saved")
        } catch {
            var form = formModel(req, f, id: id)
            try PageShell.attach(error, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t(id == nil ? "webhook.new" : "webhook.edit"), form),
                status: .unprocessableEntity)
        }
    }

    static func delete(_ req: Request) async throws -> Response {
        try await WebhookService.delete(try req.id(), req.services)
        return PageShell.redirect(req, to: Paths.Webhooks.subscriptions(), flash: "webhook.deleted")
    }

    static func replay(_ req: Request) async throws -> Response {
        try req.services.require(.webhooks, .edit)
        let id = try req.id()
        _ = try await WebhookService.replay(id, delivery: try req.id("delivery"), req.services)
        return PageShell.redirect(req, to: Paths.Webhooks.subscription(id), flash: "webhook.replayed")
    }

    static func formModel(_ req: Request, _ f: Form, id: Int64?) -> FormModel {
        let t = req.t
        var fields: [FormModel.Field] = [
            .init("url", label: t("webhook.url"), value: f.url, required: true, hint: t("webhook.url_hint")),
            .init("description", label: t("common.note"), value: f.description),
            .init("events", label: t("webhook.events"), kind: .checkboxes(eventChoices(t)), values: Set(f.events ?? [])),
            .init("moreEvents", label: t("webhook.more_events"), value: f.moreEvents, hint: t("webhook.more_events_hint")),
        ]
        if id != nil { fields.append(.init("active", label: t("common.active"), kind: .checkbox, value: f.active)) }
        return FormModel(
            action: id.map { Paths.Webhooks.subscription($0) } ?? Paths.Webhooks.subscriptions(), csrf: req.state.csrf, fields: fields,
            hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"),
            cancelHref: id.map { Paths.Webhooks.subscription($0) } ?? Paths.Webhooks.subscriptions())
    }

    /// Everything, or everything about one kind of record.
    static func eventChoices(_ t: Translator) -> [(value: String, label: String)] {
        [("*", t("webhook.event.all"))] + WebhookService.entities.map { ($0 + ".*", eventLabel($0 + ".*", t)) }
    }

    /// `customer.*` as 客户（全部事件）, `customer.created` as 客户：created.
    static func eventLabel(_ pattern: String, _ t: Translator) -> String {
        if pattern == "*" { return t("webhook.event.all") }
        let parts = pattern.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return pattern }
        let entity = AuditWords.entity(parts[0], t)
        return parts[1] == "*" ? t("webhook.event.every", entity) : entity + " " + pattern
    }

    static func status(_ s: WebhookSubscriptionRow, _ t: Translator) -> Node {
        if s.active { return CommonPages.badge(t("common.active"), "ok") }
        return CommonPages.badge(t("webhook.disabled." + (s.disabledReason ?? "by_hand")), "warn")
    }
}
