import DocumentsCore
import Foundation
import Kernel
import Paths
import Persistence
import Services
import Vapor

/// /api/v1/events, /api/v1/invitations and /api/v1/checkins: a campaign's events, whom they
/// invited and how they answered, and the check-in at the door.
enum EventAPI {
    static func register(_ authed: any RoutesBuilder) {
        authed.get("events", use: list)
        authed.post("events", use: create)
        authed.get("events", ":id", use: show)
        authed.put("events", ":id", use: update)
        authed.get("events", ":id", "invitations", use: invitations)
        authed.post("events", ":id", "walk-ins", use: walkIn)
        authed.post("invitations", use: invite)
        authed.post("invitations", ":id", "transitions", use: answer)
        authed.post("checkins", use: checkIn)
        authed.delete("checkins", ":id", use: undo)
    }

    struct Body: Decodable {
        var campaignId: String?
        var name: String?
        var venue: String?
        var startsAt: String?
        var endsAt: String?
        var capacity: Int64?
        var agenda: String?
        var version: Int64?
        func input() throws -> EventService.Input {
            .init(
                campaignId: try APIID.parse(campaignId, field: "campaignId"), name: name, venue: venue, startsAt: startsAt, endsAt: endsAt,
                capacity: capacity.map(String.init), agenda: agenda)
        }
    }

    struct EventDTO: Encodable {
        var id: String
        var campaignId: String
        var name: String
        var venue: String?
        var startsAt: String
        var endsAt: String?
        var capacity: Int64
        var agenda: String?
        var version: Int64
        var createdAt: String?
        init(_ e: EventRow) {
            id = String(e.id); campaignId = String(e.campaignId); name = e.name; venue = e.venue; startsAt = ISOTime.string(e.startsAt)!
            endsAt = ISOTime.string(e.endsAt); capacity = e.capacity; agenda = e.agenda; version = e.version
            createdAt = ISOTime.string(e.createdAt)
        }
    }

    struct InvitationDTO: Encodable {
        var id: String
        var eventId: String
        var contactId: String?
        var leadId: String?
        var customerId: String?
        var name: String
        var company: String?
        var phone: String?
        var email: String?
        var status: String
        var walkIn: Bool
        /// The invitee's answer page (a path on this server), to send by one's own channel.
        var rsvpPath: String
        var ticket: String
        var respondedAt: String?
        var checkedInAt: String?
        var createdAt: String?
        init(_ i: InvitationRow) {
            id = String(i.id); eventId = String(i.eventId); contactId = APIID.string(i.contactId); leadId = APIID.string(i.leadId)
            customerId = APIID.string(i.partnerId); name = i.name; company = i.company; phone = i.phone; email = i.email
            status = i.status; walkIn = i.walkIn; rsvpPath = Paths.Marketing.rsvp(i.rsvpToken); ticket = i.ticket
            respondedAt = ISOTime.string(i.respondedAt); checkedInAt = ISOTime.string(i.checkedInAt);
            createdAt = ISOTime.string(i.createdAt)
        }
    }

    struct CountsDTO: Encodable {
        var invited: Int64
        var accepted: Int64
        var declined: Int64
        var checkedIn: Int64
        var walkIns: Int64
        var noShows: Int64
        /// Those who came of those who accepted, a per cent with one decimal; null while nobody accepted.
        var showUpRate: String?
    }

    struct OutcomeDTO: Encodable {
        var days: Int64
        var walkInLeads: Int64
        var opportunities: Int64
        var contracts: Int64
        var contractAmount: String
        var collected: String
        var costPerAttendee: String?
    }

    struct DetailsDTO: Encodable {
        var event: EventDTO
        var counts: CountsDTO
        var outcome: OutcomeDTO
    }

