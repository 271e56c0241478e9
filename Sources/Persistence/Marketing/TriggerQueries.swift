import DocumentsCore
import Foundation
import Kernel
import SQLKit

/// A message the calendar sends: what occasion, which template, how many days before or after.
public struct TriggerRow: Codable, Sendable, Equatable {
    public var id: Int64
    /// birthday, event_reminder or quote_followup.
    public var kind: String
    public var templateId: Int64
    /// An event's reminder: days before it starts; a quote's follow-up: days after its date.
    public var days: Int64
    public var enabled: Bool
    /// The server's address as whoever set it up saw it, for the links in its messages.
    public var baseUrl: String
    /// The last day ('YYYY-MM-DD', China) it ran.
    public var lastRun: String?
    public var createdBy: Int64?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64
}

/// One occasion a trigger fired for, and the send it queued (none when nobody had an address).
public struct FiringRow: Codable, Sendable, Equatable {
    public var triggerId: Int64
    public var occasion: String
    public var sendId: Int64?
    public var firedAt: Int64
}

public enum TriggerQueries {
    public static func triggers(on store: Store) async throws -> [TriggerRow] {
        try await store.all("SELECT * FROM message_triggers ORDER BY kind, days, id", as: TriggerRow.self)
    }

    public static func trigger(_ id: Int64, on store: Store) async throws -> TriggerRow? {
        try await store.first("SELECT * FROM message_triggers WHERE id = \(bind: id)", as: TriggerRow.self)
    }

    /// Enabled triggers that have not run on `day`.
    public static func due(day: String, on store: Store) async throws -> [TriggerRow] {
        try await store.all(
            """
            SELECT * FROM message_triggers WHERE enabled = \(bind: true) AND (last_run IS NULL OR last_run < \(bind: day))
            ORDER BY id
            """, as: TriggerRow.self)
    }

    /// The latest occasions a trigger fired for.
    public static func firings(of trigger: Int64, limit: Int, on store: Store) async throws -> [FiringRow] {
        try await store.all(
            "SELECT * FROM trigger_firings WHERE trigger_id = \(bind: trigger) ORDER BY fired_at DESC LIMIT \(literal: limit)",
            as: FiringRow.self)
    }

    /// Whether a contact (`c`) can be reached on the channel: a mobile or phone for texts, else an e-mail address.
    static func reachable(sms: Bool) -> SQLQueryString {
        sms ? "COALESCE(c.mobile, c.phone) IS NOT NULL" : "c.email IS NOT NULL AND c.email <> ''"
    }

    /// Contacts whose birthday ('MM-DD') is `monthDay`, of active customers, reachable on the channel, by id.
    public static func birthdayContacts(_ monthDay: String, sms: Bool, limit: Int, on store: Store) async throws -> [Int64] {
        struct R: Decodable { var id: Int64 }
        var q: SQLQueryString = """
            SELECT c.id FROM contacts c JOIN partners p ON p.id = c.partner_id
            WHERE c.birthday_md = \(bind: monthDay) AND p.active = \(bind: true) AND
            """
        q += " " + reachable(sms: sms) + " ORDER BY c.id LIMIT \(literal: limit)"
        return try await store.all(q, as: R.self).map(\.id)
    }

    /// Events starting in [from, to).
    public static func eventsStarting(from: Int64, to: Int64, on store: Store) async throws -> [EventRow] {
        try await store.all(
            "SELECT * FROM campaign_events WHERE starts_at >= \(bind: from) AND starts_at < \(bind: to) ORDER BY starts_at, id",
            as: EventRow.self)
    }

    /// Quotes dated `date` that are still waiting for the customer's answer (sent), with the
    /// customer's primary contact (else its first) reachable on the channel.
    public static func sentQuotes(dated date: String, sms: Bool, on store: Store) async throws -> [(quote: Int64, contact: Int64?)] {
        struct R: Decodable { var id: Int64; var contactId: Int64? }
        var q: SQLQueryString = "SELECT q.id, (SELECT c.id FROM contacts c WHERE c.partner_id = q.partner_id AND "
        q += reachable(sms: sms) + " ORDER BY c.is_primary DESC, c.id LIMIT 1) AS contact_id"
        q += " FROM quotes q WHERE q.status = \(bind: QuoteFlow.State.sent.rawValue) AND q.quote_date = \(bind: date) ORDER BY q.id"
        return try await store.all(q, as: R.self).map { ($0.id, $0.contactId) }
    }
}

public enum TriggerWrites {
    public static func insert(
        kind: String, template: Int64, days: Int64, enabled: Bool, baseUrl: String, by user: Int64?, at now: Int64, on store: Store
    ) async throws -> TriggerRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO message_triggers (kind, template_id, days, enabled, base_url, created_by, version, created_at, updated_at)
                VALUES (\(bind: kind), \(bind: template), \(bind: days), \(bind: enabled), \(bind: baseUrl), \(bind: user), 1,
                    \(bind: now), \(bind: now))
                RETURNING *
                """, as: TriggerRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    /// Answers the trigger as stored, or nil when it moved on since `version`.
    public static func update(
        _ id: Int64, template: Int64, days: Int64, enabled: Bool, version: Int64, at now: Int64, on store: Store
    ) async throws -> TriggerRow? {
        try await store.first(
            """
            UPDATE message_triggers SET template_id = \(bind: template), days = \(bind: days), enabled = \(bind: enabled),
                version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version) RETURNING *
            """, as: TriggerRow.self)
    }

    /// Marks the day run; false when another server marked it first.
    public static func claim(_ id: Int64, day: String, on store: Store) async throws -> Bool {
        try await store.scalar(
            """
            UPDATE message_triggers SET last_run = \(bind: day)
            WHERE id = \(bind: id) AND (last_run IS NULL OR last_run < \(bind: day)) RETURNING id AS value
            """, as: Int64.self) != nil
    }

    /// Records an occasion; false when it had fired already.
    public static func fire(_ id: Int64, occasion: String, at now: Int64, on store: Store) async throws -> Bool {
        try await store.scalar(
            """
            INSERT INTO trigger_firings (trigger_id, occasion, fired_at) VALUES (\(bind: id), \(bind: occasion), \(bind: now))
            ON CONFLICT DO NOTHING RETURNING trigger_id AS value
            """, as: Int64.self) != nil
    }

    public static func recordSend(_ id: Int64, occasion: String, send: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE trigger_firings SET send_id = \(bind: send) WHERE trigger_id = \(bind: id) AND occasion = \(bind: occasion)")
        try await store.run("UPDATE message_sends SET trigger_id = \(bind: id) WHERE id = \(bind: send)")
    }
}
