import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// 活动 as pages: an event of a campaign, its invitations, the check-in board at the door, and
/// the invitee's own RSVP page (no sign-in).
enum EventPages {
    struct Form: Content {
        var name: String?; var venue: String?; var startsOn: String?; var startTime: String?; var endTime: String?
        var capacity: String?; var agenda: String?; var version: String?
        func input(campaign: Int64?) -> EventService.Input {
            let day = (startsOn ?? "").trimmingCharacters(in: .whitespaces)
            func at(_ time: String?) -> String? {
                guard let t = time?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
                return day + "T" + t
            }
            return .init(
                campaignId: campaign, name: name, venue: venue, startsAt: day.isEmpty ? nil : at(startTime ?? "") ?? day + "T00:00",
                endsAt: day.isEmpty ? nil : at(endTime), capacity: capacity, agenda: agenda)
        }
    }

    static func formModel(_ req: Request, _ f: Form, action: String, cancel: String) -> FormModel {
        let t = req.t
        var start = FormModel.Field("startsOn", label: t("event.date"), kind: .date, value: f.startsOn, required: true)
        start.errorKey = "startsAt"
        var end = FormModel.Field("endTime", label: t("event.end_time"), value: f.endTime, hint: "17:30")
        end.errorKey = "endsAt"
        return FormModel(
            action: action, csrf: req.state.csrf,
            fields: [
                .init("name", label: t("event.name"), value: f.name, required: true),
                .init("venue", label: t("event.venue"), value: f.venue),
                start,
                .init("startTime", label: t("event.start_time"), value: f.startTime, required: true, hint: "14:00"),
                end,
                .init("capacity", label: t("event.capacity"), kind: .number, value: f.capacity, hint: t("event.capacity_hint")),
                .init("agenda", label: t("event.agenda"), kind: .textarea, value: f.agenda),
            ], hidden: f.version.map { [("version", $0)] } ?? [], submitLabel: t("action.save"), cancelHref: cancel)
    }

