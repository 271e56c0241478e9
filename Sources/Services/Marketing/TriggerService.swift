import DocumentsCore
import Foundation
import Kernel
import Persistence

/// 自动发送: messages the calendar queues by itself, each through a template — a birthday
/// greeting to every contact born on the day, a reminder to those who accepted an event some
/// days before it, a follow-up to a customer whose quote is still unanswered some days after its
/// date. They run once a day from 09:00 China time (texts of marketing purpose still wait for the
/// daytime window and the per-number cap); every occasion they fire for is recorded, so a day,
/// an event or a quote is never sent to twice, whichever server runs them and however often.
public enum TriggerService {
    public enum Kind: String, Sendable, CaseIterable {
        case birthday
        case eventReminder = "event_reminder"
        case quoteFollowup = "quote_followup"
    }

    public struct Input: Sendable, Equatable {
        public var kind: String?
        public var templateId: Int64?
        public var days: String?
        public var enabled: Bool?
        public init(kind: String? = nil, templateId: Int64? = nil, days: String? = nil, enabled: Bool? = nil) {
            self.kind = kind
            self.templateId = templateId
            self.days = days
            self.enabled = enabled
        }
    }

    /// The hour (China time) from which a day's triggers run.
    public static let hour: Int64 = 9

    public static func list(_ ctx: ServiceContext) async throws -> [TriggerRow] {
        try ctx.require(.marketing, .view)
        return try await TriggerQueries.triggers(on: ctx.store)
    }

    /// A trigger and the latest occasions it fired for.
    public static func find(_ id: Int64, _ ctx: ServiceContext) async throws -> (TriggerRow, [FiringRow]) {
        try ctx.require(.marketing, .view)
        guard let t = try await TriggerQueries.trigger(id, on: ctx.store) else { throw DomainError.notFound }
        return (t, try await TriggerQueries.firings(of: id, limit: 50, on: ctx.store))
    }

    static func validate(_ i: Input, kind: Kind, _ ctx: ServiceContext) async throws -> (template: Int64, days: Int64) {
        guard let template = i.templateId else { throw DomainError.required("templateId") }
        guard try await MessageQueries.template(template, on: ctx.store) != nil else {
            throw DomainError.invalid("templateId", code: "not_found")
        }
        let text = (i.days ?? "").trimmingCharacters(in: .whitespaces)
        let days: Int64
        switch kind {
        case .birthday:
            guard text.isEmpty || text == "0" else { throw DomainError.invalid("days", code: "out_of_range", args: ["days"]) }
            days = 0
        case .eventReminder, .quoteFollowup:
            let lowest: Int64 = kind == .eventReminder ? 0 : 1
            guard let n = Int64(text.isEmpty ? (kind == .eventReminder ? "1" : "3") : text), (lowest...60).contains(n) else {
                throw DomainError.invalid("days", code: "out_of_range", args: ["days"])
            }
            days = n
        }
        return (template, days)
    }

    /// A new trigger; `baseUrl` is the server's address as its maker sees it (its messages' links).
    public static func create(_ input: Input, baseUrl: String, _ ctx: ServiceContext) async throws -> TriggerRow {
        try ctx.require(.marketing, .edit)
        let kind = try Validate.oneOf(input.kind, "kind", as: Kind.self)
        let v = try await validate(input, kind: kind, ctx)
        return try await ctx.write { tx in
            let row = try await TriggerWrites.insert(
                kind: kind.rawValue, template: v.template, days: v.days, enabled: input.enabled ?? true, baseUrl: baseUrl,
                by: tx.principal?.userId, at: tx.nowMillis, on: tx.store)
            try await tx.audit("create", "message_trigger", row.id, Audit.diff([:], snapshot(row)))
            return row
        }
    }

