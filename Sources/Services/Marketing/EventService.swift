import DocumentsCore
import Foundation
import Kernel
import Persistence

/// 活动看板: a campaign's events — the people invited (contacts of customers, leads), their answer
/// on the public RSVP page, the ticket each accepted invitee carries (a QR code of an unguessable
/// code), the check-in at the door (scan, type the code, or find by name or phone; undo of a
/// mistaken scan), walk-ins who become leads, and what the event brought afterwards. Reading needs
/// `marketing.view`; planning, inviting and checking in need `marketing.edit` within reach of the
/// campaign, while the campaign is being planned or run.
public enum EventService {
    public struct Input: Sendable, Equatable {
        public var campaignId: Int64?
        public var name: String?
        public var venue: String?
        public var startsAt: String?
        public var endsAt: String?
        public var capacity: String?
        public var agenda: String?
        public init(
            campaignId: Int64? = nil, name: String? = nil, venue: String? = nil, startsAt: String? = nil, endsAt: String? = nil,
            capacity: String? = nil, agenda: String? = nil
        ) {
            self.campaignId = campaignId
            self.name = name
            self.venue = venue
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.capacity = capacity
            self.agenda = agenda
        }
    }

    /// Someone who came without an invitation, as typed at the door.
    public struct WalkIn: Sendable, Equatable {
        public var name: String?
        public var company: String?
        public var phone: String?
        public var email: String?
        public init(name: String? = nil, company: String? = nil, phone: String? = nil, email: String? = nil) {
            self.name = name
            self.company = company
            self.phone = phone
            self.email = email
        }
    }

    /// An event with its campaign, the door's figures and — from its start on — what it brought.
    public struct Details: Sendable, Equatable {
        public var event: EventRow
        public var campaign: CampaignRow
        public var counts: EventQueries.Counts
        public var outcome: EventQueries.Outcome
        /// The window `outcome` counts: days after the event's start.
        public var days: Int64
        /// The campaign's cost, and those who came to any of its events.
        public var campaignCost: Int64
        public var campaignAttendees: Int64
        /// Those who came of those who accepted (walk-ins aside), in tenths of a per cent; nil while nobody accepted.
        public var showUpPermille: Int64? {
            let expected = counts.accepted + counts.checkedIn - counts.walkIns
            guard expected > 0 else { return nil }
            return (counts.checkedIn - counts.walkIns) * 1000 / expected
        }
        /// The campaign's cost shared by everyone who came to its events; nil while nobody came.
        public var costPerAttendee: Int64? { campaignAttendees > 0 ? campaignCost / campaignAttendees : nil }
        /// Accepted invitees who never came, once the event is over.
        public func noShows(now: Int64) -> Int64 { now >= EventService.end(of: event) ? counts.accepted : 0 }
    }

    /// When answers stop being taken: the event's end, else the end of its first day.
    static func end(of e: EventRow) -> Int64 {
        e.endsAt ?? CalendarDate(chinaDayOf: e.startsAt).adding(days: 1).chinaStartMillis
    }

    /// Whether the event still takes answers: its campaign is being planned or run and it is not over.
    public static func takesAnswers(_ e: EventRow, of c: CampaignRow, now: Int64) -> Bool {
        CampaignFlow.rule(.event).from.contains(stored: c.status) && now < end(of: e)
    }

    // MARK: reading

    public static func list(campaign: Int64?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<EventRow> {
        try ctx.require(.marketing, .view)
        let after = cursor.map { c -> (Int64, Int64) in
            if case .int(let at) = c.key { return (at, c.id) }
            return (Int64.max, c.id)
        }
        let rows = try await EventQueries.events(campaign: campaign, limit: limit + 1, after: after, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.startsAt), id: $0.id) }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> EventRow {
        try ctx.require(.marketing, .view)
        guard let e = try await EventQueries.event(id, on: ctx.store) else { throw DomainError.notFound }
        return e
    }

