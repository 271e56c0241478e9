import Kernel
import SQLKit

/// Templates, sends, their recipients' traces and the opt-outs.
public enum MessageQueries {
    public static func template(_ id: Int64, on store: Store) async throws -> MessageTemplateRow? {
        try await store.first("SELECT * FROM message_templates WHERE id = \(bind: id)", as: MessageTemplateRow.self)
    }

    public static func templates(limit: Int, after: Int64?, on store: Store) async throws -> [MessageTemplateRow] {
        var q: SQLQueryString = "SELECT * FROM message_templates WHERE 1 = 1"
        if let a = after { q += " AND id < \(bind: a)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: MessageTemplateRow.self)
    }

    public static func send(_ id: Int64, on store: Store) async throws -> MessageSendRow? {
        try await store.first("SELECT * FROM message_sends WHERE id = \(bind: id)", as: MessageSendRow.self)
    }

    public static func sends(event: Int64?, limit: Int, after: Int64?, on store: Store) async throws -> [MessageSendRow] {
        var q: SQLQueryString = "SELECT * FROM message_sends WHERE 1 = 1"
        if let e = event { q += " AND event_id = \(bind: e)" }
        if let a = after { q += " AND id < \(bind: a)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: MessageSendRow.self)
    }

    /// Sends the server is to work on, oldest first.
    public static func sending(limit: Int, on store: Store) async throws -> [MessageSendRow] {
        try await store.all(
            "SELECT * FROM message_sends WHERE status = 'sending' ORDER BY id LIMIT \(literal: limit)", as: MessageSendRow.self)
    }

    /// A send's progress: how many recipients are in each state.
    public static func progress(of send: Int64, on store: Store) async throws -> [String: Int64] {
        struct R: Decodable { var status: String; var n: Int64 }
        let rows = try await store.all(
            "SELECT status, COUNT(*) AS n FROM message_recipients WHERE send_id = \(bind: send) GROUP BY status", as: R.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.status, $0.n) })
    }

    public static func recipients(
        of send: Int64, status: String?, limit: Int, after: Int64?, on store: Store
    ) async throws -> [MessageRecipientRow] {
        var q: SQLQueryString = "SELECT * FROM message_recipients WHERE send_id = \(bind: send)"
        if let s = status, !s.isEmpty { q += " AND status = \(bind: s)" }
        if let a = after { q += " AND id > \(bind: a)" }
        q += " ORDER BY id LIMIT \(literal: limit)"
        return try await store.all(q, as: MessageRecipientRow.self)
    }

    /// The next recipients due, in the order they were queued.
    public static func due(of send: Int64, now: Int64, limit: Int, on store: Store) async throws -> [MessageRecipientRow] {
        try await store.all(
            """
            SELECT * FROM message_recipients WHERE send_id = \(bind: send) AND status = 'queued' AND next_attempt_at <= \(bind: now)
            ORDER BY id LIMIT \(literal: limit)
            """, as: MessageRecipientRow.self)
    }

    /// Whether anyone of the send is still waiting (queued, or being sent).
    public static func waiting(of send: Int64, on store: Store) async throws -> Bool {
        struct R: Decodable { var n: Int64 }
        return
            (try await store.first(
                """
                SELECT COUNT(*) AS n FROM (SELECT 1 FROM message_recipients WHERE send_id = \(bind: send)
                    AND status IN ('queued', 'sending') LIMIT 1) w
                """, as: R.self)?.n ?? 0) > 0
    }

    /// How many messages of a channel and purpose each of these addresses was sent since `since`.
    public static func sent(
        to addresses: [String], channel: String, purpose: String, since: Int64, on store: Store
    ) async throws -> [String: Int64] {
        guard !addresses.isEmpty else { return [:] }
        struct R: Decodable { var address: String; var n: Int64 }
        let rows = try await store.all(
            """
            SELECT r.address, COUNT(*) AS n FROM message_recipients r JOIN message_sends s ON s.id = r.send_id
            WHERE r.address IN (\(binds: addresses.map { $0 as any Encodable & Sendable })) AND r.status = 'sent'
                AND r.sent_at >= \(bind: since) AND s.channel = \(bind: channel) AND s.purpose = \(bind: purpose)
            GROUP BY r.address
            """, as: R.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.address, $0.n) })
    }

    /// A tracked send's links by number.
    public static func links(of send: Int64, on store: Store) async throws -> [Int64: String] {
        struct R: Decodable { var n: Int64; var url: String }
        let rows = try await store.all("SELECT n, url FROM message_links WHERE send_id = \(bind: send)", as: R.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.n, $0.url) })
    }

    /// What the recipients did with a send: opened, clicked, unsubscribed, bounced.
    public struct Engagement: Decodable, Sendable, Equatable {
        public var opened: Int64
        public var clicked: Int64
        public var unsubscribed: Int64
        public var bounced: Int64
    }

    public static func engagement(of send: Int64, on store: Store) async throws -> Engagement {
        try await store.first(
            """
            SELECT CAST(COALESCE(SUM(CASE WHEN opened_at IS NULL THEN 0 ELSE 1 END), 0) AS BIGINT) AS opened,
                CAST(COALESCE(SUM(CASE WHEN clicked_at IS NULL THEN 0 ELSE 1 END), 0) AS BIGINT) AS clicked,
                CAST(COALESCE(SUM(CASE WHEN unsubscribed_at IS NULL THEN 0 ELSE 1 END), 0) AS BIGINT) AS unsubscribed,
                CAST(COALESCE(SUM(CASE WHEN status = 'bounced' THEN 1 ELSE 0 END), 0) AS BIGINT) AS bounced
            FROM message_recipients WHERE send_id = \(bind: send)
            """, as: Engagement.self) ?? Engagement(opened: 0, clicked: 0, unsubscribed: 0, bounced: 0)
    }

    public static func recipient(token: String, on store: Store) async throws -> MessageRecipientRow? {
        try await store.first("SELECT * FROM message_recipients WHERE token = \(bind: token)", as: MessageRecipientRow.self)
    }

    /// Of these addresses, those opted out of `purpose` on `channel`.
    public static func optedOut(_ addresses: [String], channel: String, purpose: String, on store: Store) async throws -> Set<String> {
        guard !addresses.isEmpty else { return [] }
        struct R: Decodable { var address: String }
        var out = Set<String>()
        for chunk in addresses.chunkedBinds() {
            let rows = try await store.all(
                """
                SELECT address FROM opt_outs WHERE channel = \(bind: channel) AND purpose = \(bind: purpose)
                    AND address IN (\(binds: chunk))
                """, as: R.self)
            out.formUnion(rows.map(\.address))
        }
        return out
    }

    public static func optOuts(channel: String?, limit: Int, after: Int64?, on store: Store) async throws -> [OptOutRow] {
        var q: SQLQueryString = "SELECT * FROM opt_outs WHERE 1 = 1"
        if let c = channel, !c.isEmpty { q += " AND channel = \(bind: c)" }
        if let a = after { q += " AND id < \(bind: a)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: OptOutRow.self)
    }

    public static func optOut(channel: String, address: String, purpose: String, on store: Store) async throws -> OptOutRow? {
        try await store.first(
            """
            SELECT * FROM opt_outs WHERE channel = \(bind: channel) AND address = \(bind: address) AND purpose = \(bind: purpose)
            """, as: OptOutRow.self)
    }

    public static func optOut(_ id: Int64, on store: Store) async throws -> OptOutRow? {
        try await store.first("SELECT * FROM opt_outs WHERE id = \(bind: id)", as: OptOutRow.self)
    }
}
