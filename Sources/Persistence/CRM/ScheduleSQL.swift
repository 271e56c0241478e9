import Kernel
import SQLKit

/// The schedule (tasks) and work reports: reads and writes.
public enum ScheduleQueries {
    /// Tasks starting in [from, to), in scope (or one person's), by start; at most 1000.
    public static func tasks(from: Int64, to: Int64, _ scope: RowScope, owner: Int64?, on store: Store) async throws -> [TaskRow] {
        var q: SQLQueryString = "SELECT * FROM tasks WHERE starts_at >= \(bind: from) AND starts_at < \(bind: to) AND "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: "department_id", owner: "owner_id"))
        if let owner { q += " AND owner_id = \(bind: owner)" }
        q += " ORDER BY starts_at, id LIMIT 1000"
        return try await store.all(q, as: TaskRow.self)
    }

    public static func task(_ id: Int64, on store: Store) async throws -> TaskRow? {
        try await store.first("SELECT * FROM tasks WHERE id = \(bind: id)", as: TaskRow.self)
    }

    /// Reminders due by `now` and not yet sent (at most 1000).
    public static func dueReminders(at now: Int64, on store: Store) async throws -> [TaskRow] {
        try await store.all(
            """
            SELECT * FROM tasks WHERE reminded = \(bind: false) AND remind_at IS NOT NULL AND remind_at <= \(bind: now) AND done_at IS NULL
            ORDER BY remind_at LIMIT 1000
            """, as: TaskRow.self)
    }

    /// Counts of what a person did in a period, kept with their work report.
    public struct Counts: Codable, Sendable, Equatable {
        public var visits: Int64
        public var followUps: Int64
        public var newCustomers: Int64
        public var stageMoves: Int64
        public var dealsWon: Int64
        /// Fen.
        public var amountWon: Int64
        public init(visits: Int64, followUps: Int64, newCustomers: Int64, stageMoves: Int64, dealsWon: Int64, amountWon: Int64) {
            self.visits = visits
            self.followUps = followUps
            self.newCustomers = newCustomers
            self.stageMoves = stageMoves
            self.dealsWon = dealsWon
            self.amountWon = amountWon
        }
    }

    /// What a person did in [a, b) (milliseconds).
    public static func counts(user: Int64, from a: Int64, to b: Int64, on store: Store) async throws -> Counts {
        func count(_ q: SQLQueryString) async throws -> Int64 { try await store.scalar(q, as: Int64.self) ?? 0 }
        let visits = try await count(
            "SELECT COUNT(*) AS n FROM activities WHERE owner_id = \(bind: user) AND kind = 'visit' AND occurred_at >= \(bind: a) AND occurred_at < \(bind: b)"
        )
        let followUps = try await count(
            "SELECT COUNT(*) AS n FROM activities WHERE owner_id = \(bind: user) AND occurred_at >= \(bind: a) AND occurred_at < \(bind: b)"
        )
        let customers = try await count(
            """
            SELECT COUNT(*) AS n FROM partners WHERE is_customer = \(bind: true) AND owner_id = \(bind: user) AND created_at >= \(bind: a) AND created_at < \(bind: b)
            """)
        let moves = try await count(
            "SELECT COUNT(*) AS n FROM stage_moves WHERE by_user_id = \(bind: user) AND from_stage_id IS NOT NULL AND at >= \(bind: a) AND at < \(bind: b)"
        )
        struct W: Decodable { var n: Int64; var amount: Int64? }
        let won = try await store.first(
            """
            SELECT COUNT(*) AS n, CAST(SUM(amount) AS BIGINT) AS amount FROM opportunities
            WHERE owner_id = \(bind: user) AND outcome = 'won' AND closed_at >= \(bind: a) AND closed_at < \(bind: b)
            """, as: W.self)
        return Counts(
            visits: visits, followUps: followUps, newCustomers: customers, stageMoves: moves, dealsWon: won?.n ?? 0,
            amountWon: won?.amount ?? 0)
    }

    /// Work reports in scope (or one person's), newest first, a page at a time.
    public static func reports(_ scope: RowScope, user: Int64?, before: Int64?, limit: Int, on store: Store) async throws -> [WorkReportRow]
    {
        var q: SQLQueryString = "SELECT * FROM work_reports WHERE "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: "department_id", owner: "user_id"))
        if let user { q += " AND user_id = \(bind: user)" }
        if let before { q += " AND id < \(bind: before)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: WorkReportRow.self)
    }

    public static func report(_ id: Int64, on store: Store) async throws -> WorkReportRow? {
        try await store.first("SELECT * FROM work_reports WHERE id = \(bind: id)", as: WorkReportRow.self)
    }

    public static func report(of user: Int64, kind: String, periodStart: String, on store: Store) async throws -> WorkReportRow? {
        try await store.first(
            "SELECT * FROM work_reports WHERE user_id = \(bind: user) AND kind = \(bind: kind) AND period_start = \(bind: periodStart)",
            as: WorkReportRow.self)
    }
}

