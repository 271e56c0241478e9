import Foundation
import Kernel
import SQLKit

public struct WebhookSubscriptionRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var url: String
    public var description: String?
    /// Event types or patterns, space-separated: `customer.created contract.* *`.
    public var events: String
    /// `whsec_` and the base64 of the signing key.
    public var secret: String
    public var active: Bool
    public var disabledReason: String?
    public var disabledAt: Int64?
    public var createdBy: Int64?
    public var version: Int64
    public var createdAt: Int64
    public var updatedAt: Int64

    public var patterns: [String] { events.split(separator: " ").map(String.init) }

    /// Whether this subscription wants events of `type` (`customer.created`): by its name, its
    /// record kind (`customer.*`) or everything (`*`).
    public func wants(_ type: String) -> Bool {
        let entity = type.split(separator: ".").first.map(String.init) ?? type
        return patterns.contains { $0 == "*" || $0 == type || $0 == entity + ".*" }
    }
}

public struct WebhookEventRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var type: String
    public var entity: String
    public var entityId: String?
    public var payload: String
    public var createdAt: Int64
}

public struct WebhookDeliveryRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var subscriptionId: Int64
    public var eventId: Int64
    public var replayOf: Int64?
    /// pending, succeeded, failed (gave up after the last retry).
    public var status: String
    public var attempts: Int64
    public var nextAttemptAt: Int64?
    public var leaseUntil: Int64?
    public var lastAttemptAt: Int64?
    public var responseCode: Int64?
    public var responseBody: String?
    public var error: String?
    public var durationMs: Int64?
    public var createdAt: Int64
}

/// A delivery with what it carries, as the dispatcher sends it.
public struct WebhookDue: Codable, Sendable, Equatable {
    public var id: Int64
    public var subscriptionId: Int64
    public var eventId: Int64
    public var attempts: Int64
    public var url: String
    public var secret: String
    public var type: String
    public var payload: String
    public var eventCreatedAt: Int64
}

/// The outbox: every audited change to a record other programs follow becomes an event, written
/// in the same transaction (so none is lost, and none is sent for a change rolled back). While no
/// subscription is active nothing is written.
public enum WebhookOutbox {
    /// Audit entity → the API collection its records live at.
    public static let collections: [String: String] = [
        "customer": "customers", "contact": "contacts", "lead": "leads", "opportunity": "opportunities", "quote": "quotes",
        "contract": "contracts", "sales_order": "sales-orders", "purchase_order": "purchase-orders",
        "stock_document": "stock-documents", "invoice": "invoices", "collection": "collections", "payment": "payments",
        "expense_claim": "expense-claims", "product": "products", "partner": "partners", "branch_transfer": "branch-transfers",
    ]

    /// Audit action → the event's verb (`customer.created`, `stock_document.posted`); an action not
    /// named here keeps its own word.
    public static let verbs: [String: String] = [
        "create": "created", "update": "updated", "delete": "deleted", "submit": "submitted", "approve": "approved",
        "reject": "rejected", "post": "posted", "cancel": "cancelled", "confirm": "confirmed", "issue": "issued", "settle": "settled",
        "assign": "assigned", "transfer": "transferred", "convert": "converted", "disqualify": "disqualified", "move": "moved",
        "accept": "accepted", "decline": "declined", "send": "sent", "complete": "completed", "terminate": "terminated",
        "renew": "renewed", "withdraw": "withdrawn", "close": "closed", "receive": "received", "pay": "paid", "recycle": "recycled",
        "claim": "claimed", "release": "released", "reopen": "reopened", "return": "returned", "attach": "attached",
        "detach": "detached", "order": "ordered", "merge": "merged",
    ]

    public static func type(entity: String, action: String) -> String { entity + "." + (verbs[action] ?? action) }

    struct Payload: Encodable {
        struct Data: Encodable {
            var entity: String
            var id: String?
            var action: String
            var resource: String?
            var changes: [FieldChange]
            var actor: Actor
        }
        struct Actor: Encodable {
            var userId: String?
            var username: String?
        }
        var type: String
        var timestamp: String
        var data: Data
    }

