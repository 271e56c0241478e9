import DocumentsCore
import Kernel
import SQLKit

/// Transfer prices between branches and the transfers themselves: reads and writes.
public enum BranchTradeQueries {
    public static func rules(on store: Store) async throws -> [TransferPriceRow] {
        try await store.all("SELECT * FROM transfer_prices ORDER BY from_branch_id, to_branch_id", as: TransferPriceRow.self)
    }

    public static func rule(_ id: Int64, on store: Store) async throws -> TransferPriceRow? {
        try await store.first("SELECT * FROM transfer_prices WHERE id = \(bind: id)", as: TransferPriceRow.self)
    }

    public static func rule(from: Int64, to: Int64, on store: Store) async throws -> TransferPriceRow? {
        try await store.first(
            "SELECT * FROM transfer_prices WHERE from_branch_id = \(bind: from) AND to_branch_id = \(bind: to)", as: TransferPriceRow.self)
    }

    public static func transfer(_ id: Int64, on store: Store) async throws -> BranchTransferRow? {
        try await store.first("SELECT * FROM branch_transfers WHERE id = \(bind: id)", as: BranchTransferRow.self)
    }

    public static func lines(ofTransfer id: Int64, on store: Store) async throws -> [BranchTransferLineRow] {
        try await store.all(
            "SELECT * FROM branch_transfer_lines WHERE transfer_id = \(bind: id) ORDER BY id", as: BranchTransferLineRow.self)
    }

    /// Transfers leaving or reaching a branch in scope, newest first, a page at a time.
    public static func transfers(
        _ scope: RowScope, status: String?, before: Int64?, limit: Int, on store: Store
    ) async throws
        -> [BranchTransferRow]
    {
        var q: SQLQueryString = "SELECT * FROM branch_transfers WHERE ("
        q += ScopeFilter.condition(scope, .init(branch: "from_branch_id", department: nil, owner: nil))
        q += " OR "
        q += ScopeFilter.condition(scope, .init(branch: "to_branch_id", department: nil, owner: nil))
        q += ")"
        if let status, !status.isEmpty { q += " AND status = \(bind: status)" }
        if let before { q += " AND id < \(bind: before)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: BranchTransferRow.self)
    }

    /// A transfer line whose sending cost is no longer the cost it was priced at.
    public struct CostChanged: Decodable, Sendable {
        public var id: Int64
        public var transferId: Int64
        public var productId: Int64
        public var deliveryLineId: Int64
        public var receiptLineId: Int64
        public var cost: Int64
        public var amount: Int64
        public var costValue: Int64
    }

    public static func costChanged(ofProducts ids: [Int64], on store: Store) async throws -> [CostChanged] {
        guard !ids.isEmpty else { return [] }
        return try await store.all(
            """
            SELECT t.id, t.transfer_id, t.product_id, t.delivery_line_id, t.receipt_line_id, t.cost, t.amount, COALESCE(l.cost_value, 0) AS cost_value
            FROM branch_transfer_lines t JOIN stock_document_lines l ON l.id = t.delivery_line_id
            WHERE t.product_id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) AND COALESCE(l.cost_value, 0) <> t.cost
            """, as: CostChanged.self)
    }
}

public enum BranchTradeWrites {
    /// The price rule from one branch to another replaces the one before; answers its id.
    public static func setRule(
        from: Int64, to: Int64, method: String, markup: Int64, priceList: Int64?, at now: Int64, on store: Store
    ) async throws -> Int64 {
        try await store.run("DELETE FROM transfer_prices WHERE from_branch_id = \(bind: from) AND to_branch_id = \(bind: to)")
        return try await store.insertReturningID(
            """
            INSERT INTO transfer_prices (from_branch_id, to_branch_id, method, markup, price_list_id, updated_at)
            VALUES (\(bind: from), \(bind: to), \(bind: method), \(bind: markup), \(bind: priceList), \(bind: now))
            """)
    }

