import FluentKit

/// Events of a campaign (活动/会议) and their invitations: who was invited, how they answered
/// on the public RSVP page (its secret is the link), the ticket code their QR carries, and when
/// they were checked in at the door — or came as walk-ins, each of whom becomes a lead.
struct M025Events: AsyncMigration {
    var name: String { "025-events" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE campaign_events (
                    id {pk},
                    campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
                    name TEXT NOT NULL,
                    venue TEXT,
                    starts_at BIGINT NOT NULL,
                    ends_at BIGINT,
                    capacity BIGINT NOT NULL DEFAULT 0,
                    agenda TEXT,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX campaign_events_campaign ON campaign_events(campaign_id, starts_at)",
                """
                CREATE TABLE event_invitations (
                    id {pk},
                    event_id BIGINT NOT NULL REFERENCES campaign_events(id),
                    contact_id BIGINT REFERENCES contacts(id),
                    lead_id BIGINT REFERENCES leads(id),
                    partner_id BIGINT REFERENCES partners(id),
                    name TEXT NOT NULL,
                    company TEXT,
                    phone TEXT,
                    email TEXT,
                    status TEXT NOT NULL,
                    walk_in BOOLEAN NOT NULL DEFAULT FALSE,
                    rsvp_token TEXT NOT NULL UNIQUE,
                    ticket TEXT NOT NULL UNIQUE,
                    invited_by BIGINT REFERENCES users(id),
                    responded_at BIGINT,
                    checked_in_at BIGINT,
                    checked_in_by BIGINT REFERENCES users(id),
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    UNIQUE (event_id, contact_id),
                    UNIQUE (event_id, lead_id)
                )
                """,
                "CREATE INDEX event_invitations_event ON event_invitations(event_id, status, id)",
                "CREATE INDEX event_invitations_checked ON event_invitations(event_id, checked_in_at) WHERE checked_in_at IS NOT NULL",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["DROP TABLE event_invitations", "DROP TABLE campaign_events"], on: database)
    }
}
