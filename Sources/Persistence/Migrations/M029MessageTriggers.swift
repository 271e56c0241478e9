import FluentKit

/// Messages the calendar sends (自动触发): birthday greetings, event reminders, a follow-up after
/// a quote. Each trigger names a template and a number of days; each occasion it fired for is
/// kept, so a day, an event or a quote is never sent to twice.
struct M029MessageTriggers: AsyncMigration {
    var name: String { "029-message-triggers" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE message_triggers (
                    id {pk},
                    kind TEXT NOT NULL,
                    template_id BIGINT NOT NULL REFERENCES message_templates(id),
                    days BIGINT NOT NULL DEFAULT 0,
                    enabled BOOLEAN NOT NULL DEFAULT TRUE,
                    base_url TEXT NOT NULL,
                    last_run TEXT,
                    created_by BIGINT REFERENCES users(id),
                    version BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE trigger_firings (
                    trigger_id BIGINT NOT NULL REFERENCES message_triggers(id),
                    occasion TEXT NOT NULL,
                    send_id BIGINT REFERENCES message_sends(id),
                    fired_at BIGINT NOT NULL,
                    PRIMARY KEY (trigger_id, occasion)
                )
                """,
                "ALTER TABLE message_sends ADD COLUMN trigger_id BIGINT REFERENCES message_triggers(id)",
                "CREATE INDEX campaign_events_start ON campaign_events(starts_at)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            [
                "DROP INDEX campaign_events_start", "ALTER TABLE message_sends DROP COLUMN trigger_id",
                "DROP TABLE trigger_firings", "DROP TABLE message_triggers",
            ], on: database)
    }
}
