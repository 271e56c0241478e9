import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// The check-in board (活动签到) at the door, on a phone: scan or type a ticket code, or find
/// someone by name or phone; a big green or red answer; undo of the last check-in; walk-ins;
/// the figures for the screen at the door.
enum CheckInPages {
    struct CodeForm: Content {
        var code: String?
        var invitationId: String?
    }

    struct WalkInForm: Content {
        var name: String?; var company: String?; var phone: String?; var email: String?
    }

    static func walkInForm(_ req: Request, event: Int64, _ f: WalkInForm) -> FormModel? {
        guard req.state.principal?.can(.leads, .create) ?? true else { return nil }
        let t = req.t
        var m = FormModel(
            action: Paths.Marketing.walkIn(event), csrf: req.state.csrf,
            fields: [
                .init("name", label: t("event.invitee"), value: f.name, required: true),
                .init("company", label: t("field.company"), value: f.company),
                .init("phone", label: t("field.phone"), kind: .tel, value: f.phone, hint: t("event.walk_in_hint")),
                .init("email", label: t("field.email"), kind: .email, value: f.email),
            ], submitLabel: t("event.walk_in_save"))
        m.idPrefix = "walk-"
        return m
    }

    /// The board; `answer` and `walkIn` are what the last post left to show.
    static func board(
        _ req: Request, answer: BoardModel.Answer?, undo: Int64?, walkIn: FormModel?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let t = req.t
        let id = try req.id()
        // Only the door's figures: the board is loaded after every scan, what the event brought is not needed here.
        let event = try await EventService.find(id, req.services)
        let n = try await EventService.counts(id, req.services)
        try req.services.require(.marketing, .edit)
        let q = req.query[String.self, at: "q"].map { String($0.prefix(60)) } ?? ""
        var m = BoardModel(
            title: t("event.board_title", event.name), csrf: req.state.csrf, eventHref: Paths.Marketing.event(id),
            checkInAction: Paths.Marketing.checkIn(id), countsHref: Paths.Marketing.boardCounts(id), query: q)
        m.answer = answer
        if let undo { m.undo = (t("event.undo"), Paths.Marketing.undoCheckIn(id, undo)) }
        m.counts = [
            ("accepted", t("event.count.expected"), n.accepted + n.checkedIn - n.walkIns),
            ("checkedIn", t("event.count.checked_in"), n.checkedIn), ("walkIns", t("event.count.walk_ins"), n.walkIns),
        ]
        if !q.trimmingCharacters(in: .whitespaces).isEmpty {
            m.searched = true
            let found = try await EventService.invitations(id, status: nil, q: q, limit: 20, cursor: nil, req.services).items
            m.found = found.map { i in
                BoardModel.Found(
                    name: i.name, company: i.company ?? "", phone: i.phone ?? "", status: t("invitation.status." + i.status),
                    checkIn: i.status == InvitationFlow.State.checkedIn.rawValue
                        ? nil : Paths.Marketing.checkIn(id) + "?invitation=" + String(i.id))
            }
        }
        m.walkIn = walkIn ?? walkInForm(req, event: id, WalkInForm())
        return PageShell.page(req, EventViews.board(PageShell.context(req), m), status: status)
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        // After a check-in: who it was, in green, and the button that undoes it.
        if let done = req.query[Int64.self, at: "ok"], let i = try? await EventService.invitation(done, req.services),
            i.eventId == (try req.id()), i.status == InvitationFlow.State.checkedIn.rawValue
        {
            let who = [i.name, i.company ?? ""].filter { !$0.isEmpty }.joined(separator: " · ")
            return try await board(
                req, answer: .ok(t(i.walkIn ? "event.walked_in" : "event.checked_in", who)), undo: i.walkIn ? nil : i.id, walkIn: nil)
        }
        return try await board(req, answer: nil, undo: nil, walkIn: nil)
    }

    static func checkIn(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(CodeForm.self)
        let invitation = req.query[Int64.self, at: "invitation"] ?? PageShell.id(f.invitationId)
        do {
            let i = try await EventService.checkIn(id, code: f.code, invitationId: invitation, req.services)
            return req.redirect(to: Paths.Marketing.board(id) + "?ok=" + String(i.id), redirectType: .normal)
        } catch let e as DomainError where e.kind == .invalid || (e.kind == .conflict && e.code != "campaign_closed") {
            return try await board(
                req, answer: .refused(ConcordErrorMiddleware.message(e, req.t)), undo: nil, walkIn: nil,
                status: e.kind == .invalid ? .unprocessableEntity : .conflict)
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Marketing.event(id), error: e)
        }
    }

    static func undo(_ req: Request) async throws -> Response {
        let id = try req.id()
        do {
            _ = try await EventService.undoCheckIn(try req.id("invitation"), req.services)
            return PageShell.redirect(req, to: Paths.Marketing.board(id), flash: "event.undone")
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Marketing.board(id), error: e)
        }
    }

    static func walkIn(_ req: Request) async throws -> Response {
        let id = try req.id()
        let f = try req.content.decode(WalkInForm.self)
        do {
            let i = try await EventService.walkIn(
                id, .init(name: f.name, company: f.company, phone: f.phone, email: f.email), req.services)
            return req.redirect(to: Paths.Marketing.board(id) + "?ok=" + String(i.id), redirectType: .normal)
        } catch let e as DomainError where e.kind == .invalid {
            var form = walkInForm(req, event: id, f)
            if form != nil { try PageShell.attach(e, to: &form!, req) }
            return try await board(req, answer: nil, undo: nil, walkIn: form, status: .unprocessableEntity)
        } catch let e as DomainError where e.kind == .conflict {
            return PageShell.redirect(req, to: Paths.Marketing.event(id), error: e)
        }
    }

    struct Counts: Content {
        var invited: Int64
        var accepted: Int64
        var checkedIn: Int64
        var walkIns: Int64
    }

    /// The board's figures as JSON, for the script that refreshes them.
    static func counts(_ req: Request) async throws -> Response {
        let n = try await EventService.counts(try req.id(), req.services)
        return try Counts(invited: n.invited, accepted: n.accepted + n.checkedIn - n.walkIns, checkedIn: n.checkedIn, walkIns: n.walkIns)
            .jsonResponse()
    }
}
