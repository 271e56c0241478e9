import DocumentsCore
import Kernel
import SQLKit

/// Collections and payments: their rows, what they settled, and the open items they may settle.
public enum PaymentQueries {
    /// Payments of a direction in scope, newest first, a page at a time.
    public static func list(
        direction: String, _ scope: RowScope, partner: Int64?, contract: Int64?, before: Int64?, limit: Int, on store: Store
    ) async throws -> [PaymentRow] {
        var q: SQLQueryString = "SELECT * FROM payments WHERE direction = \(bind: direction) AND "
        q += ScopeFilter.condition(scope, .init(branch: "branch_id", department: nil, owner: "owner_id"))
        if let partner { q += " AND partner_id = \(bind: partner)" }
        if let contract { q += " AND contract_id = \(bind: contract)" }
        if let before { q += " AND id < \(bind: before)" }
        q += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await store.all(q, as: PaymentRow.self)
    }

    /// A payment; `locked`: held until the transaction ends (money about to move).
    public static func payment(_ id: Int64, locked: Bool = false, on store: Store) async throws -> PaymentRow? {
        try await store.first("SELECT * FROM payments WHERE id = \(bind: id)" + (locked ? store.forUpdate : ""), as: PaymentRow.self)
    }

    /// What a payment settles now, per item (takings back netted).
    public struct Applied: Sendable, Codable, Equatable {
        public var itemId: Int64
        public var docNumber: String
        /// nil for an opening balance.
        public var productId: Int64?
        public var amount: Int64
    }

    public static func applied(ofPayment id: Int64, on store: Store) async throws -> [Applied] {
        try await store.all(
            """
            SELECT s.item_id, i.doc_number, i.product_id, CAST(SUM(s.amount) AS BIGINT) AS amount FROM settlements s JOIN open_items i ON i.id = s.item_id
            WHERE s.payment_id = \(bind: id) GROUP BY s.item_id, i.doc_number, i.product_id HAVING SUM(s.amount) <> 0 ORDER BY s.item_id
            """, as: Applied.self)
    }

    /// What a payment put on installments of payment plans, in order.
    public static func allocations(ofPayment id: Int64, on store: Store) async throws -> [(installmentId: Int64, amount: Int64)] {
        struct A: Decodable { var installmentId: Int64; var amount: Int64 }
        return try await store.all(
            "SELECT installment_id, amount FROM installment_allocations WHERE payment_id = \(bind: id) ORDER BY id", as: A.self
        ).map { ($0.installmentId, $0.amount) }
    }

    public static func settlements(ofPayment id: Int64, on store: Store) async throws -> [SettlementRow] {
        try await store.all("SELECT * FROM settlements WHERE payment_id = \(bind: id)", as: SettlementRow.self)
    }

    public struct OpenDocument: Decodable, Sendable {
        public var source: String
        public var docId: Int64
        public var docNumber: String
        public var open: Int64
    }

    /// A partner's documents with something open, in reach, oldest first.
    public static func openDocuments(side: String, partner: Int64, _ scope: RowScope, on store: Store) async throws -> [OpenDocument] {
        try await store.all(
            """
            SELECT source, doc_id, doc_number, CAST(SUM(residual) AS BIGINT) AS open FROM open_items
            WHERE side = \(bind: side) AND partner_id = \(bind: partner) AND residual > 0 AND \(AgeingQueries.reach(scope, alias: "open_items"))
            GROUP BY source, doc_id, doc_number ORDER BY MIN(doc_date), doc_id LIMIT 200
            """, as: OpenDocument.self)
    }

    /// The products on a partner's open items, in reach.
    public static func openProducts(side: String, partner: Int64, _ scope: RowScope, on store: Store) async throws -> [Int64] {
        struct P: Decodable { var productId: Int64 }
        return try await store.all(
            """
            SELECT DISTINCT product_id FROM open_items WHERE side = \(bind: side) AND partner_id = \(bind: partner) AND residual > 0 AND product_id IS NOT NULL AND \(AgeingQueries.reach(scope, alias: "open_items")) LIMIT 200
            """, as: P.self
        ).map(\.productId)
    }

    /// Which of a partner's open items a payment is after.
    public enum Target: Sendable {
        case all
        case document(source: String, id: Int64)
        case product(Int64)
    }

