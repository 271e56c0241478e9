import Foundation
import Kernel
import Paths
import Persistence

/// Work reports (日报 / 周报): what a salesperson did, pre-filled with their counts for the
/// period (visits, follow-ups, new customers, stage moves, amounts won), commented by the manager.
public enum WorkReportService {
    public enum Kind: String, Sendable, CaseIterable { case daily, weekly }

    public typealias Stats = ScheduleQueries.Counts

    public struct Input: Sendable, Codable, Equatable {
        public var kind: String?
        /// A day of the period ('YYYY-MM-DD'); a weekly report covers that day's Monday to Sunday.
        public var date: String?
        public var content: String?
        public var plan: String?
        public init(kind: String? = nil, date: String? = nil, content: String? = nil, plan: String? = nil) {
            self.kind = kind
            self.date = date
            self.content = content
            self.plan = plan
        }
    }

    static let day = PoolService.day

    /// Milliseconds of 00:00 China time of a 'YYYY-MM-DD'.
    static func start(of date: String) throws -> Int64 {
        guard let d = CalendarDate(date) else { throw DomainError.invalid("date", code: "invalid_date") }
        return d.chinaStartMillis
    }

    /// The period a report of this kind for this day covers: [start, end] as dates.
    public static func period(_ kind: Kind, containing date: String) throws -> (String, String) {
        guard let d = CalendarDate(date) else { throw DomainError.invalid("date", code: "invalid_date") }
        if kind == .daily { return (date, date) }
        return (d.monday.text, d.monday.adding(days: 6).text)
    }

    /// One person's counts for a period.
    public static func stats(userId: Int64, from: String, to: String, _ store: Store) async throws -> Stats {
        let a = try start(of: from), b = try start(of: to) + day
        return try await ScheduleQueries.counts(user: userId, from: a, to: b, on: store)
    }

    public static func list(userId: Int64?, limit: Int, cursor: Cursor?, _ ctx: ServiceContext) async throws -> Page<WorkReportRow> {
        let scope = try ctx.require(.activities, .view)
        let rows = try await ScheduleQueries.reports(scope, user: userId, before: cursor?.id, limit: limit + 1, on: ctx.store)
        return Cursor.page(rows, limit: limit) { Cursor(key: .int($0.id), id: $0.id) }
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> WorkReportRow {
        let scope = try ctx.require(.activities, .view)
        guard let r = try await ScheduleQueries.report(id, on: ctx.store),
            scope.contains(branch: r.branchId, department: r.departmentId, owner: r.userId)
        else { throw DomainError.notFound }
        return r
    }

    /// Files one's report for a period (once per kind and period); the counts are taken now.
    public static func submit(_ input: Input, _ ctx: ServiceContext) async throws -> WorkReportRow {
        try ctx.require(.activities, .create)
        guard let me = ctx.principal else { throw DomainError.forbidden }
        let kind = try Validate.oneOf(input.kind, "kind", as: Kind.self)
        let date = try Validate.optional(input.date, "date", max: 10) ?? CalendarDate.chinaDate(ctx.nowMillis)
        let (from, to) = try period(kind, containing: date)
        guard from <= CalendarDate.chinaDate(ctx.nowMillis) else { throw DomainError.invalid("date", code: "in_future", args: ["date"]) }
        let content = try Validate.required(input.content, "content", max: 8000)
        let plan = try Validate.optional(input.plan, "plan", max: 4000)
        return try await ctx.write { ctx in
            if try await ScheduleQueries.report(of: me.userId, kind: kind.rawValue, periodStart: from, on: ctx.store) != nil {
                throw DomainError(.conflict, code: "report_exists", field: "date", args: [from])
            }
            let stats = try await stats(userId: me.userId, from: from, to: to, ctx.store)
            let json = String(decoding: try JSONEncoder().encode(stats), as: UTF8.self)
            let now = ctx.nowMillis
            let row = try await ScheduleWrites.insertReport(
                user: me.userId, kind: kind.rawValue, from: from, to: to, content: content, plan: plan, stats: json, branch: me.branchId,
                department: me.departmentId, at: now, on: ctx.store)
            try await ctx.audit(
                "create", "work_report", row.id, branch: row.branchId, [FieldChange("period", old: nil, new: from + "~" + to)])
            // The manager hears of it.
            if let user = try await OrganisationQueries.user(me.userId, on: ctx.store), let manager = user.managerId {
                try await NotificationService.send(
                    [
                        .init(
                            userId: manager, kind: "notify.report.submitted", args: [user.displayName, from],
                            link: Paths.CRM.report(row.id))
                    ], ctx.store, at: now)
            }
            return row
        }
    }

    /// A manager (activities.approve over the writer) comments; the writer is told.
    public static func comment(_ id: Int64, text: String?, _ ctx: ServiceContext) async throws -> WorkReportRow {
        let scope = try ctx.require(.activities, .approve)
        let text = try Validate.required(text, "comment", max: 4000)
        return try await ctx.write { ctx in
            guard let r = try await ScheduleQueries.report(id, on: ctx.store),
                scope.contains(branch: r.branchId, department: r.departmentId, owner: r.userId)
            else { throw DomainError.notFound }
            guard r.userId != ctx.principal?.userId else { throw DomainError(.conflict, code: "own_report") }
            let now = ctx.nowMillis
            guard
                let row = try await ScheduleWrites.comment(report: id, text, by: ctx.principal?.userId, at: now, on: ctx.store)
            else { throw DomainError.notFound }
            try await ctx.audit("comment", "work_report", id, branch: row.branchId, [FieldChange("comment", old: r.comment, new: text)])
            try await NotificationService.send(
                [.init(userId: r.userId, kind: "notify.report.commented", args: [r.periodStart], link: Paths.CRM.report(id))],
                ctx.store, at: now)
            return row
        }
    }

    public static func decodeStats(_ r: WorkReportRow) -> Stats? {
        try? JSONDecoder().decode(Stats.self, from: Data(r.stats.utf8))
    }
}
