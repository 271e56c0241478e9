import Foundation
import Kernel
import Persistence

/// The data map (数据地图): where the customers came from — the channel of each (typed on a page,
/// sent through the API, entered on the portal, imported, converted from a lead, left by a merge,
/// seeded by the system) — how many each brought and how complete and duplicated they are, and how
/// records flowed from lead to cash over a period. For one record: its origin and, field by field,
/// the channel that last set it (read from the audit log, where every change says its channel).
public enum DataMapService {
    public struct Source: Sendable, Equatable {
        /// nil: customers from before the data map kept origins.
        public var channel: String?
        public var customers: Int64
        public var contacts: Int64
        public var withPhone: Int64
        public var withUscc: Int64
        public var withRegion: Int64
        public var withOwner: Int64
        /// Customers the latest duplicate scan put in a likely pair.
        public var inDuplicates: Int64
    }

    public struct Overview: Sendable {
        public var sources: [Source]
        public var from: CalendarDate
        public var to: CalendarDate
        public var flow: DataMapQueries.Flow
        public var scanned: Bool
    }

    /// The sources (over the customers the reader sees) and the flow of `from`…`to` (company-wide:
    /// counts only). Needs `audit.view`, the right to see what happened across the company; the
    /// period is at most 366 days and defaults to the last 30.
    public static func overview(from: String?, to: String?, _ ctx: ServiceContext) async throws -> Overview {
        try ctx.require(.audit, .view)
        let today = CalendarDate.today(ctx.clock)
        let end = try date(to, "to") ?? today
        let start = try date(from, "from") ?? end.adding(days: -29)
        guard start <= end else { throw DomainError.invalid("from", code: "date_order") }
        guard end.day - start.day <= 366 else { throw DomainError.invalid("to", code: "period_too_long", args: ["366"]) }
        let scope =
            ctx.principal?.rowScope(.customers, .view) ?? (ctx.principal == nil ? .all : .some(branches: [], departments: [], owner: -1))
        let store = ctx.store
        let customers = try await DataMapQueries.customerSources(scope: scope, on: store)
        let contacts = Dictionary(
            try await DataMapQueries.contactSources(scope: scope, on: store).map { ($0.channel ?? "", $0.n) }, uniquingKeysWith: +)
        let scan = try await DuplicateQueries.latestScan(entity: "customer", on: store)
        var duplicated: [String: Int64] = [:]
        if let scan {
            for c in try await DataMapQueries.duplicatesBySource(scan: scan.id, scope: scope, on: store) {
                duplicated[c.channel ?? "", default: 0] += c.n
            }
        }
        var sources = customers.map { r in
            Source(
                channel: r.channel, customers: r.records, contacts: contacts[r.channel ?? ""] ?? 0, withPhone: r.withPhone,
                withUscc: r.withUscc,
                withRegion: r.withRegion, withOwner: r.withOwner, inDuplicates: duplicated[r.channel ?? ""] ?? 0)
        }
        // Channels that brought contacts only.
        for (channel, n) in contacts where !sources.contains(where: { ($0.channel ?? "") == channel }) {
            sources.append(
                Source(
                    channel: channel.isEmpty ? nil : channel, customers: 0, contacts: n, withPhone: 0, withUscc: 0, withRegion: 0,
                    withOwner: 0,
                    inDuplicates: 0))
        }
        let flow = try await DataMapQueries.flow(
            fromMs: start.chinaStartMillis, toMs: end.adding(days: 1).chinaStartMillis - 1, fromDate: start.text, toDate: end.text,
            on: store)
        return Overview(sources: sources, from: start, to: end, flow: flow, scanned: scan != nil)
    }

    static func date(_ text: String?, _ field: String) throws -> CalendarDate? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        guard let d = CalendarDate(t) else { throw DomainError.invalid(field, code: "invalid_date") }
        return d
    }

    public struct FieldSource: Sendable, Equatable {
        public var field: String
        public var channel: String?
        public var via: String?
        public var userId: Int64?
        public var at: Int64
    }

    public struct Lineage: Sendable {
        public var customer: PartnerRow
        public var origin: RecordOriginRow?
        public var fields: [FieldSource]
    }

    /// One customer's origin and, per field, the latest change's channel (the newest 500 changes
    /// are read). Needs the customer within the reader's scope.
    public static func lineage(customer id: Int64, _ ctx: ServiceContext) async throws -> Lineage {
        let c = try await CustomerService.find(id, ctx)
        let origin = try await DataMapQueries.origin("customer", id, on: ctx.store)
        var fields: [String: FieldSource] = [:]
        for change in try await DataMapQueries.changes("customer", id, limit: 500, on: ctx.store) {
            let list = (try? JSONDecoder().decode([FieldChange].self, from: Data(change.changes.utf8))) ?? []
            for f in list where fields[f.field] == nil {
                fields[f.field] = FieldSource(
                    field: f.field, channel: change.channel, via: change.via, userId: change.userId, at: change.at)
            }
        }
        return Lineage(customer: c, origin: origin, fields: fields.values.sorted { $0.field < $1.field })
    }
}
