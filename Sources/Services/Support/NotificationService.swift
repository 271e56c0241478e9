import Foundation
import Kernel
import Persistence

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
        try await NotificationQueries.insert(
            messages.map {
                NotificationQueries.Message(
                    userId: $0.userId, kind: $0.kind,
                    args: String(decoding: (try? JSONEncoder().encode($0.args)) ?? Data("[]".utf8), as: UTF8.self),
                    link: $0.link, dedupeKey: $0.dedupeKey)
            }, at: at, on: store)
    }

    public static func args(_ n: NotificationRow) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(n.args.utf8))) ?? []
    }

    /// The signed-in person's own messages, newest first.
    public static func list(unreadOnly: Bool, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<NotificationRow> {
        guard let me = ctx.principal?.userId else { throw DomainError.forbidden }
        let rows = try await NotificationQueries.list(of: me, unreadOnly: unreadOnly, before: cursor?.id, limit: limit + 1, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func unreadCount(_ ctx: ServiceContext) async throws -> Int64 {
        guard let me = ctx.principal?.userId else { return 0 }
        return try await NotificationQueries.unread(of: me, on: ctx.store)
    }

    /// Marks one message read (another person's is a 404), or all when `id` is nil.
    public static func markRead(_ id: Int64?, _ ctx: ServiceContext) async throws {
        guard let me = ctx.principal?.userId else { throw DomainError.forbidden }
        try await ctx.write { ctx in
            if let id, try await NotificationQueries.one(id, of: me, on: ctx.store) == nil { throw DomainError.notFound }
            try await NotificationQueries.markRead(id, of: me, at: ctx.nowMillis, on: ctx.store)
        }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> NotificationRow {
        guard let me = ctx.principal?.userId else { throw DomainError.forbidden }
        guard let n = try await NotificationQueries.one(id, of: me, on: ctx.store) else { throw DomainError.notFound }
        return n
    }
}
