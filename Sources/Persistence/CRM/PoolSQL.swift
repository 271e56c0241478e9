import Kernel
import SQLKit

/// Public pools (公海) in SQL: pools and their rules, the claim limits' counts, and the recycle
/// rules as SQL predicates, because they must run over a million customers in one pass: one
/// `due` condition serves the preview and the nightly job.
public enum PoolQueries {
    static let day: Int64 = 86_400_000

    public static func pools(activeOnly: Bool = false, on store: Store) async throws -> [PoolRow] {
        if activeOnly { return try await store.all("SELECT * FROM pools WHERE active = \(bind: true) ORDER BY id", as: PoolRow.self) }
        return try await store.all("SELECT * FROM pools ORDER BY id", as: PoolRow.self)
    }

    public static func pool(_ id: Int64, on store: Store) async throws -> PoolRow? {
        try await store.first("SELECT * FROM pools WHERE id = \(bind: id)", as: PoolRow.self)
    }

    public static func pool(named name: String, on store: Store) async throws -> PoolRow? {
        try await store.first("SELECT * FROM pools WHERE name = \(bind: name)", as: PoolRow.self)
    }

    /// The rules of one pool, or of every pool.
    public static func rules(ofPool id: Int64? = nil, on store: Store) async throws -> [PoolRuleRow] {
        if let id { return try await store.all("SELECT * FROM pool_rules WHERE pool_id = \(bind: id) ORDER BY id", as: PoolRuleRow.self) }
        return try await store.all("SELECT * FROM pool_rules ORDER BY pool_id, id", as: PoolRuleRow.self)
    }

    /// The pool a customer of a branch goes to: its branch's own active pool, else the company's.
    public static func pool(forBranch branch: Int64, on store: Store) async throws -> PoolRow? {
        try await store.first(
            """
            SELECT * FROM pools WHERE active = \(bind: true) AND (branch_id = \(bind: branch) OR branch_id IS NULL)
            ORDER BY CASE WHEN branch_id IS NULL THEN 1 ELSE 0 END, id LIMIT 1
            """, as: PoolRow.self)
    }

    /// How many customers a person claimed since a moment.
    public static func claims(by user: Int64, since: Int64, on store: Store) async throws -> Int64 {
        try await store.scalar(
            "SELECT COUNT(*) AS n FROM pool_moves WHERE to_owner_id = \(bind: user) AND action = 'claim' AND at >= \(bind: since)",
            as: Int64.self) ?? 0
    }

    /// How many customers a person holds.
    public static func held(by user: Int64, on store: Store) async throws -> Int64 {
        try await store.scalar(
            "SELECT COUNT(*) AS n FROM partners WHERE owner_id = \(bind: user) AND is_customer = \(bind: true)", as: Int64.self)
            ?? 0
    }

    /// A customer's last 50 moves, newest first.
    public static func moves(ofCustomer id: Int64, on store: Store) async throws -> [PoolMoveRow] {
        try await store.all(
            "SELECT * FROM pool_moves WHERE partner_id = \(bind: id) ORDER BY at DESC, id DESC LIMIT 50", as: PoolMoveRow.self)
    }

    // MARK: the rules

    /// One rule over one pool's customers.
    public struct Target: Sendable {
        public var pool: PoolRow
        public var rule: PoolRuleRow
        /// The customers this rule governs: owned, not exempt, of the pool's branches and level.
        var condition: SQLQueryString
    }