public enum ScheduleWrites {
    /// A task as validated.
    public struct Task: Sendable {
        public var title: String
        public var kind: String
        public var startsAt: Int64
        public var endsAt: Int64?
        public var remindAt: Int64?
        public var partnerId: Int64?
        public var opportunityId: Int64?
        public var note: String?
        public init(
            title: String, kind: String, startsAt: Int64, endsAt: Int64?, remindAt: Int64?, partnerId: Int64?, opportunityId: Int64?,
            note: String?
        ) {
            self.title = title
            self.kind = kind
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.remindAt = remindAt
            self.partnerId = partnerId
            self.opportunityId = opportunityId
            self.note = note
        }
    }

    /// A new task; one whose reminder is already past counts as reminded.
    public static func insert(
        _ v: Task, owner: Int64, branch: Int64, department: Int64?, at now: Int64, on store: Store
    ) async throws -> TaskRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO tasks (title, kind, starts_at, ends_at, remind_at, reminded, partner_id, opportunity_id, note, owner_id, branch_id, department_id,
                    version, created_at, updated_at)
                VALUES (\(bind: v.title), \(bind: v.kind), \(bind: v.startsAt), \(bind: v.endsAt), \(bind: v.remindAt),
                    \(bind: v.remindAt.map { $0 <= now } ?? false), \(bind: v.partnerId), \(bind: v.opportunityId), \(bind: v.note), \(bind: owner),
                    \(bind: branch), \(bind: department), 1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: TaskRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    public static func update(task id: Int64, _ v: Task, version: Int64, at now: Int64, on store: Store) async throws -> TaskRow? {
        try await store.first(
            """
            UPDATE tasks SET title = \(bind: v.title), kind = \(bind: v.kind), starts_at = \(bind: v.startsAt), ends_at = \(bind: v.endsAt),
                remind_at = \(bind: v.remindAt), reminded = \(bind: v.remindAt.map { $0 <= now } ?? false), partner_id = \(bind: v.partnerId),
                opportunity_id = \(bind: v.opportunityId), note = \(bind: v.note), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version) RETURNING *
            """, as: TaskRow.self)
    }

    /// Marks a task done (or not again).
    public static func setDone(task id: Int64, _ done: Bool, at now: Int64, on store: Store) async throws -> TaskRow? {
        try await store.first(
            """
            UPDATE tasks SET done_at = \(bind: done ? now : nil), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) RETURNING *
            """, as: TaskRow.self)
    }

    public static func delete(task id: Int64, on store: Store) async throws {
        try await store.run("DELETE FROM tasks WHERE id = \(bind: id)")
    }

    public static func reminded(_ ids: [Int64], on store: Store) async throws {
        guard !ids.isEmpty else { return }
        try await store.run("UPDATE tasks SET reminded = \(bind: true) WHERE id IN (\(binds: ids.map { $0 as any Encodable & Sendable }))")
    }

    public static func insertReport(
        user: Int64, kind: String, from: String, to: String, content: String, plan: String?, stats: String, branch: Int64,
        department: Int64?,
        at now: Int64, on store: Store
    ) async throws -> WorkReportRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO work_reports (user_id, kind, period_start, period_end, content, plan, stats, branch_id, department_id, version, created_at, updated_at)
                VALUES (\(bind: user), \(bind: kind), \(bind: from), \(bind: to), \(bind: content), \(bind: plan), \(bind: stats), \(bind: branch),
                        \(bind: department), 1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: WorkReportRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    public static func comment(
        report id: Int64, _ text: String, by user: Int64?, at now: Int64, on store: Store
    ) async throws -> WorkReportRow? {
        try await store.first(
            """
            UPDATE work_reports SET comment = \(bind: text), commented_by = \(bind: user), commented_at = \(bind: now),
                version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: id) RETURNING *
            """, as: WorkReportRow.self)
    }
}