    static func new(_ req: Request) async throws -> Response {
        let c = try await CampaignService.find(try req.id(), req.services)
        try req.services.require(.marketing, .edit)
        let form = formModel(
            req, Form(startsOn: c.startsOn, startTime: "14:00"), action: Paths.Marketing.events(c.id),
            cancel: Paths.Marketing.campaign(c.id))
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("event.new", c.name), form))
    }

    static func create(_ req: Request) async throws -> Response {
        let campaign = try req.id()
        let f = try req.content.decode(Form.self)
        do {
            let e = try await EventService.create(f.input(campaign: campaign), req.services)
            return PageShell.redirect(req, to: Paths.Marketing.event(e.id), flash: "event.saved")
        } catch let e as DomainError where e.kind == .invalid && e.field != "campaignId" {
            var form = formModel(req, f, action: Paths.Marketing.events(campaign), cancel: Paths.Marketing.campaign(campaign))
            try PageShell.attach(e, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t("event.new", ""), form), status: .unprocessableEntity)
        } catch let e as DomainError where e.kind == .conflict || e.field == "campaignId" {
            return PageShell.redirect(req, to: Paths.Marketing.campaign(campaign), error: e.field == "campaignId" ? .notFound : e)
        }
    }

    static func form(of e: EventRow) -> Form {
        let day = CalendarDate.chinaDate(e.startsAt)
        func time(_ ms: Int64?) -> String? { ms.map { String(CalendarDate.chinaDateTime($0).suffix(5)) } }
        return Form(
            name: e.name, venue: e.venue, startsOn: day, startTime: time(e.startsAt), endTime: time(e.endsAt), capacity: String(e.capacity),
            agenda: e.agenda, version: String(e.version))
    }

    static func edit(_ req: Request) async throws -> Response {
        let e = try await EventService.find(try req.id(), req.services)
        try req.services.require(.marketing, .edit)
        let form = formModel(req, form(of: e), action: Paths.Marketing.event(e.id), cancel: Paths.Marketing.event(e.id))
        return PageShell.page(req, CommonPages.form(PageShell.context(req), title: req.t("event.edit"), form))
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(Form.self)
        do {
            _ = try await EventService.update(id, f.input(campaign: nil), version: PageShell.id(f.version), req.services)
            return PageShell.redirect(req, to: Paths.Marketing.event(id), flash: "event.saved")
        } catch let e as DomainError where e.kind == .invalid || (e.kind == .conflict && e.code == "stale_version") {
            var form = formModel(req, f, action: Paths.Marketing.event(id), cancel: Paths.Marketing.event(id))
            try PageShell.attach(e, to: &form, req)
            return PageShell.page(
                req, CommonPages.form(PageShell.context(req), title: req.t("event.edit"), form), status: .unprocessableEntity)
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Marketing.event(id), error: e)
        }
    }

    /// "12.5%", or — while there is nothing to divide by.
    static func percent(_ permille: Int64?) -> String { CampaignPages.percent(permille) }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let days = min(max(req.query[Int64.self, at: "days"] ?? 90, 1), 366)
        let d = try await EventService.details(try req.id(), days: days, req.services)
        let e = d.event, c = d.campaign
        let p = req.state.principal
        let mayEdit =
            (p.map { $0.rowScope(.marketing, .edit)?.contains(branch: c.branchId, department: nil, owner: c.ownerId) ?? false } ?? true)
            && CampaignFlow.rule(.event).from.contains(stored: c.status)
        var m = EventModel(title: e.name, csrf: req.state.csrf)
        if mayEdit {
            m.actions = [
                PageAction(label: t("event.board"), href: Paths.Marketing.board(e.id), primary: true),
                PageAction(label: t("event.invite"), href: Paths.Marketing.invite(e.id)),
                PageAction(label: t("event.send_mail"), href: Paths.Marketing.newSend() + "?event=" + String(e.id)),
                PageAction(label: t("action.edit"), href: Paths.Marketing.editEvent(e.id)),
            ]
        }
        m.facts = [
            (t("event.campaign"), CommonPages.link(c.code + " " + c.name, Paths.Marketing.campaign(c.id))),
            (t("event.when"), .text(when(e))), (t("event.venue"), .text(e.venue ?? "")),
            (t("event.capacity"), .text(e.capacity > 0 ? String(e.capacity) : t("event.no_limit"))),
        ]
        if let a = e.agenda { m.facts.append((t("event.agenda"), .text(a))) }
        let n = d.counts
        m.figures = [
            (t("event.count.invited"), String(n.invited)), (t("event.count.accepted"), String(n.accepted + n.checkedIn - n.walkIns)),
            (t("event.count.declined"), String(n.declined)), (t("event.count.checked_in"), String(n.checkedIn)),
            (t("event.count.walk_ins"), String(n.walkIns)), (t("event.count.no_shows"), String(d.noShows(now: req.services.nowMillis))),
            (t("event.show_up"), percent(d.showUpPermille)),
        ]
        m.outcomeTitle = t("event.outcome", String(d.days))
        let o = d.outcome
        m.outcome = [
            (t("event.walk_in_leads"), String(o.leads)), (t("event.opportunities"), String(o.opportunities)),
            (t("event.contracts"), String(o.contracts)), (t("event.contract_amount"), FormKit.money(o.contractAmount)),
            (t("event.collected"), FormKit.money(o.collected)),
            (t("event.cost_per_attendee"), d.costPerAttendee.map { FormKit.money($0) } ?? "—"),
        ]
        let page = try await EventService.invitations(e.id, status: nil, q: nil, limit: 200, cursor: nil, req.services)
        m.invitees = page.items.map { i in
            let state = InvitationFlow.State(rawValue: i.status)
            let actions =
                mayEdit && !i.walkIn
                ? (state.map { s in InvitationFlow.allowedActions(s) { _ in true }.filter { $0 == .accept || $0 == .decline } } ?? []) : []
            return EventModel.Invitee(
                name: i.name, company: i.company ?? "", phone: i.phone ?? "",
                status: t(i.walkIn ? "event.walk_in_status" : "invitation.status." + i.status), statusKind: i.status,
                answered: i.checkedInAt.map { CalendarDate.chinaDateTime($0) } ?? i.respondedAt.map { CalendarDate.chinaDateTime($0) }
                    ?? "",
                link: Paths.Marketing.rsvp(i.rsvpToken),
                actions: actions.map { (t("invitation.action." + $0.rawValue), Paths.Marketing.answer(e.id, i.id, $0.rawValue)) })
        }
        if page.nextCursor != nil { m.moreInvitees = t("event.more_invitees") }
        return PageShell.page(req, EventViews.page(PageShell.context(req), m))
    }

    static func when(_ e: EventRow) -> String {
        let start = CalendarDate.chinaDateTime(e.startsAt)
        guard let end = e.endsAt else { return start }
        let endText = CalendarDate.chinaDateTime(end)
        return start + " — " + (endText.prefix(10) == start.prefix(10) ? String(endText.suffix(5)) : endText)
    }

    // MARK: inviting

    struct InviteForm: Content {
        var contactIds: [String]?
        var leadIds: [String]?
        var segmentId: String?
    }

    static func invitePage(_ req: Request) async throws -> Response {
        let t = req.t
        let e = try await EventService.find(try req.id(), req.services)
        try req.services.require(.marketing, .edit)
        let q = req.query[String.self, at: "q"].map { String($0.prefix(100)) }
        let p = req.state.principal
        let contacts =
            p?.can(.customers, .view) ?? true
            ? try await ContactService.list(q: q, partnerId: nil, limit: 50, cursor: nil, req.services).items : []
        let leads =
            p?.can(.leads, .view) ?? true
            ? try await LeadService.list(filter: .init(q: q), limit: 50, cursor: nil, req.services).items.filter {
                $0.status != "converted"
            }
            : []
        let companies = try await PageShell.names(.partners, contacts.map(\.partnerId), req)
        let segments = try await SegmentService.list(limit: 200, cursor: nil, req.services).items
        var form = FormModel(
            action: Paths.Marketing.invite(e.id), csrf: req.state.csrf,
            fields: [
                .init(
                    "segmentId", label: t("send.segment"),
                    kind: .select([("", t("send.no_segment"))] + segments.map { (String($0.id), $0.name) }),
                    hint: t("event.segment_hint")),
                .init(
                    "contactIds", label: t("event.contacts"),
                    kind: .checkboxes(
                        contacts.map {
                            (String($0.id), $0.name + " · " + (companies[$0.partnerId] ?? "") + " " + ($0.mobile ?? $0.phone ?? ""))
                        })),
                .init(
                    "leadIds", label: t("event.leads"),
                    kind: .checkboxes(leads.map { (String($0.id), ($0.contactName ?? "") + " · " + $0.company + " " + ($0.phone ?? "")) })),
            ], submitLabel: t("event.send_invitations"), cancelHref: Paths.Marketing.event(e.id))
        form.idPrefix = "inv-"
        return PageShell.page(
            req,
            EventViews.invite(
                PageShell.context(req), title: t("event.invite_title", e.name), query: q ?? "", hint: t("event.invite_hint"), form))
    }

    static func invite(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(InviteForm.self)
        do {
            let r = try await EventService.invite(
                id, contacts: PageShell.ids(f.contactIds), leads: PageShell.ids(f.leadIds), segment: PageShell.id(f.segmentId), req.services
            )
            return PageShell.redirect(
                req, to: Paths.Marketing.event(id), flash: "event.invited", args: [String(r.created.count), String(r.skipped)])
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Marketing.invite(id), error: e)
        }
    }

    static func answer(_ command: InvitationFlow.Command) -> @Sendable (Request) async throws -> Response {
        { req in
            let id = try req.id()
            do {
                _ = try await EventService.answer(try req.id("invitation"), command, req.services)
                return PageShell.redirect(req, to: Paths.Marketing.event(id), flash: "event.answer_saved")
            } catch let e as DomainError where e.kind == .conflict {
                return PageShell.redirect(req, to: Paths.Marketing.event(id), error: e)
            }
        }
    }
}