    /// Every rule in force with the customers it governs: a branch's first active pool governs
    /// its customers, the first company pool the rest; a rule for a level its level, the rule
    /// without one the other levels.
    public static func targets(on store: Store) async throws -> [Target] {
        let pools = try await pools(activeOnly: true, on: store)
        let rules = try await store.all("SELECT * FROM pool_rules ORDER BY id", as: PoolRuleRow.self)
        var byBranch: [Int64: PoolRow] = [:]
        var company: PoolRow?
        for p in pools {
            if let b = p.branchId { if byBranch[b] == nil { byBranch[b] = p } } else if company == nil { company = p }
        }
        var out: [Target] = []
        for p in pools where (p.branchId.map { byBranch[$0]?.id == p.id } ?? (company?.id == p.id)) {
            var branch: SQLQueryString
            if let b = p.branchId {
                branch = "branch_id = \(bind: b)"
            } else if byBranch.isEmpty {
                branch = "1 = 1"
            } else {
                branch = "branch_id NOT IN (\(binds: byBranch.keys.sorted().map { $0 as any Encodable & Sendable }))"
            }
            let own = rules.filter { $0.poolId == p.id }
            let specific = own.compactMap(\.level)
            for r in own {
                var level: SQLQueryString
                if let l = r.level {
                    level = "level = \(bind: l)"
                } else if specific.isEmpty {
                    level = "1 = 1"
                } else {
                    level = "(level IS NULL OR level NOT IN (\(binds: specific.map { $0 as any Encodable & Sendable })))"
                }
                let cond: SQLQueryString =
                    "is_customer = \(bind: true) AND owner_id IS NOT NULL AND pool_exempt = \(bind: false) AND " + branch + " AND " + level
                out.append(Target(pool: p, rule: r, condition: cond))
            }
        }
        return out
    }

    /// When the clock of each rule started: the last follow-up (or the assignment, or the
    /// creation), and the last won deal (or the assignment, or the creation).
    static let followUpBase: SQLQueryString =
        "COALESCE(CASE WHEN last_activity_at > assigned_at THEN last_activity_at ELSE NULL END, assigned_at, last_activity_at, created_at)"
    static let dealBase: SQLQueryString =
        "COALESCE(CASE WHEN last_won_at > assigned_at THEN last_won_at ELSE NULL END, assigned_at, last_won_at, created_at)"

    /// The rule's clauses: `due` when the customer is to drop by `at` (nil: the rule has none).
    public struct Due: Sendable {
        var sql: SQLQueryString
    }

    public static func due(_ r: PoolRuleRow, at: Int64) -> Due? {
        var parts: [SQLQueryString] = []
        if let n = r.noFollowUpDays { parts.append(followUpBase + " <= \(bind: at - n * day)") }
        if let m = r.noDealDays { parts.append(dealBase + " <= \(bind: at - m * day)") }
        return parts.isEmpty ? nil : Due(sql: "(" + parts.joined(separator: " OR ") + ")")
    }

    /// A customer a rule will drop, with the dates its clocks run from.
    public struct Candidate: Decodable, Sendable {
        public var id: Int64
        public var name: String
        public var level: String?
        public var ownerId: Int64?
        public var lastActivityAt: Int64?
        public var assignedAt: Int64?
        public var lastWonAt: Int64?
        public var createdAt: Int64
    }

    /// Customers in scope a rule makes due, in id order.
    public static func candidates(_ t: Target, _ due: Due, _ scope: RowScope, limit: Int, on store: Store) async throws -> [Candidate] {
        var q: SQLQueryString =
            "SELECT id, name, level, owner_id, last_activity_at, assigned_at, last_won_at, created_at FROM partners WHERE "
        q += t.condition + " AND " + due.sql + " AND " + ScopeFilter.condition(scope, CRMQueries.customerColumns)
        q += " ORDER BY id LIMIT \(literal: limit)"
        return try await store.all(q, as: Candidate.self)
    }

    /// The next 2000 ids after `after` that a rule makes due.
    public static func dueIDs(_ t: Target, _ due: Due, after: Int64, on store: Store) async throws -> [Int64] {
        struct R: Decodable { var id: Int64 }
        var pick: SQLQueryString = "SELECT id FROM partners WHERE id > \(bind: after) AND " + t.condition + " AND " + due.sql
        pick += " ORDER BY id LIMIT 2000"
        return try await store.all(pick, as: R.self).map(\.id)
    }

    public struct Owned: Decodable, Sendable {
        public var id: Int64
        public var name: String
        public var ownerId: Int64
        public var branchId: Int64
    }

    /// Of these customers, those still owned and due (judged again on the locked rows: one
    /// claimed or followed up a moment ago stays), locked until the transaction ends.
    public static func stillDueLocked(_ ids: [Int64], _ t: Target, _ due: Due, on store: Store) async throws -> [Owned] {
        guard !ids.isEmpty else { return [] }
        let candidates: SQLQueryString = "id IN (\(binds: ids.map { $0 as any Encodable & Sendable }))"
        return try await store.all(
            "SELECT id, name, owner_id, branch_id FROM partners WHERE " + candidates
                + " AND owner_id IS NOT NULL AND " + t.condition + " AND " + due.sql + " ORDER BY id" + store.forUpdate,
            as: Owned.self)
    }

