import DocumentsCore
import Kernel
import SQLKit

/// Receivables and payables aged by document date into 0-30, 31-60, 61-90 and over 90 days, read
/// through the open items' partial index of open rows only (migration 007).
public enum AgeingQueries {
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
        public init(
            partnerId: Int64, key: String? = nil, productId: Int64? = nil, docDate: String? = nil, open: Int64, d0to30: Int64,
            d31to60: Int64,
            d61to90: Int64, over90: Int64
        ) {
            self.partnerId = partnerId
            self.key = key
            self.productId = productId
            self.docDate = docDate
            self.open = open
            self.d0to30 = d0to30
            self.d31to60 = d31to60
            self.d61to90 = d61to90
            self.over90 = over90
        }
    }

    public enum Grouping: Sendable { case partner, document, product }

    /// What is looked at: a side (ar, ap), as of a day, in a scope, of one partner or branch when given.
    public struct Selection: Sendable {
        public var side: String
        public var asOf: String
        public var scope: RowScope
        public var partnerId: Int64?
        public var branchId: Int64?
        public init(side: String, asOf: String, scope: RowScope, partnerId: Int64?, branchId: Int64?) {
            self.side = side
            self.asOf = asOf
            self.scope = scope
            self.partnerId = partnerId
            self.branchId = branchId
        }
    }

    /// Which rows a scope reaches (`alias`: the table with branch_id and partner_id): its branches'
    /// rows, and the rows of the partners the person or their departments look after.
    public static func reach(_ scope: RowScope, alias: String) -> SQLQueryString {
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

    static func sums(asOf: String) -> SQLQueryString {
        let d30 = CalendarDate.add(days: -30, to: asOf), d60 = CalendarDate.add(days: -60, to: asOf),
            d90 = CalendarDate.add(days: -90, to: asOf)
        return """
            CAST(COALESCE(SUM(i.residual), 0) AS BIGINT) AS open,
            CAST(COALESCE(SUM(CASE WHEN i.doc_date > \(bind: d30) THEN i.residual ELSE 0 END), 0) AS BIGINT) AS d0to30,
            CAST(COALESCE(SUM(CASE WHEN i.doc_date <= \(bind: d30) AND i.doc_date > \(bind: d60) THEN i.residual ELSE 0 END), 0) AS BIGINT) AS d31to60,
            CAST(COALESCE(SUM(CASE WHEN i.doc_date <= \(bind: d60) AND i.doc_date > \(bind: d90) THEN i.residual ELSE 0 END), 0) AS BIGINT) AS d61to90,
            CAST(COALESCE(SUM(CASE WHEN i.doc_date <= \(bind: d90) THEN i.residual ELSE 0 END), 0) AS BIGINT) AS over90
            """
    }

    static func whereClause(_ s: Selection) -> SQLQueryString {
        var q: SQLQueryString =
            " FROM open_items i WHERE i.side = \(bind: s.side) AND i.residual <> 0 AND i.doc_date <= \(bind: s.asOf) AND "
        q += reach(s.scope, alias: "i")
        if let p = s.partnerId { q += " AND i.partner_id = \(bind: p)" }
        if let b = s.branchId { q += " AND i.branch_id = \(bind: b)" }
        return q
    }

    /// The aged rows, per partner (all of them), or per document or product (the first `limit`).
    public static func rows(_ s: Selection, by grouping: Grouping, limit: Int, on store: Store) async throws -> [Row] {
        var q: SQLQueryString
        switch grouping {
        case .partner: q = "SELECT i.partner_id, NULL AS key, NULL AS product_id, NULL AS doc_date, "
        case .document: q = "SELECT i.partner_id, i.doc_number AS key, NULL AS product_id, MIN(i.doc_date) AS doc_date, "
        case .product: q = "SELECT i.partner_id, NULL AS key, i.product_id, NULL AS doc_date, "
        }
        q += sums(asOf: s.asOf)
        q += whereClause(s)
        switch grouping {
        case .partner: q += " GROUP BY i.partner_id"
        case .document: q += " GROUP BY i.partner_id, i.doc_number ORDER BY MIN(i.doc_date), i.doc_number LIMIT \(literal: limit)"
        case .product: q += " GROUP BY i.partner_id, i.product_id ORDER BY open DESC LIMIT \(literal: limit)"
        }
        return try await store.all(q, as: Row.self)
    }

    /// The total of everything selected.
    public static func total(_ s: Selection, on store: Store) async throws -> Row {
        var t: SQLQueryString = "SELECT 0 AS partner_id, NULL AS key, NULL AS product_id, NULL AS doc_date, "
        t += sums(asOf: s.asOf)
        t += whereClause(s)
        return try await store.first(t, as: Row.self) ?? Row(partnerId: 0, open: 0, d0to30: 0, d31to60: 0, d61to90: 0, over90: 0)
    }

    /// Per partner: money received (ar) or paid (ap) in force and not yet applied.
    public static func credits(_ s: Selection, on store: Store) async throws -> [Int64: Int64] {
        struct C: Decodable { var partnerId: Int64; var v: Int64 }
        var c: SQLQueryString = """
            SELECT p.partner_id, CAST(SUM(p.amount - p.applied) AS BIGINT) AS v FROM payments p
            WHERE p.direction = \(bind: s.side == "ar" ? "in" : "out") AND p.status IN (\(states: PaymentFlow.open)) AND p.amount > p.applied AND
            """
        c += " "
        c += reach(s.scope, alias: "p")
        if let p = s.partnerId { c += " AND p.partner_id = \(bind: p)" }
        if let b = s.branchId { c += " AND p.branch_id = \(bind: b)" }
        c += " GROUP BY p.partner_id"
        return Dictionary(uniqueKeysWithValues: try await store.all(c, as: C.self).map { ($0.partnerId, $0.v) })
    }

    /// A partner's open items in reach, oldest first (at most 2000).
    public static func openItems(side: String, partner: Int64, _ scope: RowScope, on store: Store) async throws -> [OpenItemRow] {
        var q: SQLQueryString = """
            SELECT i.* FROM open_items i WHERE i.side = \(bind: side) AND i.partner_id = \(bind: partner) AND i.residual <> 0 AND
            """
        q += " "
        q += reach(scope, alias: "i")
        q += " ORDER BY i.doc_date, i.id LIMIT 2000"
        return try await store.all(q, as: OpenItemRow.self)
    }
}
