import Foundation
import Kernel
import Paths
import Persistence

/// Public pools (公海, DESIGN.md section 7): several pools, each for a branch's customers or the
/// whole company's; recycle rules per customer level (no follow-up in N days, no deal in M days,
/// a warning D days before); claim limits (X a day, the last owner waits Y days, at most K held);
/// claim, release and assign by hand; and the daily job that applies the rules.
public enum PoolService {
    public struct RuleInput: Sendable, Codable, Equatable {
        public var level: String?
        public var noFollowUpDays: Int64?
        public var noDealDays: Int64?
        public var warnDays: Int64?
        public init(level: String? = nil, noFollowUpDays: Int64? = nil, noDealDays: Int64? = nil, warnDays: Int64? = nil) {
            self.level = level
            self.noFollowUpDays = noFollowUpDays
            self.noDealDays = noDealDays
            self.warnDays = warnDays
        }
    }

    public struct Input: Sendable, Codable, Equatable {
        public var name: String?
        public var branchId: Int64?
        public var claimsPerDay: Int64?
        public var reclaimAfterDays: Int64?
        public var maxHeld: Int64?
        public var active: Bool?
        public var rules: [RuleInput]?
        public init(
            name: String? = nil, branchId: Int64? = nil, claimsPerDay: Int64? = nil, reclaimAfterDays: Int64? = nil, maxHeld: Int64? = nil,
            active: Bool? = nil, rules: [RuleInput]? = nil
        ) {
            self.name = name
            self.branchId = branchId
            self.claimsPerDay = claimsPerDay
            self.reclaimAfterDays = reclaimAfterDays
            self.maxHeld = maxHeld
            self.active = active
            self.rules = rules
        }
    }

    public struct Details: Sendable, Equatable {
        public var pool: PoolRow
        public var rules: [PoolRuleRow]
    }

    static let day: Int64 = 86_400_000

    /// Midnight (China time) of the day `ms` falls in.
    static func startOfDay(_ ms: Int64) -> Int64 { CalendarDate(chinaDayOf: ms).chinaStartMillis }

    // MARK: pools

