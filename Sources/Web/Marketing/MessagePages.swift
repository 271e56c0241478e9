import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 群发 as pages: message templates (with a preview on a real recipient), sends with their
/// progress and each recipient's trace, and the opt-outs.
enum MessagePages {
    static func baseUrl(_ req: Request) -> String { PageShell.absolute(req, "") }

    // MARK: templates

    struct TemplateForm: Content {
        var name: String?; var channel: String?; var purpose: String?; var subject: String?; var body: String?
        var providerTemplate: String?; var version: String?
        var input: MessageService.TemplateInput {
            .init(name: name, channel: channel, purpose: purpose, subject: subject, body: body, providerTemplate: providerTemplate)
        }
    }

    static func templates(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let page = try await MessageService.templates(limit: limit, cursor: cursor, req.services)
        var model = ListModel(
            basePath: Paths.Marketing.templates(), query: nil,
            columns: [
                .init(t("message.template_name")), .init(t("message.channel")), .init(t("message.purpose")), .init(t("message.subject")),
                .init(t("common.updated_at")),
            ],
            rows: page.items.map { m in
                [
                    CommonPages.link(m.name, Paths.Marketing.template(m.id)), .text(t("message.channel." + m.channel)),
                    .text(t("message.purpose." + m.purpose)),
                    .text(m.subject ?? ""),
                    .text(PageShell.date(m.updatedAt, req.state.lang)),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        model.emptyHelp = t("message.templates_empty")
        var actions: [PageAction] = []
        if req.state.principal?.can(.marketing, .edit) ?? true {
            actions.append(PageAction(label: t("message.new_template"), href: Paths.Marketing.newTemplate(), primary: true))
            if page.items.isEmpty, cursor == nil { model.emptyAction = actions.first }
        }
        return PageShell.page(req, CommonPages.list(PageShell.context(req), title: t("message.templates"), actions: actions, model))
    }

    static func templateForm(_ req: Request, _ f: TemplateForm, id: Int64?) -> FormModel {
        let t = req.t
        return FormModel(
            action: id.map { Paths.Marketing.template($0) } ?? Paths.Marketing.templates(), csrf: req.state.csrf,
            fields: [
                .init("name", label: t("message.template_name"), value: f.name, required: true),
                .init(
                    "channel", label: t("message.channel"),
                    kind: .select(MessageService.Channel.allCases.map { ($0.rawValue, t("message.channel." + $0.rawValue)) }),
                    value: f.channel ?? MessageService.Channel.email.rawValue, required: true),
                .init(
                    "purpose", label: t("message.purpose"),
                    kind: .select(MessageService.Purpose.allCases.map { ($0.rawValue, t("message.purpose." + $0.rawValue)) }),
                    value: f.purpose ?? MessageService.Purpose.marketing.rawValue, required: true, hint: t("message.purpose_hint")),
                .init("subject", label: t("message.subject"), value: f.subject, hint: t("message.subject_hint")),
                .init("body", label: t("message.body"), kind: .textarea, value: f.body, required: true, hint: t("message.fields_hint")),
                .init(
                    "providerTemplate", label: t("message.provider_template"), value: f.providerTemplate,
                    hint: t("message.provider_template_hint")),
            ], hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"), cancelHref: Paths.Marketing.templates())
    }

    static func newTemplate(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        let f = TemplateForm(
            subject: req.t("message.sample_subject"), body: req.t("message.sample_body"))
        return PageShell.page(
            req, CommonPages.form(PageShell.context(req), title: req.t("message.new_template"), templateForm(req, f, id: nil)))
    }

    static func createTemplate(_ req: Request) async throws -> Response { try await saveTemplate(req, id: nil) }
    static func updateTemplate(_ req: Request) async throws -> Response { try await saveTemplate(req, id: try req.id()) }

    static func saveTemplate(_ req: Request, id: Int64?) async throws -> Response {
        let f = try req.content.decode(TemplateForm.self)
        do {
            let m =
                if let id { try await MessageService.updateTemplate(id, f.input, version: PageShell.id(f.version), req.services) } else {
                    try await MessageService.createTemplate(f.input, req.services)
                }
            return PageShell.redirect(req, to: Paths.Marketing.template(m.id), flash: "message.template_saved")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            var form = templateForm(req, f, id: id)
            try PageShell.attach(e, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t(id == nil ? "message.new_template" : "message.template"), form),
                status: .unprocessableEntity)
        }
    }

    /// The template, its form, and how it reads for a real recipient (the first contact in reach).
    static func template(_ req: Request) async throws -> Response {
        let t = req.t
        let m = try await MessageService.template(try req.id(), req.services)
        let contact =
            req.state.principal?.can(.customers, .view) ?? true
            ? try await ContactService.list(q: nil, partnerId: nil, limit: 1, cursor: nil, req.services).items.first : nil
        let preview = try await MessageService.preview(
            m.id, contact: contact?.id, lead: nil, invitation: nil, baseUrl: baseUrl(req), req.services)
        let form =
            req.state.principal?.can(.marketing, .edit) ?? true
            ? templateForm(
                req,
                TemplateForm(
                    name: m.name, channel: m.channel, purpose: m.purpose, subject: m.subject, body: m.body,
                    providerTemplate: m.providerTemplate,
                    version: String(m.version)), id: m.id)
            : nil
        return PageShell.page(
            req,
            MessageViews.template(
                PageShell.context(req), title: m.name, previewTitle: t("message.preview", contact?.name ?? t("message.nobody")),
                subject: preview.subject, text: preview.text, form: form))
    }

    // MARK: sends

    static func sends(_ req: Request) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let page = try await MessageService.sends(event: nil, limit: limit, cursor: cursor, req.services)
        var rows: [[Node]] = []
        for s in page.items {
            let p = try await MessageService.send(s.id, req.services).1
            rows.append([
                CommonPages.link("#" + String(s.id), Paths.Marketing.send(s.id)), .text(s.subject ?? ""),
                .text(PageShell.date(s.createdAt, req.state.lang)), .text(String(p["sent"] ?? 0) + " / " + String(p.values.reduce(0, +))),
                .fragment([CommonPages.badge(t("send.status." + s.status), s.status)]),
            ])
        }
        var model = ListModel(
            basePath: Paths.Marketing.sends(), query: nil,
            columns: [
                .init(t("send.number")), .init(t("message.subject")), .init(t("common.created_at")), .init(t("send.sent_of")),
                .init(t("common.status")),
            ], rows: rows, nextCursor: page.nextCursor, emptyText: t("list.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        model.emptyHelp = t("send.empty")
        var actions: [PageAction] = []
        if req.state.principal?.can(.marketing, .edit) ?? true {
            actions.append(PageAction(label: t("send.new"), href: Paths.Marketing.newSend(), primary: true))
            actions.append(PageAction(label: t("message.templates"), href: Paths.Marketing.templates()))
            actions.append(PageAction(label: t("optout.title"), href: Paths.Marketing.optOuts()))
            actions.append(PageAction(label: t("trigger.title"), href: Paths.Marketing.triggers()))
            if page.items.isEmpty, cursor == nil { model.emptyAction = actions.first }
        }
        return PageShell.page(
            req,
            CommonPages.list(
                PageShell.context(req), title: t("send.title"), actions: actions, intro: CommonPages.hint(t("send.intro")), model))
    }

    struct SendForm: Content {
        var templateId: String?; var eventId: String?; var statuses: [String]?; var contactIds: [String]?; var leadIds: [String]?
        var segmentId: String?; var tracking: String?
    }

    static func sendForm(_ req: Request, _ f: SendForm, q: String?) async throws -> FormModel {
        let t = req.t
        let templates = try await MessageService.templates(limit: 200, cursor: nil, req.services).items
        let events = try await EventService.list(campaign: nil, limit: 100, cursor: nil, req.services).items
        let segments = try await SegmentService.list(limit: 200, cursor: nil, req.services).items
        let p = req.state.principal
        let contacts =
            p?.can(.customers, .view) ?? true
            ? try await ContactService.list(q: q, partnerId: nil, limit: 50, cursor: nil, req.services).items.filter {
                $0.email != nil || $0.mobile != nil
            } : []
        let leads =
            p?.can(.leads, .view) ?? true
            ? try await LeadService.list(filter: .init(q: q), limit: 50, cursor: nil, req.services).items.filter {
                $0.email != nil || $0.phone != nil
            } : []
        var form = FormModel(
            action: Paths.Marketing.sends(), csrf: req.state.csrf,
            fields: [
                .init(
                    "templateId", label: t("send.template"), kind: .select(templates.map { (String($0.id), $0.name) }), value: f.templateId,
                    required: true),
                .init(
                    "eventId", label: t("send.event"),
                    kind: .select([("", t("send.no_event"))] + events.map { (String($0.id), $0.name + " " + EventPages.when($0)) }),
                    value: f.eventId, hint: t("send.event_hint")),
                .init(
                    "segmentId", label: t("send.segment"),
                    kind: .select([("", t("send.no_segment"))] + segments.map { (String($0.id), $0.name) }),
                    value: f.segmentId, hint: t("send.segment_hint")),
                .init(
                    "statuses", label: t("send.statuses"),
                    kind: .checkboxes(InvitationFlow.allStored.map { ($0, t("invitation.status." + $0)) }),
                    values: Set(f.statuses ?? [InvitationFlow.State.invited.rawValue, InvitationFlow.State.accepted.rawValue])),
                .init(
                    "contactIds", label: t("event.contacts"),
                    kind: .checkboxes(
                        contacts.map {
                            (String($0.id), [$0.name, $0.email ?? "", $0.mobile ?? ""].filter { !$0.isEmpty }.joined(separator: " · "))
                        }),
                    values: Set(f.contactIds ?? [])),
                .init(
                    "leadIds", label: t("event.leads"),
                    kind: .checkboxes(
                        leads.map {
                            (
                                String($0.id),
                                [$0.contactName ?? $0.company, $0.email ?? "", $0.phone ?? ""].filter { !$0.isEmpty }.joined(
                                    separator: " · ")
                            )
                        }),
                    values: Set(f.leadIds ?? [])),
                .init("tracking", label: t("send.tracking"), kind: .checkbox, value: f.tracking ?? "false", hint: t("send.tracking_hint")),
            ], submitLabel: t("send.queue"), cancelHref: Paths.Marketing.sends())
        form.idPrefix = "send-"
        return form
    }

    static func newSend(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        let q = req.query[String.self, at: "q"].map { String($0.prefix(100)) }
        let f = SendForm(templateId: nil, eventId: req.query[String.self, at: "event"])
        return PageShell.page(
            req,
            EventViews.invite(
                PageShell.context(req), title: req.t("send.new"), query: q ?? "", hint: req.t("send.new_hint"),
                try await sendForm(req, f, q: q)))
    }

    static func createSend(_ req: Request) async throws -> Response {
        let f = try req.content.decode(SendForm.self)
        do {
            let r = try await MessageService.queue(
                .init(
                    templateId: PageShell.id(f.templateId), eventId: PageShell.id(f.eventId), statuses: f.statuses ?? [],
                    contactIds: PageShell.ids(f.contactIds), leadIds: PageShell.ids(f.leadIds), segmentId: PageShell.id(f.segmentId),
                    tracking: f.tracking == "true"),
                baseUrl: baseUrl(req), req.services)
            return PageShell.redirect(
                req, to: Paths.Marketing.send(r.send.id), flash: "send.queued",
                args: [String(r.queued), String(r.skipped), String(r.noAddress)])
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            var form = try await sendForm(req, f, q: nil)
            try PageShell.attach(e, to: &form, req)
            return PageShell.page(
                req, EventViews.invite(PageShell.context(req), title: req.t("send.new"), query: "", hint: req.t("send.new_hint"), form),
                status: .unprocessableEntity)
        }
    }

    static func send(_ req: Request) async throws -> Response {
        let t = req.t
        let (s, progress) = try await MessageService.send(try req.id(), req.services)
        let status = req.query[String.self, at: "status"].flatMap { $0.isEmpty ? nil : String($0.prefix(20)) }
        let recipients = try await MessageService.recipients(s.id, status: status, limit: 200, cursor: nil, req.services)
        var m = SendModel(title: t("send.one", String(s.id)), csrf: req.state.csrf)
        let template = try? await MessageService.template(s.templateId, req.services)
        m.facts = [
            (t("common.status"), CommonPages.badge(t("send.status." + s.status), s.status)),
            (t("send.template"), .text(template?.name ?? "")), (t("message.subject"), .text(s.subject ?? "")),
            (t("common.created_at"), .text(PageShell.date(s.createdAt, req.state.lang))),
        ]
        if let e = s.eventId { m.facts.append((t("send.event"), CommonPages.link(t("send.open_event"), Paths.Marketing.event(e)))) }
        m.figures = ["queued", "sent", "failed", "bounced", "skipped", "unknown"].map { (t("recipient.status." + $0), progress[$0] ?? 0) }
        let engagement = try await MessageService.engagement(s.id, req.services)
        m.figures.append((t("recipient.unsubscribed"), engagement.unsubscribed))
        if s.tracking {
            m.figures += [(t("recipient.opened"), engagement.opened), (t("recipient.clicked"), engagement.clicked)]
            m.facts.append((t("send.tracking"), .text(t("send.tracking_on"))))
        }
        if req.state.principal?.can(.marketing, .edit) ?? true, let state = SendFlow.State(rawValue: s.status) {
            m.transitions = SendFlow.allowedActions(state) { _ in true }.map {
                (t("send.action." + $0.rawValue), Paths.Marketing.sendAction(s.id, $0.rawValue))
            }
        }
        m.recipients = recipients.items.map { r in
            SendModel.Recipient(
                name: r.name, address: r.address, status: t("recipient.status." + r.status), error: r.error ?? "",
                sent: r.sentAt.map { CalendarDate.chinaDateTime($0) } ?? "", unsubscribed: r.unsubscribedAt != nil ? t("common.yes") : "",
                engaged: r.clickedAt.map { t("recipient.clicked_at", CalendarDate.chinaDateTime($0), String(r.clicks)) }
                    ?? r.openedAt.map { t("recipient.opened_at", CalendarDate.chinaDateTime($0)) } ?? "")
        }
        m.refresh = s.status == SendFlow.State.sending.rawValue
        return PageShell.page(req, MessageViews.send(PageShell.context(req), m))
    }

    static func transition(_ command: SendFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            do {
                _ = try await MessageService.transition(id, command, req.services)
                return PageShell.redirect(req, to: Paths.Marketing.send(id), flash: "send.updated")
            } catch let e as DomainError where e.kind == .conflict {
                return PageShell.redirect(req, to: Paths.Marketing.send(id), error: e)
            }
        }
    }

    // MARK: opt-outs

    struct OptOutForm: Content { var address: String? }

    static func optOuts(_ req: Request) async throws -> Response { try await optOutsPage(req, OptOutForm(), error: nil) }

    static func optOutsPage(_ req: Request, _ f: OptOutForm, error: DomainError?) async throws -> Response {
        let t = req.t
        let (limit, cursor) = try req.paging()
        let page = try await MessageService.optOuts(channel: nil, limit: limit, cursor: cursor, req.services)
        let mayEdit = req.state.principal?.can(.marketing, .edit) ?? true
        var model = ListModel(
            basePath: Paths.Marketing.optOuts(), query: nil,
            columns: [.init(t("optout.address")), .init(t("optout.source")), .init(t("common.created_at")), .init(t("common.actions"))],
            rows: page.items.map { o in
                [
                    .text(o.address), .text(t("optout.source." + o.source)), .text(PageShell.date(o.createdAt, req.state.lang)),
                    mayEdit
                        ? CommonPages.actionButton(
                            t("action.delete"), action: Paths.Marketing.optOuts() + "?remove=" + String(o.id), csrf: req.state.csrf,
                            confirm: t("optout.remove_confirm")) : .text(""),
                ]
            }, nextCursor: page.nextCursor, emptyText: t("optout.empty"), searchable: false)
        model.onLaterPage = cursor != nil
        var form: FormModel?
        if mayEdit {
            var fm = FormModel(
                action: Paths.Marketing.optOuts(), csrf: req.state.csrf,
                fields: [.init("address", label: t("optout.address"), kind: .email, value: f.address, required: true)],
                submitLabel: t("optout.add"))
            if let error { try PageShell.attach(error, to: &fm, req) }
            form = fm
        }
        return PageShell.page(
            req, CommonPages.listWithForm(PageShell.context(req), title: t("optout.title"), model, formTitle: t("optout.add"), form),
            status: error == nil ? .ok : .unprocessableEntity)
    }

    /// Adds an opt-out, or (`?remove=<id>`) takes one back.
    static func changeOptOuts(_ req: Request) async throws -> Response {
        if let id = req.query[Int64.self, at: "remove"] {
            try await MessageService.removeOptOut(id, req.services)
            return PageShell.redirect(req, to: Paths.Marketing.optOuts(), flash: "optout.removed")
        }
        let f = try req.content.decode(OptOutForm.self)
        do {
            _ = try await MessageService.addOptOut(channel: nil, address: f.address, req.services)
            return PageShell.redirect(req, to: Paths.Marketing.optOuts(), flash: "optout.added")
        } catch let e as DomainError where e.kind == .invalid {
            return try await optOutsPage(req, f, error: e)
        }
    }
}

/// The way out of marketing mail (`/marketing/unsubscribe/<secret>`): a page with one button, and
/// the one-click POST mail programs send by themselves (RFC 8058) — neither needs a sign-in.
enum UnsubscribePages {

    static func show(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let (r, _) = try await MessageService.unsubscribeTarget(token: token, req.visitor("unsubscribe")) else {
            return Response.html(WebFormViews.closed(lang: req.state.lang), status: .notFound)
        }
        return Response.html(
            MessageViews.unsubscribe(
                lang: req.state.lang, path: Paths.Marketing.unsubscribe(token), address: r.address, done: r.unsubscribedAt != nil))
    }

    /// A reply a provider passes on: JSON with the number and the words, in either provider's
    /// field names (Tencent posts a list). Answers what the providers expect to read.
    static func smsReply(_ req: Request) async throws -> Response {
        let key = req.parameters.get("key") ?? ""
        let raw = req.body.data.map { Data(buffer: $0) } ?? Data()
        let json = (try? JSONSerialization.jsonObject(with: raw)) ?? [String: Any]()
        let items = (json as? [[String: Any]]) ?? [(json as? [String: Any]) ?? [:]]
        let ctx = req.visitor("sms_reply")
        do {
            for item in items.prefix(100) {
                func field(_ names: [String]) -> String? { names.lazy.compactMap { item[$0] as? String }.first }
                _ = try await MessageService.smsReply(
                    key: key, phone: field(["mobile", "phone_number", "PhoneNumber", "phone"]),
                    text: field(["text", "content", "Content", "reply_content"]), ctx)
            }
        } catch let e as DomainError where e.kind == .notFound {
            return Response(status: .notFound)
        }
        return try SMSReplyAnswer(result: 0, errmsg: "OK").jsonResponse()
    }

    struct SMSReplyAnswer: Encodable {
        var result: Int
        var errmsg: String
    }

    static func confirm(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        do {
            let r = try await MessageService.unsubscribe(
                token: token, oneClick: (try? req.content.get(String.self, at: "List-Unsubscribe")) == "One-Click",
                req.visitor("unsubscribe"))
            return Response.html(
                MessageViews.unsubscribe(lang: req.state.lang, path: Paths.Marketing.unsubscribe(token), address: r.address, done: true))
        } catch let e as DomainError where e.kind == .notFound {
            return Response.html(WebFormViews.closed(lang: req.state.lang), status: .notFound)
        }
    }
}
