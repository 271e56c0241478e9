import Foundation
import Kernel
import SQLKit
import Synchronization

public struct AuditRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var at: Int64
    public var userId: Int64?
    public var username: String?
    public var ip: String?
    public var requestId: String?
    public var action: String
    public var entity: String
    public var entityId: String?
    public var branchId: Int64?
    public var changes: String
}

/// Who is acting, from where: carried from the request into every use case and its audit entries.
public struct ActingUser: Sendable, Equatable {
    public var userId: Int64?
    public var username: String?
    public var ip: String?
    public var requestId: String?
    /// The way the change came in (数据地图): web, api, portal, import, lead, merge, system.
    public var channel: String?
    /// What it came through, when more than the channel says: `import:12:5` (job 12, line 5),
    /// `lead:34`.
    public var via: String?
    public init(userId: Int64?, username: String?, ip: String?, requestId: String?, channel: String? = nil, via: String? = nil) {
        self.userId = userId
        self.username = username
        self.ip = ip
        self.requestId = requestId
        self.channel = channel
        self.via = via
    }
    public static let system = ActingUser(userId: nil, username: "system", ip: nil, requestId: nil, channel: "system")
}

/// One changed field: old and new value as text (nil when absent).
public struct FieldChange: Codable, Sendable, Equatable {
    public var field: String
    public var old: String?
    public var new: String?
    public init(_ field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

public enum Audit {
    /// Records one audit entry in the caller's transaction: inside a write transaction it is
    /// written with the others of that transaction in one statement just before the transaction
    /// ends (and never, if the transaction fails); outside one, at once.
    public static func record(
        _ actor: ActingUser, action: String, entity: String, entityId: String?, branchId: Int64? = nil,
        changes: [FieldChange], at: Date, on store: Store
    ) async throws {
        let row = Row(
            at: Millis.from(at), actor: actor, action: action, entity: entity, entityId: entityId, branchId: branchId,
            changes: try CompactJSON.string(changes.filter { $0.old != $0.new }))
        if let pending = store.pendingAudit {
            pending.rows.withLock { $0.append(row) }
        } else {
            try await insert([row], on: store)
        }
    }

    /// One audit entry as stored.
    struct Row: Sendable {
        var at: Int64
        var actor: ActingUser
        var action: String
        var entity: String
        var entityId: String?
        var branchId: Int64?
        var changes: String
    }

    static func insert(_ rows: [Row], on store: Store) async throws {
        for chunk in rows.chunked(500) {
            var q: SQLQueryString =
                "INSERT INTO audit_log (at, user_id, username, ip, request_id, action, entity, entity_id, branch_id, changes, channel, via) VALUES "
            for (i, r) in chunk.enumerated() {
                q += i == 0 ? "" : ", "
                q += """
                    (\(bind: r.at), \(bind: r.actor.userId), \(bind: r.actor.username), \(bind: r.actor.ip), \(bind: r.actor.requestId),
                     \(bind: r.action), \(bind: r.entity), \(bind: r.entityId), \(bind: r.branchId), \(bind: r.changes),
                     \(bind: r.actor.channel ?? "system"), \(bind: r.actor.via))
                    """
            }
            try await store.run(q)
        }
        // The same changes, for the programs that subscribed to them.
        try await WebhookOutbox.capture(rows, on: store)
        // Where each new customer, contact and lead came from.
        try await RecordOrigins.capture(rows, on: store)
    }

    public struct Entry: Sendable {
        public var action: String
        public var entity: String
        public var entityId: String?
        public var branchId: Int64?
        public var changes: [FieldChange]
        public init(action: String, entity: String, entityId: String?, branchId: Int64?, changes: [FieldChange]) {
            self.action = action
            self.entity = entity
            self.entityId = entityId
            self.branchId = branchId
            self.changes = changes
        }
    }

    /// Many entries by one actor at one time (a job moving thousands of records), 500 a statement.
    public static func recordMany(_ actor: ActingUser, _ entries: [Entry], at: Date, on store: Store) async throws {
        let ms = Millis.from(at)
        let rows = try entries.map {
            Row(
                at: ms, actor: actor, action: $0.action, entity: $0.entity, entityId: $0.entityId, branchId: $0.branchId,
                changes: try CompactJSON.string($0.changes.filter { $0.old != $0.new }))
        }
        try await insert(rows, on: store)
    }

    /// Field-by-field difference of two snapshots.
    public static func diff(_ old: [String: String?], _ new: [String: String?]) -> [FieldChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { key in
            let o = old[key] ?? nil, n = new[key] ?? nil
            return o == n ? nil : FieldChange(key, old: o, new: n)
        }
    }

    public struct Filter: Sendable {
        public var userId: Int64?
        public var entity: String?
        public var entityId: String?
        public var action: String?
        public var from: Int64?
        public var to: Int64?
        public init(
            userId: Int64? = nil, entity: String? = nil, entityId: String? = nil, action: String? = nil, from: Int64? = nil,
            to: Int64? = nil
        ) {
            self.userId = userId
            self.entity = entity
            self.entityId = entityId
            self.action = action
            self.from = from
            self.to = to
        }
    }

    /// Newest first, keyset-paged by id.
    public static func entries(filter: Filter, scope: RowScope, limit: Int, cursor: Cursor?, on store: Store) async throws -> Page<AuditRow>
    {
        var q: SQLQueryString = "SELECT * FROM audit_log WHERE "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: "user_id"))
        if let u = filter.userId { q += " AND user_id = \(bind: u)" }
        if let e = filter.entity, !e.isEmpty { q += " AND entity = \(bind: e)" }
        if let e = filter.entityId, !e.isEmpty { q += " AND entity_id = \(bind: e)" }
        if let a = filter.action, !a.isEmpty { q += " AND action = \(bind: a)" }
        if let f = filter.from { q += " AND at >= \(bind: f)" }
        if let t = filter.to { q += " AND at < \(bind: t)" }
        if let c = cursor { q += " AND id < \(bind: c.id)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit + 1)"
        let rows = try await store.all(q, as: AuditRow.self)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }
}

extension Store {
    /// Writes the audit entries this transaction recorded (`Audit.record`), in one statement per 500.
    func flushAudit() async throws {
        guard let pending = pendingAudit else { return }
        let rows = pending.rows.withLock { rows in
            defer { rows = [] }
            return rows
        }
        if !rows.isEmpty { try await Audit.insert(rows, on: self) }
    }
}
