import Foundation
import Kernel
import Paths
import Persistence

/// The schedule (日程): tasks and meetings with a start, an optional end and a reminder that
/// arrives in the notifications inbox. Each person keeps their own; managers see their team's.
public enum TaskService {
    public enum Kind: String, Sendable, CaseIterable { case task, meeting }

    public struct Input: Sendable, Codable, Equatable {
        public var title: String?
        public var kind: String?
        /// ISO 8601; without a zone, China time.
        public var startsAt: String?
        public var endsAt: String?
        /// Minutes before the start to be reminded (nil: no reminder).
        public var remindMinutes: Int64?
        public var partnerId: Int64?
        public var opportunityId: Int64?
        public var note: String?
        public init(
            title: String? = nil, kind: String? = nil, startsAt: String? = nil, endsAt: String? = nil, remindMinutes: Int64? = nil,
            partnerId: Int64? = nil, opportunityId: Int64? = nil, note: String? = nil
        ) {
            self.title = title
            self.kind = kind
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.remindMinutes = remindMinutes
            self.partnerId = partnerId
            self.opportunityId = opportunityId
            self.note = note
        }
    }

    /// Tasks starting in [from, to), in scope (or one person's), by start.
    public static func list(from: Int64, to: Int64, ownerId: Int64?, _ ctx: ServiceContext) async throws -> [TaskRow] {
        let scope = try ctx.require(.activities, .view)
        guard to > from, to - from <= 62 * 86_400_000 else {
            throw DomainError(.badRequest, code: "range_too_long", field: "to", args: ["62"])
        }
        return try await ScheduleQueries.tasks(from: from, to: to, scope, owner: ownerId, on: ctx.store)
    }

    /// The caller's own customers with a follow-up planned from one date through another (at
    /// most 62 days): the dates the schedule shows beside the tasks.
    public static func followUps(from: String, through: String, _ ctx: ServiceContext) async throws -> [PartnerRow] {
        _ = try ctx.require(.customers, .view)
        guard let me = ctx.principal?.userId else { return [] }
        guard let a = CalendarDate(from) else { throw DomainError.invalid("from", code: "invalid_date") }
        guard let b = CalendarDate(through) else { throw DomainError.invalid("to", code: "invalid_date") }
        guard b >= a, b.day - a.day < 62 else { throw DomainError(.badRequest, code: "range_too_long", field: "to", args: ["62"]) }
        return try await CRMQueries.followUps(ownerId: me, from: from, through: through, limit: 1000, on: ctx.store)
    }

    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> TaskRow {
        let scope = try ctx.require(.activities, .view)
        guard let t = try await ScheduleQueries.task(id, on: ctx.store),
            scope.contains(branch: t.branchId, department: t.departmentId, owner: t.ownerId)
        else { throw DomainError.notFound }
        return t
    }

    /// One's own task, or one in the edit scope.
    static func findForEdit(_ id: Int64, _ action: Action, _ ctx: ServiceContext) async throws -> TaskRow {
        let scope = try ctx.require(.activities, action)
        guard let t = try await ScheduleQueries.task(id, on: ctx.store),
            scope.contains(branch: t.branchId, department: t.departmentId, owner: t.ownerId)
        else { throw DomainError.notFound }
        return t
    }

    struct Valid {
        var title: String
        var kind: Kind
        var startsAt: Int64
        var endsAt: Int64?
        var remindAt: Int64?
        var partnerId: Int64?
        var opportunityId: Int64?
        var note: String?

        var record: ScheduleWrites.Task {
            ScheduleWrites.Task(
                title: title, kind: kind.rawValue, startsAt: startsAt, endsAt: endsAt, remindAt: remindAt, partnerId: partnerId,
                opportunityId: opportunityId, note: note)
        }
    }

