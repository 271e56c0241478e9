import DocumentsCore
import Foundation
import Kernel
import Persistence
import SQLKit

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

    public struct Row: Codable, Sendable, Equatable {
        public var partnerId: Int64
        /// The document (number) the row is about, when grouped so.
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

    /// Which open items a scope reaches: its branches' items, and the items of the customers
    /// (suppliers) the person or their departments look after.
    static func reach(_ scope: RowScope, alias: String) -> SQLQueryString {
        switch scope {
        case .all: return "1 = 1"
        case let .some(branches, departments, owner):
            var q: SQLQueryString = "("
            if !branches.isEmpty {
                q += "\(ident: alias).branch_id IN (\(binds: branches.sorted().map { $0 as any Encodable & Sendable })) OR "
            }
            q += "\(ident: alias).partner_id IN (SELECT id FROM partners WHERE owner_id = \(bind: owner)"
            if !departments.isEmpty { q += " OR department_id IN (\(binds: departments.sorted().map { $0 as any Encodable & Sendable }))" }
            q += "))"
            return q
        }
    }

    public static func run(_ filter: Filter, limit: Int = 1000, _ ctx: ServiceContext) async throws -> Report {
        let scope = try ctx.require(.cash, .view)
        let asOf = filter.asOf ?? CalendarDate.chinaDate(ctx.nowMillis)
        let d30 = CalendarDate.add(days: -30, to: asOf), d60 = CalendarDate.add(days: -60, to: asOf),
            d90 = CalendarDate.add(days: -90, to: asOf)
        func sums() -> SQLQueryString {
            """
            CAST(COALESCE(SUM(i.residual), 0) AS BIGINT) AS open,
            CAST(COALESCE(SUM(CASE WHEN i.doc_date > \(bind: d30) THEN i.residual ELSE 0 END), 0) AS BIGINT) AS d0to30,
            CAST(COALESCE(SUM(CASE WHEN i.doc_date <= \(bind: d30) AND i.doc_date > \(bind: d60) THEN i.residual ELSE 0 END), 0) AS BIGINT) AS d31to60,
            CAST(COALESCE(SUM(CASE WHEN i.doc_date <= \(bind: d60) AND i.doc_date > \(bind: d90) THEN i.residual ELSE 0 END), 0) AS BIGINT) AS d61to90,
            CAST(COALESCE(SUM(CASE WHEN i.doc_date <= \(bind: d90) THEN i.residual ELSE 0 END), 0) AS BIGINT) AS over90
            """
        }
        func whereClause() -> SQLQueryString {
            var q: SQLQueryString =
                " FROM open_items i WHERE i.side = \(bind: filter.side.rawValue) AND i.residual <> 0 AND i.doc_date <= \(bind: asOf) AND "
            q += reach(scope, alias: "i")
            if let p = filter.partnerId { q += " AND i.partner_id = \(bind: p)" }
            if let b = filter.branchId { q += " AND i.branch_id = \(bind: b)" }
            return q
        }
        var rows: [Row]
        var total: Row
        switch filter.groupBy {
        case .partner:
            // One pass: every customer's row, the total added up from them.
            var q: SQLQueryString = "SELECT i.partner_id, NULL AS key, NULL AS product_id, NULL AS doc_date, "
            q += sums()
            q += whereClause()
            q += " GROUP BY i.partner_id"
            let all = try await ctx.store.all(q, as: Row.self)
            total = Row(partnerId: 0, open: 0, d0to30: 0, d31to60: 0, d61to90: 0, over90: 0)
            for r in all {
                total.open = try total.open.plus(r.open); total.d0to30 = try total.d0to30.plus(r.d0to30);
                total.d31to60 = try total.d31to60.plus(r.d31to60)
                total.d61to90 = try total.d61to90.plus(r.d61to90); total.over90 = try total.over90.plus(r.over90)
            }
            rows = Array(all.sorted { ($0.open, $1.partnerId) > ($1.open, $0.partnerId) }.prefix(limit))
        case .document, .product:
            var q: SQLQueryString =
                filter.groupBy == .document
                ? "SELECT i.partner_id, i.doc_number AS key, NULL AS product_id, MIN(i.doc_date) AS doc_date, "
                : "SELECT i.partner_id, NULL AS key, i.product_id, NULL AS doc_date, "
            q += sums()
            q += whereClause()
            q +=
                filter.groupBy == .document
                ? " GROUP BY i.partner_id, i.doc_number ORDER BY MIN(i.doc_date), i.doc_number"
                : " GROUP BY i.partner_id, i.product_id ORDER BY open DESC"
            q += " LIMIT \(literal: limit)"
            rows = try await ctx.store.all(q, as: Row.self)
            var t: SQLQueryString = "SELECT 0 AS partner_id, NULL AS key, NULL AS product_id, NULL AS doc_date, "
            t += sums()
            t += whereClause()
            total = try await ctx.store.first(t, as: Row.self)!
        }
        struct C: Decodable { var partnerId: Int64; var v: Int64 }
        var c: SQLQueryString = """
            SELECT p.partner_id, CAST(SUM(p.amount - p.applied) AS BIGINT) AS v FROM payments p
            WHERE p.direction = \(bind: filter.side == .ar ? "in" : "out") AND p.status IN (\(states: PaymentFlow.open)) AND p.amount > p.applied AND
            """
        c += " "
        c += reach(scope, alias: "p")
        if let p = filter.partnerId { c += " AND p.partner_id = \(bind: p)" }
        if let b = filter.branchId { c += " AND p.branch_id = \(bind: b)" }
        c += " GROUP BY p.partner_id"
        let credits = Dictionary(uniqueKeysWithValues: try await ctx.store.all(c, as: C.self).map { ($0.partnerId, $0.v) })
        return Report(asOf: asOf, rows: rows, total: total, credits: credits)
    }

    /// The open items themselves (a customer's statement of what is open).
    public static func items(side: OpenItems.Side, partnerId: Int64, _ ctx: ServiceContext) async throws -> [OpenItemRow] {
        let scope = try ctx.require(.cash, .view)
        var q: SQLQueryString = """
            SELECT i.* FROM open_items i WHERE i.side = \(bind: side.rawValue) AND i.partner_id = \(bind: partnerId) AND i.residual <> 0 AND
            """
        q += " "
        q += reach(scope, alias: "i")
        q += " ORDER BY i.doc_date, i.id LIMIT 2000"
        return try await ctx.store.all(q, as: OpenItemRow.self)
    }
}