    /// Pools the user may see.
    public static func list(_ ctx: ServiceContext) async throws -> [Details] {
        try ctx.require(.pools, .view)
        let pools = try await PoolQueries.pools(on: ctx.store)
        let rules = try await PoolQueries.rules(on: ctx.store)
        return pools.filter { p in ctx.principal.map { CustomerService.canSeePool(branch: p.branchId, $0) } ?? true }
            .map { p in Details(pool: p, rules: rules.filter { $0.poolId == p.id }) }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> Details {
        try ctx.require(.pools, .view)
        guard let p = try await PoolQueries.pool(id, on: ctx.store),
            ctx.principal.map({ CustomerService.canSeePool(branch: p.branchId, $0) }) ?? true
        else { throw DomainError.notFound }
        let rules = try await PoolQueries.rules(ofPool: id, on: ctx.store)
        return Details(pool: p, rules: rules)
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> Details {
        try ctx.require(.pools, .approve)
        return try await ctx.write { ctx in
            let v = try await validate(input, id: nil, ctx)
            let now = ctx.nowMillis
            let row = try await PoolWrites.insertPool(
                name: v.name, branch: v.branchId, claimsPerDay: v.claimsPerDay, reclaimAfterDays: v.reclaimAfterDays, maxHeld: v.maxHeld,
                active: v.active, at: now, on: ctx.store)
            let rules = try await saveRules(row.id, v.rules, ctx)
            try await ctx.audit("create", "pool", row.id, branch: row.branchId, Audit.diff([:], snapshot(row, rules)))
            return Details(pool: row, rules: rules)
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> Details {
        try ctx.require(.pools, .approve)
        return try await ctx.write { ctx in
            let old = try await find(id, ctx)
            try Validate.version(version, current: old.pool.version)
            try ctx.requireReach(.pools, .approve, branch: old.pool.branchId, field: "branchId")
            let v = try await validate(input, id: id, ctx)
            guard
                let row = try await PoolWrites.updatePool(
                    id, name: v.name, branch: v.branchId, claimsPerDay: v.claimsPerDay, reclaimAfterDays: v.reclaimAfterDays,
                    maxHeld: v.maxHeld,
                    active: v.active, version: old.pool.version, at: ctx.nowMillis, on: ctx.store)
            else { throw DomainError.staleVersion(expected: Int(old.pool.version), actual: Int(version ?? 0)) }
            let rules = try await saveRules(id, v.rules, ctx)
            try await ctx.audit("update", "pool", id, branch: row.branchId, Audit.diff(snapshot(old.pool, old.rules), snapshot(row, rules)))
            return Details(pool: row, rules: rules)
        }
    }

    struct Valid {
        var name: String
        var branchId: Int64?
        var claimsPerDay: Int64?
        var reclaimAfterDays: Int64?
        var maxHeld: Int64?
        var active: Bool
        var rules: [RuleInput]
    }

    static func validate(_ input: Input, id: Int64?, _ ctx: ServiceContext) async throws -> Valid {
        let name = try Validate.required(input.name, "name", max: 60)
        if try await PoolQueries.pool(named: name, on: ctx.store).map({ $0.id != id }) == true {
            throw DomainError.duplicate("name", value: name)
        }
        if let b = input.branchId, try await OrganisationQueries.branch(b, on: ctx.store) == nil {
            throw DomainError.invalid("branchId", code: "not_found")
        }
        // A branch's pool is for those who reach the branch; the company's pool, for those who reach the company.
        try ctx.requireReach(.pools, .approve, branch: input.branchId, field: "branchId")
        func count(_ v: Int64?, _ field: String, max: Int64 = 3650) throws -> Int64? {
            guard let v else { return nil }
            guard v >= 1, v <= max else { throw DomainError.invalid(field, code: "out_of_range", args: [field]) }
            return v
        }
        let levels = try await CRMSettings.values(.levels, ctx.store)
        var rules: [RuleInput] = []
        for (i, r) in (input.rules ?? []).enumerated() {
            let f = "rules[\(i)]"
            let level = try Validate.optional(r.level, f + ".level", max: 40)
            if let l = level, !levels.contains(l) { throw DomainError.invalid(f + ".level", code: "invalid_choice", args: [f + ".level"]) }
            if rules.contains(where: { $0.level == level }) {
                throw DomainError.invalid(f + ".level", code: "rule_level_twice", args: [level ?? "—"])
            }
            let n = try count(r.noFollowUpDays, f + ".noFollowUpDays"), m = try count(r.noDealDays, f + ".noDealDays")
            guard n != nil || m != nil else { throw DomainError.required(f + ".noFollowUpDays") }
            let warn = r.warnDays ?? 0
            guard warn >= 0, warn < min(n ?? .max, m ?? .max) else {
                throw DomainError.invalid(f + ".warnDays", code: "warn_too_long", args: [f + ".warnDays"])
            }
            rules.append(RuleInput(level: level, noFollowUpDays: n, noDealDays: m, warnDays: warn))
        }
        if rules.count > 20 { throw DomainError.invalid("rules", code: "too_many", args: ["rules", "20"]) }
        return Valid(
            name: name, branchId: input.branchId, claimsPerDay: try count(input.claimsPerDay, "claimsPerDay", max: 10000),
            reclaimAfterDays: try count(input.reclaimAfterDays, "reclaimAfterDays"),
            maxHeld: try count(input.maxHeld, "maxHeld", max: 1_000_000),
            active: input.active ?? true, rules: rules)
    }

    static func saveRules(_ pool: Int64, _ rules: [RuleInput], _ ctx: ServiceContext) async throws -> [PoolRuleRow] {
        var out: [PoolRuleRow] = []
        for r in rules {
            out.append(
                try await PoolWrites.insertRule(
                    pool: pool, level: r.level, noFollowUpDays: r.noFollowUpDays, noDealDays: r.noDealDays, warnDays: r.warnDays ?? 0,
                    on: ctx.store))
        }
        return out
    }

    static func snapshot(_ p: PoolRow, _ rules: [PoolRuleRow]) -> [String: String?] {
        [
            "name": p.name, "branchId": p.branchId.map(String.init), "claimsPerDay": p.claimsPerDay.map(String.init),
            "reclaimAfterDays": p.reclaimAfterDays.map(String.init), "maxHeld": p.maxHeld.map(String.init), "active": String(p.active),
            "rules": rules.map {
                "\($0.level ?? "*"):\($0.noFollowUpDays.map(String.init) ?? "-")/\($0.noDealDays.map(String.init) ?? "-")/\($0.warnDays)"
            }
            .joined(separator: " "),
        ]
    }

    /// The pool a customer goes to: its branch's own pool, else the company's.
    static func poolFor(_ c: PartnerRow, _ store: Store) async throws -> PoolRow? {
        try await PoolQueries.pool(forBranch: c.branchId, on: store)
    }

    // MARK: claim, release, assign

    /// Takes a pool customer (from the pool named, when one is), within the pool's limits; a
    /// refusal says which limit and when it frees up.
    public static func claim(_ customerId: Int64, from expected: Int64? = nil, _ ctx: ServiceContext) async throws -> PartnerRow {
        try ctx.require(.pools, .edit)
        guard let me = ctx.principal?.userId else { throw DomainError.forbidden }
        return try await ctx.write { ctx in
            // One person's claims take turns, so parallel claims cannot slip past the limits together.
            try await ctx.store.lock("users", [me])
            let c = try await pooled(customerId, expected: expected, ctx)
            guard let poolId = c.poolId, let pool = try await PoolQueries.pool(poolId, on: ctx.store) else { throw DomainError.notFound }
            let now = ctx.nowMillis
            if let x = pool.claimsPerDay {
                let today = startOfDay(now)
                let n = try await PoolQueries.claims(by: me, since: today, on: ctx.store)
                if n >= x {
                    throw DomainError(
                        .conflict, code: "claim_limit_daily", args: [String(x), CalendarDate.chinaDate(today + day) + " 00:00"])
                }
            }
            if let y = pool.reclaimAfterDays, c.previousOwnerId == me, let released = c.releasedAt, now < released + y * day {
                throw DomainError(.conflict, code: "claim_limit_reclaim", args: [String(y), CalendarDate.chinaDate(released + y * day)])
            }
            if let k = pool.maxHeld {
                let held = try await PoolQueries.held(by: me, on: ctx.store)
                if held >= k { throw DomainError(.conflict, code: "claim_limit_held", args: [String(k), String(held)]) }
            }
            guard let user = try await OrganisationQueries.user(me, on: ctx.store) else { throw DomainError.forbidden }
            return try await CustomerService.setOwner(c, to: user, pool: nil, action: "claim", reason: nil, ctx)
        }
    }

    /// A pool customer the user may see (claimable), else 404; in the expected pool, else 409.
    static func pooled(_ id: Int64, expected: Int64? = nil, _ ctx: ServiceContext) async throws -> PartnerRow {
        guard let c = try await CRMQueries.customer(id, on: ctx.store) else { throw DomainError.notFound }
        guard c.ownerId == nil, let poolId = c.poolId, expected == nil || expected == poolId else {
            if (try? await CustomerService.find(id, ctx)) != nil {
                throw DomainError(.conflict, code: "not_in_pool", field: "customerId", args: [c.name])
            }
            throw DomainError.notFound
        }
        guard let pool = try await PoolQueries.pool(poolId, on: ctx.store),
            ctx.principal.map({ CustomerService.canSeePool(branch: pool.branchId, $0) }) ?? true
        else { throw DomainError.notFound }
        return c
    }

    /// Gives a customer back to a pool (by its owner, or a manager whose scope holds it): the
    /// pool named, or the one its branch's customers go to.
    public static func release(
        _ customerId: Int64, reason: String?, into poolId: Int64? = nil, _ ctx: ServiceContext
    ) async throws -> PartnerRow {
        try ctx.require(.pools, .edit)
        let reason = try Validate.required(reason, "reason", max: 200)
        return try await ctx.write { ctx in
            let c: PartnerRow
            do { c = try await CustomerService.findForEdit(customerId, .edit, ctx) } catch let e as DomainError where e.kind == .notFound {
                throw DomainError.invalid("customerId", code: "not_found")
            }
            guard c.ownerId != nil else { throw DomainError(.conflict, code: "customer_in_pool", args: [c.name]) }
            var target = try await poolFor(c, ctx.store)
            if let poolId {
                let chosen = try await find(poolId, ctx).pool
                guard chosen.active else { throw DomainError(.conflict, code: "pool_inactive", args: [chosen.name]) }
                target = chosen
            }
            guard let pool = target else { throw DomainError(.conflict, code: "no_pool", args: [c.name]) }
            return try await CustomerService.setOwner(c, to: nil, pool: pool.id, action: "release", reason: reason, ctx)
        }
    }

    /// A manager hands a pool customer to someone in their scope.
    public static func assign(
        _ customerId: Int64, to userId: Int64?, from expected: Int64? = nil, _ ctx: ServiceContext
    ) async throws -> PartnerRow {
        try ctx.require(.pools, .approve)
        let scope = try ctx.require(.customers, .edit)
        guard let userId else { throw DomainError.required("ownerId") }
        return try await ctx.write { ctx in
            let c = try await pooled(customerId, expected: expected, ctx)
            guard let user = try await OrganisationQueries.user(userId, on: ctx.store), user.active,
                scope.contains(branch: user.branchId, department: user.departmentId, owner: user.id)
            else {
                throw DomainError.invalid("ownerId", code: "not_found")
            }
            let moved = try await CustomerService.setOwner(c, to: user, pool: nil, action: "assign", reason: nil, ctx)
            try await NotificationService.send(
                [.init(userId: user.id, kind: "notify.pool.assigned", args: [c.name], link: Paths.CRM.customer(c.id))],
                ctx.store, at: ctx.nowMillis)
            return moved
        }
    }

    /// Customers in a pool, for claiming.
    public static func members(
        _ poolId: Int64, q: String?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext
    ) async throws -> Page<PartnerRow> {
        _ = try await find(poolId, ctx)
        let search = try await CustomerSearch.condition(q, ctx.store)
        return try await CRMQueries.customers(
            scope: .all, filter: .init(q: q, poolId: poolId, inPool: true), search: search, limit: limit, cursor: cursor,
            on: ctx.store)
    }

    public static func moves(of customerId: Int64, _ ctx: ServiceContext) async throws -> [PoolMoveRow] {
        _ = try await CustomerService.find(customerId, ctx)
        return try await PoolQueries.moves(ofCustomer: customerId, on: ctx.store)
    }

    // MARK: the rules

    public struct PreviewRow: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var level: String?
        public var ownerId: Int64?
        public var poolId: Int64
        /// When the customer drops (milliseconds) and by which rule: "no_follow_up" or "no_deal".
        public var dueAt: Int64
        public var reason: String
    }

    /// Who drops into a pool within `days` (7 by default), soonest first, among the customers in
    /// the caller's scope: a salesperson sees their own, a manager their team's.
    public static func preview(days: Int64 = 7, limit: Int = 500, _ ctx: ServiceContext) async throws -> [PreviewRow] {
        let scope = try ctx.require(.customers, .view)
        let now = ctx.nowMillis
        var out: [PreviewRow] = []
        for t in try await PoolQueries.targets(on: ctx.store) {
            guard let due = PoolQueries.due(t.rule, at: now + days * day) else { continue }
            for c in try await PoolQueries.candidates(t, due, scope, limit: limit, on: ctx.store)
            where !out.contains(where: { $0.id == c.id }) {
                let follow = t.rule.noFollowUpDays.map { base(c.lastActivityAt, c.assignedAt, c.createdAt) + $0 * day }
                let deal = t.rule.noDealDays.map { base(c.lastWonAt, c.assignedAt, c.createdAt) + $0 * day }
                let (at, why) = [(follow, "no_follow_up"), (deal, "no_deal")].compactMap { a, w in a.map { ($0, w) } }.min { $0.0 < $1.0 }!
                out.append(
                    PreviewRow(id: c.id, name: c.name, level: c.level, ownerId: c.ownerId, poolId: t.pool.id, dueAt: at, reason: why))
            }
        }
        return Array(out.sorted { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }.prefix(limit))
    }

    static func base(_ event: Int64?, _ assigned: Int64?, _ created: Int64) -> Int64 {
        if let e = event, let a = assigned { return max(e, a) }
        return assigned ?? event ?? created
    }

    public struct JobResult: Sendable, Equatable {
        public var recycled: Int
        public var warned: Int
        public var notified: Int
    }

    /// The daily job: every customer a rule says is due goes to its pool (audited, recorded,
    /// the owner told); owners of customers due within the warning days are warned once.
    /// Set-based: a statement per rule and batch, not a round trip per customer.
    /// The nightly recycle run by hand: it moves customers of every branch, so it needs the
    /// company-wide reach.
    public static func runNow(_ ctx: ServiceContext) async throws -> JobResult {
        try ctx.requireReach(.pools, .approve, branch: nil, field: "pools")
        return try await runDaily(ctx)
    }

    public static func runDaily(_ ctx: ServiceContext) async throws -> JobResult {
        let now = ctx.nowMillis
        var recycled = 0, warned = 0, notifiedRecycled = 0
        var warnings: [Int64: Int] = [:]
        for t in try await PoolQueries.targets(on: ctx.store) {
            guard let due = PoolQueries.due(t.rule, at: now) else { continue }
            // Recycle in batches of ids, each its own transaction: one pass over the table, and a
            // long run never holds the database.
            var after: Int64 = 0
            while true {
                let from = after
                let (last, moved): (Int64?, [PoolQueries.Owned]) = try await ctx.write { ctx in
                    let ids = try await PoolQueries.dueIDs(t, due, after: from, on: ctx.store)
                    guard let last = ids.last else { return (nil, []) }
                    // Judged again on the locked rows: a customer claimed or followed up a moment ago stays.
                    let before = try await PoolQueries.stillDueLocked(ids, t, due, on: ctx.store)
                    guard !before.isEmpty else { return (last, []) }
                    try await PoolQueries.recycle(before, into: t.pool.id, reason: "rule:" + (t.rule.level ?? "*"), at: now, on: ctx.store)
                    // The owners are told in the same transaction, once per batch and owner: a crash
                    // leaves no recycled customer untold, and a resumed night tells nobody twice.
                    let byOwner = Dictionary(grouping: before, by: \.ownerId)
                    try await NotificationService.send(
                        byOwner.sorted(by: { $0.key < $1.key }).map { owner, list in
                            .init(
                                userId: owner, kind: "notify.pool.recycled",
                                args: [String(list.count), list.prefix(3).map(\.name).joined(separator: "、")],
                                link: Paths.CRM.pools(), dedupeKey: "pool-recycled:\(CalendarDate.chinaDate(now)):\(owner):\(before[0].id)")
                        }, ctx.store, at: now)
                    try await Audit.recordMany(
                        ctx.actor,
                        before.map {
                            Audit.Entry(
                                action: "recycle", entity: "customer", entityId: String($0.id), branchId: $0.branchId,
                                changes: [
                                    FieldChange("ownerId", old: String($0.ownerId), new: nil),
                                    FieldChange("poolId", old: nil, new: String(t.pool.id)),
                                ])
                        }, at: ctx.now, on: ctx.store)
                    return (last, before)
                }
                guard let last else { break }
                after = last
                recycled += moved.count
                notifiedRecycled += Set(moved.map(\.ownerId)).count
            }
            // Warnings: due within the warning days, not yet due.
            if t.rule.warnDays > 0, let soon = PoolQueries.due(t.rule, at: now + t.rule.warnDays * day) {
                for o in try await PoolQueries.dueByOwner(t, soon, on: ctx.store) {
                    warnings[o.owner, default: 0] += Int(o.count)
                    warned += Int(o.count)
                }
            }
        }
        var messages: [NotificationService.Message] = []
        let today = CalendarDate.chinaDate(now)
        for (owner, n) in warnings.sorted(by: { $0.key < $1.key }) {
            messages.append(
                .init(
                    userId: owner, kind: "notify.pool.warning", args: [String(n)], link: Paths.CRM.poolPreview(),
                    dedupeKey: "pool-warning:" + today))
        }
        var notified = notifiedRecycled
        if !messages.isEmpty {
            let all = messages
            notified += try await ctx.write { ctx in try await NotificationService.send(all, ctx.store, at: now) }
        }
        return JobResult(recycled: recycled, warned: warned, notified: notified)
    }
}
