import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor
import Views

/// The invitee's own page (`/marketing/rsvp/<secret>`): no sign-in, the link is the right. It shows
/// the event, takes the answer, and once accepted shows the ticket: a QR code of the ticket code.
enum RSVPPages {
    struct Form: Content {
        var answer: String?
    }

    static func show(_ req: Request) async throws -> Response {
        try await page(req, message: nil, error: nil, status: .ok)
    }

    static func page(_ req: Request, message: String?, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let t = Translator(req.state.lang)
        let token = req.parameters.get("token") ?? ""
        let found: (InvitationRow, EventRow, CampaignRow)?
        do { found = try await EventService.rsvp(token: token, ip: req.clientIP, req.visitor("rsvp")) } catch let e as DomainError
            where e.kind == .tooManyRequests
        {
            return Response.html(WebFormViews.closed(lang: req.state.lang), status: .tooManyRequests)
        }
        guard let (i, e, c) = found else { return Response.html(WebFormViews.closed(lang: req.state.lang), status: .notFound) }
        let csrf = req.concord.tokens.token(24)
        var facts = [(t("event.when"), EventPages.when(e))]
        if let v = e.venue { facts.append((t("event.venue"), v)) }
        var m = RSVPModel(
            path: Paths.Marketing.rsvp(token), csrf: csrf, event: e.name, facts: facts, agenda: e.agenda,
            greeting: t("event.rsvp_greeting", i.name), status: t(i.walkIn ? "event.walk_in_status" : "invitation.status." + i.status))
        let state = InvitationFlow.State(rawValue: i.status)
        m.open = EventService.takesAnswers(e, of: c, now: req.services.nowMillis) && state != .checkedIn
        m.accepted = state == .accepted
        m.declined = state == .declined
        if state.map(InvitationFlow.expected.contains) ?? false {
            m.ticket = i.ticket
            m.ticketQR = try? QRCode(i.ticket).svg(title: t("event.ticket_qr", e.name))
        }
        m.message = message
        m.error = error
        let response = Response.html(EventViews.rsvp(lang: req.state.lang, m), status: status)
        LoginPages.setPreAuthCSRF(response, csrf, req)
        return response
    }

    static func answer(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let f = try req.content.decode(Form.self)
        guard let a = f.answer, a == "accept" || a == "decline" else {
            return try await page(req, message: nil, error: req.t("event.pick_answer"), status: .unprocessableEntity)
        }
        do {
            let i = try await EventService.respond(token: token, accept: a == "accept", ip: req.clientIP, req.visitor("rsvp"))
            return try await page(
                req, message: req.t(i.status == InvitationFlow.State.accepted.rawValue ? "event.thanks_accept" : "event.thanks_decline"),
                error: nil, status: .ok)
        } catch let e as DomainError where e.kind == .notFound {
            return Response.html(WebFormViews.closed(lang: req.state.lang), status: .notFound)
        } catch let e as DomainError where e.kind == .conflict || e.kind == .tooManyRequests {
            return try await page(
                req, message: nil, error: ConcordErrorMiddleware.message(e, req.t),
                status: e.kind == .conflict ? .conflict : .tooManyRequests)
        }
    }
}