    static func validate(_ input: Input, _ ctx: ServiceContext) async throws -> Valid {
        let title = try Validate.required(input.title, "title", max: 200)
        let kind = try Validate.oneOf(input.kind ?? Kind.task.rawValue, "kind", as: Kind.self)
        guard let s = input.startsAt, !s.isEmpty else { throw DomainError.required("startsAt") }
        let starts = try Validate.dateTime(s, "startsAt")
        let ends = try input.endsAt.flatMap { $0.isEmpty ? nil : $0 }.map { try Validate.dateTime($0, "endsAt") }
        if let e = ends, e < starts { throw DomainError.invalid("endsAt", code: "ends_before_start") }
        var remind: Int64?
        if let m = input.remindMinutes {
            guard (0...10_080).contains(m) else {
                throw DomainError.invalid("remindMinutes", code: "out_of_range", args: ["remindMinutes"])
            }
            remind = starts - m * 60_000
        }
        if let p = input.partnerId {
            do { _ = try await CustomerService.find(p, ctx) } catch let e as DomainError where e.kind == .notFound {
                throw DomainError.invalid("partnerId", code: "not_found")
            }
        }
        if let o = input.opportunityId {
            do { _ = try await OpportunityService.find(o, ctx) } catch let e as DomainError
                where e.kind == .notFound || e.kind == .forbidden
            {
                throw DomainError.invalid("opportunityId", code: "not_found")
            }
        }
        return Valid(
            title: title, kind: kind, startsAt: starts, endsAt: ends, remindAt: remind, partnerId: input.partnerId,
            opportunityId: input.opportunityId,
            note: try Validate.optional(input.note, "note", max: 2000))
    }

    public static func create(_ input: Input, _ ctx: ServiceContext) async throws -> TaskRow {
        try ctx.require(.activities, .create)
        guard let me = ctx.principal else { throw DomainError.forbidden }
        let v = try await validate(input, ctx)
        return try await ctx.write { ctx in
            let now = ctx.nowMillis
            let row = try await ScheduleWrites.insert(
                v.record, owner: me.userId, branch: me.branchId, department: me.departmentId, at: now, on: ctx.store)
            try await ctx.audit("create", "task", row.id, branch: row.branchId, [FieldChange("title", old: nil, new: row.title)])
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> TaskRow {
        let v = try await validate(input, ctx)
        return try await ctx.write { ctx in
            let old = try await findForEdit(id, .edit, ctx)
            try Validate.version(version, current: old.version)
            let now = ctx.nowMillis
            guard
                let row = try await ScheduleWrites.update(task: id, v.record, version: old.version, at: now, on: ctx.store)
            else { throw DomainError.staleVersion(expected: Int(old.version), actual: Int(version ?? 0)) }
            try await ctx.audit(
                "update", "task", id, branch: row.branchId,
                [
                    FieldChange("title", old: old.title, new: row.title),
                    FieldChange("startsAt", old: String(old.startsAt), new: String(row.startsAt)),
                ])
            return row
        }
    }

    public static func complete(_ id: Int64, done: Bool, _ ctx: ServiceContext) async throws -> TaskRow {
        try await ctx.write { ctx in
            let old = try await findForEdit(id, .edit, ctx)
            guard
                let row = try await ScheduleWrites.setDone(task: id, done, at: ctx.nowMillis, on: ctx.store)
            else { throw DomainError.notFound }
            try await ctx.audit(
                done ? "done" : "reopen", "task", id, branch: row.branchId,
                [FieldChange("done", old: String(old.doneAt != nil), new: String(done))])
            return row
        }
    }

    public static func delete(_ id: Int64, _ ctx: ServiceContext) async throws {
        try await ctx.write { ctx in
            let old = try await findForEdit(id, .delete, ctx)
            try await ScheduleWrites.delete(task: id, on: ctx.store)
            try await ctx.audit("delete", "task", id, branch: old.branchId, [FieldChange("title", old: old.title, new: nil)])
        }
    }

    /// Reminders now due go to their owners' inboxes, once each (the scheduler calls this every minute).
    @discardableResult
    public static func sendReminders(_ ctx: ServiceContext) async throws -> Int {
        let now = ctx.nowMillis
        return try await ctx.write { ctx in
            let due = try await ScheduleQueries.dueReminders(at: now, on: ctx.store)
            guard !due.isEmpty else { return 0 }
            try await ScheduleWrites.reminded(due.map(\.id), on: ctx.store)
            let messages = due.map {
                NotificationService.Message(
                    userId: $0.ownerId, kind: "notify.task.reminder", args: [$0.title, CalendarDate.chinaDateTime($0.startsAt)],
                    link: Paths.CRM.schedule() + "?date=" + CalendarDate.chinaDate($0.startsAt), dedupeKey: "task:\($0.id):\($0.startsAt)")
            }
            return try await NotificationService.send(messages, ctx.store, at: now)
        }
    }
}