    /// Drops these customers into a pool, each move recorded (500 to a statement).
    public static func recycle(_ customers: [Owned], into pool: Int64, reason: String, at now: Int64, on store: Store) async throws {
        guard !customers.isEmpty else { return }
        let pick: SQLQueryString = "id IN (\(binds: customers.map { $0.id as any Encodable & Sendable }))"
        try await store.run(
            """
            UPDATE partners SET previous_owner_id = owner_id, owner_id = NULL, department_id = NULL, pool_id = \(bind: pool),
                released_at = \(bind: now), assigned_at = NULL, version = version + 1, updated_at = \(bind: now)
            WHERE
            """ + " " + pick)
        for chunk in customers.chunked(500) {
            var q: SQLQueryString =
                "INSERT INTO pool_moves (partner_id, pool_id, action, from_owner_id, to_owner_id, reason, at, by_user_id) VALUES "
            for (i, m) in chunk.enumerated() {
                q += i == 0 ? "" : ", "
                q += "(\(bind: m.id), \(bind: pool), 'recycle', \(bind: m.ownerId), NULL, \(bind: reason), \(bind: now), NULL)"
            }
            try await store.run(q)
        }
    }

    /// Per owner, how many of their customers a rule makes due (by a later moment: the warning).
    public static func dueByOwner(_ t: Target, _ due: Due, on store: Store) async throws -> [(owner: Int64, count: Int64)] {
        struct Owner: Decodable { var ownerId: Int64; var n: Int64 }
        var q: SQLQueryString = "SELECT owner_id, COUNT(*) AS n FROM partners WHERE " + t.condition + " AND " + due.sql
        q += " GROUP BY owner_id"
        return try await store.all(q, as: Owner.self).map { ($0.ownerId, $0.n) }
    }
}

public enum PoolWrites {
    public static func insertPool(
        name: String, branch: Int64?, claimsPerDay: Int64?, reclaimAfterDays: Int64?, maxHeld: Int64?, active: Bool, at now: Int64,
        on store: Store
    ) async throws -> PoolRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO pools (name, branch_id, claims_per_day, reclaim_after_days, max_held, active, version, created_at, updated_at)
                VALUES (\(bind: name), \(bind: branch), \(bind: claimsPerDay), \(bind: reclaimAfterDays), \(bind: maxHeld), \(bind: active),
                        1, \(bind: now), \(bind: now))
                RETURNING *
                """, as: PoolRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }

    /// Changes a pool if still at `version` and drops its rules (the caller writes them again).
    public static func updatePool(
        _ id: Int64, name: String, branch: Int64?, claimsPerDay: Int64?, reclaimAfterDays: Int64?, maxHeld: Int64?, active: Bool,
        version: Int64,
        at now: Int64, on store: Store
    ) async throws -> PoolRow? {
        let row = try await store.first(
            """
            UPDATE pools SET name = \(bind: name), branch_id = \(bind: branch), claims_per_day = \(bind: claimsPerDay),
                reclaim_after_days = \(bind: reclaimAfterDays), max_held = \(bind: maxHeld), active = \(bind: active), version = version + 1,
                updated_at = \(bind: now)
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING *
            """, as: PoolRow.self)
        if row != nil { try await store.run("DELETE FROM pool_rules WHERE pool_id = \(bind: id)") }
        return row
    }

    public static func insertRule(
        pool: Int64, level: String?, noFollowUpDays: Int64?, noDealDays: Int64?, warnDays: Int64, on store: Store
    ) async throws -> PoolRuleRow {
        guard
            let row = try await store.first(
                """
                INSERT INTO pool_rules (pool_id, level, no_follow_up_days, no_deal_days, warn_days)
                VALUES (\(bind: pool), \(bind: level), \(bind: noFollowUpDays), \(bind: noDealDays), \(bind: warnDays))
                RETURNING *
                """, as: PoolRuleRow.self)
        else { throw StoreError.noRowReturned }
        return row
    }
}