    /// Called with the audit rows a transaction writes.
    static func capture(_ rows: [Audit.Row], on store: Store) async throws {
        let followed = rows.filter { collections[$0.entity] != nil }
        guard !followed.isEmpty, try await listening(store) else { return }
        var q: SQLQueryString = "INSERT INTO webhook_events (type, entity, entity_id, payload, created_at) VALUES "
        for (i, r) in followed.enumerated() {
            let type = type(entity: r.entity, action: r.action)
            let changes = (try? JSONDecoder().decode([FieldChange].self, from: Foundation.Data(r.changes.utf8))) ?? []
            let payload = Payload(
                type: type, timestamp: ISOTime.string(r.at) ?? "",
                data: .init(
                    entity: r.entity, id: r.entityId, action: r.action,
                    resource: r.entityId.map { "/api/v1/\(collections[r.entity]!)/\($0)" }, changes: changes,
                    actor: .init(userId: r.actor.userId.map(String.init), username: r.actor.username)))
            q += i == 0 ? "" : ", "
            q += "(\(bind: type), \(bind: r.entity), \(bind: r.entityId), \(bind: try CompactJSON.string(payload)), \(bind: r.at))"
        }
        try await store.run(q)
    }

    /// Whether any subscription is active, remembered until the setup changes (subscriptions are setup).
    static func listening(_ store: Store) async throws -> Bool {
        try await store.remembered("webhooks.listening") {
            try await store.scalar("SELECT COUNT(*) AS n FROM webhook_subscriptions WHERE active = TRUE", as: Int64.self) ?? 0 > 0
        }
    }
}

/// Subscriptions, events and deliveries as stored.
public enum WebhookQueries {
    public static func subscriptions(on store: Store) async throws -> [WebhookSubscriptionRow] {
        try await store.all("SELECT * FROM webhook_subscriptions ORDER BY id", as: WebhookSubscriptionRow.self)
    }

    public static func subscription(_ id: Int64, on store: Store) async throws -> WebhookSubscriptionRow? {
        try await store.first("SELECT * FROM webhook_subscriptions WHERE id = \(bind: id)", as: WebhookSubscriptionRow.self)
    }

    public static func insertSubscription(
        url: String, description: String?, events: String, secret: String, createdBy: Int64?, at: Int64, on store: Store
    ) async throws -> Int64 {
        store.setupChanged()
        return try await store.insertReturningID(
            """
            INSERT INTO webhook_subscriptions (url, description, events, secret, active, created_by, version, created_at, updated_at)
            VALUES (\(bind: url), \(bind: description), \(bind: events), \(bind: secret), TRUE, \(bind: createdBy), 1, \(bind: at), \(bind: at))
            """)
    }

    /// Saves what may change; false when `version` is stale.
    public static func updateSubscription(
        _ id: Int64, url: String, description: String?, events: String, active: Bool, version: Int64, at: Int64, on store: Store
    ) async throws -> Bool {
        store.setupChanged()
        struct R: Decodable { var id: Int64 }
        return try await store.first(
            """
            UPDATE webhook_subscriptions SET url = \(bind: url), description = \(bind: description), events = \(bind: events),
            active = \(bind: active), disabled_reason = CASE WHEN \(bind: active) THEN NULL ELSE disabled_reason END,
            disabled_at = CASE WHEN \(bind: active) THEN NULL ELSE disabled_at END,
            version = version + 1, updated_at = \(bind: at)
            WHERE id = \(bind: id) AND version = \(bind: version) RETURNING id
            """, as: R.self) != nil
    }

    public static func disable(_ id: Int64, reason: String, at: Int64, on store: Store) async throws {
        store.setupChanged()
        try await store.run(
            """
            UPDATE webhook_subscriptions SET active = FALSE, disabled_reason = \(bind: reason), disabled_at = \(bind: at),
            version = version + 1, updated_at = \(bind: at) WHERE id = \(bind: id) AND active = TRUE
            """)
    }

    public static func deleteSubscription(_ id: Int64, on store: Store) async throws {
        store.setupChanged()
        try await store.run("DELETE FROM webhook_deliveries WHERE subscription_id = \(bind: id)")
        try await store.run("DELETE FROM webhook_subscriptions WHERE id = \(bind: id)")
    }

    /// Events not yet handed to subscriptions, oldest first.
    public static func unfannedEvents(limit: Int, on store: Store) async throws -> [WebhookEventRow] {
        try await store.all(
            "SELECT * FROM webhook_events WHERE fanned_out = FALSE ORDER BY id LIMIT \(literal: limit)", as: WebhookEventRow.self)
    }

