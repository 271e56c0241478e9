import FluentKit

/// Opens and clicks, where a send turns tracking on (it is off unless asked for): the links of
/// its template are numbered (a click goes through `/marketing/t/<secret>/<n>` to the one kept
/// here, never to an address the request names), and each recipient keeps when it was first
/// opened and clicked. A mailbox the server said does not exist is kept as bounced.
struct M030MessageTracking: AsyncMigration {
    var name: String { "030-message-tracking" }

    func prepare(on database: any Database) async throws {
        try await DDL.run(
            [
                "ALTER TABLE message_sends ADD COLUMN tracking BOOLEAN NOT NULL DEFAULT FALSE",
                "ALTER TABLE message_recipients ADD COLUMN opened_at BIGINT",
                "ALTER TABLE message_recipients ADD COLUMN clicked_at BIGINT",
                "ALTER TABLE message_recipients ADD COLUMN clicks BIGINT NOT NULL DEFAULT 0",
                """
                CREATE TABLE message_links (
                    send_id BIGINT NOT NULL REFERENCES message_sends(id),
                    n BIGINT NOT NULL,
                    url TEXT NOT NULL,
                    PRIMARY KEY (send_id, n)
                )
                """,
            ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await DDL.run(
            [
                "DROP TABLE message_links", "ALTER TABLE message_recipients DROP COLUMN clicks",
                "ALTER TABLE message_recipients DROP COLUMN clicked_at", "ALTER TABLE message_recipients DROP COLUMN opened_at",
                "ALTER TABLE message_sends DROP COLUMN tracking",
            ], on: database)
    }
}
