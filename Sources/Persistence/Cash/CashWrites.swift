import DocumentsCore
import Kernel
import SQLKit

/// Writes to invoices, payments and the open items, inside the services' transactions.
public enum CashWrites {
    /// An open item of a posted delivery or receipt line.
    public struct StockItem: Sendable {
        public var side: String
        public var partnerId: Int64
        public var branchId: Int64
        public var contractId: Int64?
        public var docId: Int64
        public var docNumber: String
        public var lineId: Int64
        public var productId: Int64
        public var docDate: String
        public var amount: Int64
        public var invoiced: Int64
        public init(
            side: String, partnerId: Int64, branchId: Int64, contractId: Int64?, docId: Int64, docNumber: String, lineId: Int64,
            productId: Int64,
            docDate: String, amount: Int64, invoiced: Int64
        ) {
            self.side = side
            self.partnerId = partnerId
            self.branchId = branchId
            self.contractId = contractId
            self.docId = docId
            self.docNumber = docNumber
            self.lineId = lineId
            self.productId = productId
            self.docDate = docDate
            self.amount = amount
            self.invoiced = invoiced
        }
    }

    /// Writes the items in one statement; a line that owes already keeps its item.
    public static func insert(stockItems items: [StockItem], on store: Store) async throws {
        guard !items.isEmpty else { return }
        var q: SQLQueryString = """
            INSERT INTO open_items (side, source, partner_id, branch_id, contract_id, doc_id, doc_number, line_id, product_id, doc_date, amount, invoiced, settled, residual)
            VALUES
            """
        for (i, r) in items.enumerated() {
            q += i == 0 ? " " : ", "
            q += """
                (\(bind: r.side), 'stock', \(bind: r.partnerId), \(bind: r.branchId), \(bind: r.contractId), \(bind: r.docId), \(bind: r.docNumber),
                 \(bind: r.lineId), \(bind: r.productId), \(bind: r.docDate), \(bind: r.amount), \(bind: r.invoiced), 0, \(bind: try r.amount.minus(r.invoiced)))
                """
        }
        q += " ON CONFLICT (source, line_id) DO NOTHING"
        try await store.run(q)
    }

    /// An open receivable or payable of the old books (期初): one document of theirs, no product;
    /// its document and line ids are its own sequence among opening items.
    public static func insertOpening(
        side: String, partnerId: Int64, branchId: Int64, docNumber: String, docDate: String, amount: Int64, on store: Store
    ) async throws -> Int64 {
        let next: SQLQueryString = "(SELECT COALESCE(MAX(line_id), 0) + 1 FROM open_items WHERE source = 'opening')"
        return try await store.insertReturningID(
            """
            INSERT INTO open_items (side, source, partner_id, branch_id, contract_id, doc_id, doc_number, line_id, product_id, doc_date, amount, invoiced, settled, residual)
            VALUES (\(bind: side), 'opening', \(bind: partnerId), \(bind: branchId), NULL, \(next), \(bind: docNumber), \(next), NULL, \(bind: docDate),
                \(bind: amount), 0, 0, \(bind: amount))
            """)
    }

    /// Deletes an opening item nothing has settled; false when something has (or it is not one).
    public static func deleteOpening(_ id: Int64, on store: Store) async throws -> Bool {
        struct N: Decodable { var n: Int64 }
        let used = try await store.first("SELECT COUNT(*) AS n FROM settlements WHERE item_id = \(bind: id)", as: N.self)
        guard used?.n == 0 else { return false }
        return try await store.first(
            "DELETE FROM open_items WHERE id = \(bind: id) AND source = 'opening' AND settled = 0 RETURNING id", as: Deleted.self) != nil
    }

    struct Deleted: Decodable { var id: Int64 }

    /// Uses `amount` of what a contract line was invoiced in advance.
    public static func useAdvance(ofContractLine id: Int64, _ amount: Int64, on store: Store) async throws {
        try await store.run("UPDATE contract_lines SET advance_open = advance_open - \(bind: amount) WHERE id = \(bind: id)")
    }

    /// Deletes items with what once touched them (settlements and invoice matches since undone).
    public static func remove(items ids: [Int64], on store: Store) async throws {
        guard !ids.isEmpty else { return }
        let binds = ids.map { $0 as any Encodable & Sendable }
        try await store.run("DELETE FROM settlements WHERE item_id IN (\(binds: binds))")
        try await store.run("DELETE FROM invoice_matches WHERE item_id IN (\(binds: binds))")
        try await store.run("DELETE FROM open_items WHERE id IN (\(binds: binds))")
    }

    /// `amount` of an item is billed (by an invoice).
    public static func bill(item id: Int64, _ amount: Int64, on store: Store) async throws {
        try await store.run(
            "UPDATE open_items SET invoiced = invoiced + \(bind: amount), residual = residual - \(bind: amount) WHERE id = \(bind: id)")
    }

    /// Records money of a payment against an item (negative takes it back).
    public static func settle(payment: Int64, item: Int64, amount: Int64, at now: Int64, on store: Store) async throws {
        try await store.run(
            "INSERT INTO settlements (payment_id, item_id, amount, at) VALUES (\(bind: payment), \(bind: item), \(bind: amount), \(bind: now))"
        )
        try await store.run(
            "UPDATE open_items SET settled = settled + \(bind: amount), residual = residual - \(bind: amount) WHERE id = \(bind: item)")
    }

    /// Moves an open item's amount and what is left of it by `delta` (a document re-priced after it was booked).
    public static func adjustOpenItem(source: String, line: Int64, by delta: Int64, on store: Store) async throws {
        try await store.run(
            """
            UPDATE open_items SET amount = amount + \(bind: delta), residual = residual + \(bind: delta) WHERE source = \(bind: source) AND line_id = \(bind: line)
            """)
    }
}
