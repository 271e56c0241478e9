import Foundation
import Kernel
import Persistence
import SQLKit

/// The notifications inbox: messages to one person (a customer recycled, a reminder, an
/// approval to act on), stored as a catalog key and its arguments so each reader sees them in
/// their own language. A dedupe key keeps a job from telling the same thing twice.
public enum NotificationService {
    public struct Message: Sendable {
        public var userId: Int64
        public var kind: String
        public var args: [String]
        public var link: String?
        public var dedupeKey: String?
        public init(userId: Int64, kind: String, args: [String] = [], link: String? = nil, dedupeKey: String? = nil) {
            self.userId = userId
            self.kind = kind
            self.args = args
            self.link = link
            self.dedupeKey = dedupeKey
        }
    }

    /// Sends messages (inside the caller's transaction); a repeated dedupe key is skipped.
    /// Answers how many were new.
    @discardableResult
    public static func send(_ messages: [Message], _ store: Store, at: Int64) async throws -> Int {
        var sent = 0
        for chunk in stride(from: 0, to: messages.count, by: 500) {
            var q: SQLQueryString = "INSERT INTO notifications (user_id, kind, args, link, dedupe_key, created_at) VALUES "
            for (i, m) in messages[chunk..<min(chunk + 500, messages.count)].enumerated() {
                let args = String(decoding: (try? JSONEncoder().encode(m.args)) ?? Data("[]".utf8), as: UTF8.self)
                q += i == 0 ? "" : ", "
                q += "(\(bind: m.userId), \(bind: m.kind), \(bind: args), \(bind: m.link), \(bind: m.dedupeKey), \(bind: at))"
            }
            q += " ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id"
            sent += try await store.all(q, as: IDOnly.self).count
        }
        return sent
    }

    struct IDOnly: Decodable { var id: Int64 }

    public static func args(_ n: NotificationRow) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(n.args.utf8))) ?? []
    }

    /// The signed-in person's own messages, newest first.
    public static func list(unreadOnly: Bool, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<NotificationRow> {
        guard let me = ctx.principal?.userId else { throw DomainError.forbidden }
        var q: SQLQueryString = "SELECT * FROM notifications WHERE user_id = \(bind: me)"
        if unreadOnly { q += " AND read_at IS NULL" }
        if let cursor { q += " AND id < \(bind: cursor.id)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit + 1)"
        let rows = try await ctx.store.all(q, as: NotificationRow.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func unreadCount(_ ctx: ServiceContext) async throws -> Int64 {
        guard let me = ctx.principal?.userId else { return 0 }
        return try await ctx.store.scalar(
            "SELECT COUNT(*) AS n FROM notifications WHERE user_id = \(bind: me) AND read_at IS NULL", as: Int64.self) ?? 0
    }

    /// Marks one message read (another person's is a 404), or all when `id` is nil.
    public static func markRead(_ id: Int64?, _ ctx: ServiceContext) async throws {
        guard let me = ctx.principal?.userId else { throw DomainError.forbidden }
        try await ctx.write { ctx in
            if let id {
                guard
                    try await ctx.store.first(
                        "SELECT * FROM notifications WHERE id = \(bind: id) AND user_id = \(bind: me)", as: NotificationRow.self) != nil
                else {
                    throw DomainError.notFound
                }
                try await ctx.store.run(
                    "UPDATE notifications SET read_at = \(bind: ctx.nowMillis) WHERE id = \(bind: id) AND read_at IS NULL")
            } else {
                try await ctx.store.run(
                    "UPDATE notifications SET read_at = \(bind: ctx.nowMillis) WHERE user_id = \(bind: me) AND read_at IS NULL")
            }
        }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> NotificationRow {
        guard let me = ctx.principal?.userId else { throw DomainError.forbidden }
        guard
            let n = try await ctx.store.first(
                "SELECT * FROM notifications WHERE id = \(bind: id) AND user_id = \(bind: me)", as: NotificationRow.self)
        else {
            throw DomainError.notFound
        }
        return n
    }
}