    static func list(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let campaign = try APIID.query(req, "campaignId")
        let page = try await EventService.list(campaign: campaign, limit: limit, cursor: cursor, req.services)
        return try ListBody(items: page.items.map(EventDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    static func show(_ req: Request) async throws -> Response {
        var days: Int64 = 90
        if let text = req.query[String.self, at: "days"] {
            guard let d = Int64(text), (1...366).contains(d) else {
                throw DomainError(.badRequest, code: "wrong_type", field: "days", args: ["days"])
            }
            days = d
        }
        let d = try await EventService.details(try req.id(), days: days, req.services)
        let n = d.counts, o = d.outcome
        return try DetailsDTO(
            event: EventDTO(d.event),
            counts: CountsDTO(
                invited: n.invited, accepted: n.accepted + n.checkedIn - n.walkIns, declined: n.declined, checkedIn: n.checkedIn,
                walkIns: n.walkIns, noShows: d.noShows(now: req.services.nowMillis), showUpRate: MarketingAPI.percent(d.showUpPermille)),
            outcome: OutcomeDTO(
                days: d.days, walkInLeads: o.leads, opportunities: o.opportunities, contracts: o.contracts,
                contractAmount: Fmt.money(o.contractAmount)!, collected: Fmt.money(o.collected)!,
                costPerAttendee: d.costPerAttendee.flatMap { Fmt.money($0) })
        ).jsonResponse()
    }

    static func create(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        let body = try req.decodeJSON(Body.self)
        return try EventDTO(try await EventService.create(try body.input(), req.services)).jsonResponse(status: .created)
    }

    static func update(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        let body = try req.decodeJSON(Body.self)
        return try EventDTO(try await EventService.update(id, try body.input(), version: body.version, req.services)).jsonResponse()
    }

    /// `?status=` and `?q=` (name, company, phone or ticket code).
    static func invitations(_ req: Request) async throws -> Response {
        let (limit, cursor) = try req.paging()
        let page = try await EventService.invitations(
            try req.id(), status: req.query[String.self, at: "status"], q: req.query[String.self, at: "q"], limit: limit, cursor: cursor,
            req.services)
        return try ListBody(items: page.items.map(InvitationDTO.init), nextCursor: page.nextCursor).jsonResponse()
    }

    /// An event named in a body: one not found is a refused field, not a missing resource.
    static func named<T>(_ field: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as DomainError where e.kind == .notFound {
            throw DomainError.invalid(field, code: "not_found")
        }
    }

    struct InviteBody: Decodable {
        var eventId: String?
        var contactIds: [String]?
        var leadIds: [String]?
        var segmentId: String?
    }

    struct InvitedDTO: Encodable {
        var items: [InvitationDTO]
        /// Those named who were invited already.
        var skipped: Int
    }

    static func invite(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(InviteBody.self)
        guard let event = try APIID.parse(b.eventId, field: "eventId") else { throw DomainError.required("eventId") }
        let contacts = try APIID.parseList(b.contactIds, field: "contactIds") ?? []
        let leads = try APIID.parseList(b.leadIds, field: "leadIds") ?? []
        let segment = try APIID.parse(b.segmentId, field: "segmentId")
        let r = try await named("eventId") {
            try await EventService.invite(event, contacts: contacts, leads: leads, segment: segment, req.services)
        }
        return try InvitedDTO(items: r.created.map(InvitationDTO.init), skipped: r.skipped).jsonResponse(status: .created)
    }

    struct AnswerBody: Decodable {
        var action: String?
    }

    /// `{"action": "accept" | "decline"}`: an answer taken on the invitee's behalf.
    static func answer(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(AnswerBody.self)
        guard let raw = b.action, let c = InvitationFlow.Command(rawValue: raw), c == .accept || c == .decline else {
            throw DomainError.invalid("action", code: "invalid_choice", args: ["action"])
        }
        return try InvitationDTO(try await EventService.answer(id, c, req.services)).jsonResponse()
    }

    struct CheckInBody: Decodable {
        var eventId: String?
        var code: String?
        var invitationId: String?
    }

    static func checkIn(_ req: Request) async throws -> Response {
        try req.services.require(.marketing, .edit)
        let b = try req.decodeJSON(CheckInBody.self)
        guard let event = try APIID.parse(b.eventId, field: "eventId") else { throw DomainError.required("eventId") }
        let invitation = try APIID.parse(b.invitationId, field: "invitationId")
        let i = try await named("eventId") { try await EventService.checkIn(event, code: b.code, invitationId: invitation, req.services) }
        return try InvitationDTO(i).jsonResponse(status: .created)
    }

    static func undo(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        return try InvitationDTO(try await EventService.undoCheckIn(id, req.services)).jsonResponse()
    }

    struct WalkInBody: Decodable {
        var name: String?
        var company: String?
        var phone: String?
        var email: String?
    }

    static func walkIn(_ req: Request) async throws -> Response {
        let id = try req.id()
        try req.services.require(.marketing, .edit)
        try req.services.require(.leads, .create)
        let b = try req.decodeJSON(WalkInBody.self)
        let i = try await EventService.walkIn(id, .init(name: b.name, company: b.company, phone: b.phone, email: b.email), req.services)
        return try InvitationDTO(i).jsonResponse(status: .created)
    }
}