    public static func update(_ id: Int64, _ input: Input, version: Int64?, _ ctx: ServiceContext) async throws -> TriggerRow {
        try ctx.require(.marketing, .edit)
        return try await ctx.write { tx in
            guard let old = try await TriggerQueries.trigger(id, on: tx.store) else { throw DomainError.notFound }
            try Validate.version(version, current: old.version)
            let v = try await validate(input, kind: Kind(rawValue: old.kind) ?? .birthday, tx)
            guard
                let row = try await TriggerWrites.update(
                    id, template: v.template, days: v.days, enabled: input.enabled ?? old.enabled, version: old.version, at: tx.nowMillis,
                    on: tx.store)
            else { throw DomainError.staleVersion(expected: Int(old.version), actual: Int(old.version) + 1) }
            try await tx.audit("update", "message_trigger", id, Audit.diff(snapshot(old), snapshot(row)))
            return row
        }
    }

    static func snapshot(_ t: TriggerRow) -> [String: String?] {
        ["kind": t.kind, "templateId": String(t.templateId), "days": String(t.days), "enabled": String(t.enabled)]
    }

    /// Runs the triggers that have not run today, once it is past `hour` China time; answers the sends queued.
    public static func runDue(_ system: ServiceContext) async throws -> Int {
        guard CalendarDate.chinaMillisOfDay(system.nowMillis) >= hour * 3_600_000 else { return 0 }
        let today = CalendarDate.chinaDate(system.nowMillis)
        var queued = 0
        for t in try await TriggerQueries.due(day: today, on: system.store) {
            guard try await system.write({ tx in try await TriggerWrites.claim(t.id, day: today, on: tx.store) }) else { continue }
            queued += try await run(t, system)
        }
        return queued
    }

    /// What one trigger queues today: a send per occasion not fired for yet.
    static func run(_ t: TriggerRow, _ system: ServiceContext) async throws -> Int {
        guard let kind = Kind(rawValue: t.kind), let template = try await MessageQueries.template(t.templateId, on: system.store) else {
            return 0
        }
        let ctx = system.through("trigger", via: "message_trigger:\(t.id)")
        let today = CalendarDate(chinaDayOf: ctx.nowMillis)
        let sms = template.channel == MessageService.Channel.sms.rawValue
        var occasions: [(occasion: String, input: MessageService.SendInput)] = []
        switch kind {
        case .birthday:
            let contacts = try await TriggerQueries.birthdayContacts(
                String(today.description.suffix(5)), sms: sms, limit: 5000, on: ctx.store)
            if !contacts.isEmpty {
                occasions.append(("birthday:" + today.description, .init(templateId: t.templateId, contactIds: contacts)))
            }
        case .eventReminder:
            let day = today.adding(days: t.days)
            for e in try await TriggerQueries.eventsStarting(
                from: day.chinaStartMillis, to: day.adding(days: 1).chinaStartMillis, on: ctx.store)
            {
                guard let c = try await MarketingQueries.campaign(e.campaignId, on: ctx.store),
                    CampaignFlow.rule(.event).from.contains(stored: c.status),
                    try await EventQueries.counts(event: e.id, on: ctx.store).accepted > 0
                else { continue }
                occasions.append(
                    ("event:\(e.id)", .init(templateId: t.templateId, eventId: e.id, statuses: [InvitationFlow.State.accepted.rawValue])))
            }
        case .quoteFollowup:
            for q in try await TriggerQueries.sentQuotes(dated: today.adding(days: -t.days).description, sms: sms, on: ctx.store) {
                guard let contact = q.contact else { continue }
                occasions.append(("quote:\(q.quote)", .init(templateId: t.templateId, contactIds: [contact])))
            }
        }
        var queued = 0
        for o in occasions {
            let made: Bool = try await ctx.write { tx in
                guard try await TriggerWrites.fire(t.id, occasion: o.occasion, at: tx.nowMillis, on: tx.store) else { return false }
                let q = try await MessageService.queue(o.input, baseUrl: t.baseUrl, tx)
                try await TriggerWrites.recordSend(t.id, occasion: o.occasion, send: q.send.id, on: tx.store)
                return true
            }
            if made { queued += 1 }
        }
        return queued
    }
}
