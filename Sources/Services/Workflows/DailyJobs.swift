import Foundation
import Kernel
import Paths
import Persistence

/// What runs every night: the pools' recycle rules and warnings, and birthday reminders to the
/// owners of customers whose contacts have a birthday in the next days. Each run is claimed in
/// the settings table first, so two servers never run the same night twice.
public enum DailyJobs {
    public static let lastRunSetting = "jobs.daily.last_run"

    public struct Result: Sendable, Equatable {
        public var pools: PoolService.JobResult
        public var birthdays: Int
        public var contractReminders: Int = 0
        public var contractsExpired: Int = 0
        public var expiryAlerts: Int = 0
    }

    public static let claimSetting = "jobs.daily.claim"
    /// How long a claim holds while its server works: a server that dies mid-run leaves it to
    /// lapse, and the next one resumes the night.
    public static let leaseMillis: Int64 = 30 * 60 * 1000

    /// Runs unless this day's run is done or under way elsewhere (`force` runs anyway). A night
    /// interrupted by a crash is resumed, not skipped: every step is safe to run again (what was
    /// recycled no longer matches, notices are sent once by their keys), and the night counts as
    /// done only when all of it is.
    public static func run(force: Bool = false, _ ctx: ServiceContext) async throws -> Result? {
        let today = CalendarDate.chinaDate(ctx.nowMillis)
        let now = ctx.nowMillis
        let claimed: Bool = try await ctx.write { ctx in
            // One conditional statement claims the night: two servers can never both win it.
            let last = try await Settings.get(lastRunSetting, on: ctx.store)
            if !force, let last, last >= today { return false }
            let mine = today + "|" + String(now + leaseMillis)
            return try await Settings.claim(
                claimSetting, mine, ifBefore: [today, today + "|" + String(now)], force: force, on: ctx.store)
        }
        guard claimed else { return nil }
        let pools = try await PoolService.runDaily(ctx)
        let birthdays = try await birthdayReminders(days: 3, ctx)
        let (reminded, expired) = try await ContractService.runDaily(today: today, ctx)
        let expiryAlerts = try await expiryAlerts(today: today, ctx)
        // Export files past their keeping time go, and jobs a stopped server left running are failed.
        try await ExportService.purge(ctx)
        try await ctx.write { ctx in
            try await Settings.set(lastRunSetting, today, on: ctx.store)
            try await ctx.audit(
                "run", "daily_jobs", nil,
                [
                    FieldChange("recycled", old: nil, new: String(pools.recycled)),
                    FieldChange("warned", old: nil, new: String(pools.warned)),
                    FieldChange("birthdays", old: nil, new: String(birthdays)),
                    FieldChange("contract_reminders", old: nil, new: String(reminded)),
                    FieldChange("contracts_expired", old: nil, new: String(expired)),
                    FieldChange("expiry_alerts", old: nil, new: String(expiryAlerts)),
                ])
        }
        return Result(
            pools: pools, birthdays: birthdays, contractReminders: reminded, contractsExpired: expired, expiryAlerts: expiryAlerts)
    }

    /// Tells whoever keeps a warehouse's stock (may create or post its documents) which of its
    /// batches are near or past their expiry, once a day per warehouse.
    static func expiryAlerts(today: String, _ ctx: ServiceContext) async throws -> Int {
        let rows = try await BatchService.expiring(today: CalendarDate(chinaDayOf: ctx.nowMillis), days: nil, warehouse: nil, ctx)
        guard !rows.isEmpty else { return 0 }
        let byWarehouse = Dictionary(grouping: rows, by: \.row.warehouseId)
        let warehouses = try await InventoryQueries.warehouses(ids: Array(byWarehouse.keys), on: ctx.store)
        var messages: [NotificationService.Message] = []
        for id in try await AccessQueries.activeUserIds(on: ctx.store) {
            guard let (_, p) = try await AccessQueries.principal(userId: id, on: ctx.store),
                p.can(.stock, .create) || p.can(.stock, .edit), let scope = p.rowScope(.stock, .view)
            else { continue }
            for (wid, list) in byWarehouse.sorted(by: { $0.key < $1.key }) {
                guard let w = warehouses[wid], scope.contains(branch: w.branchId, department: nil, owner: nil) else { continue }
                messages.append(
                    .init(
                        userId: id, kind: "notify.expiring", args: [w.name, String(list.count), list[0].row.expiryDate],
                        link: Paths.Inventory.expiring() + "?warehouseId=\(wid)", dedupeKey: "expiring:\(wid):\(today)"))
            }
        }
        guard !messages.isEmpty else { return 0 }
        let all = messages
        return try await ctx.write { ctx in try await NotificationService.send(all, ctx.store, at: ctx.nowMillis) }
    }

    /// The month-days from today through `days` ahead ('MM-DD').
    public static func monthDays(from ms: Int64, days: Int) -> [String] {
        (0...days).map { String(CalendarDate.chinaDate(ms + Int64($0) * PoolService.day).suffix(5)) }
    }

    /// Tells each owner about their customers' contacts with a birthday within `days`, once a year each.
    static func birthdayReminders(days: Int, _ ctx: ServiceContext) async throws -> Int {
        let now = ctx.nowMillis
        let rows = try await CRMQueries.birthdays(scope: .all, monthDays: monthDays(from: now, days: days), on: ctx.store)
        let year = String(CalendarDate.chinaDate(now).prefix(4))
        let messages: [NotificationService.Message] = rows.compactMap { r in
            guard let owner = r.ownerId else { return nil }
            return .init(
                userId: owner, kind: "notify.birthday", args: [r.name, r.partnerName, r.birthdayMd], link: Paths.CRM.customer(r.partnerId),
                dedupeKey: "birthday:\(r.contactId):\(year)")
        }
        guard !messages.isEmpty else { return 0 }
        return try await ctx.write { ctx in try await NotificationService.send(messages, ctx.store, at: now) }
    }
}