    /// Hands events to the subscriptions that want them: one delivery each, due now. The events
    /// are claimed first, so two servers doing this at once never deliver one twice. Answers how
    /// many deliveries were made.
    public static func fanOut(
        _ events: [WebhookEventRow], to subscriptions: [WebhookSubscriptionRow], at: Int64, on store: Store
    )
        async throws -> Int
    {
        guard !events.isEmpty else { return 0 }
        struct R: Decodable { var id: Int64 }
        let claimed = Set(
            try await store.all(
                """
                UPDATE webhook_events SET fanned_out = TRUE
                WHERE id IN (\(binds: events.map { $0.id as any Encodable & Sendable })) AND fanned_out = FALSE RETURNING id
                """, as: R.self
            ).map(\.id))
        var pairs: [(Int64, Int64)] = []
        for e in events where claimed.contains(e.id) {
            for s in subscriptions where s.active && s.createdAt <= e.createdAt && s.wants(e.type) { pairs.append((s.id, e.id)) }
        }
        for chunk in pairs.chunked(500) {
            var q: SQLQueryString =
                "INSERT INTO webhook_deliveries (subscription_id, event_id, status, attempts, next_attempt_at, created_at) VALUES "
            for (i, p) in chunk.enumerated() {
                q += i == 0 ? "" : ", "
                q += "(\(bind: p.0), \(bind: p.1), 'pending', 0, \(bind: at), \(bind: at))"
            }
            try await store.run(q)
        }
        return pairs.count
    }

    /// Takes up to `limit` due deliveries for this worker until `leaseUntil`: another server (or
    /// this one after a crash) takes them again only once the lease has run out.
    public static func claimDue(now: Int64, leaseUntil: Int64, limit: Int, on store: Store) async throws -> [WebhookDue] {
        struct R: Decodable { var id: Int64 }
        let ids = try await store.all(
            """
            UPDATE webhook_deliveries SET lease_until = \(bind: leaseUntil)
            WHERE id IN (
                SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= \(bind: now)
                AND (lease_until IS NULL OR lease_until < \(bind: now)) ORDER BY next_attempt_at, id LIMIT \(literal: limit)
                \(unsafeRaw: store.dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : "")
            ) RETURNING id
            """, as: R.self
        ).map(\.id)
        guard !ids.isEmpty else { return [] }
        return try await store.all(
            """
            SELECT d.id, d.subscription_id, d.event_id, d.attempts, s.url, s.secret, e.type, e.payload, e.created_at AS event_created_at
            FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id JOIN webhook_events e ON e.id = d.event_id
            WHERE d.id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) ORDER BY d.id
            """, as: WebhookDue.self)
    }

    /// What one attempt got back. `next` nil with a failure: given up.
    public static func recordAttempt(
        _ id: Int64, succeeded: Bool, next: Int64?, code: Int64?, body: String?, error: String?, durationMs: Int64, at: Int64,
        on store: Store
    ) async throws {
        let status = succeeded ? "succeeded" : (next == nil ? "failed" : "pending")
        try await store.run(
            """
            UPDATE webhook_deliveries SET status = \(bind: status), attempts = attempts + 1, next_attempt_at = \(bind: next),
            lease_until = NULL, last_attempt_at = \(bind: at), response_code = \(bind: code), response_body = \(bind: body),
            error = \(bind: error), duration_ms = \(bind: durationMs) WHERE id = \(bind: id)
            """)
    }

    public static func deliveries(
        subscription: Int64, limit: Int, cursor: Cursor?, on store: Store
    ) async throws -> Page<
        WebhookDeliveryRow
    > {
        var q: SQLQueryString = "SELECT * FROM webhook_deliveries WHERE subscription_id = \(bind: subscription)"
        if let cursor { q += " AND id < \(bind: cursor.id)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit + 1)"
        let rows = try await store.all(q, as: WebhookDeliveryRow.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func delivery(_ id: Int64, on store: Store) async throws -> WebhookDeliveryRow? {
        try await store.first("SELECT * FROM webhook_deliveries WHERE id = \(bind: id)", as: WebhookDeliveryRow.self)
    }

    public static func event(_ id: Int64, on store: Store) async throws -> WebhookEventRow? {
        try await store.first("SELECT * FROM webhook_events WHERE id = \(bind: id)", as: WebhookEventRow.self)
    }

    /// A new delivery of the same event, due now (the receiver sees the same webhook-id).
    public static func replay(_ delivery: WebhookDeliveryRow, at: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO webhook_deliveries (subscription_id, event_id, replay_of, status, attempts, next_attempt_at, created_at)
            VALUES (\(bind: delivery.subscriptionId), \(bind: delivery.eventId), \(bind: delivery.id), 'pending', 0, \(bind: at), \(bind: at))
            """)
    }
}
