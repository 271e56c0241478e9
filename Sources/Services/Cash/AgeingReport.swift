import DocumentsCore
import Foundation
import Kernel
import Persistence

/// Receivables and payables: what is open per customer (supplier), per document or per product,
/// aged by document date into 0-30, 31-60, 61-90 and over 90 days, per branch or in total;
/// money received and not yet applied shows as a credit beside it. Reads the open items through
/// their partial index of open rows only (migration 007).
public enum AgeingReport {
    public enum GroupBy: String, Sendable, CaseIterable { case partner, document, product }

    public struct Filter: Sendable {
        public var side: OpenItems.Side
        public var groupBy: GroupBy
        public var partnerId: Int64?
        public var branchId: Int64?
        public var asOf: String?
        public init(side: OpenItems.Side, groupBy: GroupBy = .partner, partnerId: Int64? = nil, branchId: Int64? = nil, asOf: String? = nil)
        {
            self.side = side
            self.groupBy = groupBy
            self.partnerId = partnerId
            self.branchId = branchId
            self.asOf = asOf
        }
    }

    public typealias Row = AgeingQueries.Row

    public struct Report: Sendable {
        public var asOf: String
        public var rows: [Row]
        public var total: Row
        /// Per customer: money received (paid) and not applied.
        public var credits: [Int64: Int64]
    }

    public static func run(_ filter: Filter, limit: Int = 1000, _ ctx: ServiceContext) async throws -> Report {
        let scope = try ctx.require(.cash, .view)
        let asOf = filter.asOf ?? CalendarDate.chinaDate(ctx.nowMillis)
        let selection = AgeingQueries.Selection(
            side: filter.side.rawValue, asOf: asOf, scope: scope, partnerId: filter.partnerId, branchId: filter.branchId)
        var rows: [Row]
        var total: Row
        switch filter.groupBy {
        case .partner:
            // One pass: every customer's row, the total added up from them.
            let all = try await AgeingQueries.rows(selection, by: .partner, limit: limit, on: ctx.store)
            total = Row(partnerId: 0, open: 0, d0to30: 0, d31to60: 0, d61to90: 0, over90: 0)
            for r in all {
                total.open = try total.open.plus(r.open); total.d0to30 = try total.d0to30.plus(r.d0to30);
                total.d31to60 = try total.d31to60.plus(r.d31to60)
                total.d61to90 = try total.d61to90.plus(r.d61to90); total.over90 = try total.over90.plus(r.over90)
            }
            rows = Array(all.sorted { ($0.open, $1.partnerId) > ($1.open, $0.partnerId) }.prefix(limit))
        case .document, .product:
            rows = try await AgeingQueries.rows(
                selection, by: filter.groupBy == .document ? .document : .product, limit: limit, on: ctx.store)
            total = try await AgeingQueries.total(selection, on: ctx.store)
        }
        return Report(asOf: asOf, rows: rows, total: total, credits: try await AgeingQueries.credits(selection, on: ctx.store))
    }

    /// The open items themselves (a customer's statement of what is open).
    public static func items(side: OpenItems.Side, partnerId: Int64, _ ctx: ServiceContext) async throws -> [OpenItemRow] {
        let scope = try ctx.require(.cash, .view)
        return try await AgeingQueries.openItems(side: side.rawValue, partner: partnerId, scope, on: ctx.store)
    }
}
