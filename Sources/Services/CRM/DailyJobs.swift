import Foundation
import Kernel
import Persistence
import SQLKit

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
    }

    /// Runs unless this day's run was claimed already (`force` runs anyway).
    public static func run(force: Bool = false, _ ctx: ServiceContext) async throws -> Result? {
        let today = PoolService.dateString(ctx.nowMillis)
        let claimed: Bool = try await ctx.write { ctx in
            let last = try await Settings.get(lastRunSetting, on: ctx.store)
            if !force, let last, last >= today { return false }
            try await Settings.set(lastRunSetting, today, on: ctx.store)
            return true
        }
        guard claimed else { return nil }
        let pools = try await PoolService.runDaily(ctx)
        let birthdays = try await birthdayReminders(days: 3, ctx)
        let (reminded, expired) = try await ContractService.runDaily(today: today, ctx)
        try await ctx.write { ctx in
            try await ctx.audit("run", "daily_jobs", nil, [FieldChange("recycled", old: nil, new: String(pools.recycled)),
                                                           FieldChange("warned", old: nil, new: String(pools.warned)),
                                                           FieldChange("birthdays", old: nil, new: String(birthdays)),
                                                           FieldChange("contract_reminders", old: nil, new: String(reminded)),
                                                           FieldChange("contracts_expired", old: nil, new: String(expired))])
        }
        return Result(pools: pools, birthdays: birthdays, contractReminders: reminded, contractsExpired: expired)
    }

    /// The month-days from today through `days` ahead ('MM-DD').
    public static func monthDays(from ms: Int64, days: Int) -> [String] {
        (0...days).map { String(PoolService.dateString(ms + Int64($0) * PoolService.day).suffix(5)) }
    }

    /// Tells each owner about their customers' contacts with a birthday within `days`, once a year each.
    static func birthdayReminders(days: Int, _ ctx: ServiceContext) async throws -> Int {
        let now = ctx.nowMillis
        let rows = try await CRMQueries.birthdays(scope: .all, monthDays: monthDays(from: now, days: days), on: ctx.store)
        let year = String(PoolService.dateString(now).prefix(4))
        let messages: [NotificationService.Message] = rows.compactMap { r in
            guard let owner = r.ownerId else { return nil }
            return .init(userId: owner, kind: "notify.birthday", args: [r.name, r.partnerName, r.birthdayMd], link: "/crm/customers/\(r.partnerId)",
                         dedupeKey: "birthday:\(r.contactId):\(year)")
        }
        guard !messages.isEmpty else { return 0 }
        return try await ctx.write { ctx in try await NotificationService.send(messages, ctx.store, at: now) }
    }
}