    /// A partner's open items in reach (of the payment's contract or of none, when it names one),
    /// oldest first, locked until the transaction ends.
    public static func openItemsLocked(
        side: String, partner: Int64, contract: Int64?, _ scope: RowScope, _ target: Target, on store: Store
    ) async throws -> [OpenItemRow] {
        var q: SQLQueryString =
            "SELECT * FROM open_items WHERE side = \(bind: side) AND partner_id = \(bind: partner) AND residual > 0 AND \(AgeingQueries.reach(scope, alias: "open_items"))"
        if let contract { q += " AND (contract_id = \(bind: contract) OR contract_id IS NULL)" }
        switch target {
        case .all: break
        case let .document(source, id): q += " AND source = \(bind: source) AND doc_id = \(bind: id)"
        case let .product(id): q += " AND product_id = \(bind: id)"
        }
        q += " ORDER BY doc_date, id"
        q += store.forUpdate
        return try await store.all(q, as: OpenItemRow.self)
    }

    /// The number of a partner's document in reach, settled or not.
    public static func documentNumber(
        source: String, id: Int64, side: String, partner: Int64, _ scope: RowScope, on store: Store
    ) async throws -> String? {
        struct N: Decodable { var docNumber: String }
        return try await store.first(
            """
            SELECT doc_number FROM open_items WHERE source = \(bind: source) AND doc_id = \(bind: id) AND side = \(bind: side)
            AND partner_id = \(bind: partner) AND \(AgeingQueries.reach(scope, alias: "open_items")) LIMIT 1
            """, as: N.self)?.docNumber
    }

    /// A contract's installments not fully collected, in order, locked until the transaction ends.
    public static func openInstallmentsLocked(ofContract id: Int64, on store: Store) async throws -> [InstallmentRow] {
        try await store.all(
            "SELECT * FROM installments WHERE contract_id = \(bind: id) AND settled < amount ORDER BY seq" + store.forUpdate,
            as: InstallmentRow.self)
    }
}

/// Writes of collections and payments, inside the services' transactions.
public enum PaymentWrites {
    /// A payment as validated.
    public struct Payment: Sendable {
        public var number: String
        public var direction: String
        public var branchId: Int64
        public var partnerId: Int64
        public var contractId: Int64?
        public var date: String
        public var amount: Int64
        public var method: String
        public var reference: String?
        public var ownerId: Int64?
        public var note: String?
        public init(
            number: String, direction: String, branchId: Int64, partnerId: Int64, contractId: Int64?, date: String, amount: Int64,
            method: String,
            reference: String?, ownerId: Int64?, note: String?
        ) {
            self.number = number
            self.direction = direction
            self.branchId = branchId
            self.partnerId = partnerId
            self.contractId = contractId
            self.date = date
            self.amount = amount
            self.method = method
            self.reference = reference
            self.ownerId = ownerId
            self.note = note
        }
    }

    public static func insert(_ v: Payment, at now: Int64, on store: Store) async throws -> Int64 {
        try await store.insertReturningID(
            """
            INSERT INTO payments (number, direction, status, branch_id, partner_id, contract_id, payment_date, amount, applied, method, reference, owner_id, note,
                version, created_at, updated_at)
            VALUES (\(bind: v.number), \(bind: v.direction), \(state: PaymentFlow.State.posted), \(bind: v.branchId), \(bind: v.partnerId), \(bind: v.contractId), \(bind: v.date),
                \(bind: v.amount), 0, \(bind: v.method), \(bind: v.reference), \(bind: v.ownerId),
                \(bind: v.note), 1, \(bind: now), \(bind: now))
            """)
    }

    public static func addApplied(toPayment id: Int64, _ amount: Int64, at now: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE payments SET applied = applied + \(bind: amount), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)"
        )
    }

    /// Puts `amount` of a payment on an installment.
    public static func allocate(payment: Int64, installment: Int64, amount: Int64, on store: Store) async throws {
        try await store.run("UPDATE installments SET settled = settled + \(bind: amount) WHERE id = \(bind: installment)")
        try await store.run(
            "INSERT INTO installment_allocations (payment_id, installment_id, amount) VALUES (\(bind: payment), \(bind: installment), \(bind: amount))"
        )
    }

    /// Takes back everything a payment put on installments.
    public static func unallocate(payment: Int64, on store: Store) async throws {
        for a in try await PaymentQueries.allocations(ofPayment: payment, on: store) {
            try await store.run("UPDATE installments SET settled = settled - \(bind: a.amount) WHERE id = \(bind: a.installmentId)")
        }
        try await store.run("DELETE FROM installment_allocations WHERE payment_id = \(bind: payment)")
    }

    /// A cancelled payment applies nothing.
    public static func markCancelled(payment id: Int64, _ to: PaymentFlow.State, at now: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE payments SET status = \(state: to), applied = 0, version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)"
        )
    }
}