    public static func details(_ id: Int64, days: Int64 = 90, _ ctx: ServiceContext) async throws -> Details {
        let e = try await find(id, ctx)
        guard let c = try await MarketingQueries.campaign(e.campaignId, on: ctx.store) else { throw DomainError.notFound }
        let from = CalendarDate(chinaDayOf: e.startsAt), to = from.adding(days: days)
        return Details(
            event: e, campaign: c, counts: try await EventQueries.counts(event: id, on: ctx.store),
            outcome: try await EventQueries.outcome(
                event: id, from: from.text, to: to.text, fromMillis: from.chinaStartMillis, toMillis: to.chinaStartMillis, on: ctx.store),
            days: days, campaignCost: try await MarketingQueries.performance(of: c.id, on: ctx.store).cost,
            campaignAttendees: try await EventQueries.attendees(campaign: c.id, on: ctx.store))
    }

    /// One invitation, to those who see the event.
    public static func invitation(_ id: Int64, _ ctx: ServiceContext) async throws -> InvitationRow {
        try ctx.require(.marketing, .view)
        guard let i = try await EventQueries.invitation(id, on: ctx.store) else { throw DomainError.notFound }
        return i
    }

    /// The door's figures alone, for the screen that refreshes them.
    public static func counts(_ eventId: Int64, _ ctx: ServiceContext) async throws -> EventQueries.Counts {
        let e = try await find(eventId, ctx)
        return try await EventQueries.counts(event: e.id, on: ctx.store)
    }

    /// An event's invitations by name (`q`: name, company, phone or ticket code), a page at a time.
    public static func invitations(
        _ eventId: Int64, status: String?, q: String?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<InvitationRow> {
        _ = try await find(eventId, ctx)
        if let s = status, !s.isEmpty, !InvitationFlow.allStored.contains(s) {
            throw DomainError(.badRequest, code: "wrong_type", field: "status", args: ["status"])
        }
        let rows = try await EventQueries.invitations(
            event: eventId, status: status, q: q, limit: limit + 1, after: cursor?.id, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int(0), id: $0.id) }
    }

    // MARK: planning

    /// The event's campaign, when this person may plan its events: in reach of `marketing.edit`
    /// and being planned or run (409 campaign_closed otherwise).
    static func campaign(forEventsOf id: Int64, _ ctx: ServiceContext) async throws -> CampaignRow {
        let c = try await CampaignService.forEdit(id, ctx)
        try CampaignFlow.require(.event, from: c.status, number: c.code)
        return c
    }

