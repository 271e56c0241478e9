import FluentKit

/// Webhooks: subscriptions, the outbox of events written in the same transaction as the change
/// they report, and one delivery per subscription and event with its attempts.
struct M019Webhooks: AsyncMigration {
    var name: String { "019-webhooks" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                """
                CREATE TABLE webhook_subscriptions (
                    id {pk},
                    url TEXT NOT NULL,
                    description TEXT,
                    events TEXT NOT NULL,
                    secret TEXT NOT NULL,
                    active BOOLEAN NOT NULL DEFAULT TRUE,
                    disabled_reason TEXT,
                    disabled_at BIGINT,
                    created_by BIGINT REFERENCES users(id),
                    version BIGINT NOT NULL,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE webhook_events (
                    id {pk},
                    type TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    entity_id TEXT,
                    payload TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    fanned_out BOOLEAN NOT NULL DEFAULT FALSE
                )
                """,
                "CREATE INDEX webhook_events_pending ON webhook_events(fanned_out, id)",
                """
                CREATE TABLE webhook_deliveries (
                    id {pk},
                    subscription_id BIGINT NOT NULL REFERENCES webhook_subscriptions(id),
                    event_id BIGINT NOT NULL REFERENCES webhook_events(id),
                    replay_of BIGINT,
                    status TEXT NOT NULL,
                    attempts BIGINT NOT NULL DEFAULT 0,
                    next_attempt_at BIGINT,
                    lease_until BIGINT,
                    last_attempt_at BIGINT,
                    response_code BIGINT,
                    response_body TEXT,
                    error TEXT,
                    duration_ms BIGINT,
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at)",
                "CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries(subscription_id, id)",
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(["DROP TABLE webhook_deliveries", "DROP TABLE webhook_events", "DROP TABLE webhook_subscriptions"], on: database)
    }
}
