import Kernel
import SQLKit

public enum EventWrites {
    /// An event as validated.
    public struct Event: Sendable {
        public var name: String
        public var venue: String?
        public var startsAt: Int64
        public var endsAt: Int64?
        public var capacity: Int64
        public var agenda: String?
        public init(name: String, venue: String?, startsAt: Int64, endsAt: Int64?, capacity: Int64, agenda: String?) {
            self.name = name
            self.venue = venue
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.capacity = capacity
            self.agenda = agenda
        }
    }

    public static func insert(_ e: Event, campaign: Int64, at now: Int64, on store: Store) async throws -> EventRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO campaign_events (campaign_id, name, venue, starts_at, ends_at, capacity, agenda, version, created_at, updated_at)
                VALUES (\(bind: campaign), \(bind: e.name), \(bind: e.venue), \(bind: e.startsAt), \(bind: e.endsAt), \(bind: e.capacity),
                    \(bind: e.agenda), 1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: EventRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    /// Answers the event as stored, or nil when it moved on since `version`.
    public static func update(_ id: Int64, _ e: Event, version: Int64, at now: Int64, on store: Store) async throws -> EventRow? {
        try await store.first(
            """
            UPDATE campaign_events SET name = \(bind: e.name), venue = \(bind: e.venue), starts_at = \(bind: e.startsAt),
                ends_at = \(bind: e.endsAt), capacity = \(bind: e.capacity), agenda = \(bind: e.agenda), version = version + 1,
                updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: EventRow.self)
    }

    /// One invitation as it is made: whom (a contact, a lead, or a walk-in's lead), by what name and numbers.
    public struct Invitation: Sendable {
        public var contactId: Int64?
        public var leadId: Int64?
        public var partnerId: Int64?
        public var name: String
        public var company: String?
        public var phone: String?
        public var email: String?
        public init(
            contactId: Int64?, leadId: Int64?, partnerId: Int64?, name: String, company: String?, phone: String?, email: String?
        ) {
            self.contactId = contactId
            self.leadId = leadId
            self.partnerId = partnerId
            self.name = name
            self.company = company
            self.phone = phone
            self.email = email
        }
    }

    public static func insert(
        _ i: Invitation, event: Int64, status: String, walkIn: Bool, token: String, ticket: String, by user: Int64?, at now: Int64,
        on store: Store
    ) async throws -> InvitationRow {
        let checked: Int64? = walkIn ? now : nil
        guard
            let row = try await store.first(
                """
                INSERT INTO event_invitations (event_id, contact_id, lead_id, partner_id, name, company, phone, email, status, walk_in,
                    rsvp_token, ticket, invited_by, checked_in_at, checked_in_by, version, created_at, updated_at)
                VALUES (\(bind: event), \(bind: i.contactId), \(bind: i.leadId), \(bind: i.partnerId), \(bind: i.name), \(bind: i.company),
                    \(bind: i.phone), \(bind: i.email), \(bind: status), \(bind: walkIn), \(bind: token), \(bind: ticket), \(bind: user),
                    \(bind: checked), \(bind: walkIn ? user : nil), 1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: InvitationRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    /// An answer or a check-in (or its undoing); nil when the invitation moved on since `version`.
    public static func setStatus(
        _ id: Int64, _ status: String, version: Int64, responded: Int64?, checkedIn: (at: Int64, by: Int64?)?, at now: Int64,
        on store: Store
    ) async throws -> InvitationRow? {
        try await store.first(
            """
            UPDATE event_invitations SET status = \(bind: status), responded_at = COALESCE(\(bind: responded), responded_at),
                checked_in_at = \(bind: checkedIn?.at), checked_in_by = \(bind: checkedIn?.by), version = version + 1,
                updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: InvitationRow.self)
    }
}