    /// A transfer sent: in transit, with its lines (delivery line, receipt line, quantity, cost, amount).
    public struct Sent: Sendable {
        public struct Line: Sendable {
            public var productId: Int64
            public var deliveryLineId: Int64
            public var receiptLineId: Int64
            public var baseQty: Int64
            public var cost: Int64
            public var amount: Int64
            public init(productId: Int64, deliveryLineId: Int64, receiptLineId: Int64, baseQty: Int64, cost: Int64, amount: Int64) {
                self.productId = productId
                self.deliveryLineId = deliveryLineId
                self.receiptLineId = receiptLineId
                self.baseQty = baseQty
                self.cost = cost
                self.amount = amount
            }
        }
        public var number: String
        public var fromBranch: Int64
        public var toBranch: Int64
        public var fromWarehouse: Int64
        public var toWarehouse: Int64
        public var sentDate: String
        public var deliveryId: Int64
        public var receiptId: Int64
        public var method: String
        public var markup: Int64
        public var totalCost: Int64
        public var totalAmount: Int64
        public var createdBy: Int64?
        public var lines: [Line]
        public init(
            number: String, fromBranch: Int64, toBranch: Int64, fromWarehouse: Int64, toWarehouse: Int64, sentDate: String,
            deliveryId: Int64,
            receiptId: Int64, method: String, markup: Int64, totalCost: Int64, totalAmount: Int64, createdBy: Int64?, lines: [Line]
        ) {
            self.number = number
            self.fromBranch = fromBranch
            self.toBranch = toBranch
            self.fromWarehouse = fromWarehouse
            self.toWarehouse = toWarehouse
            self.sentDate = sentDate
            self.deliveryId = deliveryId
            self.receiptId = receiptId
            self.method = method
            self.markup = markup
            self.totalCost = totalCost
            self.totalAmount = totalAmount
            self.createdBy = createdBy
            self.lines = lines
        }
    }

    public static func insert(_ t: Sent, at now: Int64, on store: Store) async throws -> Int64 {
        let id = try await store.insertReturningID(
            """
            INSERT INTO branch_transfers (number, status, from_branch_id, to_branch_id, from_warehouse_id, to_warehouse_id, sent_date, delivery_id, receipt_id,
                method, markup, total_cost, total_amount, created_by, created_at, version)
            VALUES (\(bind: t.number), \(state: BranchTransferFlow.State.inTransit), \(bind: t.fromBranch), \(bind: t.toBranch), \(bind: t.fromWarehouse), \(bind: t.toWarehouse), \(bind: t.sentDate), \(bind: t.deliveryId),
                \(bind: t.receiptId), \(bind: t.method), \(bind: t.markup), \(bind: t.totalCost), \(bind: t.totalAmount), \(bind: t.createdBy), \(bind: now), 1)
            """)
        for l in t.lines {
            try await store.run(
                """
                INSERT INTO branch_transfer_lines (transfer_id, product_id, delivery_line_id, receipt_line_id, base_qty, cost, amount)
                VALUES (\(bind: id), \(bind: l.productId), \(bind: l.deliveryLineId), \(bind: l.receiptLineId), \(bind: l.baseQty), \(bind: l.cost), \(bind: l.amount))
                """)
        }
        return id
    }

    public static func received(_ id: Int64, _ to: BranchTransferFlow.State, on date: String, on store: Store) async throws {
        try await store.run(
            "UPDATE branch_transfers SET status = \(state: to), received_date = \(bind: date), version = version + 1 WHERE id = \(bind: id)"
        )
    }

    /// A line re-priced after its sending cost changed (`amount` nil: the price stays).
    public static func reprice(line id: Int64, cost: Int64, amount: Int64?, on store: Store) async throws {
        if let amount {
            try await store.run("UPDATE branch_transfer_lines SET cost = \(bind: cost), amount = \(bind: amount) WHERE id = \(bind: id)")
        } else {
            try await store.run("UPDATE branch_transfer_lines SET cost = \(bind: cost) WHERE id = \(bind: id)")
        }
    }

    public static func addToTotals(ofTransfer id: Int64, cost: Int64, amount: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE branch_transfers SET total_cost = total_cost + \(bind: cost), total_amount = total_amount + \(bind: amount), version = version + 1
            WHERE id = \(bind: id)
            """)
    }
}
