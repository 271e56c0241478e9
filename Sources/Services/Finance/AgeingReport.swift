import Foundation
import Kernel
import Persistence
import SQLKit

/// Receivables and payables: what is open per customer (supplier), per document or per product,
/// aged by document date into 0-30, 31-60, 61-90 and over 90 days, per branch or in total;
/// money received and not yet applied shows as a credit beside it.
public enum AgeingReport {
    public enum GroupBy: String, Sendable, CaseIterable { case partner, document, product }

    public struct Filter: Sendable {
        public var side: OpenItems.Side
        public var groupBy: GroupBy
        public var partnerId: Int64?
        public var branchId: Int64?
        public var asOf: String?
        public init(side: OpenItems.Side, groupBy: GroupBy = .partner, partnerId: Int64? = nil, branchId: Int64? = nil, asOf: String? = nil) {
            self.side = side
            self.groupBy = groupBy
            self.partnerId = partnerId
            self.branchId = branchId
            self.asOf = asOf
        }
    }

    public struct Row: Codable, Sendable, Equatable {
        public var partnerId: Int64
        /// The document (number) or product the row is about, when grouped so.
        public var key: String?
        public var productId: Int64?
        public var docDate: String?
        public var open: Int64
        public var d0to30: Int64
        public var d31to60: Int64
        public var d61to90: Int64
        public var over90: Int64
    }

    public struct Report: Sendable {
        public var asOf: String
        public var rows: [Row]
        public var total: Row
        /// Per customer: money received (paid) and not applied.
        public var credits: [Int64: Int64]
    }

    public static func run(_ filter: Filter, limit: Int = 1000, _ ctx: ServiceContext) async throws -> Report {
        let scope = try ctx.require(.finance, .view)
        let asOf = filter.asOf ?? PoolService.dateString(ctx.nowMillis)
        let d30 = Dates.add(days: -30, to: asOf), d60 = Dates.add(days: -60, to: asOf), d90 = Dates.add(days: -90, to: asOf)
        let (keyCols, group): (SQLQueryString, SQLQueryString) = switch filter.groupBy {
        case .partner: ("NULL AS key, NULL AS product_id, NULL AS doc_date", "i.partner_id")
        case .document: ("i.doc_number AS key, NULL AS product_id, MIN(i.doc_date) AS doc_date", "i.partner_id, i.doc_number")
        case .product: ("NULL AS key, i.product_id, NULL AS doc_date", "i.partner_id, i.product_id")
        }
        var q: SQLQueryString = "SELECT i.partner_id, "
        q += keyCols
        q += """
            , CAST(SUM(i.residual) AS BIGINT) AS open,
            CAST(SUM(CASE WHEN i.doc_date > \(bind: d30) THEN i.residual ELSE 0 END) AS BIGINT) AS d0to30,
            CAST(SUM(CASE WHEN i.doc_date <= \(bind: d30) AND i.doc_date > \(bind: d60) THEN i.residual ELSE 0 END) AS BIGINT) AS d31to60,
            CAST(SUM(CASE WHEN i.doc_date <= \(bind: d60) AND i.doc_date > \(bind: d90) THEN i.residual ELSE 0 END) AS BIGINT) AS d61to90,
            CAST(SUM(CASE WHEN i.doc_date <= \(bind: d90) THEN i.residual ELSE 0 END) AS BIGINT) AS over90
            FROM open_items i JOIN partners p ON p.id = i.partner_id
            WHERE i.side = \(bind: filter.side.rawValue) AND i.residual <> 0 AND i.doc_date <= \(bind: asOf) AND
            """
        q += " "
        q += ScopeFilter.condition(scope, .init(branch: "i.branch_id", department: nil, owner: "p.owner_id"))
        if let p = filter.partnerId { q += " AND i.partner_id = \(bind: p)" }
        if let b = filter.branchId { q += " AND i.branch_id = \(bind: b)" }
        q += " GROUP BY "
        q += group
        q += " ORDER BY open DESC LIMIT \(literal: limit)"
        let rows = try await ctx.store.all(q, as: Row.self)
        // The total runs over every row, not only the rows shown.
        var t: SQLQueryString = """
            SELECT 0 AS partner_id, NULL AS key, NULL AS product_id, NULL AS doc_date, CAST(COALESCE(SUM(i.residual), 0) AS BIGINT) AS open,
            CAST(COALESCE(SUM(CASE WHEN i.doc_date > \(bind: d30) THEN i.residual ELSE 0 END), 0) AS BIGINT) AS d0to30,
            CAST(COALESCE(SUM(CASE WHEN i.doc_date <= \(bind: d30) AND i.doc_date > \(bind: d60) THEN i.residual ELSE 0 END), 0) AS BIGINT) AS d31to60,
            CAST(COALESCE(SUM(CASE WHEN i.doc_date <= \(bind: d60) AND i.doc_date > \(bind: d90) THEN i.residual ELSE 0 END), 0) AS BIGINT) AS d61to90,
            CAST(COALESCE(SUM(CASE WHEN i.doc_date <= \(bind: d90) THEN i.residual ELSE 0 END), 0) AS BIGINT) AS over90
            FROM open_items i JOIN partners p ON p.id = i.partner_id
            WHERE i.side = \(bind: filter.side.rawValue) AND i.residual <> 0 AND i.doc_date <= \(bind: asOf) AND
            """
        t += " "
        t += ScopeFilter.condition(scope, .init(branch: "i.branch_id", department: nil, owner: "p.owner_id"))
        if let p = filter.partnerId { t += " AND i.partner_id = \(bind: p)" }
        if let b = filter.branchId { t += " AND i.branch_id = \(bind: b)" }
        let total = try await ctx.store.first(t, as: Row.self)!
        struct C: Decodable { var partnerId: Int64; var v: Int64 }
        var c: SQLQueryString = """
            SELECT partner_id, CAST(SUM(amount - applied) AS BIGINT) AS v FROM payments
            WHERE direction = \(bind: filter.side == .ar ? "in" : "out") AND status = 'posted' AND amount > applied AND
            """
        c += " "
        c += ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: "owner_id"))
        if let p = filter.partnerId { c += " AND partner_id = \(bind: p)" }
        if let b = filter.branchId { c += " AND branch_id = \(bind: b)" }
        c += " GROUP BY partner_id"
        let credits = Dictionary(uniqueKeysWithValues: try await ctx.store.all(c, as: C.self).map { ($0.partnerId, $0.v) })
        return Report(asOf: asOf, rows: rows, total: total, credits: credits)
    }

    /// The open items themselves (a customer's statement of what is open).
    public static func items(side: OpenItems.Side, partnerId: Int64, _ ctx: ServiceContext) async throws -> [OpenItemRow] {
        let scope = try ctx.require(.finance, .view)
        var q: SQLQueryString = """
            SELECT i.* FROM open_items i JOIN partners p ON p.id = i.partner_id
            WHERE i.side = \(bind: side.rawValue) AND i.partner_id = \(bind: partnerId) AND i.residual <> 0 AND
            """
        q += " "
        q += ScopeFilter.condition(scope, .init(branch: "i.branch_id", department: nil, owner: "p.owner_id"))
        q += " ORDER BY i.doc_date, i.id LIMIT 2000"
        return try await ctx.store.all(q, as: OpenItemRow.self)
    }
}
