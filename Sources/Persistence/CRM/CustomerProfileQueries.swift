import DocumentsCore
import Kernel
import SQLKit

/// What the customer's 360° page and the home page read beyond the customer row: its trade with
/// the company, in the reader's scope, and its moves between owners and pools.
extension CRMQueries {
    /// Per contract: the planned, collected and (by `today`) due amounts of its payment plan.
    public struct PlanSums: Decodable, Sendable, Equatable {
        public var contractId: Int64
        public var planned: Int64
        public var collected: Int64
        public var due: Int64
    }

    public static func planSums(contractIds: [Int64], today: String, on store: Store) async throws -> [Int64: PlanSums] {
        guard !contractIds.isEmpty else { return [:] }
        let rows = try await store.all(
            """
            SELECT contract_id, CAST(SUM(amount) AS BIGINT) AS planned, CAST(SUM(settled) AS BIGINT) AS collected,
                CAST(SUM(CASE WHEN due_date <= \(bind: today) THEN amount ELSE 0 END) AS BIGINT) AS due
            FROM installments WHERE contract_id IN (\(binds: contractIds.map { $0 as any Encodable & Sendable })) GROUP BY contract_id
            """, as: PlanSums.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.contractId, $0) })
    }

    /// A related organisation's trade, for the group roll-up: sales contracts in force (count and
    /// total), sales invoices issued and what is still owed, each within the reader's scope for
    /// contracts (`contracts`) and cash (`cash`); nil scope: the figure is not read.
    public struct GroupFigures: Sendable, Equatable {
        public var contracts: Int64 = 0
        public var contractAmount: Int64 = 0
        public var invoiced: Int64 = 0
        public var receivable: Int64 = 0
        public init() {}
    }

    public static func groupFigures(
        ids: [Int64], contracts: RowScope?, cash: RowScope?, on store: Store
    ) async throws -> [Int64: GroupFigures] {
        guard !ids.isEmpty else { return [:] }
        let list = ids.map { $0 as any Encodable & Sendable }
        var out: [Int64: GroupFigures] = [:]
        struct Sum: Decodable { var partnerId: Int64; var n: Int64; var total: Int64 }
        if let scope = contracts {
            let rows = try await store.all(
                "SELECT partner_id, COUNT(*) AS n, CAST(COALESCE(SUM(total_amount), 0) AS BIGINT) AS total FROM contracts c WHERE c.kind = 'sales'"
                    + " AND c.status IN (\(states: ContractFlow.inForce)) AND c.partner_id IN (\(binds: list)) AND "
                    + ScopeFilter.condition(scope, .init(branch: "c.branch_id", department: "c.department_id", owner: "c.owner_id"))
                    + " GROUP BY partner_id", as: Sum.self)
            for r in rows {
                out[r.partnerId, default: .init()].contracts = r.n; out[r.partnerId, default: .init()].contractAmount = r.total
            }
        }
        if let scope = cash {
            let invoiced = try await store.all(
                "SELECT partner_id, COUNT(*) AS n, CAST(COALESCE(SUM(total_amount), 0) AS BIGINT) AS total FROM invoices i WHERE i.side = 'ar'"
                    + " AND i.status IN (\(states: InvoiceFlow.open)) AND i.partner_id IN (\(binds: list)) AND "
                    + AgeingQueries.reach(scope, alias: "i") + " GROUP BY partner_id", as: Sum.self)
            for r in invoiced { out[r.partnerId, default: .init()].invoiced = r.total }
            let owed = try await store.all(
                "SELECT partner_id, COUNT(*) AS n, CAST(COALESCE(SUM(residual), 0) AS BIGINT) AS total FROM open_items o WHERE o.side = 'ar'"
                    + " AND o.partner_id IN (\(binds: list)) AND " + AgeingQueries.reach(scope, alias: "o") + " GROUP BY partner_id",
                as: Sum.self)
            for r in owed { out[r.partnerId, default: .init()].receivable = r.total }
        }
        return out
    }

    /// A partner's latest orders of either kind that `scope` reaches.
    public static func orders(partnerId: Int64, scope: RowScope, limit: Int, on store: Store) async throws -> [OrderRow] {
        var q: SQLQueryString = "SELECT * FROM orders WHERE partner_id = \(bind: partnerId) AND "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: "owner_id"))
        q += " ORDER BY order_date DESC, id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: OrderRow.self)
    }

    /// A partner's latest stock documents that `scope` reaches.
    public static func stockDocuments(partnerId: Int64, scope: RowScope, limit: Int, on store: Store) async throws -> [StockDocumentRow] {
        var q: SQLQueryString = "SELECT * FROM stock_documents WHERE partner_id = \(bind: partnerId) AND "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: "owner_id"))
        q += " ORDER BY posting_date DESC, id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: StockDocumentRow.self)
    }

    /// A customer's moves between owners and pools, newest first.
    public static func poolMoves(partnerId: Int64, limit: Int, on store: Store) async throws -> [PoolMoveRow] {
        try await store.all(
            "SELECT * FROM pool_moves WHERE partner_id = \(bind: partnerId) ORDER BY at DESC, id DESC LIMIT \(literal: limit)",
            as: PoolMoveRow.self)
    }

    /// The customers an owner should have followed up by `today`, the most overdue first.
    public static func followUpsDue(ownerId: Int64, today: String, limit: Int, on store: Store) async throws -> [PartnerRow] {
        try await store.all(
            """
            SELECT * FROM partners WHERE is_customer = \(bind: true) AND owner_id = \(bind: ownerId) AND next_follow_up <= \(bind: today)
            ORDER BY next_follow_up, id LIMIT \(literal: limit)
            """, as: PartnerRow.self)
    }

    /// An owner's customers with a follow-up planned between two dates (inclusive), by date.
    public static func followUps(ownerId: Int64, from: String, through: String, limit: Int, on store: Store) async throws -> [PartnerRow] {
        try await store.all(
            """
            SELECT * FROM partners WHERE is_customer = \(bind: true) AND owner_id = \(bind: ownerId)
                AND next_follow_up >= \(bind: from) AND next_follow_up <= \(bind: through)
            ORDER BY next_follow_up, id LIMIT \(literal: limit)
            """, as: PartnerRow.self)
    }

    /// Partner names by id.
    public static func partnerNames(_ ids: [Int64], on store: Store) async throws -> [Int64: String] {
        try await AccessQueries.names("SELECT id, name FROM partners", ids, on: store)
    }
}
