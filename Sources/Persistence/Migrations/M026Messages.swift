import FluentKit

/// Messages that really go out (群发): templates with merge fields, sends whose recipients are
/// frozen when they are queued (one row per address, so nobody gets one twice), each recipient's
/// trace, and the opt-outs people asked for — per channel and purpose, never per list.
struct M026Messages: AsyncMigration {
    var name: String { "026-messages" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE message_templates (
                    id {pk},
                    name TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    subject TEXT,
                    body TEXT NOT NULL,
                    provider_template TEXT,
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE message_sends (
                    id {pk},
                    template_id BIGINT NOT NULL REFERENCES message_templates(id),
                    campaign_id BIGINT REFERENCES campaigns(id),
                    event_id BIGINT REFERENCES campaign_events(id),
                    channel TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    status TEXT NOT NULL,
                    subject TEXT,
                    body TEXT NOT NULL,
                    provider_template TEXT,
                    base_url TEXT NOT NULL,
                    branch_id BIGINT NOT NULL REFERENCES branches(id),
                    created_by BIGINT REFERENCES users(id),
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    finished_at BIGINT
                )
                """,
                "CREATE INDEX message_sends_status ON message_sends(status, id)",
                """
                CREATE TABLE message_recipients (
                    id {pk},
                    send_id BIGINT NOT NULL REFERENCES message_sends(id),
                    address TEXT NOT NULL,
                    name TEXT NOT NULL,
                    company TEXT,
                    contact_id BIGINT REFERENCES contacts(id),
                    lead_id BIGINT REFERENCES leads(id),
                    invitation_id BIGINT REFERENCES event_invitations(id),
                    token TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL,
                    attempts BIGINT NOT NULL DEFAULT 0,
                    next_attempt_at BIGINT NOT NULL DEFAULT 0,
                    claimed_at BIGINT,
                    error TEXT,
                    sent_at BIGINT,
                    unsubscribed_at BIGINT,
                    UNIQUE (send_id, address)
                )
                """,
                "CREATE INDEX message_recipients_queue ON message_recipients(send_id, status, next_attempt_at, id)",
                """
                CREATE TABLE opt_outs (
                    id {pk},
                    channel TEXT NOT NULL,
                    address TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    source TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    UNIQUE (channel, address, purpose)
                )
                """,
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            ["DROP TABLE opt_outs", "DROP TABLE message_recipients", "DROP TABLE message_sends", "DROP TABLE message_templates"],
            on: database)
    }
}
