import DocumentsCore
import Kernel
import SQLKit

/// The figures of the home page (工作台), each within the reader's scope: what waits for a
/// salesperson, a warehouse keeper and finance today.
public enum WorkbenchQueries {
    /// How many, and for how much (fen) when it is money.
    public struct Figure: Decodable, Sendable, Equatable {
        public var n: Int64
        public var amount: Int64?
        public init(n: Int64, amount: Int64?) {
            self.n = n
            self.amount = amount
        }
    }

    public struct Task: Decodable, Sendable {
        public var id: Int64
        public var title: String
        public var startsAt: Int64
    }

    /// One's open tasks starting before `before` (the end of today), soonest first: today's and the overdue.
    public static func tasks(owner: Int64, before: Int64, limit: Int, on store: Store) async throws -> [Task] {
        try await store.all(
            """
            SELECT id, title, starts_at FROM tasks WHERE owner_id = \(bind: owner) AND done_at IS NULL AND starts_at < \(bind: before)
            ORDER BY starts_at, id LIMIT \(literal: limit)
            """, as: Task.self)
    }

    /// Open opportunities in scope: how many and their amount.
    public static func pipeline(_ scope: RowScope, on store: Store) async throws -> Figure {
        var q: SQLQueryString = "SELECT COUNT(*) AS n, CAST(SUM(amount) AS BIGINT) AS amount FROM opportunities WHERE outcome = 'open' AND "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: "department_id", owner: "owner_id"))
        return try await store.first(q, as: Figure.self) ?? Figure(n: 0, amount: 0)
    }

    /// Sales contracts signed from `from` to `to` (inclusive) and in force (active, completed or expired), in scope.
    public static func signed(from: String, to: String, _ scope: RowScope, on store: Store) async throws -> Figure {
        var q: SQLQueryString = """
            SELECT COUNT(*) AS n, CAST(SUM(total_amount) AS BIGINT) AS amount FROM contracts
            WHERE kind = 'sales' AND sign_date >= \(bind: from) AND sign_date <= \(bind: to)
            AND status IN (\(states: ContractFlow.inForce)) AND
            """
        q += " "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: "department_id", owner: "owner_id"))
        return try await store.first(q, as: Figure.self) ?? Figure(n: 0, amount: 0)
    }

    /// Stock documents saved and not yet posted, in scope.
    public static func draftStockDocuments(_ scope: RowScope, on store: Store) async throws -> Figure {
        var q: SQLQueryString = "SELECT COUNT(*) AS n FROM stock_documents WHERE status = \(state: StockDocumentFlow.State.draft) AND "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: "owner_id"))
        return try await store.first(q, as: Figure.self) ?? Figure(n: 0, amount: nil)
    }

    /// Inter-branch transfers sent and not yet received, to or from a branch in scope.
    public static func inTransit(_ scope: RowScope, on store: Store) async throws -> Figure {
        var q: SQLQueryString =
            "SELECT COUNT(*) AS n, CAST(SUM(total_amount) AS BIGINT) AS amount FROM branch_transfers WHERE status = \(state: BranchTransferFlow.State.inTransit) AND ("
        q += ScopeFilter.condition(scope, .init(branch: "to_branch_id", department: nil, owner: nil))
        q += " OR "
        q += ScopeFilter.condition(scope, .init(branch: "from_branch_id", department: nil, owner: nil))
        q += ")"
        return try await store.first(q, as: Figure.self) ?? Figure(n: 0, amount: 0)
    }

    /// Deliveries to customers not yet fully invoiced, in reach: how many documents and the amount left.
    public static func uninvoicedDeliveries(_ scope: RowScope, on store: Store) async throws -> Figure {
        try await store.first(
            """
            SELECT COUNT(DISTINCT doc_id) AS n, CAST(SUM(amount - invoiced) AS BIGINT) AS amount FROM open_items
            WHERE source = 'stock' AND side = 'ar' AND amount > invoiced AND \(AgeingQueries.reach(scope, alias: "open_items"))
            """, as: Figure.self) ?? Figure(n: 0, amount: 0)
    }

    /// Money received and not yet applied to what it pays, in reach.
    public static func unapplied(_ scope: RowScope, on store: Store) async throws -> Figure {
        try await store.first(
            """
            SELECT COUNT(*) AS n, CAST(SUM(amount - applied) AS BIGINT) AS amount FROM payments
            WHERE direction = 'in' AND status = \(state: PaymentFlow.State.posted) AND amount > applied AND \(AgeingQueries.reach(scope, alias: "payments"))
            """, as: Figure.self) ?? Figure(n: 0, amount: 0)
    }
}
