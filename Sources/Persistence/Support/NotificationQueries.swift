import Foundation
import SQLKit

/// The notifications inbox in SQL: each message belongs to one person.
public enum NotificationQueries {
    /// One message to store: `args` is the JSON array of the catalog key's arguments.
    public struct Message: Sendable {
        public var userId: Int64
        public var kind: String
        public var args: String
        public var link: String?
        public var dedupeKey: String?
        public init(userId: Int64, kind: String, args: String, link: String?, dedupeKey: String?) {
            self.userId = userId
            self.kind = kind
            self.args = args
            self.link = link
            self.dedupeKey = dedupeKey
        }
    }

    /// Stores the messages, 500 to a statement; one whose dedupe key its person already has is
    /// skipped. Answers how many were new.
    public static func insert(_ messages: [Message], at now: Int64, on store: Store) async throws -> Int {
        struct IDOnly: Decodable { var id: Int64 }
        var sent = 0
        for chunk in messages.chunked(500) {
            var q: SQLQueryString = "INSERT INTO notifications (user_id, kind, args, link, dedupe_key, created_at) VALUES "
            for (i, m) in chunk.enumerated() {
                q += i == 0 ? "" : ", "
                q += "(\(bind: m.userId), \(bind: m.kind), \(bind: m.args), \(bind: m.link), \(bind: m.dedupeKey), \(bind: now))"
            }
            q += " ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id"
            sent += try await store.all(q, as: IDOnly.self).count
        }
        return sent
    }

    /// A person's messages, newest first, a page at a time.
    public static func list(of user: Int64, unreadOnly: Bool, before: Int64?, limit: Int, on store: Store) async throws -> [NotificationRow]
    {
        var q: SQLQueryString = "SELECT * FROM notifications WHERE user_id = \(bind: user)"
        if unreadOnly { q += " AND read_at IS NULL" }
        if let before { q += " AND id < \(bind: before)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: NotificationRow.self)
    }

    public static func unread(of user: Int64, on store: Store) async throws -> Int64 {
        try await store.scalar("SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: user) AND read_at IS NULL", as: Int64.self)
            ?? 0
    }

    public static func one(_ id: Int64, of user: Int64, on store: Store) async throws -> NotificationRow? {
        try await store.first("SELECT * FROM notifications WHERE id = \(bind: id) AND user_id = \(bind: user)", as: NotificationRow.self)
    }

    /// Marks one of the person's messages read, or all of them when `id` is nil.
    public static func markRead(_ id: Int64?, of user: Int64, at now: Int64, on store: Store) async throws {
        if let id {
            try await store.run(
                "UPDATE notifications SET read_at = \(bind: now) WHERE id = \(bind: id) AND user_id = \(bind: user) AND read_at IS NULL")
        } else {
            try await store.run("UPDATE notifications SET read_at = \(bind: now) WHERE user_id = \(bind: user) AND read_at IS NULL")
        }
    }
}
