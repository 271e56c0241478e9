import DocumentsCore
import Kernel
import SQLKit

/// Reads for branch accounting: what a switch of accounting moves, what the head-office view and
/// the branch results count.
public enum BranchQueries {
    /// A balance of stock: a product and batch in a warehouse, its quantity and value.
    public struct Balance: Sendable, Equatable, Codable {
        public var productId: Int64
        public var warehouseId: Int64
        public var batch: String
        public var qty: Int64
        public var value: Int64
        public init(productId: Int64, warehouseId: Int64, batch: String, qty: Int64, value: Int64) {
            self.productId = productId
            self.warehouseId = warehouseId
            self.batch = batch
            self.qty = qty
            self.value = value
        }
    }

    /// The balances of these warehouses that hold anything.
    public static func balances(inWarehouses ids: [Int64], on store: Store) async throws -> [Balance] {
        guard !ids.isEmpty else { return [] }
        return try await store.all(
            """
            SELECT product_id, warehouse_id, batch, CAST(qty AS BIGINT) AS qty, CAST(value AS BIGINT) AS value FROM stock_balances
            WHERE warehouse_id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) AND (qty <> 0 OR value <> 0) ORDER BY warehouse_id, product_id, batch
            """, as: Balance.self)
    }

    /// How many documents posted to these warehouses on or after a date.
    public static func documentsPosted(inWarehouses ids: [Int64], since date: String, on store: Store) async throws -> Int64 {
        guard !ids.isEmpty else { return 0 }
        return try await store.scalar(
            """
            SELECT COUNT(DISTINCT e.document_id) AS n FROM stock_entries e WHERE e.warehouse_id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) AND e.posting_date >= \(bind: date)
            """, as: Int64.self) ?? 0
    }

    /// What is open of a branch's receivables (`ar`) and payables (`ap`).
    public static func open(ofBranch id: Int64, on store: Store) async throws -> [String: Int64] {
        struct S: Decodable { var side: String; var v: Int64 }
        let rows = try await store.all(
            """
            SELECT side, CAST(COALESCE(SUM(residual), 0) AS BIGINT) AS v FROM open_items WHERE branch_id = \(bind: id) AND residual <> 0 GROUP BY side
            """, as: S.self)
        return Dictionary(rows.map { ($0.side, $0.v) }, uniquingKeysWith: +)
    }

    /// An open item between branches of the company (its partner is one of them).
    public struct InternalBalance: Decodable, Sendable {
        public var branchId: Int64
        public var side: String
        public var docDate: String
        public var residual: Int64
    }

    public static func internalBalances(upTo end: String, on store: Store) async throws -> [InternalBalance] {
        try await store.all(
            """
            SELECT i.branch_id, i.side, i.doc_date, i.residual FROM open_items i JOIN partners p ON p.id = i.partner_id
            WHERE p.internal_branch_id IS NOT NULL AND i.residual <> 0 AND i.doc_date <= \(bind: end)
            """, as: InternalBalance.self)
    }

    /// A line of a received inter-branch transfer: its quantity, the transfer value and the sender's cost.
    public struct ReceivedLine: Decodable, Sendable {
        public var fromBranchId: Int64
        public var toBranchId: Int64
        public var toWarehouseId: Int64
        public var receivedDate: String
        public var productId: Int64
        public var baseQty: Int64
        public var cost: Int64
        public var amount: Int64
    }

    public static func receivedTransferLines(on store: Store) async throws -> [ReceivedLine] {
        try await store.all(
            """
            SELECT t.from_branch_id, t.to_branch_id, t.to_warehouse_id, t.received_date, l.product_id, l.base_qty, l.cost, l.amount
            FROM branch_transfer_lines l JOIN branch_transfers t ON t.id = l.transfer_id WHERE t.status = \(state: BranchTransferFlow.State.received)
            """, as: ReceivedLine.self)
    }

    /// A month's net movement of a product in a warehouse (month: yyyy-MM).
    public struct MonthMove: Decodable, Sendable {
        public var productId: Int64
        public var warehouseId: Int64
        public var month: String
        public var qty: Int64
    }

    public static func monthlyMoves(ofProducts ids: [Int64], on store: Store) async throws -> [MonthMove] {
        guard !ids.isEmpty else { return [] }
        return try await store.all(
            """
            SELECT product_id, warehouse_id, SUBSTR(posting_date, 1, 7) AS month, CAST(SUM(qty) AS BIGINT) AS qty FROM stock_entries
            WHERE product_id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) GROUP BY product_id, warehouse_id, SUBSTR(posting_date, 1, 7)
            """, as: MonthMove.self)
    }

    /// Collections in force per branch and day.
    public struct Day: Decodable, Sendable {
        public var branchId: Int64
        public var day: String
        public var amount: Int64
    }

    public static func collectionsByDay(from: String, to: String, on store: Store) async throws -> [Day] {
        try await store.all(
            """
            SELECT branch_id, payment_date AS day, CAST(SUM(amount) AS BIGINT) AS amount FROM payments
            WHERE direction = 'in' AND status IN (\(states: PaymentFlow.open)) AND payment_date >= \(bind: from) AND payment_date <= \(bind: to) GROUP BY branch_id, payment_date
            """, as: Day.self)
    }

    struct PerBranch: Decodable { var branchId: Int64; var v: Int64 }

    static func perBranch(_ q: SQLQueryString, on store: Store) async throws -> [Int64: Int64] {
        Dictionary(try await store.all(q, as: PerBranch.self).map { ($0.branchId, $0.v) }, uniquingKeysWith: +)
    }

    /// Stock value per branch.
    public static func stockValue(on store: Store) async throws -> [Int64: Int64] {
        try await perBranch(
            """
            SELECT w.branch_id, CAST(COALESCE(SUM(b.value), 0) AS BIGINT) AS v FROM stock_balances b JOIN warehouses w ON w.id = b.warehouse_id GROUP BY w.branch_id
            """, on: store)
    }

    /// Products under their safety stock per branch.
    public static func belowSafety(on store: Store) async throws -> [Int64: Int64] {
        try await perBranch(
            """
            SELECT w.branch_id, COUNT(*) AS v FROM stock_levels l JOIN warehouses w ON w.id = l.warehouse_id
            LEFT JOIN (SELECT product_id, warehouse_id, SUM(qty) AS qty FROM stock_balances GROUP BY product_id, warehouse_id) b
                ON b.product_id = l.product_id AND b.warehouse_id = l.warehouse_id
            WHERE COALESCE(b.qty, 0) < l.safety_qty GROUP BY w.branch_id
            """, on: store)
    }

    /// Installments of contracts in force past due and not fully collected, per branch.
    public static func overdueInstallments(today: String, on store: Store) async throws -> [Int64: Int64] {
        try await perBranch(
            """
            SELECT c.branch_id, COUNT(*) AS v FROM installments i JOIN contracts c ON c.id = i.contract_id
            WHERE i.due_date < \(bind: today) AND i.settled < i.amount AND c.status IN (\(states: ContractFlow.inForce)) GROUP BY c.branch_id
            """, on: store)
    }

    /// The value of transfers on their way in, per receiving branch.
    public static func inTransit(on store: Store) async throws -> [Int64: Int64] {
        try await perBranch(
            """
            SELECT w.branch_id, CAST(COALESCE(SUM(t.total_amount), 0) AS BIGINT) AS v FROM branch_transfers t JOIN warehouses w ON w.id = t.to_warehouse_id
            WHERE t.status = \(state: BranchTransferFlow.State.inTransit) GROUP BY w.branch_id
            """, on: store)
    }
}