    static func validate(_ input: Input) throws -> EventWrites.Event {
        let name = try Validate.required(input.name, "name", max: 100)
        guard let s = input.startsAt, !s.isEmpty else { throw DomainError.required("startsAt") }
        let starts = try Validate.dateTime(s, "startsAt")
        let ends = try input.endsAt.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.dateTime($0, "endsAt") }
        if let ends, ends <= starts { throw DomainError.invalid("endsAt", code: "ends_before_start") }
        return EventWrites.Event(
            name: name, venue: try Validate.optional(input.venue, "venue", max: 200), startsAt: starts, endsAt: ends,
            capacity: try CampaignService.count(input.capacity, "capacity"),
            agenda: try Validate.optional(input.agenda, "agenda", max: 4000))
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> EventRow {
        try ctx.require(.marketing, .edit)
        guard let campaignId = input.campaignId else { throw DomainError.required("campaignId") }
        return try await ctx.write { ctx in
            let c: CampaignRow
            do { c = try await campaign(forEventsOf: campaignId, ctx) } catch let e as DomainError where e.kind == .notFound {
                throw DomainError.invalid("campaignId", code: "not_found")
            }
            let v = try validate(input)
            let row = try await EventWrites.insert(v, campaign: c.id, at: ctx.nowMillis, on: ctx.store)
            try await ctx.audit("create", "campaign_event", row.id, branch: c.branchId, Audit.diff([:], snapshot(row)))
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> EventRow {
        try ctx.require(.marketing, .edit)
        return try await ctx.write { ctx in
            guard let old = try await EventQueries.event(id, on: ctx.store) else { throw DomainError.notFound }
            let c = try await campaign(forEventsOf: old.campaignId, ctx)
            try Validate.version(version, current: old.version)
            let v = try validate(input)
            guard let row = try await EventWrites.update(id, v, version: old.version, at: ctx.nowMillis, on: ctx.store) else {
                throw DomainError.staleVersion(expected: Int(old.version), actual: Int(old.version) + 1)
            }
            try await ctx.audit("update", "campaign_event", id, branch: c.branchId, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    // MARK: inviting

    /// What an invitation run did: those invited now, and how many were invited before.
    public struct Invited: Sendable, Equatable {
        public var created: [InvitationRow]
        public var skipped: Int
    }

    /// Invites contacts of customers and leads the caller can see; anyone invited already is
    /// skipped. An id not found (or beyond reach) refuses the whole run on its field, nothing written.
    public static func invite(
        _ eventId: Int64, contacts: [Int64], leads: [Int64], segment: Int64? = nil, _ ctx: ServiceContext
    ) async throws -> Invited {
        try ctx.require(.marketing, .edit)
        guard !contacts.isEmpty || !leads.isEmpty || segment != nil else { throw DomainError.required("contactIds") }
        let contactIds = contacts.isEmpty ? [] : try Validate.picked(contacts, "contactIds", max: 5000)
        let leadIds = leads.isEmpty ? [] : try Validate.picked(leads, "leadIds", max: 5000)
        return try await ctx.write { ctx in
            guard let e = try await EventQueries.event(eventId, on: ctx.store) else { throw DomainError.notFound }
            let c = try await campaign(forEventsOf: e.campaignId, ctx)
            let already = try await EventQueries.invited(event: e.id, on: ctx.store)
            var made: [InvitationRow] = []
            var skipped = 0
            var seen = Set<String>()
            for id in contactIds {
                guard seen.insert("c\(id)").inserted else { continue }
                let contact: ContactRow
                do { contact = try await ContactService.find(id, ctx) } catch let x as DomainError where x.kind == .notFound {
                    throw DomainError.invalid("contactIds", code: "not_found", args: [String(id)])
                }
                if already.contacts.contains(id) {
                    skipped += 1
                    continue
                }
                let company = try await InventoryQueries.partner(contact.partnerId, on: ctx.store)?.name
                made.append(
                    try await insert(
                        .init(
                            contactId: contact.id, leadId: nil, partnerId: contact.partnerId, name: contact.name, company: company,
                            phone: contact.mobile ?? contact.phone, email: contact.email), event: e.id, walkIn: false, ctx))
            }
            for id in leadIds {
                guard seen.insert("l\(id)").inserted else { continue }
                let lead: LeadRow
                do { lead = try await LeadService.find(id, ctx) } catch let x as DomainError where x.kind == .notFound {
                    throw DomainError.invalid("leadIds", code: "not_found", args: [String(id)])
                }
                if already.leads.contains(id) {
                    skipped += 1
                    continue
                }
                made.append(
                    try await insert(
                        .init(
                            contactId: nil, leadId: lead.id, partnerId: lead.convertedPartnerId, name: lead.contactName ?? lead.company,
                            company: lead.company, phone: lead.phone, email: lead.email), event: e.id, walkIn: false, ctx))
            }
            // A segment's contacts, as it finds them now: the invitations are the list frozen.
            if let id = segment {
                for c in try await SegmentService.contacts(id, ctx) where seen.insert("c\(c.id)").inserted {
                    if already.contacts.contains(c.id) {
                        skipped += 1
                        continue
                    }
                    made.append(
                        try await insert(
                            .init(
                                contactId: c.id, leadId: nil, partnerId: c.partnerId, name: c.name, company: c.partnerName,
                                phone: c.mobile ?? c.phone, email: c.email), event: e.id, walkIn: false, ctx))
                }
            }
            if !made.isEmpty {
                try await ctx.audit(
                    "invite", "campaign_event", e.id, branch: c.branchId, [FieldChange("invited", old: nil, new: String(made.count))])
            }
            return Invited(created: made, skipped: skipped)
        }
    }

    /// The letters of a ticket code: no 0/O or 1/I to misread at the door.
    static let ticketAlphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    static func insert(_ i: EventWrites.Invitation, event: Int64, walkIn: Bool, _ ctx: ServiceContext) async throws -> InvitationRow {
        let ticket = String(ctx.tokens.bytes(10).map { ticketAlphabet[Int($0) & 31] })
        return try await EventWrites.insert(
            i, event: event, status: walkIn ? InvitationFlow.State.checkedIn.rawValue : InvitationFlow.State.invited.rawValue,
            walkIn: walkIn, token: ctx.tokens.token(24), ticket: ticket, by: ctx.principal?.userId, at: ctx.nowMillis, on: ctx.store)
    }

    // MARK: answers

    /// An answer taken by staff (on the phone, by WeChat): accept or decline.
    public static func answer(_ invitationId: Int64, _ command: InvitationFlow.Command, _ ctx: ServiceContext) async throws -> InvitationRow
    {
        try ctx.require(.marketing, .edit)
        guard command == .accept || command == .decline else {
            throw DomainError.invalid("action", code: "invalid_choice", args: ["action"])
        }
        return try await ctx.write { ctx in
            guard let i = try await EventQueries.invitation(invitationId, on: ctx.store),
                let e = try await EventQueries.event(i.eventId, on: ctx.store)
            else { throw DomainError.notFound }
            let c = try await campaign(forEventsOf: e.campaignId, ctx)
            return try await move(i, command, event: e, campaign: c, ctx)
        }
    }

    /// The invitation behind a public RSVP link, with its event; nil for a link that is not one.
    /// Every look counts against the visitor's address (60 in ten minutes, then 429), so links
    /// cannot be guessed by trying.
    public static func rsvp(token: String, ip: String?, _ system: ServiceContext) async throws -> (InvitationRow, EventRow, CampaignRow)? {
        let now = system.nowMillis
        let count = try await system.write { tx in
            try await AccessWrites.countFailure("rsvp:" + (ip ?? "-"), at: now, forgetBefore: now - 10 * 60_000, on: tx.store)
        }
        guard (count?.failures ?? 0) <= 60 else { throw DomainError(.tooManyRequests, code: "rsvp_busy") }
        guard token.count >= 16, let i = try await EventQueries.invitation(token: token, on: system.store),
            let e = try await EventQueries.event(i.eventId, on: system.store),
            let c = try await MarketingQueries.campaign(e.campaignId, on: system.store)
        else { return nil }
        return (i, e, c)
    }

    /// The invitee's own answer through the RSVP link, as the system: accepted while seats are
    /// left, until the event is over and while its campaign is being planned or run.
    public static func respond(token: String, accept: Bool, ip: String?, _ system: ServiceContext) async throws -> InvitationRow {
        guard let (i, e, c) = try await rsvp(token: token, ip: ip, system) else { throw DomainError.notFound }
        guard takesAnswers(e, of: c, now: system.nowMillis) else {
            throw DomainError(.conflict, code: "event_closed", args: [e.name])
        }
        let ctx = system.through("rsvp", via: "invitation:\(i.id)")
        return try await ctx.write { ctx in
            guard let fresh = try await EventQueries.invitation(i.id, on: ctx.store) else { throw DomainError.notFound }
            return try await move(fresh, accept ? .accept : .decline, event: e, campaign: c, ctx)
        }
    }

    static func move(
        _ i: InvitationRow, _ command: InvitationFlow.Command, event e: EventRow, campaign c: CampaignRow, _ ctx: ServiceContext
    ) async throws -> InvitationRow {
        if i.status == InvitationFlow.State.checkedIn.rawValue, command != .undo {
            // The flow's refusal, said with the time they came.
            throw DomainError(.conflict, code: "already_checked_in", args: [i.name, i.checkedInAt.map(CalendarDate.chinaDateTime) ?? ""])
        }
        let to = try InvitationFlow.target(command, from: i.status, number: i.name)
        if command == .accept, e.capacity > 0 {
            let n = try await EventQueries.counts(event: e.id, on: ctx.store)
            if n.accepted + n.checkedIn >= e.capacity { throw DomainError(.conflict, code: "event_full", args: [e.name]) }
        }
        let now = ctx.nowMillis
        let checkedIn: (Int64, Int64?)? = to == .checkedIn ? (now, ctx.principal?.userId) : nil
        let answered = command == .accept || command == .decline ? now : nil
        guard
            let row = try await EventWrites.setStatus(
                i.id, to.rawValue, version: i.version, responded: answered, checkedIn: checkedIn, at: now, on: ctx.store)
        else { throw DomainError.staleVersion(expected: Int(i.version), actual: Int(i.version) + 1) }
        try await ctx.audit(
            command.rawValue, "event_invitation", i.id, branch: c.branchId, [FieldChange("status", old: i.status, new: row.status)])
        return row
    }

    // MARK: the door

    /// A ticket code as typed or scanned: letters made capitals, spaces and dashes dropped.
    public static func normalised(_ code: String) -> String {
        String(code.uppercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Checks in the invitation a ticket code (or, from a search, an invitation id) names.
    /// Refusals the door shows in red: a code not known (422 on `code`), a ticket of another
    /// event (409 wrong_event), someone already checked in (409 already_checked_in, with the time).
    public static func checkIn(_ eventId: Int64, code: String?, invitationId: Int64?, _ ctx: ServiceContext) async throws -> InvitationRow {
        try ctx.require(.marketing, .edit)
        return try await ctx.write { ctx in
            guard let e = try await EventQueries.event(eventId, on: ctx.store) else { throw DomainError.notFound }
            let c = try await campaign(forEventsOf: e.campaignId, ctx)
            let found: InvitationRow?
            if let id = invitationId {
                found = try await EventQueries.invitation(id, on: ctx.store)
                guard found != nil else { throw DomainError.invalid("invitationId", code: "not_found") }
            } else {
                let text = normalised(code ?? "")
                guard !text.isEmpty else { throw DomainError.required("code") }
                found = try await EventQueries.invitation(ticket: text, on: ctx.store)
                guard found != nil else { throw DomainError.invalid("code", code: "ticket_unknown", args: [text]) }
            }
            guard let i = found else { throw DomainError.notFound }
            guard i.eventId == e.id else {
                let other = try await EventQueries.event(i.eventId, on: ctx.store)?.name ?? ""
                throw DomainError(
                    .conflict, code: "wrong_event", field: invitationId == nil ? "code" : "invitationId", args: [i.name, other])
            }
            return try await move(i, .checkIn, event: e, campaign: c, ctx)
        }
    }

    /// Undoes a check-in scanned by mistake: the invitation goes back to accepted. A walk-in is
    /// not undone this way (their lead stays: it is a person who came).
    public static func undoCheckIn(_ invitationId: Int64, _ ctx: ServiceContext) async throws -> InvitationRow {
        try ctx.require(.marketing, .edit)
        return try await ctx.write { ctx in
            guard let i = try await EventQueries.invitation(invitationId, on: ctx.store),
                let e = try await EventQueries.event(i.eventId, on: ctx.store)
            else { throw DomainError.notFound }
            let c = try await campaign(forEventsOf: e.campaignId, ctx)
            if i.walkIn { throw DomainError(.conflict, code: "walk_in_stays", args: [i.name]) }
            return try await move(i, .undo, event: e, campaign: c, ctx)
        }
    }

    /// Someone who came without an invitation: a lead for the event's campaign (assigned by the
    /// round-robin rules, else left in the pool; duplicates are the lead pool's business), checked in.
    public static func walkIn(_ eventId: Int64, _ input: WalkIn, _ ctx: ServiceContext) async throws -> InvitationRow {
        try ctx.require(.marketing, .edit)
        try ctx.require(.leads, .create)
        return try await ctx.write { ctx in
            guard let e = try await EventQueries.event(eventId, on: ctx.store) else { throw DomainError.notFound }
            let c = try await campaign(forEventsOf: e.campaignId, ctx)
            let name = try Validate.required(input.name, "name", max: 60)
            let phone = try Validate.phone(input.phone)
            let email = try Validate.email(input.email)
            guard phone != nil || email != nil else { throw DomainError.required("phone") }
            let company = try Validate.optional(input.company, "company", max: 100)
            // The company's own word for leads met at events (展会, 活动, a seminar), when it has one.
            let source = try await CRMSettings.values(.sources, ctx.store).first {
                $0.contains("展会") || $0.contains("活动") || $0.contains("会议") || $0.lowercased().contains("event")
            }
            let lead = try await LeadService.create(
                .init(
                    company: company ?? name, contactName: name, phone: phone, email: email, source: source, ignoreDuplicates: true,
                    campaignId: c.id), ctx.through("event", via: "event:\(e.id)"))
            let row = try await insert(
                .init(contactId: nil, leadId: lead.id, partnerId: nil, name: name, company: company, phone: phone, email: email),
                event: e.id, walkIn: true, ctx)
            try await ctx.audit(
                "walk_in", "event_invitation", row.id, branch: c.branchId, [FieldChange("lead", old: nil, new: lead.company)])
            return row
        }
    }

    static func snapshot(_ e: EventRow) -> [String: String?] {
        [
            "name": e.name, "venue": e.venue, "startsAt": CalendarDate.chinaDateTime(e.startsAt),
            "endsAt": e.endsAt.map(CalendarDate.chinaDateTime), "capacity": String(e.capacity), "agenda": e.agenda,
        ]
    }
}
